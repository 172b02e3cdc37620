"""The random-utility vote rule: pure functions from utilities to choice probabilities.

See docs/model.md for the equations.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .council import AFFIRMATIVE_VOTES_NEEDED, Ballot

CHOICES = (Ballot.yes, Ballot.abstain, Ballot.no)


def dimension_losses(
    position: Sequence[float], salience: Sequence[float], point: Sequence[float]
) -> list[float]:
    """Per dimension, the loss ``s_d * |point_d - position_d| / 100`` of an outcome ``point``."""
    return [s * abs(x - p) / 100.0 for p, s, x in zip(position, salience, point, strict=True)]


def utility(position: list[float], salience: list[float], point: list[float]) -> float:
    """Linear-loss utility: 0 at the actor's position, falling with salience-weighted distance.
    The hot path's too (sim/engine/picture.py): lists by index, which compiled code reads fastest."""
    total = 0.0
    for d in range(len(point)):
        total -= salience[d] * abs(point[d] - position[d])
    return total / 100.0


def stance(delta: float, noise: float) -> float:
    """How firmly an actor is for (+1) or against (-1) a draft, given its utility gain."""
    return math.tanh(delta / (3 * noise))


def vote_values(
    gain: float, cost_of_no: float, inducement: float = 0.0, apart: float = 0.0
) -> tuple[float, float, float]:
    """Systematic utilities of (yes, abstain, no): abstaining is the zero point, less the price of
    standing apart from a text likely to pass (``apart``); an inducement adds to a yes only."""
    return gain + inducement, 0.0 - apart, -gain - cost_of_no


def choice_probabilities(values: Sequence[float], noise: float) -> tuple[float, float, float]:
    """Logit probabilities of (yes, abstain, no) with Gumbel noise of scale ``noise``."""
    yes, abstain, no = values
    return logit(yes, abstain, no, noise)


def logit(yes: float, abstain: float, no: float, noise: float) -> tuple[float, float, float]:
    """:func:`choice_probabilities` of the values (``yes``, ``abstain``, ``no``), as plain floats:
    the one ballot formula, which the hot path (``GainCache._ballot``) calls too."""
    top = max(max(yes, abstain), no)  # max(yes, abstain, no), as two-argument calls mypyc compiles inline
    w_yes = math.exp((yes - top) / noise)
    w_abstain = math.exp((abstain - top) / noise)
    w_no = math.exp((no - top) / noise)
    total = w_yes + w_abstain + w_no  # not sum(): its rounding differs between Python versions
    return w_yes / total, w_abstain / total, w_no / total


def draw(probabilities: Sequence[float], u: float) -> Ballot:
    """The ballot that a uniform draw ``u`` in [0, 1) selects."""
    if u < probabilities[0]:
        return Ballot.yes
    if u < probabilities[0] + probabilities[1]:
        return Ballot.abstain
    return Ballot.no


def outcome_odds(
    probabilities: list[tuple[float, float, float]], permanent: list[bool], procedural: bool
) -> tuple[float, float, float]:
    """Exact probabilities of (adopted, vetoed, failed) for independent voters, from each member's
    (yes, abstain, no) probabilities and whether it has a veto (``permanent``), side by side.

    The number of yes votes is counted by dynamic programming over the members: ``counts[k]``
    is the probability of exactly k yes votes among the members so far. A permanent member
    that does not veto votes yes with its probability of yes given no "no".
    """
    no_veto = 1.0
    counts = [1.0]
    for i in range(len(probabilities)):
        p_yes, p_abs, p_no = probabilities[i]
        if permanent[i] and not procedural:
            no_veto *= 1.0 - p_no
            conditional_yes = p_yes / (p_yes + p_abs) if p_yes + p_abs > 0 else 0.0
        else:
            conditional_yes = p_yes
        not_yes = 1 - conditional_yes
        # in place, from the top down: counts[k] takes counts[k - 1] before it changes
        counts.append(counts[-1] * conditional_yes)
        for k in range(len(counts) - 2, 0, -1):
            counts[k] = counts[k - 1] * conditional_yes + counts[k] * not_yes
        counts[0] = counts[0] * not_yes
    enough = 0.0  # not sum(): its rounding differs between Python versions
    for k in range(AFFIRMATIVE_VOTES_NEEDED, len(counts)):
        enough += counts[k]
    adopted = no_veto * enough
    vetoed = 1.0 - no_veto
    failed = 1.0 - adopted - vetoed
    return adopted, vetoed, failed if failed > 0.0 else 0.0

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


def adoption_odds(
    probabilities: list[tuple[float, float, float]], permanent: list[bool], procedural: bool
) -> float:
    """P(adopted) alone, as :func:`outcome_odds` works it out (the same sums in the same order, so
    the same number), at half the work: only the roll calls with no veto cast are counted."""
    clear = [1.0]
    for i in range(len(probabilities)):
        p_yes, p_abs, p_no = probabilities[i]
        stays = p_abs + (0.0 if permanent[i] and not procedural else p_no)
        clear.append(clear[-1] * p_yes)
        for k in range(len(clear) - 2, 0, -1):
            clear[k] = clear[k - 1] * p_yes + clear[k] * stays
        clear[0] = clear[0] * stays
    adopted = 0.0
    for k in range(AFFIRMATIVE_VOTES_NEEDED, len(clear)):
        adopted += clear[k]
    return adopted


def outcome_odds(
    probabilities: list[tuple[float, float, float]], permanent: list[bool], procedural: bool
) -> tuple[float, float, float]:
    """Exact probabilities of (adopted, vetoed, failed) for independent voters, from each member's
    (yes, abstain, no) probabilities and whether it has a veto (``permanent``), side by side.

    The number of yes votes is counted by dynamic programming over the members, apart for the
    roll calls with no permanent "no" (``clear[k]``: exactly k yes votes and no veto cast) and
    those with one (``barred[k]``). Nine yes votes or more: adopted when clear, vetoed when
    barred; fewer: failed, a permanent member's "no" then being no veto (council.decide).
    """
    clear = [1.0]
    barred = [0.0]
    for i in range(len(probabilities)):
        p_yes, p_abs, p_no = probabilities[i]
        vetoes = permanent[i] and not procedural
        stays = p_abs + (0.0 if vetoes else p_no)  # neither a yes nor a veto
        bars = p_no if vetoes else 0.0
        # in place, from the top down: index k takes k - 1 before it changes
        clear.append(clear[-1] * p_yes)
        barred.append(barred[-1] * p_yes)
        for k in range(len(clear) - 2, 0, -1):
            barred[k] = barred[k - 1] * p_yes + barred[k] * (stays + bars) + clear[k] * bars
            clear[k] = clear[k - 1] * p_yes + clear[k] * stays
        barred[0] = barred[0] * (stays + bars) + clear[0] * bars
        clear[0] = clear[0] * stays
    adopted = 0.0  # not sum(): its rounding differs between Python versions
    vetoed = 0.0
    for k in range(AFFIRMATIVE_VOTES_NEEDED, len(clear)):
        adopted += clear[k]
        vetoed += barred[k]
    failed = 1.0 - adopted - vetoed
    return adopted, vetoed, failed if failed > 0.0 else 0.0

"""The random-utility vote rule: pure functions from utilities to choice probabilities.

See docs/model.md for the equations.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from .council import AFFIRMATIVE_VOTES_NEEDED, Ballot

CHOICES = (Ballot.yes, Ballot.abstain, Ballot.no)


def dimension_losses(
    position: Sequence[float], salience: Sequence[float], point: Sequence[float]
) -> list[float]:
    """Per dimension, the loss ``s_d * |point_d - position_d| / 100`` of an outcome ``point``."""
    return [s * abs(x - p) / 100.0 for p, s, x in zip(position, salience, point, strict=True)]


def utility(position: Sequence[float], salience: Sequence[float], point: Sequence[float]) -> float:
    """Linear-loss utility: 0 at the actor's position, falling with salience-weighted distance."""
    total = 0.0
    for p, s, x in zip(position, salience, point, strict=True):
        total -= s * abs(x - p)
    return total / 100.0


def stance(delta: float, noise: float) -> float:
    """How firmly an actor is for (+1) or against (-1) a draft, given its utility gain."""
    return math.tanh(delta / (3 * noise))


def vote_values(gain: float, cost_of_no: float, inducement: float = 0.0) -> tuple[float, float, float]:
    """Systematic utilities of (yes, abstain, no): abstaining is the zero point; an inducement
    adds to the value of a yes only."""
    return gain + inducement, 0.0, -gain - cost_of_no


def choice_probabilities(values: Sequence[float], noise: float) -> tuple[float, float, float]:
    """Logit probabilities of (yes, abstain, no) with Gumbel noise of scale ``noise``."""
    yes, abstain, no = values
    top = max(values)
    weights = (math.exp((yes - top) / noise), math.exp((abstain - top) / noise), math.exp((no - top) / noise))
    total = sum(weights)
    return weights[0] / total, weights[1] / total, weights[2] / total


def draw(probabilities: Sequence[float], u: float) -> Ballot:
    """The ballot that a uniform draw ``u`` in [0, 1) selects."""
    if u < probabilities[0]:
        return Ballot.yes
    if u < probabilities[0] + probabilities[1]:
        return Ballot.abstain
    return Ballot.no


def outcome_probabilities(
    members: Sequence[tuple[tuple[float, float, float], bool]], procedural: bool
) -> tuple[float, float, float]:
    """Exact probabilities of (adopted, vetoed, failed) for independent voters.

    ``members`` holds each member's (yes, abstain, no) probabilities and whether it has a veto.
    """
    no_veto = 1.0
    yes_counts = [1.0]  # yes_counts[k]: probability of exactly k yes votes among members so far
    for (p_yes, p_abs, p_no), permanent in members:
        if permanent and not procedural:
            no_veto *= 1.0 - p_no
            conditional_yes = p_yes / (p_yes + p_abs) if p_yes + p_abs > 0 else 0.0
        else:
            conditional_yes = p_yes
        not_yes = 1 - conditional_yes
        yes_counts = [
            yes_counts[0] * not_yes,
            *[fewer * conditional_yes + same * not_yes for fewer, same in pairwise(yes_counts)],
            yes_counts[-1] * conditional_yes,
        ]
    enough = sum(yes_counts[AFFIRMATIVE_VOTES_NEEDED:])
    adopted = no_veto * enough
    vetoed = 1.0 - no_veto
    return adopted, vetoed, max(0.0, 1.0 - adopted - vetoed)

"""The random-utility vote rule, as pure functions."""

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.engine.council import Ballot, decide
from sim.engine.voting import (
    adoption_odds,
    choice_probabilities,
    draw,
    logit,
    outcome_odds,
    utility,
    vote_values,
)


def test_utility_is_zero_at_the_ideal_and_falls_with_salient_distance():
    assert utility([50, 50], [1, 1], [50, 50]) == 0
    assert utility([50, 50], [1, 0], [0, 100]) == pytest.approx(-0.5)
    assert utility([50, 50], [0.5, 0.5], [0, 100]) == pytest.approx(-0.5)


def test_a_permanent_member_that_dislikes_a_draft_less_than_a_veto_costs_abstains():
    gain, veto_price = -0.2, 0.35
    _, p_abstain, p_no = choice_probabilities(vote_values(gain, veto_price), noise=0.05)
    assert p_abstain > 0.9 and p_no < p_abstain
    _, p_abstain, p_no = choice_probabilities(vote_values(-0.6, veto_price), noise=0.05)
    assert p_no > 0.9


def test_probabilities_are_a_distribution_and_noise_flattens_them():
    sharp = choice_probabilities(vote_values(0.1, 0.1), noise=0.01)
    flat = choice_probabilities(vote_values(0.1, 0.1), noise=10)
    assert math.isclose(sum(sharp), 1) and math.isclose(sum(flat), 1)
    assert sharp[0] > 0.99
    assert max(flat) - min(flat) < 0.05


def test_draw_maps_uniform_numbers_onto_ballots():
    probs = (0.5, 0.3, 0.2)
    assert draw(probs, 0.0) is Ballot.yes
    assert draw(probs, 0.6) is Ballot.abstain
    assert draw(probs, 0.95) is Ballot.no


def _enumerate(members, permanent, procedural):
    """Outcome probabilities by brute force over every roll call, through Article 27 itself."""
    totals = {"adopted": 0.0, "vetoed": 0.0, "failed": 0.0}
    names = [f"m{i}" for i in range(len(members))]
    choices = ("yes", "abstain", "no")
    for combo in itertools.product(range(3), repeat=len(members)):
        p = math.prod(members[i][c] for i, c in enumerate(combo))
        roll = {names[i]: choices[c] for i, c in enumerate(combo)}
        totals[decide(roll, {names[i] for i in permanent}, procedural).result.value] += p
    return totals


@pytest.mark.parametrize("procedural", [False, True])
def test_exact_outcome_probabilities_match_enumeration_through_article_27(procedural):
    # 10 members (3 permanent) keeps enumeration small: 3**10 roll calls; 9 yes still needed.
    members = (
        [(0.9, 0.05, 0.05), (0.6, 0.3, 0.1), (0.2, 0.3, 0.5)]
        + [(0.8, 0.15, 0.05)] * 5
        + [(0.5, 0.4, 0.1)] * 2
    )
    permanent = {0, 1, 2}
    expected = _enumerate(members, permanent, procedural)
    got = outcome_odds(members, [i in permanent for i in range(len(members))], procedural)
    assert got == pytest.approx((expected["adopted"], expected["vetoed"], expected["failed"]), abs=1e-9)


# The ballot formula is written once, voting.logit; the hot path (GainCache._ballot) and
# DiplomacyModel.ballot_probabilities both call it. These pin the two paths to the equations.

_values = st.floats(min_value=-50, max_value=50, allow_nan=False)


@given(_values, _values, _values, st.floats(min_value=1e-3, max_value=10))
def test_logit_is_the_logit_with_the_builtin_max(yes, abstain, no, noise):
    top = max(yes, abstain, no)
    weights = [math.exp((v - top) / noise) for v in (yes, abstain, no)]
    total = weights[0] + weights[1] + weights[2]
    assert logit(yes, abstain, no, noise) == tuple(w / total for w in weights)
    assert choice_probabilities((yes, abstain, no), noise) == logit(yes, abstain, no, noise)


@pytest.mark.parametrize("seed", range(4))
def test_the_hot_path_gives_the_reference_probabilities_exactly(syria, seed):
    from sim import DiplomacyModel

    model = DiplomacyModel(syria, seed, explain=False, log_lobbying=False)
    while model.running:
        for draft in model.drafts.values():
            reference = [model.ballot_probabilities(m, draft) for m in model.council]
            assert model.council_probabilities(draft) == reference
        model.play_round()


@given(
    st.lists(st.tuples(st.floats(0.01, 1), st.floats(0.01, 1), st.floats(0.01, 1)), min_size=15, max_size=15)
)
def test_the_chance_of_adoption_alone_is_outcome_odds_first_number_exactly(weights):
    members = [(y / (y + a + n), a / (y + a + n), n / (y + a + n)) for y, a, n in weights]
    permanent = [i < 5 for i in range(15)]
    for procedural in (False, True):
        assert (
            adoption_odds(members, permanent, procedural) == outcome_odds(members, permanent, procedural)[0]
        )

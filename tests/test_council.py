"""Article 27 on hand-built roll calls: the rule is a pure function of a roll call."""

import pytest
from shared import E10, P5

from sim.engine.council import Ballot, VoteResult, decide, press_statement


def roll_call(yes=(), no=(), abstain=(), absent=()):
    """A full Council roll call: everyone not named votes yes."""
    votes = {m: "yes" for m in P5 + E10}
    for group, ballot in ((yes, "yes"), (no, "no"), (abstain, "abstain"), (absent, "absent")):
        for member in group:
            votes[member] = ballot
    return votes


def test_july_2012_roll_call_is_a_double_veto():
    votes = roll_call(no=["China", "Russian Federation"], abstain=["Pakistan", "South Africa"])
    outcome = decide(votes, P5, procedural=False)
    assert outcome.result is VoteResult.vetoed
    assert outcome.vetoed_by == ("China", "Russian Federation")
    assert (outcome.yes, outcome.no, outcome.abstain) == (11, 2, 2)
    assert press_statement(outcome, votes) == (
        "11 in favour, 2 against (China, Russian Federation), 2 abstentions (Pakistan, South Africa). "
        "The draft was not adopted, owing to the negative votes of permanent members."
    )


def test_unanimous_adoption():
    votes = roll_call()
    outcome = decide(votes, P5, procedural=False)
    assert outcome.result is VoteResult.adopted and outcome.vetoed_by == ()
    assert press_statement(outcome, votes) == (
        "15 in favour, none against, no abstentions. The draft was adopted unanimously."
    )


def test_permanent_abstention_is_not_a_veto():
    # As with resolution 1973 (2011): adopted 10-0-5, China and Russia abstaining.
    votes = roll_call(abstain=["China", "Russian Federation", "Germany", "India", "Pakistan"])
    outcome = decide(votes, P5, procedural=False)
    assert (outcome.yes, outcome.no, outcome.abstain) == (10, 0, 5)
    assert outcome.result is VoteResult.adopted and outcome.vetoed_by == ()


def test_permanent_absence_is_not_a_veto():
    outcome = decide(roll_call(absent=["Russian Federation"]), P5, procedural=False)
    assert outcome.result is VoteResult.adopted
    assert outcome.absent == 1


def test_single_veto_against_fourteen():
    votes = roll_call(no=["United States"])
    outcome = decide(votes, P5, procedural=False)
    assert outcome.result is VoteResult.vetoed and outcome.vetoed_by == ("United States",)
    assert press_statement(outcome, votes).endswith("owing to the negative vote of a permanent member.")


def test_elected_no_votes_do_not_veto():
    outcome = decide(roll_call(no=["Pakistan", "South Africa", "India"]), P5, procedural=False)
    assert outcome.result is VoteResult.adopted and outcome.vetoed_by == ()


@pytest.mark.parametrize("procedural", [False, True])
def test_fewer_than_nine_yes_fails_without_veto(procedural):
    votes = roll_call(abstain=E10[:7])  # 8 yes
    outcome = decide(votes, P5, procedural=procedural)
    assert outcome.yes == 8
    assert outcome.result is VoteResult.failed and outcome.vetoed_by == ()
    assert "failed to obtain the required nine votes" in press_statement(outcome, votes)


def test_exactly_nine_yes_adopts():
    outcome = decide(roll_call(abstain=E10[:6]), P5, procedural=False)
    assert outcome.yes == 9 and outcome.result is VoteResult.adopted


def test_procedural_draft_ignores_permanent_no():
    votes = roll_call(no=["China", "Russian Federation"])
    assert decide(votes, P5, procedural=True).result is VoteResult.adopted
    assert decide(votes, P5, procedural=False).result is VoteResult.vetoed


def test_a_permanent_no_on_a_draft_short_of_nine_votes_is_no_veto():
    """The Council's records count a veto only where the draft had the votes to pass: short of
    nine, it fails "having failed to obtain the required number of votes", whoever voted no."""
    votes = roll_call(no=["France"], abstain=E10)
    outcome = decide(votes, P5, procedural=False)
    assert outcome.yes == 4 and outcome.result is VoteResult.failed and outcome.vetoed_by == ()
    nine = roll_call(no=["France"], abstain=E10[5:])  # the other five elected members vote yes
    outcome = decide(nine, P5, procedural=False)
    assert outcome.yes == 9 and outcome.result is VoteResult.vetoed and outcome.vetoed_by == ("France",)


def test_several_vetoes_are_all_named():
    votes = roll_call(no=["United States", "United Kingdom", "France"])
    outcome = decide(votes, P5, procedural=False)
    assert outcome.vetoed_by == ("France", "United Kingdom", "United States")


def test_ballots_accept_enum_or_text():
    votes = {m: Ballot.yes for m in P5 + E10}
    assert decide(votes, P5, procedural=False) == decide(roll_call(), P5, procedural=False)


def test_unknown_ballot_is_rejected():
    with pytest.raises(ValueError):
        decide({"China": "maybe"}, P5, procedural=False)

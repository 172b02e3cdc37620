"""The engine's public API for a player: moves, paused roll calls, and their effects."""

import pytest

from sim import DiplomacyModel, run_scenario
from sim.engine.moves import Amend, CallVote, Cast, Inducement, Lobby, Statement, Withdraw
from sim.errors import MoveError


def play_to_end(model, ballots=None):
    while model.running:
        while (draft := model.next_vote()) is not None:
            model.cast((ballots or {}).get(draft.key))
    return model.record


def test_pausing_at_each_roll_call_plays_exactly_the_same_game(syria):
    model = DiplomacyModel(syria, seed=4)
    assert play_to_end(model).to_json() == run_scenario(syria, 4).to_json()


def test_a_vote_waits_for_the_player_and_others_ballots_do_not_depend_on_it(syria):
    runs = {}
    for ballot in ("yes", "no"):
        model = DiplomacyModel(syria, seed=9, player="russian-federation")
        while (draft := model.next_vote()) is None:
            pass
        assert draft.key == "s-2012-538" and model.pending_vote is draft
        runs[ballot] = model.cast({"russian-federation": ballot})
    assert "Russian Federation" in runs["no"].vetoed_by
    assert "Russian Federation" not in runs["yes"].vetoed_by
    others = [m for m in runs["yes"].roll_call if m != "Russian Federation"]
    assert [runs["yes"].roll_call[m] for m in others] == [runs["no"].roll_call[m] for m in others]


def test_a_queued_ballot_is_used_when_the_round_is_stepped(syria):
    model = DiplomacyModel(syria, seed=1, player="china")
    for _ in range(6):
        model.step()
    model.submit(Cast("china", "s-2012-538", "yes"))
    model.step()
    assert model.record.votes[0].roll_call["China"] == "yes"


def test_the_lead_sponsor_amends_and_calls_the_vote_early(syria):
    model = DiplomacyModel(syria, seed=2, player="united-kingdom")
    while model.date.isoformat() < "2012-07-11":
        model.step()
    model.step()  # 11 July: the draft is tabled
    model.submit(Amend("united-kingdom", "s-2012-538", "coercion", 60))
    model.submit(CallVote("united-kingdom", "s-2012-538"))
    record = model.play_round()
    assert [(r.dimension, r.before, r.after) for r in record.revisions] == [("coercion", 70.0, 60.0)]
    assert record.votes == ["S/2012/538"]
    assert model.record.votes[0].position["coercion"] == 60.0
    assert type(model.record.votes[0].position["coercion"]) is float  # given as the int 60
    assert any(d.action == "called" and "player" in d.reason for d in record.decisions)


def test_a_lead_sponsor_player_who_never_calls_the_vote_sees_its_draft_lapse(syria):
    model = DiplomacyModel(syria, seed=2, player="united-kingdom")
    record = model.run()
    assert record.drafts["s-2012-538"]["status"] == "lapsed"


def test_withdrawing(syria):
    model = DiplomacyModel(syria, seed=2, player="united-kingdom")
    for _ in range(3):
        model.step()
    model.submit(Withdraw("united-kingdom", "s-2012-538"))
    record = model.play_round()
    assert [(d.draft, d.action) for d in record.decisions if d.action == "withdrawn"] == [
        ("s-2012-538", "withdrawn")
    ]


def test_lobbying_moves_the_target_and_spends_capital(syria):
    quiet = DiplomacyModel(syria, seed=3, player="united-states")
    pushed = DiplomacyModel(syria, seed=3, player="united-states")
    for model in (quiet, pushed):
        for _ in range(2):
            model.step()
    pushed.submit(Lobby("united-states", "pakistan", "coercion", 0.6))
    assert pushed.capital_left("united-states") == pytest.approx(0.4)
    quiet.step()
    pushed.step()
    index = pushed.dims.index("coercion")
    assert pushed.actors["pakistan"].position[index] > quiet.actors["pakistan"].position[index] + 1


def test_an_inducement_raises_the_chance_of_a_yes(syria):
    plain = DiplomacyModel(syria, seed=3, player="gulf-states")
    offered = DiplomacyModel(syria, seed=3, player="gulf-states")
    for model in (plain, offered):
        for _ in range(3):
            model.step()
    offered.submit(Inducement("gulf-states", "pakistan", 0.5))
    plain.step()
    offered.step()
    draft = offered.drafts["s-2012-538"]
    p_plain = plain.ballot_probabilities(plain.actors["pakistan"], plain.drafts["s-2012-538"])[0]
    p_offered = offered.ballot_probabilities(offered.actors["pakistan"], draft)[0]
    assert p_offered > p_plain


def test_a_public_statement_raises_the_price_of_a_veto_which_then_fades(syria):
    """statement_rate x pressure, in the record; settling then takes the anchor's share of it away."""
    model = DiplomacyModel(syria, seed=3, player="united-states")
    china = model.actors["china"].state
    before = china.cost_of_no(False)
    model.submit(Statement("united-states", "china", 0.5))
    round_ = model.play_round()
    (line,) = [p for p in round_.pressure if p.actor == "United States"]
    assert (line.kind, line.target, line.amount, line.effect) == ("statement", "China", 0.5, 0.05)
    fade = 1 - model.parameters.anchor
    assert china.cost_of_no(False) == pytest.approx(before + 0.05 * fade)
    assert china.cost_veto == before  # its own price is untouched: only the pressure fades


@pytest.mark.parametrize(
    ("player", "move", "message"),
    [
        ("united-states", Lobby("united-states", "pakistan", "coercion", 1.5), "political capital"),
        ("united-states", Lobby("united-states", "turkey", "coercion", 0.1), "not another member"),
        ("united-states", Lobby("united-states", "pakistan", "coersion", 0.1), "unknown dimension"),
        ("united-states", Statement("united-states", "pakistan", 0.2), "no veto"),
        ("united-states", CallVote("united-states", "s-2012-538"), "not on the table"),
        ("united-states", Lobby("china", "pakistan", "coercion", 0.1), "only the player's actor"),
        ("gulf-states", Cast("gulf-states", "s-2012-538", "yes"), "no seat"),
        ("china", Cast("china", "s-2012-538", "maybe"), "yes, no or abstain"),
    ],
)
def test_moves_the_rules_do_not_allow_are_refused(syria, player, move, message):
    model = DiplomacyModel(syria, seed=0, player=player)
    with pytest.raises(MoveError, match=message):
        model.submit(move)


def test_only_a_sponsor_may_call_the_vote(syria):
    model = DiplomacyModel(syria, seed=0, player="china")
    for _ in range(3):
        model.step()
    with pytest.raises(MoveError, match="only a sponsor"):
        model.submit(CallVote("china", "s-2012-538"))


def test_a_co_sponsor_player_decides_for_its_draft(syria):
    model = DiplomacyModel(syria, seed=0, player="united-states")
    for _ in range(3):
        model.step()
    model.submit(Amend("united-states", "s-2012-538", "transition", 60))
    model.submit(CallVote("united-states", "s-2012-538"))
    record = model.play_round()
    assert record.votes == ["S/2012/538"] and record.revisions[0].sponsor == "United States"

"""Games: undo, rewind, save and load replay exactly (engine side of the terminal game)."""

import json

import pytest

from sim import load_scenario
from sim.engine.drafts import DraftStatus
from sim.engine.moves import CallVote, Lobby, Statement
from sim.errors import SaveError
from sim.play.game import Game
from sim.play.news import round_items
from sim.play.view import build


def play_out(game, ballot="no"):
    while not game.over:
        while game.next_vote() is not None:
            game.cast(ballot if game.player_votes else None)
    return game.record.to_json()


def test_an_observer_game_matches_a_headless_run(syria):
    from sim import run_scenario

    assert play_out(Game(syria, seed=6)) == run_scenario(syria, 6).to_json()


def test_undo_and_rewind_replay_the_same_rounds(syria):
    game = Game(syria, seed=2, player="united-states")
    for _ in range(3):
        game.play_round()
    game.submit(Lobby("united-states", "pakistan", "coercion", 0.5))
    after_four = game.play_round()
    game.undo()
    assert len(game.rounds) == 3
    game.submit(Lobby("united-states", "pakistan", "coercion", 0.5))
    assert game.play_round() == after_four
    game.rewind(1)
    assert len(game.record.rounds) == 1 and len(game.rounds) == 1


def test_undo_first_drops_moves_queued_for_the_coming_round(syria):
    game = Game(syria, seed=2, player="united-states")
    game.play_round()
    game.submit(Statement("united-states", "china", 0.3))
    game.undo()
    assert game.current == [] and len(game.rounds) == 1


def test_save_then_load_replays_identically(syria, tmp_path):
    game = Game(syria, seed=5, player="russian-federation")
    for _ in range(4):
        game.play_round()
    game.submit(Lobby("russian-federation", "pakistan", "transition", 0.4))
    path = game.save(tmp_path / "game.json")
    assert not game.dirty
    loaded = Game.load(path)
    assert loaded.record.to_json() == game.record.to_json()
    assert loaded.current == game.current
    assert play_out(loaded) == play_out(game)


def test_loading_against_a_changed_scenario_says_so(scenario_copy, tmp_path):
    folder = scenario_copy
    game = Game(load_scenario(folder), seed=1)
    game.play_round()
    path = game.save(tmp_path / "game.json")
    profile = folder / "actors" / "china.yaml"
    profile.write_text(profile.read_text().replace("capability: 0.6", "capability: 0.7"))
    with pytest.raises(SaveError, match="has changed since this game was saved"):
        Game.load(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not a diplosim save file"), ('{"format": "other"}', "not a diplosim save file")],
)
def test_damaged_saves_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SaveError, match=message):
        Game.load(path)


def test_a_save_is_plain_json_with_the_seed_and_the_moves(syria, tmp_path):
    game = Game(syria, seed=8, player="united-states")
    game.submit(Statement("united-states", "china", 0.2))
    game.play_round()
    data = json.loads(game.save(tmp_path / "g.json").read_text())
    assert data["seed"] == 8 and data["player"] == "united-states"
    assert data["rounds"][0] == [
        {"kind": "statement", "actor": "united-states", "target": "china", "pressure": 0.2}
    ]


def test_before_a_draft_is_tabled_the_council_leans_on_the_first_text_circulated(syria):
    game = Game(syria, 1, "pakistan")
    assert game.model.focus() is None  # nothing on the table on 6 July
    assert game.focus().key == "s-2012-538"  # circulated, to be tabled on 11 July
    snapshot = game.leanings()
    assert snapshot.focus == "s-2012-538" and set(snapshot.leanings) == set(syria.spec.council.elected) | set(
        syria.spec.council.permanent
    )
    symbol, why = game.reasons("china")
    assert symbol == "S/2012/538" and why["vote"] == "no"
    # A text its adoption would pre-empt is never in focus: with S/2012/538 adopted, the final
    # renewal (tabled only unless it is) cannot come up.
    game.model.drafts["s-2012-538"].status = DraftStatus.adopted
    assert game.focus() is None  # nor the Russian draft, which answers S/2012/538 only while it is open


def test_the_moved_column_has_a_value_from_the_first_round_on(syria):
    """The newcomer's "Moved column after round 1": empty, for want of a picture before it."""
    game = Game(syria, 1, "pakistan")
    assert all(m.previous is None for m in build(game).members)  # nothing played yet
    game.play_round()
    members = build(game).members
    assert all(m.previous is not None for m in members)
    assert members[0].previous == game.snapshots[0].leanings[members[0].key]


def test_during_a_roll_call_the_council_leans_on_the_draft_voted_on(syria):
    """Russia calls its own draft while the Western one, tabled first, is still the focus: the
    Council table, the why screen and the snapshot show the leanings on the Russian draft."""
    game = Game(syria, 1, "russian-federation")
    while game.model.drafts["russia-rival"].status != DraftStatus.open:
        game.play_round()
    game.submit(CallVote("russian-federation", "russia-rival"))
    voted = game.next_vote()
    assert voted is not None and voted.key == "russia-rival"
    assert game.focus().key == "s-2012-538"  # the Western draft comes first on 19 July
    view = build(game)
    rival = game.model.drafts["russia-rival"]
    assert view.focus == "russia-rival"
    assert {m.key: m.leaning for m in view.members} == game.model.leanings(rival)
    assert game.reasons("china")[0] == rival.symbol


def test_a_call_for_a_vote_its_draft_leaves_the_table_before_is_said_not_swallowed(syria):
    """The newcomer's Russia called the vote on its draft on 19 July; S/2012/538, tabled first, was
    voted on first, and the Russian draft lapsed with it: the call vanished without a word."""
    game = Game(syria, 0, "russian-federation")
    while game.model.date.isoformat() < "2012-07-19":
        game.play_round()
    game.submit(CallVote("russian-federation", "russia-rival"))
    played = game.play_round()
    [unheard] = [d for d in played.decisions if d.action == "unheard"]
    assert (unheard.draft, unheard.actor) == ("russia-rival", "Russian Federation")
    assert "lapsed before its turn came" in unheard.reason
    said = [item.text for item in round_items(played) if item.tag == "NOT VOTED"]
    who = "Russian Federation's call for a vote"
    assert said == [f"{who} on {unheard.symbol} is not heard: {unheard.reason}"]

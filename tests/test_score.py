"""The score: a game played in a seat against the engine in that seat (sim/batch/score.py), from
`diplosim score SAVE` in a real subprocess and in the app's end summary, on the tests' fixture
scenario. Numbers are not asserted (the engine's behaviour changes); what is: the game's own seed
is the game played, the command and the summary give the same score for the same save and runs,
and bad saves are refused in one line. Runs are few (8) to keep the suite fast."""

from __future__ import annotations

import asyncio
import json

import pytest
from shared import FIXTURE
from terminal import diplosim
from textual.widgets import OptionList

from sim import load_scenario
from sim.batch.records import OUTCOMES
from sim.batch.score import score
from sim.engine.moves import Lobby
from sim.play.game import Game
from sim.play.objectives import objectives
from sim.play.played import OBSERVER_HAS_NO_SCORE, load_played, played_moves
from tui import DiplosimApp
from tui.catalog import Entry
from tui.screens.ballot import BallotScreen
from tui.screens.chamber import ChamberScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.moves import MoveScreen
from tui.screens.objectives import ObjectivesScreen
from tui.screens.rollcall import RollCallScreen
from tui.screens.summary import SummaryScreen

RUNS = 8
RUSSIA = "russian-federation"
WEST = "s-2012-538"


def played_game(seed: int = 2) -> Game:
    """Russia lobbies Pakistan in round 1 and abstains on S/2012/538, then plays to the end."""
    game = Game(load_scenario(FIXTURE), seed, RUSSIA)
    game.submit(Lobby(RUSSIA, "pakistan", "coercion", 0.5))
    while not game.over:
        draft = game.next_vote()
        if draft is not None:
            game.cast("abstain" if draft.key == WEST else None)
    return game


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    game = played_game()
    return game, game.save(tmp_path_factory.mktemp("score") / "diplosim-save.json")


def outcome(game: Game, draft: str) -> str:
    vote = next((v for v in game.record.votes if v.draft == draft), None)
    return vote.result if vote is not None else "not_voted"


def test_score_json_in_a_subprocess_is_the_game_against_the_engine_in_its_seat(saved):
    game, path = saved
    done = diplosim("score", path, "--runs", RUNS, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["seat"] == {"actor": RUSSIA, "name": "Russian Federation"}
    assert result["runs"] == RUNS and result["seed"] == result["root"] == game.seed
    assert result["moves"] == sum(len(r) for r in game.rounds) + len(game.current) == 2
    own = result["game"]["player"]
    assert own["utility"] == game.record.utility[RUSSIA]  # the game's own seed is the game played
    assert {key: fact["outcome"] for key, fact in own["drafts"].items()} == {
        key: outcome(game, key) for key in game.scenario.spec.drafts
    }
    for draft in result["drafts"].values():
        for side in ("player", "engine"):
            assert set(draft[side]) == set(OUTCOMES) and sum(draft[side].values()) == pytest.approx(1)
    difference = result["utility"]["player"]["mean"] - result["utility"]["engine"]["mean"]
    assert result["utility"]["difference"] == pytest.approx(difference)
    text = diplosim("score", path, "--runs", RUNS, "--workers", "1")
    assert text.returncode == 0 and text.stdout.splitlines() == result["lines"]
    assert f"over {RUNS} seeds" in result["lines"][0]
    assert sum(line.startswith("Utility ") for line in result["lines"]) == 1


def test_a_score_of_nothing_changed_says_why(syria):
    """The newcomer's three seats all scored +0.000 in July 2012 and were told nothing more."""
    idle = Game(syria, 1, "pakistan")
    while not idle.over:
        idle.play_round()
    result = score(idle.scenario, played_moves(idle), idle.seed, RUNS, workers=1)
    assert result["utility"]["difference"] == pytest.approx(0, abs=5e-4)
    assert any(line.startswith("Nothing you did changed an outcome") for line in result["lines"])


def test_the_score_is_the_same_on_one_worker_or_two_and_moves_a_root_seed_changes(saved):
    game, _ = saved
    one = score(game.scenario, played_moves(game), game.seed, RUNS, workers=1)
    two = score(game.scenario, played_moves(game), game.seed, RUNS, workers=2)
    assert one == two
    other = score(game.scenario, played_moves(game), game.seed, RUNS, root=game.seed + 1, workers=1)
    assert other["root"] == game.seed + 1 and other["game"] == one["game"]


def test_an_observers_save_and_a_broken_one_are_refused_in_one_line(tmp_path):
    observer = Game(load_scenario(FIXTURE), 1, None)
    observer.play_round()
    path = observer.save(tmp_path / "observer.json")
    done = diplosim("score", path, "--runs", RUNS)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == f"{path}:{_line_of(path, 'player')}: {OBSERVER_HAS_NO_SCORE}"
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "diplosim-save", "version": 1,\n', encoding="utf-8")
    done = diplosim("score", broken)
    assert done.returncode == 2 and done.stderr.startswith(f"{broken}:") and "Traceback" not in done.stderr


def _line_of(path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(f'"{key}"'))


SEATS = {
    # each seat type of issue 13, the move it makes in round 1 through the form, and its ballot
    # on S/2012/538
    "united-states": ({"kind": "statement", "target": RUSSIA, "amount": "0.5"}, "y"),  # permanent sponsor
    RUSSIA: ({"kind": "lobby", "target": "pakistan", "dimension": "coercion"}, "n"),  # permanent opponent
    "pakistan": (  # an elected swing member
        {"kind": "condition", "draft": WEST, "dimension": "coercion", "amount": "at most 60"},
        "a",
    ),
}


@pytest.mark.parametrize("seat", [*SEATS, None], ids=[*SEATS, "observer"])
async def test_each_seat_sees_its_objectives_plays_to_the_end_and_gets_its_score(syria, tmp_path, seat):
    """Pick the seat on the start screen (its objectives beside the roles), open them again with o
    in the chamber, make a move through the form, vote, play to the end: the summary shows the
    score, which is what `diplosim score --json` prints for the game saved (run as a command for
    Russia's game; for the others, the command's computation in this process). An observer has
    objectives of none and no score."""
    app = DiplosimApp(catalog=[Entry(FIXTURE, syria)], roll_call_delay=0, score_runs=RUNS)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("enter")  # the scenario; Observer is highlighted
        await pilot.pause()
        roles = app.screen.query_one("#roles", OptionList)
        if seat is not None:
            name = syria.spec.actors[seat].name
            for _ in range(roles.option_count):
                if name in str(roles.get_option_at_index(roles.highlighted).prompt):
                    break
                await pilot.press("down")
                await pilot.pause()
        pane = str(app.screen.query_one("#start-objectives").render())
        wanted = objectives(syria, seat).lines if seat is not None else []
        assert (
            ("no objectives" in pane) if seat is None else all(w.split(" (")[0] in pane for w in wanted[:1])
        )
        await pilot.press("enter")
        assert isinstance(app.screen, ChamberScreen) and app.game.player == seat
        await pilot.press("o")
        assert isinstance(app.screen, ObjectivesScreen)
        shown = str(app.screen.query_one("#objectives").render())
        for line in wanted:
            assert line.split(" (")[0] in shown
        await pilot.press("escape")
        if seat is not None:
            fields, ballot = SEATS[seat]
            await pilot.press("m")
            form = app.screen
            assert isinstance(form, MoveScreen)
            form.query_one("#kind").value = fields["kind"]
            await pilot.pause()
            for name, value in fields.items():
                if name != "kind":
                    form.query_one(f"#{name}").value = value
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is not form and len(app.game.current) == 1, str(
                form.query_one("#move-hint").render()
            )
        for _ in range(40):
            if isinstance(app.screen, SummaryScreen):
                break
            if isinstance(app.screen, BallotScreen):
                await pilot.press(ballot if app.game.pending_vote.key == WEST else "y")
            elif isinstance(app.screen, RollCallScreen):
                await pilot.press("enter")
            elif isinstance(app.screen, ConfirmScreen):  # Russia's own draft, left uncalled
                await pilot.press("y")
            else:
                await pilot.press("v")
            await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        if seat is None:
            assert summary.score is None
            return
        for _ in range(600):
            if summary.score is not None:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()
        assert summary.score is not None
        shown = str(summary.query_one("#score").render())
        assert "Your score" in shown
        for line in summary.score["lines"]:
            assert line.split(": ")[0] in shown
        path = app.game.save(tmp_path / "game.json")
    assert len(played_moves(app.game).rounds[0]) == 1  # the move made through the form, replayed
    if seat == RUSSIA:  # the command itself, once
        done = diplosim("score", path, "--runs", RUNS, "--json")
        assert done.returncode == 0, done.stderr
        scored = json.loads(done.stdout)
    else:  # what the command computes for the save (sim/cli/score.py), in this process
        game = load_played(path)
        scored = json.loads(json.dumps(score(game.scenario, played_moves(game), game.seed, RUNS)))
    assert scored == json.loads(json.dumps(summary.score))

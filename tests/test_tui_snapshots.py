"""Snapshots of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after a deliberate change of the UI with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at the report before committing.

The games and the editor run on the tests' frozen fixture scenario (tests/conftest.py), so an edit
of a shipped profile changes no picture. The start screen lists the shipped scenarios (their
titles and summaries, no numbers), as a player sees them.
"""

import shutil
from pathlib import Path

import pytest
from pilots import press
from shared import DATA, FIXTURE
from textual.widgets import Input

from sim import load_scenario
from sim.play.game import Game
from tui import DiplosimApp
from tui.catalog import load_catalog
from tui.screens.editor import EditorScreen
from tui.widgets.profile_text import ProfileText

SMALL, LARGE = (80, 24), (120, 40)


def game_app(player=None, seed=1, theme="textual-dark", scenario=FIXTURE):
    """A notice stays as long as the test (it would go after 3 s of the wall's clock, which a
    busy machine can take to play the rounds that follow it: the picture then lost it)."""
    game = Game(load_scenario(scenario), seed, player)
    app = DiplosimApp(game=game, roll_call_delay=0, notice_seconds=3600)
    app.theme = theme
    return app


def keys(*presses):
    """Each key once the app waits for it (a step of play done, or its dialog on top)."""

    async def run_before(pilot):
        await press(pilot, *presses)

    return run_before


@pytest.mark.shipped
@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_start_screen(snap_compare, size):
    app = DiplosimApp(catalog=load_catalog(), roll_call_delay=0)
    assert snap_compare(app, terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_chamber_mid_negotiation(snap_compare, size):
    assert snap_compare(game_app(), terminal_size=size, run_before=keys(*"nnnnn"))


def test_chamber_light_theme(snap_compare):
    assert snap_compare(game_app(theme="textual-light"), terminal_size=SMALL, run_before=keys(*"nnnnn"))


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_roll_call(snap_compare, size):
    assert snap_compare(game_app(), terminal_size=size, run_before=keys("v"))


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_players_ballot(snap_compare, size):
    """Beside the Council table, whose leanings on the draft stay in view. Russia plays on past
    its own draft's tabling (v stops there), answers that it plays on without calling it (y),
    then casts its ballot on S/2012/538."""
    app = game_app("russian-federation", seed=3)
    assert snap_compare(app, terminal_size=size, run_before=keys("v", "v", "y"))


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_why(snap_compare, size):
    """China's reasons in words, with the keys of the screen in its footer."""
    assert snap_compare(game_app(), terminal_size=size, run_before=keys(*"nnnn", "w"))


def test_why_numbers(snap_compare):
    """The numbers behind the words, one key away."""
    assert snap_compare(game_app(), terminal_size=SMALL, run_before=keys(*"nnnn", "w", "d"))


def test_move_form(snap_compare):
    assert snap_compare(game_app("united-states"), terminal_size=SMALL, run_before=keys(*"nnn", "m"))


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_summary_after_the_last_vote(snap_compare, size):
    """On the fixture with the July 2012 votes as its own record (the fixture names none)."""
    app = game_app(scenario=DATA / "scenarios" / "recorded")
    assert snap_compare(app, terminal_size=size, run_before=keys(*"v", "enter", "v", "enter"))


def test_help(snap_compare):
    assert snap_compare(game_app(), terminal_size=SMALL, run_before=keys("question_mark"))


def test_terminal_too_small(snap_compare):
    assert snap_compare(game_app(), terminal_size=(60, 20))


# -- the profile editor: on a copy of the fixture whose Russian profile is fixed here, so the picture
# depends on the editor and the engine, not on later edits of the fixture's comments.

RUSSIA = """\
# Russian Federation: permanent member; the Assad government's main protector on the Council.
id: russian-federation
name: Russian Federation
kind: state
seat: permanent
summary: Rejects any Chapter VII threat and any transition imposed from outside.
capability: 0.8
susceptibility: 0.05
ideal:
  coercion: {low: 0, high: 8}   # a range: each run draws a value
  transition: 10
  mission: 75
salience:
  coercion: 0.9
  transition: 0.8
  mission: 0.4
alignments:
  china: 0.5
  assad-government: 0.4
  united-states: -0.4
costs:
  against: 0.1
  veto: {low: 0.15, high: 0.3}
forcing: 0.1
"""


@pytest.fixture
def editable(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "seeds", tmp_path / "seeds")
    folder = Path(shutil.copytree(FIXTURE, tmp_path / "scenarios" / "syria-2012-07"))
    (folder / "actors" / "russian-federation.yaml").write_text(RUSSIA)
    return folder


def editor_app(folder: Path) -> DiplosimApp:
    app = DiplosimApp(catalog=[], edit=folder, actor="russian-federation", preview_runs=40)
    app.theme = "textual-dark"
    return app


def edit_then_settle(*presses):
    """Press keys in the editor, then wait for the checks and the preview to finish."""

    async def run_before(pilot):
        pilot.app.screen.query_one(ProfileText).cursor_blink = False  # the same picture every time
        for key in presses:
            await pilot.press(key)
        for field in pilot.app.screen.query(Input):  # the form's fields blink too
            field.cursor_blink = False
        await pilot.pause(EditorScreen.DEBOUNCE + 0.1)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_editor_with_its_preview(snap_compare, size, editable):
    assert snap_compare(editor_app(editable), terminal_size=size, run_before=edit_then_settle())


def test_editor_marks_a_line_with_a_problem(snap_compare, editable):
    # Line 7 is "capability: 0.8": go to its end and make it 0.88, then 8 (out of range).
    keys = ["down"] * 6 + ["end", "backspace", "backspace", "backspace", "8"]
    assert snap_compare(editor_app(editable), terminal_size=LARGE, run_before=edit_then_settle(*keys))


def test_editor_form(snap_compare, editable):
    assert snap_compare(editor_app(editable), terminal_size=LARGE, run_before=edit_then_settle("ctrl+t"))


def test_hot_seat_hand_over(snap_compare):
    """The United States ends its turn: a blank page asks for Russia, nothing of the US's view
    behind it."""
    app = DiplosimApp(
        game=Game(load_scenario(FIXTURE), 1, players=("united-states", "russian-federation")),
        roll_call_delay=0,
    )
    assert snap_compare(app, terminal_size=SMALL, run_before=keys("n"))


def test_join_asks_for_the_token(snap_compare):
    """``diplosim join ADDRESS`` with no token: the page that asks for it (nothing is connected
    until it is given)."""

    async def still(pilot):
        pilot.app.screen.query_one(Input).cursor_blink = False  # the same picture every time

    assert snap_compare(DiplosimApp(join_at="ws://127.0.0.1:8765/"), terminal_size=SMALL, run_before=still)

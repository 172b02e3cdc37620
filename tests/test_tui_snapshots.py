"""Snapshots of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after a deliberate change of the UI with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

import pytest

from sim import default_scenario, load_scenario
from sim.game import Game
from tui import DiplosimApp
from tui.catalog import load_catalog

SMALL, LARGE = (80, 24), (120, 40)


def game_app(player=None, seed=1, theme="textual-dark"):
    app = DiplosimApp(game=Game(load_scenario(default_scenario()), seed, player), roll_call_delay=0)
    app.theme = theme
    return app


def keys(*presses):
    async def run_before(pilot):
        for key in presses:
            await pilot.press(key)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_start_screen(snap_compare, size, root):
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


def test_players_ballot(snap_compare):
    assert snap_compare(game_app("russian-federation", seed=3), terminal_size=SMALL, run_before=keys("v"))


def test_why(snap_compare):
    assert snap_compare(game_app(), terminal_size=LARGE, run_before=keys(*"nnnn", "w"))


def test_move_form(snap_compare):
    assert snap_compare(game_app("united-states"), terminal_size=SMALL, run_before=keys(*"nnn", "m"))


def test_summary_after_the_last_vote(snap_compare):
    assert snap_compare(game_app(), terminal_size=LARGE, run_before=keys(*"v", "enter", "v", "enter"))


def test_help(snap_compare):
    assert snap_compare(game_app(), terminal_size=SMALL, run_before=keys("question_mark"))


def test_terminal_too_small(snap_compare):
    assert snap_compare(game_app(), terminal_size=(60, 20))

"""`diplosim play` as the README shows it, in a real pseudo-terminal: what a person sees and types.

The README's commands open the shipped default scenario (``shipped`` marker, tests/conftest.py);
a saved game is one of the tests' fixture scenario.
"""

import pytest
from shared import FIXTURE
from terminal import terminal

from sim import load_scenario
from sim.play.game import Game


@pytest.mark.shipped
def test_bare_diplosim_opens_the_start_screen_and_enter_enter_starts_a_game():
    """The quick start: pick the first scenario and the observer role with `enter` twice."""
    with terminal() as screen:
        screen.expect("1. Pick a scenario")
        screen.press("\r")
        screen.expect("Observer: the engine plays everyone")
        screen.press("\r")
        screen.expect("Security Council")
        screen.expect("Round 1/8")
        screen.press("q")
        assert screen.wait() == 0
        assert "Traceback" not in screen.text


@pytest.mark.shipped
def test_play_as_russia_opens_the_chamber_in_russias_seat():
    with terminal("play", "--as", "russian-federation") as screen:
        screen.expect("Russian Federation")
        screen.expect("Round 1/8")
        screen.press("q")
        assert screen.wait() == 0


@pytest.mark.shipped
def test_play_as_two_seats_hands_the_keyboard_over_between_them():
    """The README's hot seat: the United States ends its turn, a blank page asks for Russia."""
    with terminal("play", "--as", "united-states", "--as", "russian-federation") as screen:
        screen.expect("hot seat 1 of 2")
        screen.press("n")
        screen.expect("Pass the keyboard to Russian Federation")
        screen.press("\r")
        screen.expect("hot seat 2 of 2")
        screen.press("q")
        assert screen.wait() == 0


@pytest.mark.shipped
def test_play_as_observer_with_a_seed_plays_a_round_on_n():
    with terminal("play", "--as", "observer", "--seed", "7") as screen:
        screen.expect("Round 1/8")
        screen.press("n")
        screen.expect("Round 2/8")
        screen.press("q")  # a game with a round played is unsaved: q asks first
        screen.expect("The game is not saved. Quit anyway?")
        screen.press("y")
        assert screen.wait() == 0


def test_play_load_resumes_a_saved_game_at_its_round(tmp_path):
    game = Game(load_scenario(FIXTURE), seed=3, player="france")
    game.play_round()
    game.play_round()
    save = game.save(tmp_path / "diplosim-save.json")
    with terminal("play", "--load", str(save)) as screen:
        screen.expect("Round 3/8")
        screen.expect("France")
        screen.press("q")
        assert screen.wait() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["play", "--as", "narnia"], "unknown actor 'narnia'"),
        (["play", "--as", "china", "--as", "observer"], "an observer watches alone"),
        (["play", "--as", "china", "--as", "china"], "named twice in --as"),
        (["play", "nowhere-scenario"], "nowhere-scenario"),
        (["edit", "nowhere-scenario"], "nowhere-scenario: no such file"),
        (["edit", "syria-2012-07", "--actor", "narnia"], "unknown actor 'narnia'"),
    ],
)
@pytest.mark.shipped
def test_play_with_bad_input_is_one_line_and_exit_2(args, message):
    with terminal(*args) as screen:
        assert screen.wait() == 2
        assert message in screen.text and "Traceback" not in screen.text

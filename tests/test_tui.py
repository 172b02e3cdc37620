"""The terminal game driven by key presses through Textual's pilot, as a player would."""

import json
import shutil

import pytest
from shared import DATA, FIXTURE
from textual.widgets import Input, OptionList

from sim import load_scenario
from sim.play.game import Game
from tui import DiplosimApp
from tui.catalog import load_catalog, scenario_folders
from tui.screens.ballot import BallotScreen
from tui.screens.chamber import ChamberScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.moves import MoveScreen
from tui.screens.rollcall import RollCallScreen
from tui.screens.start import StartScreen
from tui.screens.summary import SummaryScreen, compare_markup
from tui.screens.too_small import TooSmallScreen
from tui.screens.why import WhyScreen
from tui.widgets.news import NewsFeed

SIZE = (100, 34)


def app_for(scenario, player=None, seed=1):
    """The chamber of a new game; a player's end summary scores it over 8 seeds, not 300 (the
    score's numbers are tests/test_score.py's to check)."""
    return DiplosimApp(game=Game(scenario, seed, player), roll_call_delay=0, score_runs=8)


async def play_until(pilot, screen_type, key="n", limit=30):
    """Press ``key`` until ``screen_type`` is on top (closing roll calls on the way, and playing on
    when asked whether to leave a draft of the player's own uncalled)."""
    for _ in range(limit):
        if isinstance(pilot.app.screen, screen_type):
            return pilot.app.screen
        if isinstance(pilot.app.screen, RollCallScreen) and screen_type is not RollCallScreen:
            await pilot.press("enter")
        elif isinstance(pilot.app.screen, ConfirmScreen) and screen_type is not ConfirmScreen:
            await pilot.press("y")
        else:
            await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"never reached {screen_type.__name__}; on {type(pilot.app.screen).__name__}")


@pytest.mark.shipped
def test_a_copy_in_scenarios_takes_the_place_of_the_shipped_scenario_of_its_name(tmp_path, monkeypatch):
    """Run from a checkout, or after the editor saved a working copy, the start screen lists each
    scenario once: the copy in ./scenarios, which `diplosim run NAME` would use too."""
    shipped = scenario_folders()
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "scenarios" / "syria-2012-07"
    shutil.copytree(shipped[0], copy)
    listed = scenario_folders()
    assert listed[0] == copy.resolve() and listed[1:] == shipped[1:]
    assert [f.name for f in listed] == [f.name for f in shipped]


@pytest.mark.shipped
def test_a_folder_of_shared_profiles_is_not_a_scenario_to_pick(tmp_path, monkeypatch):
    """scenarios/syria-actors holds the profiles the shipped scenarios share: no scenario.yaml, not
    listed, shipped or in ./scenarios (where a working copy puts it)."""
    shipped = scenario_folders()
    assert (shipped[0].parent / "syria-actors" / "actors").is_dir()
    monkeypatch.chdir(tmp_path)
    shutil.copytree(shipped[0].parent / "syria-actors", tmp_path / "scenarios" / "syria-actors")
    names = [folder.name for folder in scenario_folders()]
    assert "syria-actors" not in names and names[0] == "syria-2012-07"
    assert names == [
        "syria-2012-07",
        "syria-2011-10",
        "syria-2012-07-china-abstains",
        "syria-2012-07-council-2011",
        "syria-2013-09",
        "syria-2014-05",
        "syria-2014-07",
    ]


@pytest.mark.shipped
async def test_start_screen_picks_a_scenario_then_a_role(syria):
    app = DiplosimApp(catalog=load_catalog(), roll_call_delay=0, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        scenarios = app.screen.query_one("#scenarios", OptionList)
        ids = [scenarios.get_option_at_index(i).prompt for i in range(scenarios.option_count)]
        assert any("Syria, July 2012" in str(p) for p in ids)
        await pilot.press("enter")  # first scenario: the default one, shipped first
        roles = app.screen.query_one("#roles", OptionList)
        assert roles.has_focus
        seed = app.screen.query_one("#seed", Input)
        assert seed.placeholder == "7 if left empty"  # an empty field is the default, and says so
        seed.value = ""
        await pilot.press("down", "enter")  # from Observer, past a heading, to China
        assert isinstance(app.screen, ChamberScreen)
        assert app.game.player == "china" and app.game.seed == 7
        await pilot.press("n")
        await pilot.pause()
        news = app.screen.query_one(NewsFeed).lines_written
        heads = [line for line in news if line.startswith("[b]Round 1 ")]
        assert len(heads) == 1 and "calendar: " in heads[0]  # the label is the scenario's calendar


RECORDED = DATA / "scenarios" / "recorded"
"""The fixture with the July 2012 votes as its own record (the fixture names none)."""


async def test_an_observer_plays_the_whole_game_to_its_last_vote():
    app = app_for(load_scenario(RECORDED))
    async with app.run_test(size=SIZE) as pilot:
        rollcalls = 0
        for _ in range(40):
            if isinstance(app.screen, SummaryScreen):
                break
            if isinstance(app.screen, RollCallScreen):
                rollcalls += 1
                await pilot.press("enter")
            else:
                await pilot.press("v")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.game.over and rollcalls == len(app.game.record.votes) >= 2
        text = str(app.screen.query_one("#comparison").render())
        assert "July 2012: 11 in favour, 2 against, 2 abstentions" in text
        news = app.screen_stack[-2].query_one(NewsFeed).lines_written
        assert any("VOTE" in line and "S/2012/538" in line for line in news)


def played_out(path, seed=1) -> Game:
    """An observer's game of the scenario at ``path``, played to its end without the app."""
    game = Game(load_scenario(path), seed)
    while not game.over:
        game.play_round()
    return game


async def test_the_summary_sets_the_game_beside_the_scenarios_own_record():
    """other-record names a record of its own (invented, dated November 2011: China abstains on
    S/2012/538, Russia on resolution 2059): the summary shows those roll calls, not July 2012's."""
    game = played_out(DATA / "scenarios" / "other-record")
    app = DiplosimApp(game=game, roll_call_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#comparison").render())
    assert "November 2011: 13 in favour, 1 against, 1 abstention\n" in text
    assert "November 2011: 14 in favour, 0 against, 1 abstention\n" in text
    assert "Voted otherwise than in 2011" in text
    assert "July 2012:" not in text and "  July 2012" not in text  # the record of July 2012 is not there
    russia = next(v for v in game.record.votes if v.symbol == "S/RES/2059 (2012)").roll_call[
        "Russian Federation"
    ]
    assert (f"Russian Federation {russia} (then abstain)" in text) == (russia != "abstain")


async def test_the_summary_of_a_scenario_without_a_record_says_it_has_none(syria):
    """The fixture names no record (as a what-if variant): the summary shows the game alone."""
    app = DiplosimApp(game=played_out(FIXTURE), roll_call_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        text = str(app.screen.query_one("#comparison").render())
    assert "names no record of votes" in text and "This game:" in text
    assert "in favour" not in text.split("This game:")[0] and "Voted otherwise" not in text


async def test_the_united_states_amends_the_draft_and_calls_the_vote(syria):
    app = app_for(syria, "united-states")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):  # to 13 July: the draft has been tabled
            await pilot.press("n")
        await pilot.pause()
        chamber = app.screen
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveScreen)
        form.query_one("#kind").value = "amend"
        await pilot.pause()
        assert form.query_one("#draft").value == "s-2012-538"  # its only draft, chosen for it
        form.query_one("#dimension").value = "coercion"
        await pilot.pause()
        assert form.query_one("#amount").value == "70"  # the amendment starts where the draft stands
        hint = str(form.query_one("#move-hint").render())
        assert "stands at 70" in hint and "at most 10 points (60 to 80)" in hint
        form.query_one("#amount").value = "62"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is chamber
        await pilot.press("m")
        app.screen.query_one("#kind").value = "call"
        await pilot.pause()
        app.screen.query_one("#draft").value = "s-2012-538"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [type(m).__name__ for m in app.game.current] == ["Amend", "CallVote"]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BallotScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen)
        vote = app.game.record.votes[0]
        assert vote.roll_call["United States"] == "yes"
        assert vote.draft == "s-2012-538" and vote.position["coercion"] == 62.0
        assert vote.date == "2012-07-13"


async def test_a_refused_move_says_why_beside_its_field_and_keeps_the_form(syria):
    app = app_for(syria, "united-states")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        form = app.screen
        form.query_one("#target").value = "pakistan"
        form.query_one("#dimension").value = "coercion"
        form.query_one("#amount").value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.game.current == []
        why = form.query_one("#amount-why")
        assert why.display and "political capital left" in str(why.render())
        assert form.query_one("#amount").value == "5"  # what was typed is kept
        form.query_one("#amount").value = "0.5"
        await pilot.pause()
        assert not why.display and "If it landed now" in str(form.query_one("#move-preview").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChamberScreen) and len(app.game.current) == 1


async def test_russia_casts_a_veto(syria):
    app = app_for(syria, "russian-federation", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        ballot = await play_until(pilot, BallotScreen, key="v")
        assert ballot.veto
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen)
        vote = app.screen.vote
        assert vote.roll_call["Russian Federation"] == "no"
        assert "Russian Federation" in vote.vetoed_by and vote.result == "vetoed"
        assert "negative vote" in str(app.screen.query_one("#announcement").render())


async def test_why_shows_the_engines_reasons(syria):
    app = app_for(syria, seed=2)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.press("n")
        await pilot.press("w")  # the Council list has focus; China is highlighted first
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        assert "China" in app.screen.markup and "Utility" not in app.screen.markup  # words first
        assert "Leans no (a veto): the draft's coercion (70) is far from" in app.screen.markup
        assert "since the Russian Federation is likely to veto too" in app.screen.markup
        await pilot.press("d")  # the numbers behind the words
        await pilot.pause()
        shown = str(app.screen.query_one("#why").render())
        assert "Utility" in shown and "Lobbied by" in shown and "Russian Federation (ally)" in shown
        assert "United States (foe)" in app.screen.markup
        await pilot.press("d")  # and back
        await pilot.pause()
        assert "Leans no" in str(app.screen.query_one("#why").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChamberScreen)


async def test_why_on_an_actor_outside_the_chamber(syria):
    """It has no vote, so no ballot to explain: what the draft is worth to it (this crashed)."""
    app = app_for(syria, seed=2)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.press("n")
        await pilot.press("tab")  # the actors outside the chamber; the Assad government first
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        assert "Has no vote" in app.screen.markup
        assert "Wants the draft to fail: the draft's coercion (70) is far from" in app.screen.markup


async def test_undo_and_rewind(syria):
    app = app_for(syria, seed=4)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.press("n")
        await pilot.pause()
        assert len(app.game.record.rounds) == 4
        fourth = app.game.record.rounds[3]
        await pilot.press("u")
        await pilot.pause()
        assert len(app.game.record.rounds) == 3
        await pilot.press("n")
        await pilot.pause()
        assert app.game.record.rounds[3] == fourth
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("down", "enter")  # back to the start of round 2
        await pilot.pause()
        assert len(app.game.record.rounds) == 1
        news = app.screen.query_one(NewsFeed).lines_written
        assert not any("Round 2" in line for line in news)


async def test_save_then_load_replays_identically(syria, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for(syria, "united-states", seed=5)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.press("n")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # the default file name
        await pilot.pause()
        saved = json.loads((tmp_path / "diplosim-save.json").read_text())
        assert saved["seed"] == 5 and len(saved["rounds"]) == 5
        notice = list(app._notifications)[-1]  # the file as typed, not its absolute path
        assert notice.message == "Saved to diplosim-save.json, after round 5."
        record = app.game.record.to_json()
        await pilot.press("n")  # 18 July: no vote yet
        await pilot.pause()
        assert len(app.game.record.rounds) == 6
        await pilot.press("l")  # the round played since the save would be lost: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.game.record.rounds) == 6 and isinstance(app.screen, ChamberScreen)
        await pilot.press("l", "y")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.record.to_json() == record
        assert app.screen.game is app.game


async def test_quit_asks_first_when_the_game_is_unsaved(syria):
    app = app_for(syria)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChamberScreen)
        await pilot.press("ctrl+q")  # Textual's own quit key asks too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert [c.title for c in app.get_system_commands(app.screen)].count("Quit") == 1
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_help_and_the_command_palette_list_the_actions(syria):
    app = app_for(syria)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert {
            "Next round",
            "To vote",
            "Move",
            "Why",
            "Undo",
            "Rewind",
            "Save",
            "Load",
            "End",
            "Help",
        } <= commands


@pytest.mark.parametrize("size", [(60, 20), (79, 24), (80, 23)])
async def test_a_terminal_too_small_gets_a_message(syria, size):
    app = app_for(syria)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert f"{size[0]}×{size[1]}" in str(app.screen.query_one("#too-small-message").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, ChamberScreen)


async def test_q_quits_from_the_too_small_message(syria):
    app = app_for(syria)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


UI_SAVES = ("save-effort-over-capital", "save-fifo")
"""Broken saves of the hostile corpus loaded through the app: one refused as its moves are replayed,
one as it is read (a FIFO, which must not hang the app). Every broken save is refused by the
same loading the command line uses (tests/test_hostile.py runs the whole corpus there)."""


async def test_the_app_survives_hostile_saves_it_is_asked_to_load(tmp_path, monkeypatch):
    """Broken saves of the hostile corpus, loaded with `l` in one session: refused with a message
    naming the file, and the game on screen goes on as it was."""
    from hostile import CASES, make_project
    from textual.widgets import Input

    from sim.scenario.loading import load_scenario
    from tui.screens.path import PathScreen

    saves = [case for case in CASES if case.id in UI_SAVES]
    assert [case.id for case in saves] == list(UI_SAVES)
    assert all(case.build.__qualname__.startswith(("_save.", "_save_file.")) for case in saves)
    paths = [case.build(make_project(tmp_path / case.id))[1] for case in saves]
    monkeypatch.chdir(tmp_path)
    scenario = load_scenario(tmp_path / saves[0].id / "project" / "scenarios" / "syria-2012-07")
    app = DiplosimApp(game=Game(scenario, 1, None), roll_call_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.game.dirty = False  # no question about unsaved progress before each load
        before = app.game.record.to_json()
        for case, path in zip(saves, paths, strict=True):
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, PathScreen), case.id
            app.screen.query_one(Input).value = str(path)
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, ChamberScreen), case.id
            last = list(app._notifications)[-1] if app._notifications else None
            assert last is not None and last.title == "Not loaded", case.id
            assert str(path) in str(last.message), case.id
            assert app.game.record.to_json() == before, case.id
            app.clear_notifications()  # the next refusal's notice is then the only one on screen


def test_the_summary_says_why_a_draft_never_came_to_the_vote(syria):
    """A draft whose symbol is the resolution it would have become is called a draft, by its title."""
    record = played_out(FIXTURE).record
    record.drafts["res-2059"]["status"] = "pending"  # as if S/2012/538 had been adopted first
    record.votes = [v for v in record.votes if v.draft != "res-2059"]
    titles = {key: draft.title for key, draft in syria.spec.drafts.items()}
    text = compare_markup(record, [], titles)
    assert "Lapsed, the draft it answered gone from the table: Russian draft (July 2012)" in text
    assert "Never tabled (an adopted text made it moot, or its day never came): draft “Renew UNSMIS" in text
    assert "S/RES/2059" not in text

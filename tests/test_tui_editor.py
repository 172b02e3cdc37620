"""The profile editor driven through Textual's pilot on a private copy of the scenario: checks
while typing, refused and atomic saves, the form, the live preview against a real `diplosim
batch`, external edits, and the ways in (start screen, chamber, `diplosim edit`)."""

import json
import os
import subprocess
import sys

import pytest
from textual.widgets import Input, OptionList
from textual.widgets.text_area import Selection

from sim import load_scenario, resolve_scenario
from sim.play.game import Game
from tui import DiplosimApp
from tui.catalog import Entry
from tui.screens.confirm import ConfirmScreen
from tui.screens.editor import EditorScreen
from tui.screens.help import HelpScreen
from tui.screens.start import StartScreen
from tui.widgets.council import CouncilPanel
from tui.widgets.problems import ProblemsPanel
from tui.widgets.profile_text import ProfileText

SIZE = (120, 40)
RUNS = 16
RUSSIA = "actors/russian-federation.yaml"


FEW = 4
"""The preview's runs where only its being there is checked, not its numbers: it runs in a thread
after each change, and 16 runs each time were half the CPU of these tests."""


def editor_app(folder, actor="russian-federation"):
    return DiplosimApp(catalog=[], edit=folder, actor=actor, preview_runs=FEW, preview_seed=0)


async def settle(pilot):
    """Let the debounce fire and the preview worker finish."""
    await pilot.pause(EditorScreen.DEBOUNCE + 0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def line_with(text: str, anchor: str) -> int:
    """The 1-based line of ``text`` that starts (after its indentation) with ``anchor``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(anchor))


async def type_at(pilot, anchor: str, old: str, new: str):
    """Replace ``old`` on the line starting with ``anchor`` by typing: select it, then type."""
    area = pilot.app.screen.query_one(ProfileText)
    line = line_with(area.text, anchor)
    column = area.document.get_line(line - 1).index(old)
    area.focus()
    area.selection = Selection((line - 1, column), (line - 1, column + len(old)))
    await pilot.press(*new)


async def test_typing_an_invalid_value_marks_its_line_and_the_save_is_refused(scenario_copy):
    file = scenario_copy / RUSSIA
    before = file.read_bytes()
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.actor == "russian-federation"
        await settle(pilot)
        assert screen.problems == [] and screen.preview_shown is not None
        await type_at(pilot, "capability:", "0.8", "8")
        await settle(pilot)
        [problem] = screen.problems
        line = line_with(screen.text, "capability:")
        assert problem.line == line
        assert problem.message == "capability: 8.0 is outside the allowed range 0 to 1"
        assert screen.query_one(ProfileText).problem_lines == {line}
        panel = screen.query_one(ProblemsPanel)
        assert f"line {line}" in str(panel.get_option_at_index(0).prompt)
        await pilot.press("ctrl+s")
        assert file.read_bytes() == before
        assert any("Not saved" in (n.title or "") for n in app._notifications)
        await type_at(pilot, "capability:", "8", "0.8")
        await settle(pilot)
        assert screen.problems == [] and not screen.dirty


async def test_choosing_a_problem_goes_to_its_line(scenario_copy):
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "transition: 10", "transition", "transitio")
        await settle(pilot)
        line = line_with(screen.text, "transitio:")
        panel = screen.query_one(ProblemsPanel)
        panel.focus()
        panel.highlighted = 0
        await pilot.press("enter")
        area = screen.query_one(ProfileText)
        assert area.has_focus and area.cursor_location == (line - 1, 0)


async def test_open_russia_change_its_veto_in_the_form_preview_save_and_batch(scenario_copy):
    """The issue's newcomer: open the scenario, pick Russia, change a number, watch the outcome
    move, save, and get the same numbers from `diplosim batch` on the saved file."""
    file = scenario_copy / RUSSIA
    original = file.read_text()
    app = DiplosimApp(
        catalog=[Entry(scenario_copy, load_scenario(scenario_copy))], preview_runs=RUNS, preview_seed=0
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.actor == "assad-government"
        actors = screen.query_one("#actors", OptionList)
        actors.focus()
        actors.highlighted = list(screen.files).index("russian-federation")
        await pilot.press("enter")
        assert screen.actor == "russian-federation"
        await settle(pilot)
        saved_summary = screen.preview_shown[1]
        await pilot.press("ctrl+t")
        low = screen.query_one("#field-costs-veto-low", Input)
        high = screen.query_one("#field-costs-veto-high", Input)
        assert (low.value, high.value) == ("0.15", "0.3")
        high.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"0.95")  # clear the field, then type
        low.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"0.9")
        await settle(pilot)
        assert screen.dirty and screen.problems == []
        saved, edited = screen.preview_shown
        assert saved == saved_summary
        adopted = edited["points"][0]["drafts"]["s-2012-538"]["outcomes"]["adopted"]["p"]
        was = saved["points"][0]["drafts"]["s-2012-538"]["outcomes"]["adopted"]["p"]
        assert adopted > was  # a dearer veto: the sanctions draft gets through more often
        await pilot.press("ctrl+s")
        assert not screen.dirty
        before = app.catalog
        await pilot.press("escape", "escape")  # out of the text, out of the editor
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.catalog is not before  # read afresh
        [entry] = [e for e in app.catalog if e.folder == scenario_copy.resolve()]
        assert entry.scenario.spec.actors["russian-federation"].costs.veto.low == 0.9
    expected = original.replace("veto: {low: 0.15, high: 0.3}", "veto: {low: 0.9, high: 0.95}")
    assert expected != original and file.read_text() == expected  # every other byte kept
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sim.cli",
            "batch",
            str(scenario_copy),
            "--runs",
            str(RUNS),
            "--seed",
            "0",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == edited


async def test_a_change_on_disk_is_offered_for_reloading(scenario_copy):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        outside = file.read_text().replace("capability: 0.8", "capability: 0.75  # edited elsewhere")
        file.write_text(outside)
        await pilot.pause(EditorScreen.POLL + 0.3)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert screen.text == outside and not screen.dirty


async def test_keeping_mine_after_a_change_on_disk_asks_before_overwriting(scenario_copy):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        outside = file.read_text() + "# a note from another editor\n"
        file.write_text(outside)
        screen.watch_disk()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep mine
        assert screen.conflict and "0.06" in screen.text
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)  # overwrite? asked, not done silently
        await pilot.press("n")
        assert file.read_text() == outside
        await pilot.press("ctrl+s", "y")
        assert file.read_text() == screen.text and "0.06" in file.read_text()


async def test_leaving_or_switching_with_unsaved_changes_asks_first(scenario_copy):
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        await pilot.press("escape", "escape")  # out of the text, then back
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen
        actors = screen.query_one("#actors", OptionList)
        actors.focus()
        actors.highlighted = list(screen.files).index("china")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert screen.actor == "china" and not screen.dirty
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, EditorScreen)


async def test_tab_moves_on_and_escape_goes_back_to_the_actors_then_out_of_the_app(scenario_copy):
    """Tab typed four spaces into the profile and marked it unsaved; escape went to the preview;
    leaving `diplosim edit` went to the game's start screen."""
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        area = screen.query_one(ProfileText)
        assert area.has_focus
        await pilot.press("tab")
        assert not screen.dirty and area.text == screen.saved_text and not area.has_focus
        area.focus()
        await pilot.press("escape")
        assert screen.query_one("#actors", OptionList).has_focus and app.screen is screen
        await pilot.press("escape")
        assert app._exit


async def test_a_working_copy_that_takes_the_place_of_a_shipped_scenario_says_so(
    scenario_copy, monkeypatch, no_poll
):
    monkeypatch.chdir(scenario_copy.parent.parent)  # ./scenarios/syria-2012-07, named as the shipped one
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("in place of the shipped syria-2012-07" in str(n.message) for n in app._notifications)
        assert "working copy" in str(app.screen.query_one("#file-info").render())


async def test_the_chamber_opens_the_editor_at_the_highlighted_member(scenario_copy):
    app = DiplosimApp(game=Game(load_scenario(scenario_copy), 1), roll_call_delay=0, preview_runs=FEW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        highlighted = app.screen.query_one(CouncilPanel).highlighted_actor
        assert highlighted is not None
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.actor == highlighted
        await pilot.press("f1")  # ? would be typed into the text
        assert isinstance(app.screen, HelpScreen)
        assert "The profile editor" in app.screen.query_one("Markdown").source


@pytest.mark.shipped
async def test_diplosim_edit_opens_the_shipped_scenario_at_an_actor():
    """What `diplosim edit syria-2012-07 --actor russian-federation` opens (read only here)."""
    app = DiplosimApp(edit=resolve_scenario("syria-2012-07"), actor="russian-federation", preview_runs=FEW)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.file.name == "russian-federation.yaml"
        assert screen.text == screen.file.read_text()
        await pilot.press("escape", "escape")  # to the list of actors, then out: to the shell
        assert app._exit


def test_diplosim_edit_is_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "sim.cli", "edit", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    for option in ("--actor", "--runs", "--seed"):
        assert option in done.stdout


async def test_opened_without_an_actor_the_list_has_the_focus_and_enter_opens_one(scenario_copy):
    app = DiplosimApp(catalog=[], edit=scenario_copy, preview_runs=FEW, preview_seed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        actors = screen.query_one("#actors")
        assert isinstance(screen, EditorScreen) and app.focused is actors
        first = screen.actor
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.actor != first and screen.actor == list(screen.files)[1]
        assert isinstance(app.focused, ProfileText)


# -- a change on disk made just before a save ---------------------------------------------------------


@pytest.fixture
def no_poll(monkeypatch):
    """The editor's once-a-second look at the file never comes: only the save looks at the disk."""
    monkeypatch.setattr(EditorScreen, "POLL", 3600.0)


def change_behind(file, old: str, new: str) -> str:
    """Edit ``file`` as another program might, keeping its size and modification time."""
    assert len(old) == len(new)
    info = file.stat()
    text = file.read_text().replace(old, new, 1)
    file.write_text(text)
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = file.stat()
    assert (after.st_size, after.st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    return text


def append_behind(file) -> str:
    text = file.read_text() + "# a note from another editor\n"
    file.write_text(text)
    return text


def asked(app, *words: str) -> bool:
    screen = app.screen
    return isinstance(screen, ConfirmScreen) and all(w in screen.question for w in words)


@pytest.mark.parametrize("change", ["append", "same size and time"])
async def test_a_change_on_disk_just_before_saving_is_asked_about_then_overwritten_if_chosen(
    scenario_copy, no_poll, change
):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        if change == "append":
            outside = append_behind(file)
        else:
            outside = change_behind(file, "capability: 0.8", "capability: 0.7")
        await pilot.press("ctrl+s")
        assert asked(app, "changed on disk", "Reload it?")
        assert file.read_text() == outside  # nothing written yet
        assert not any("Saved" in (n.title or "") for n in app._notifications)
        await pilot.press("n")  # keep mine
        assert asked(app, "Overwrite it with your version?")  # still not written: asked again
        assert screen.conflict and file.read_text() == outside
        await pilot.press("y")
        assert app.screen is screen
        assert file.read_text() == screen.text and "susceptibility: 0.06" in file.read_text()
        assert not screen.dirty and not screen.conflict


async def test_a_change_on_disk_just_before_saving_can_be_reloaded_instead(scenario_copy, no_poll):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        outside = change_behind(file, "capability: 0.8", "capability: 0.7")
        await pilot.press("ctrl+s")
        assert asked(app, "changed on disk", "Your changes in the app would be lost")
        await pilot.press("y")  # reload theirs
        assert app.screen is screen
        assert file.read_text() == outside and screen.text == outside
        assert not screen.dirty and not screen.conflict


async def test_cancelling_the_overwrite_of_a_change_on_disk_writes_nothing(scenario_copy, no_poll):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        outside = append_behind(file)
        await pilot.press("ctrl+s", "n", "n")  # keep mine, then do not overwrite
        assert app.screen is screen and file.read_text() == outside
        assert screen.conflict and screen.dirty


async def test_a_change_made_while_the_overwrite_question_is_open_is_asked_about_again(
    scenario_copy, no_poll
):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        append_behind(file)
        await pilot.press("ctrl+s", "n")
        assert asked(app, "Overwrite it with your version?")
        newer = change_behind(file, "capability: 0.8", "capability: 0.7")  # while the user reads
        await pilot.press("y")
        assert asked(app, "changed on disk", "Reload it?")  # the overwrite was agreed for another version
        assert file.read_text() == newer


async def test_a_file_made_unreadable_just_before_saving_is_asked_about(scenario_copy, no_poll):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        file.write_bytes(b"\x80 not text")
        await pilot.press("ctrl+s")
        assert asked(app, "not UTF-8", "Write your version there?")
        await pilot.press("n")
        assert file.read_bytes() == b"\x80 not text"
        await pilot.press("ctrl+s")
        assert asked(app, "Overwrite it with your version?")
        await pilot.press("y")
        assert file.read_text() == screen.text and not screen.dirty


async def test_a_file_removed_just_before_saving_is_not_written_back_silently(scenario_copy, no_poll):
    """Without its file the scenario lacks the actor, so the check refuses the save: nothing is written."""
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        file.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not file.exists()
        assert not any(n.title == "Saved" for n in app._notifications)


async def test_the_watch_notices_a_change_that_keeps_the_size_and_the_time(scenario_copy, no_poll):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        outside = change_behind(file, "capability: 0.8", "capability: 0.7")
        screen.watch_disk()
        await pilot.pause()
        assert asked(app, "changed on disk")
        await pilot.press("y")
        assert screen.text == outside


async def test_a_file_not_to_be_edited_in_place_is_saved_in_a_working_copy_with_its_mode(
    scenario_copy, tmp_path, monkeypatch, no_poll
):
    import tui.screens.editor as editor

    file = scenario_copy / RUSSIA
    file.chmod(0o640)
    before = file.read_bytes()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setattr(editor, "why_not_writable", lambda f: None if here in f.parents else "not writable")
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await type_at(pilot, "susceptibility:", "0.05", "0.06")
        await pilot.press("ctrl+s")
        assert asked(app, "working copy")
        await pilot.press("y")
        copied = here / "scenarios/syria-2012-07" / RUSSIA
        assert screen.file == copied and not screen.dirty
        assert copied.read_text() == screen.text and "susceptibility: 0.06" in copied.read_text()
        assert os.stat(copied).st_mode & 0o777 == 0o640
        assert file.read_bytes() == before
        await type_at(pilot, "susceptibility:", "0.06", "0.07")
        await pilot.press("ctrl+s")  # the copy is now edited in place, without asking
        assert app.screen is screen and copied.read_text() == screen.text
        assert "susceptibility: 0.07" in copied.read_text()


async def test_a_fifo_put_in_place_of_the_file_is_never_opened(scenario_copy, no_poll):
    file = scenario_copy / RUSSIA
    app = editor_app(scenario_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        file.unlink()
        os.mkfifo(file)
        screen.watch_disk()  # would wait forever for a writer if it opened the FIFO to read it
        await pilot.pause()
        assert screen.conflict
        assert any("not a readable file" in str(n.message) for n in app._notifications)


@pytest.mark.shipped
async def test_editing_an_actor_of_the_shipped_scenario_edits_its_shared_profile_in_a_working_copy(
    tmp_path, monkeypatch, no_poll
):
    """`diplosim edit syria-2012-07 --actor china` opens China's shared profile, says it is shared,
    and saves it, as for any shipped file, in a working copy that the default scenario then uses."""
    import tui.screens.editor as editor

    shipped = resolve_scenario("syria-2012-07").resolve()
    china = (shipped.parent / "syria-actors" / "actors" / "china.yaml").resolve()
    before = china.read_bytes()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    shipped_here = "shipped inside the installed diplosim package"
    monkeypatch.setattr(editor, "why_not_writable", lambda f: None if here in f.parents else shipped_here)
    app = DiplosimApp(edit=shipped, actor="china", preview_runs=FEW, preview_seed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen) and screen.file == china
        info = str(screen.query_one("#file-info").render())
        assert "syria-actors/actors/china.yaml" in info and "shared profile" in info
        await type_at(pilot, "susceptibility:", "0.12", "0.15")
        await pilot.press("ctrl+s")
        assert asked(app, "working copy")
        await pilot.press("y")
        copied = here / "scenarios" / "syria-actors" / "actors" / "china.yaml"
        assert screen.file.resolve() == copied.resolve() and not screen.dirty
        assert "susceptibility: 0.15" in copied.read_text()
    assert china.read_bytes() == before
    loaded = load_scenario(resolve_scenario("syria-2012-07"))  # ./scenarios first, as `diplosim run`
    assert loaded.folder == (here / "scenarios" / "syria-2012-07").resolve()
    assert loaded.spec.actors["china"].susceptibility == 0.15
    assert (here / "scenarios" / "syria-actors" / "actors" / "brazil.yaml").is_file()  # the whole folder

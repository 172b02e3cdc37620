"""The profile editor: pick an actor, edit its YAML (or a form of its common numbers), see what is
wrong while typing, see what the change does to the outcome, and save without risk.

- Checks run a moment after the last key, through the engine's own loader and validator
  (``sim.edit.check_profile_text``); the lines with a problem are marked in the text.
- A valid change reruns a batch of the edited scenario in a thread worker (stale previews stop
  between chunks of runs) and shows it against the saved files, with the seeds of
  ``diplosim batch --runs N --seed S``.
- Saving writes exactly the text shown, atomically; it is refused while the text has a problem.
  A file shipped inside the installed package, or one that cannot be written, is saved to a
  working copy under ``./scenarios`` instead (see ``sim.edit.copy``).
- The open file is watched by its content (a SHA-256 of its bytes, not its time and size): a
  change made on disk by another program is offered for reloading, and never overwritten without
  asking. The file is looked at again at the moment of saving, so a change made since the last
  look (the watch looks once a second) is asked about too, before anything is written.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header, Label, OptionList, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from sim import DiplosimError, LoadedScenario, load_scenario
from sim.atomic import write_atomic
from sim.edit import (
    RUNS,
    SEED,
    Cancelled,
    FieldError,
    Fingerprint,
    Problem,
    batch_summary,
    check_profile_text,
    digest,
    editable,
    fingerprint,
    form_fields,
    profile_files,
    set_field,
    why_not_writable,
    working_copy,
)
from sim.errors import InputFileError
from sim.scenario.loading import is_shared_folder
from sim.scenario.paths import shipped_scenarios
from sim.scenario.yamlsafe import read_text

from ..format import escape
from ..widgets.preview import PreviewPanel
from ..widgets.problems import ProblemsPanel
from ..widgets.profile_form import ProfileForm
from ..widgets.profile_text import ProfileText
from .confirm import ConfirmScreen


def shadows_shipped(folder: Path) -> str | None:
    """What to say when ``folder`` is a scenario in ./scenarios named as a shipped one, which
    diplosim then uses in its place (sim.scenario.paths.resolve_scenario, the start screen), or None."""
    shipped = shipped_scenarios() / folder.name
    local = Path.cwd() / "scenarios" / folder.name
    if not shipped.is_dir() or not local.is_dir() or folder.resolve() != local.resolve():
        return None
    if shipped.resolve() == folder.resolve():
        return None
    return f"working copy: diplosim uses ./scenarios/{folder.name} in place of the shipped {folder.name}"


class EditorScreen(Screen):
    """Edits the actor profiles of the scenario at ``folder``; posts ``Saved`` after each save."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("ctrl+t", "toggle_view", "Text/form", id="editor.toggle"),
        Binding("ctrl+r", "reload", "Reload", id="editor.reload"),
        Binding("escape", "back", "Back", id="editor.back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEBOUNCE = 0.3
    """Seconds after the last key before the text is checked and the preview rerun."""
    POLL = 1.0
    """Seconds between looks at the open file on disk."""

    class Saved(Message):
        def __init__(self, folder: Path) -> None:
            super().__init__()
            self.folder = folder

    class PreviewProgress(Message):
        def __init__(self, token: int, done: int, total: int) -> None:
            super().__init__()
            self.token, self.done, self.total = token, done, total

    class PreviewReady(Message):
        def __init__(self, token: int, saved: dict | None, edited: dict) -> None:
            super().__init__()
            self.token, self.saved, self.edited = token, saved, edited

    def __init__(self, folder: Path, actor: str | None = None, runs: int = RUNS, seed: int = SEED) -> None:
        super().__init__()
        self.folder = Path(folder).resolve()
        self.runs, self.seed = runs, seed
        self.wanted = actor
        self.files: dict[str, Path] = {}
        self.names: dict[str, str] = {}
        self.saved_scenario: LoadedScenario | None = None
        self.load_problem: str | None = None
        self.actor: str | None = None
        self.file: Path | None = None
        self.saved_text = ""
        """The file's text as last loaded or saved: what "unsaved changes" are measured against."""
        self.disk_text = ""
        """The file's text as the app last read it from disk (another program's, after a change)."""
        self.disk_hash: Fingerprint = None
        """The fingerprint of the file as the app last read, wrote or looked at it; a save only
        writes over the file while it still has this fingerprint."""
        self.conflict = False
        """The file changed on disk and the user kept the app's text: saving must ask first."""
        self.problems: list[Problem] = []
        self.edited: LoadedScenario | None = None
        self.summaries: dict[str, dict] = {}
        self.token = 0
        self.preview_shown: tuple[dict | None, dict] | None = None
        self.previewed_digest: str | None = None
        self._timer: Timer | None = None
        self._asking = False

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="editor-body"):
            yield OptionList(id="actors")
            with Vertical(id="editor-main"):
                yield Label("", id="file-info")
                with ContentSwitcher(initial="profile-text", id="editor-switcher"):
                    yield ProfileText(id="profile-text")
                    yield ProfileForm(id="profile-form")
            yield PreviewPanel(id="preview")
            yield ProblemsPanel(id="problems")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def text_area(self) -> ProfileText:
        return self.query_one(ProfileText)

    @property
    def text(self) -> str:
        return self.text_area.text

    @property
    def dirty(self) -> bool:
        return self.file is not None and self.text != self.saved_text

    def on_mount(self) -> None:
        self.read_scenario()
        actors = self.query_one("#actors", OptionList)
        actors.border_title = "Actors"
        actors.add_options([Option(escape(self.names[a]), id=a) for a in self.files])
        first = self.wanted if self.wanted in self.files else next(iter(self.files), None)
        if self.wanted is not None and self.wanted not in self.files:
            self.notify(f"No actor '{self.wanted}' in this scenario.", severity="warning")
        if self.load_problem is not None:
            self.notify(self.load_problem, title="The scenario does not load", severity="error")
        if first is None:
            self.notify(f"No actor profiles in {self.folder}.", severity="error")
            return
        self.open_actor(first)
        shadowed = shadows_shipped(self.folder)
        if shadowed:
            self.notify(shadowed, title="Working copy", severity="warning", timeout=8)
        if self.wanted is None:
            actors.focus()  # no actor named: the first step is choosing one
        self.set_interval(self.POLL, self.watch_disk)

    def read_scenario(self) -> None:
        """The scenario as saved: its actors and their files (a shared profile's file for an actor
        the scenario does not change: sim.edit.profile_files), or the files alone if it does not load."""
        self.saved_scenario, self.files, self.load_problem = editable(self.folder)
        if self.saved_scenario is not None:
            self.names = {a: self.saved_scenario.spec.actors[a].name for a in self.files}
        else:
            self.names = dict(zip(self.files, self.files, strict=True))
        self.app.sub_title = f"Editing profiles · {self.folder.name}"

    # -- opening a profile -------------------------------------------------------------------------

    def open_actor(self, actor: str) -> None:
        file = self.files[actor]
        try:
            text = read_text(file)
        except DiplosimError as exc:
            self.notify(str(exc), title="Cannot open", severity="error")
            return
        self.actor, self.file = actor, file
        self.saved_text = self.disk_text = text
        self.disk_hash = digest(text)
        self.conflict = False
        self.text_area.load_text(text)
        self.text_area.border_title = f"{self.names[actor]} · {file.name}"
        actors = self.query_one("#actors", OptionList)
        actors.highlighted = list(self.files).index(actor)
        self.query_one(ContentSwitcher).current = "profile-text"
        self.text_area.focus()
        self.check_now()

    def show_info(self) -> None:
        if self.file is None:
            return
        shown = self.file
        with contextlib.suppress(ValueError):  # as it reads among the scenarios: folder/actors/file
            shown = self.file.relative_to(self.folder.parent)
        state = "[$warning]● unsaved[/]" if self.dirty else "[$success]saved[/]"
        if self.conflict:
            state += " [$warning](changed on disk)[/]"
        why = why_not_writable(self.file)
        note = f" · [$warning]{why}: ctrl+s saves a working copy in ./scenarios[/]" if why else ""
        shadowed = shadows_shipped(self.folder)
        if shadowed:
            note += f" · [$warning]{escape(shadowed)}[/]"
        shared = self.file.parent.parent
        if is_shared_folder(shared):
            note = f" · shared profile: every scenario naming {escape(shared.name)} uses it{note}"
        self.query_one("#file-info", Label).update(f"{state} · {escape(str(shown))}{note}")

    # -- checking while typing -----------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.show_info()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self.check_now)

    def check_now(self) -> None:
        """Check the text in its scenario; when valid and changed, rerun the preview."""
        if self.file is None:
            return
        self.problems, self.edited = check_profile_text(self.text, self.file, self.folder)
        self.text_area.mark({p.line for p in self.problems if p.line is not None})
        self.query_one(ProblemsPanel).show(self.problems, "(checked as diplosim run loads it)")
        self.show_info()
        if self.edited is None:
            self.previewed_digest = None
            self.query_one(PreviewPanel).stale("The preview waits for a valid profile.")
            return
        if self.edited.digest != self.previewed_digest:
            self.previewed_digest = self.edited.digest
            self.token += 1
            self.simulate(self.token, self.edited, self.saved_scenario)

    def on_problems_panel_go_to_line(self, message: ProblemsPanel.GoToLine) -> None:
        self.query_one(ContentSwitcher).current = "profile-text"
        self.text_area.go_to_line(message.line)

    # -- the live preview ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="preview")
    def simulate(self, token: int, edited: LoadedScenario, saved: LoadedScenario | None) -> None:
        """Batches of the saved and the edited scenario (each once per content); only posts messages."""
        worker = get_current_worker()
        todo = [s for s in (saved, edited) if s is not None and s.digest not in self.summaries]
        total, offset = self.runs * len(todo), 0
        try:
            for scenario in todo:
                start = offset
                self.summaries[scenario.digest] = batch_summary(
                    scenario,
                    self.runs,
                    self.seed,
                    cancelled=lambda: worker.is_cancelled,
                    progress=lambda done, _, start=start: self.post_message(
                        self.PreviewProgress(token, start + done, total)
                    ),
                )
                offset += self.runs
        except Cancelled:
            return
        before = self.summaries.get(saved.digest) if saved is not None else None
        self.post_message(self.PreviewReady(token, before, self.summaries[edited.digest]))

    def on_editor_screen_preview_progress(self, message: PreviewProgress) -> None:
        if message.token == self.token:
            self.query_one(PreviewPanel).running(message.done, message.total)

    def on_editor_screen_preview_ready(self, message: PreviewReady) -> None:
        if message.token == self.token:
            self.preview_shown = (message.saved, message.edited)
            self.query_one(PreviewPanel).show(message.saved, message.edited, self.runs, self.seed)

    # -- text and form ---------------------------------------------------------------------------------

    async def action_toggle_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "profile-form":
            switcher.current = "profile-text"
            self.text_area.focus()
            return
        scenario = self.edited or self.saved_scenario
        dimensions = list(scenario.spec.dimensions) if scenario is not None else []
        try:
            fields = form_fields(self.text, dimensions)
        except Exception:  # any YAML the composer refuses: the text view shows why
            self.notify("The text is not valid YAML: fix it in the text view first.", severity="warning")
            return
        form = self.query_one(ProfileForm)
        await form.show(fields)
        switcher.current = "profile-form"
        inputs = form.query("Input")
        if inputs:
            inputs.first().focus()

    def on_profile_form_field_edited(self, message: ProfileForm.FieldEdited) -> None:
        try:
            new = set_field(self.text, message.path, message.value)
        except FieldError as exc:
            self.notify(str(exc), title="Not changed", severity="warning")
            return
        area = self.text_area
        area.replace(new, (0, 0), area.document.end, maintain_selection_offset=False)
        self.query_one(ProfileForm).written(message.path, message.value.strip())

    # -- saving ------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.file is None:
            return
        self.check_now()  # what is saved is checked as it is now, not as of the last pause
        if self.problems:
            self.notify(
                f"{self.problems[0]}. Fix it first: an invalid profile is never written.",
                title="Not saved",
                severity="error",
            )
            return
        if not self.dirty and not self.conflict:
            self.notify("No changes to save.")
            return
        self.save_checked()

    def save_checked(self, agreed: bool = False) -> None:
        """Save, but first look at the file on disk again: when it is not as the app last read or
        wrote it, or holds another program's version the user has not ``agreed`` to overwrite,
        ask instead. Every answer comes back here, so what is overwritten is what was asked about."""
        if self.file is None:
            return
        current = fingerprint(self.file)
        if current != self.disk_hash:
            self.changed_on_disk(current, saving=True)
        elif self.conflict and not agreed:
            self.ask(
                f"{self.file.name} was changed on disk by another program. Overwrite it with your version?",
                lambda yes: self.save_checked(agreed=True) if yes else None,
                yes="Overwrite",
                no="Cancel",
            )
        else:
            self.save_to_place()

    def save_to_place(self) -> None:
        why = why_not_writable(self.file)
        if why is None:
            self.write(self.text)
            return
        self.ask(
            f"{self.file.name} is {why}. Save your edit in a working copy of the scenario under "
            f"{Path.cwd() / 'scenarios'}?",
            lambda yes: self.save_copy() if yes else None,
            yes="Copy and save",
            no="Cancel",
        )

    def save_copy(self) -> None:
        if self.saved_scenario is None or self.actor is None:
            self.notify("The saved scenario does not load, so it cannot be copied.", severity="error")
            return
        try:
            folder = working_copy(self.saved_scenario, Path.cwd())
            copied = load_scenario(folder)
        except (DiplosimError, OSError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.folder = folder.resolve()
        self.saved_scenario = copied
        self.files = profile_files(copied)
        self.file = self.files[self.actor]
        self.disk_text = read_text(self.file)
        self.disk_hash = digest(self.disk_text)
        self.write(self.text)
        self.app.sub_title = f"Editing profiles · {self.folder.name} (working copy)"

    def write(self, text: str) -> None:
        assert self.file is not None
        try:
            write_atomic(self.file, text)
        except OSError as exc:
            self.notify(
                f"{self.file}: {exc.strerror or exc}. The file on disk is unchanged.",
                title="Not saved",
                severity="error",
            )
            return
        self.saved_text = self.disk_text = text
        self.disk_hash = digest(text)
        self.conflict = False
        if self.edited is not None:
            self.saved_scenario = self.edited
        self.show_info()
        self.check_now()
        self.notify(f"Saved {self.file.name}.", title="Saved")
        self.post_message(self.Saved(self.folder))

    # -- leaving, switching, reloading --------------------------------------------------------------------

    def ask(self, question: str, then, yes: str = "Yes", no: str = "No") -> None:
        def answered(answer: bool | None) -> None:
            self._asking = False
            then(bool(answer))

        self._asking = True
        self.app.push_screen(ConfirmScreen(question, yes=yes, no=no), answered)

    def unless_unsaved(self, action, question: str, yes: str) -> None:
        """Do ``action`` now, or, when the text has unsaved changes, only once the user agrees."""
        if self.dirty:
            self.ask(question, lambda agreed: action() if agreed else None, yes=yes, no="Stay")
        else:
            action()

    def action_back(self) -> None:
        """Escape: from the text or the form back to the list of actors; from the list, leave."""
        actors = self.query_one("#actors", OptionList)
        if not actors.has_focus and self.file is not None:
            actors.focus()
            return
        self.unless_unsaved(
            self.dismiss, f"Your changes to {self.file.name} are not saved. Leave without saving?", "Leave"
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "actors":
            return
        event.stop()
        actor = event.option.id
        if actor == self.actor:
            self.text_area.focus()
        else:
            self.unless_unsaved(
                lambda: self.open_actor(actor),
                f"Your changes to {self.file.name} are not saved. Open {self.names[actor]} and lose them?",
                "Discard",
            )

    def action_reload(self) -> None:
        if self.actor is None:
            return
        self.unless_unsaved(
            self.reload, f"Reload {self.file.name} from disk? Your changes in the app are lost.", "Reload"
        )

    def reload(self) -> None:
        self.read_scenario()
        self.open_actor(self.actor)

    def watch_disk(self) -> None:
        """Notice a change of the open file made by another program, and let the user choose."""
        if self.file is None or self._asking:
            return
        current = fingerprint(self.file)
        if current != self.disk_hash:
            self.changed_on_disk(current)

    def changed_on_disk(self, current: Fingerprint, saving: bool = False) -> None:
        """The file on disk is no longer as the app last read or wrote it (it now has the fingerprint
        ``current``): offer to reload it. When ``saving``, the save goes on only as the user then
        chooses, and never writes over the other version without asking."""
        assert self.file is not None
        self.disk_hash = current
        try:
            if current is None:  # never opened as text: a FIFO put there would block the app
                raise InputFileError(
                    "no such file" if not self.file.exists() else "not a readable file", self.file
                )
            text = read_text(self.file)
        except DiplosimError as exc:
            self.conflict = True
            self.show_info()
            if saving:
                self.ask(
                    f"{exc}. Write your version there?",
                    lambda yes: self.save_checked(agreed=True) if yes else None,
                    yes="Write mine",
                    no="Cancel",
                )
            else:
                self.notify(
                    f"{exc}. Saving asks before it writes your version.",
                    title="Changed on disk",
                    severity="warning",
                )
            return
        self.disk_hash = digest(text)  # what was read, should the file have changed again meanwhile
        if text == self.disk_text:  # back as the app knew it: nothing to ask
            if saving:
                self.save_checked()
            return
        self.disk_text = text
        lost = " Your changes in the app would be lost." if self.dirty else ""
        self.ask(
            f"{self.file.name} was changed on disk by another program. Reload it?{lost}",
            lambda reload: self.after_external_change(reload, saving),
            yes="Reload",
            no="Keep mine",
        )

    def after_external_change(self, reload: bool, saving: bool = False) -> None:
        if reload:
            self.reload()
            return
        self.conflict = True
        self.show_info()
        if saving:
            self.save_checked()  # asks whether to overwrite their version with this one

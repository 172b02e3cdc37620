"""A scenario as it would load with one actor profile's text replaced by what is being edited.

The editor checks an edited profile *in its scenario*: the folder is read as ``diplosim run``
reads it (included folders first, then its actor files, then its scenario file), except that the
edited file's text comes from the editor instead of the disk, and the result goes through the
same validator. So a problem is reported in the engine's own words, at its line in the edited
text, and a valid text gives exactly the scenario a run of the saved file would use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DiplosimError
from ..scenario.loading import (
    ACTORS_DIR,
    LoadedScenario,
    load_scenario,
    read_raw,
    scenario_file,
    shared_folder_on_disk,
    validate,
)


@dataclass(frozen=True)
class Problem:
    """What is wrong, at a line of the edited text (None: elsewhere, then ``where`` says where)."""

    line: int | None
    message: str
    where: str = ""
    """``file:line`` when the problem is in another file of the scenario."""

    def __str__(self) -> str:
        if self.line is not None:
            return f"line {self.line}: {self.message}"
        return f"{self.where}: {self.message}" if self.where else self.message


def load_edited(folder: Path, file: Path, text: str) -> LoadedScenario:
    """The scenario at ``folder`` with ``file`` (one of its profiles) holding ``text``.

    Raises the loader's own :class:`DiplosimError` at the first problem.
    """
    folder = scenario_file(Path(folder)).resolve().parent
    return validate(read_raw(folder, {Path(file).resolve(): text}), folder)


def check_profile_text(text: str, file: Path, folder: Path) -> tuple[list[Problem], LoadedScenario | None]:
    """Problems of the edited profile ``text`` in its scenario, and the scenario when there are none.

    The engine stops at the first problem, so there is at most one; its line is a line of
    ``text`` when the problem is in the edited file.
    """
    file = Path(file).resolve()
    try:
        return [], load_edited(folder, file, text)
    except DiplosimError as exc:
        if exc.path is not None and exc.path.resolve() == file:
            return [Problem(exc.line or 1, exc.message)], None
        where = "" if exc.path is None else (f"{exc.path}:{exc.line}" if exc.line else str(exc.path))
        return [Problem(None, exc.message, where)], None


def profile_files(scenario: LoadedScenario) -> dict[str, Path]:
    """Each actor's id and the profile file an edit of it goes to, in the scenario's order of
    actors: the last ``actors/`` file merged for it, that is, a file of the scenario's own (or of
    the scenario it includes) when it has one, else its shared profile (``profiles:``), which
    every scenario naming that folder shares. An actor with no file (only an entry under
    ``actors:``) has none."""
    found = {}
    for file, root in scenario.document.roots.items():
        if len(root) == 2 and root[0] == "actors" and file.parent.name == ACTORS_DIR:
            found[root[1]] = file
    return {actor_id: found[actor_id] for actor_id in scenario.spec.actors if actor_id in found}


def files_on_disk(folder: Path) -> dict[str, Path]:
    """Each profile file of a scenario that does not load, by file name: those of its folder of
    shared profiles, if its scenario files can tell which, then its own ``actors/`` (a file there
    wins), so that a broken profile, shared or not, can be opened and fixed."""
    folder = scenario_file(Path(folder)).resolve().parent
    shared = shared_folder_on_disk(folder)
    files: dict[str, Path] = {}
    for place in (shared, folder):
        if place is not None:
            files |= {f.stem: f.resolve() for f in sorted((place / ACTORS_DIR).glob("*.yaml"))}
    return files


def editable(folder: Path) -> tuple[LoadedScenario | None, dict[str, Path], str | None]:
    """The scenario at ``folder`` as saved, each actor's profile file an edit goes to, and why it
    does not load (then the scenario is None and the files are :func:`files_on_disk`)."""
    try:
        scenario = load_scenario(folder)
    except DiplosimError as exc:
        return None, files_on_disk(folder), str(exc)
    return scenario, profile_files(scenario), None

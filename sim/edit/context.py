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

from .. import yamlsafe
from ..errors import DiplosimError, IncludeCycleError, ScenarioReferenceError, SchemaError
from ..loading import ACTORS_DIR, SCENARIO_FILE, LoadedScenario, merge, scenario_file, validate
from ..yamlsafe import Document


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


def _document(file: Path, texts: dict[Path, str]) -> Document:
    text = texts.get(file)
    return yamlsafe.load(file) if text is None else yamlsafe.parse(text, file)


def _actors(folder: Path, texts: dict[Path, str]) -> Document:
    """``actors/*.yaml`` of one folder under ``actors.<id>``, as the loader reads them."""
    combined = Document({})
    seen: dict[str, Path] = {}
    for file in sorted((folder / ACTORS_DIR).glob("*.yaml")):
        doc = _document(file, texts)
        actor_id = doc.data.get("id", file.stem)
        if not isinstance(actor_id, str):
            raise SchemaError("id: must be a string", file, doc.locate(("id",))[1])
        if actor_id in seen:
            raise ScenarioReferenceError(
                f"id: duplicate actor id '{actor_id}' (also in {seen[actor_id]})",
                file,
                doc.locate(("id",))[1],
            )
        seen[actor_id] = file
        combined = merge(combined, doc, ("actors", actor_id))
    return combined


def _shown(file: Path) -> str:
    return str(file.parent if file.name == SCENARIO_FILE else file)


def _raw(path: Path, texts: dict[Path, str], stack: tuple[Path, ...] = ()) -> Document:
    """:func:`sim.loading.read_raw` with some files' text given rather than read."""
    file = scenario_file(path).resolve()
    own = _document(file, texts)
    folder = file.parent
    include = own.data.get("include")
    merged = Document({})
    if include is not None:
        where = own.locate(("include",))
        if not isinstance(include, str):
            raise SchemaError("include: must be a relative folder path", *where)
        base = scenario_file(folder / include).resolve()
        if base in (*stack, file):
            chain = " -> ".join(_shown(p) for p in (*stack, file, base))
            raise IncludeCycleError(f"include: cycle {chain}", *where)
        if not base.is_file():
            raise ScenarioReferenceError(f"include: no scenario at {_shown(base)}", *where)
        merged = _raw(base, texts, (*stack, file))
    merged = merge(merged, _actors(folder, texts))
    return merge(merged, own)


def load_edited(folder: Path, file: Path, text: str) -> LoadedScenario:
    """The scenario at ``folder`` with ``file`` (one of its profiles) holding ``text``.

    Raises the loader's own :class:`DiplosimError` at the first problem.
    """
    folder = scenario_file(Path(folder)).resolve().parent
    return validate(_raw(folder, {Path(file).resolve(): text}), folder)


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
    """Each actor's id and the profile file that defines it (in an included folder, for a variant)."""
    files = {}
    for actor_id in scenario.spec.actors:
        file, _ = scenario.document.locate(("actors", actor_id, "id"))
        if file is not None and file.parent.name == ACTORS_DIR:
            files[actor_id] = file
    return files

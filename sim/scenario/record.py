"""Which file of recorded roll calls a scenario names (its ``record:``), checked to be its own.

A scenario may name a CSV of the votes really cast on its drafts, for ``diplosim backtest``; no
run ever reads it. The path is relative to the folder of the scenario file that states it, and
must lead (links followed) to a file in that folder or elsewhere in its project
(:mod:`sim.scenario.paths`), so that a scenario from someone else cannot make diplosim read or
copy another file of yours.

A record belongs to the file that states it. A variant includes its base to ask what would have
happened otherwise: its runs are a counterfactual, and scoring them against what did happen
would count the difference as the model's error. So a variant has a record only if its own file
names one; the base's record is still the base's (and the editor's working copy takes it along).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ScenarioPathError, ScenarioReferenceError
from .loading import SCENARIO_FILE, LoadedScenario
from .paths import contained, project_of, real
from .yamlsafe import Document

RECORD_PLACES = "in the scenario's folder or elsewhere in its project"


@dataclass(frozen=True)
class NamedRecord:
    """A record as a scenario file names it."""

    path: Path
    """Its real path, checked to lie in the naming scenario's tree."""
    named: str
    """The path as written in ``record:``."""
    file: Path
    """The scenario file that names it."""
    line: int | None
    """The line of ``record:`` in that file."""


def _stated(doc: Document) -> tuple[str, Path, int | None] | None:
    """``record:`` as written, and the file and line that state it last (a variant over its base);
    None when none does, or the last to state it says ``record: null``."""
    named = doc.data.get("record")
    file, line = doc.locate(("record",))
    return (named, file, line) if isinstance(named, str) and file is not None else None


def _named(named: str, file: Path, line: int | None) -> NamedRecord:
    folder = file.parent
    try:
        path = contained(named, folder, (real(folder), project_of(folder)), RECORD_PLACES)
    except ScenarioPathError as exc:
        raise ScenarioPathError(f"record: {exc.message}", file, line) from None
    return NamedRecord(path, named, file, line)


def named_record(doc: Document) -> NamedRecord | None:
    """The record named by the file that states ``record:`` last, whichever it is."""
    stated = _stated(doc)
    return None if stated is None else _named(*stated)


def own_record(loaded: LoadedScenario) -> NamedRecord | None:
    """The scenario's own record, which must exist; None when its own file names none (a variant
    that names none does not take its base's)."""
    stated = _stated(loaded.document)
    if stated is None or stated[1] != real(loaded.folder / SCENARIO_FILE):
        return None
    record = _named(*stated)
    if not record.path.exists():
        raise ScenarioReferenceError(f"record: no file at {record.named}", record.file, record.line)
    return record


def inherited_record(loaded: LoadedScenario) -> NamedRecord | None:
    """The record of a scenario this one includes, when this one names none of its own: what a
    user who wants a variant scored against its base's votes may pass with ``--record``."""
    stated = _stated(loaded.document)
    if stated is None or stated[1] == real(loaded.folder / SCENARIO_FILE):
        return None
    return _named(*stated)

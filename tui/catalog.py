"""The scenarios a player can pick: the shipped ones and those under ./scenarios."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim import DiplosimError, LoadedScenario, load_scenario
from sim.loading import SCENARIO_FILE
from sim.paths import DEFAULT_SCENARIO, shipped_scenarios


@dataclass(frozen=True)
class Entry:
    """A scenario folder and either its loaded scenario or why it would not load."""

    folder: Path
    scenario: LoadedScenario | None
    error: str | None = None


def scenario_folders(extra: list[Path] | None = None) -> list[Path]:
    """The default scenario first, then the other shipped ones, those in ./scenarios and any
    given, without duplicates."""
    roots = [shipped_scenarios(), Path.cwd() / "scenarios"]
    folders: dict[Path, None] = {}
    for root in roots:
        if root.is_dir():
            found = [file.parent for file in root.glob(f"*/{SCENARIO_FILE}")]
            for folder in sorted(found, key=lambda f: (f.name != DEFAULT_SCENARIO, f.name)):
                folders.setdefault(folder.resolve(), None)
    for path in extra or []:
        folders.setdefault((path if path.is_dir() else path.parent).resolve(), None)
    return list(folders)


def load_catalog(extra: list[Path] | None = None) -> list[Entry]:
    entries = []
    for folder in scenario_folders(extra):
        try:
            entries.append(Entry(folder, load_scenario(folder)))
        except DiplosimError as exc:
            entries.append(Entry(folder, None, str(exc)))
    return entries

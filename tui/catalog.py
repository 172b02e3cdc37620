"""The scenarios a player can pick: the shipped ones and those under ./scenarios."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim import DiplosimError, LoadedScenario, load_scenario
from sim.scenario.loading import SCENARIO_FILE
from sim.scenario.paths import DEFAULT_SCENARIO, shipped_scenarios


@dataclass(frozen=True)
class Entry:
    """A scenario folder and either its loaded scenario or why it would not load."""

    folder: Path
    scenario: LoadedScenario | None
    error: str | None = None


def scenario_folders(extra: list[Path] | None = None) -> list[Path]:
    """The default scenario first, then the other shipped ones, those in ./scenarios and any
    given, without duplicates. A folder in ./scenarios named as a shipped scenario takes that
    one's place, as it does for ``diplosim run NAME`` (sim.scenario.paths.resolve_scenario): it is a
    working copy the editor saved, or the checkout's own copy of the shipped files."""
    by_name: dict[str, Path] = {}
    for root in (shipped_scenarios(), Path.cwd() / "scenarios"):
        if root.is_dir():
            found = [file.parent for file in root.glob(f"*/{SCENARIO_FILE}")]
            for folder in sorted(found, key=lambda f: (f.name != DEFAULT_SCENARIO, f.name)):
                by_name[folder.name] = folder.resolve()  # a name seen before keeps its place
    folders = dict.fromkeys(by_name.values())
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

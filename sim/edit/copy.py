"""Where edits may be saved: in place, or in a working copy when the scenario is not the user's.

Scenarios shipped inside an installed diplosim (``sim/_data``) belong to the package: a
reinstall would silently undo an edit there, and a system install is not writable anyway. So
the editor saves such a scenario, or one whose folder it cannot write, to a working copy in the
current folder: the same files at the same relative places (``scenarios/<name>/...``, and the
folders it includes and its seed article beside them), which ``diplosim run``, ``batch`` and the
app then find under ``./scenarios``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import InputFileError
from ..loading import ACTORS_DIR, SCENARIO_FILE, LoadedScenario

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "_data"


def why_not_writable(file: Path) -> str | None:
    """Why an edit of ``file`` cannot be saved in place, or None when it can."""
    file = Path(file).resolve()
    if file.is_relative_to(PACKAGE_DATA):
        return "shipped inside the installed diplosim package"
    if not os.access(file.parent, os.W_OK) or (file.exists() and not os.access(file, os.W_OK)):
        return "not writable"
    return None


def scenario_files(scenario: LoadedScenario) -> list[Path]:
    """Every file a scenario reads: each folder's scenario file and profiles, and the seed article."""
    files = {file for file, _ in scenario.document.lines.values()}
    for folder in {file.parent for file in files if file.name == SCENARIO_FILE}:
        files |= set((folder / ACTORS_DIR).glob("*.yaml"))
    seed_file, _ = scenario.locate("source", "seed")
    if seed_file is not None:
        files.add((seed_file.parent / scenario.spec.source.seed).resolve())
    return sorted(files)


def working_copy(scenario: LoadedScenario, destination: Path) -> Path:
    """Copy the scenario's files under ``destination``, laid out as they are relative to each other;
    returns the copy's scenario folder. Files already there with the same bytes are kept; a file
    there with other content is never overwritten (an :class:`InputFileError` says which)."""
    files = scenario_files(scenario)
    root = Path(os.path.commonpath([f.parent for f in files]))
    if root.name == ACTORS_DIR or (root / SCENARIO_FILE).is_file():
        root = root.parent
    plan = [(file, Path(destination) / file.relative_to(root)) for file in files]
    for source, target in plan:
        if target.exists() and target.read_bytes() != source.read_bytes():
            raise InputFileError("a different file is already there; move it away or edit it instead", target)
    for source, target in plan:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return Path(destination) / scenario.folder.relative_to(root)

"""The list of every change scenarios make to their shared profiles, for docs/model.md and
``diplosim overrides``: one row per file, actor and field, with the dated reason."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .loading import SCENARIO_FILE, load_scenario
from .overrides import Override, table
from .paths import shipped_scenarios


def shipped_scenario_folders() -> list[Path]:
    """Every shipped scenario folder, by name (a folder of shared profiles is not one)."""
    return sorted(file.parent for file in shipped_scenarios().glob(f"*/{SCENARIO_FILE}"))


def override_rows(folders: Iterable[Path]) -> list[tuple[str, Override]]:
    """Each override of the scenarios in ``folders``, once per file, actor and field (a variant
    repeats those of the scenario it includes), with its file relative to the scenario's parent."""
    rows: dict[tuple[str, str, str], tuple[str, Override]] = {}
    for folder in folders:
        loaded = load_scenario(folder)
        for change in loaded.overrides:
            shown = Path(os.path.relpath(change.file, loaded.folder.parent)).as_posix() if change.file else ""
            rows.setdefault((shown, change.actor, change.field), (shown, change))
    return list(rows.values())


def override_table(folders: Iterable[Path] | None = None) -> str:
    """The overrides of ``folders`` (every shipped scenario by default) as a Markdown table."""
    return table(override_rows(shipped_scenario_folders() if folders is None else folders))

"""Where the shipped scenarios live: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = "syria-2012-07"

_PACKAGE = Path(__file__).resolve().parent


def shipped_scenarios() -> Path:
    """The folder of scenarios that came with diplosim."""
    installed = _PACKAGE / "_data" / "scenarios"
    return installed if installed.is_dir() else _PACKAGE.parent / "scenarios"


def default_scenario() -> Path:
    return shipped_scenarios() / DEFAULT_SCENARIO


def resolve_scenario(name: str | None) -> Path:
    """A scenario argument as a path: an existing path, else a scenario of that name (the default
    one when None) in ``./scenarios`` (where the editor saves working copies of shipped
    scenarios), else the shipped one."""
    if name is not None and Path(name).exists():
        return Path(name)
    name = name or DEFAULT_SCENARIO
    for folder in (Path("scenarios"), shipped_scenarios()):
        if (folder / name / "scenario.yaml").is_file():
            return folder / name
    return Path(name)

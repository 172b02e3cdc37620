"""Where scenarios live, and which files a scenario may name.

The shipped scenarios sit inside the installed package (or beside it in a checkout). A scenario
names other files by path (``source.seed``, ``include``); those paths must stay inside the
scenario's own tree, so that a scenario someone else wrote can never make diplosim read, quote or
copy a file of yours (``seed: /etc/shadow``, ``seed: ../../../.env``). The tree of a scenario
folder is the project that holds it, laid out as the repository is::

    project/scenarios/<name>/scenario.yaml     # the scenario, and actors/*.yaml
    project/seeds/<article>.txt               # seed articles

A scenario may include any scenario folder of its project or a shipped one, and take its seed
article from its own folder, from ``project/seeds/`` or from the shipped seeds.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ScenarioPathError

DEFAULT_SCENARIO = "syria-2012-07"
SCENARIOS_DIR = "scenarios"
SEEDS_DIR = "seeds"

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(kind: str) -> Path:
    installed = _PACKAGE / "_data" / kind
    return installed if installed.is_dir() else _PACKAGE.parent / kind


def shipped_scenarios() -> Path:
    """The folder of scenarios that came with diplosim."""
    return _shipped(SCENARIOS_DIR)


def shipped_seeds() -> Path:
    """The folder of seed articles that came with diplosim."""
    return _shipped(SEEDS_DIR)


def default_scenario() -> Path:
    return shipped_scenarios() / DEFAULT_SCENARIO


def resolve_scenario(name: str | None) -> Path:
    """A scenario argument as a path: an existing path, else a scenario of that name (the default
    one when None) in ``./scenarios`` (where the editor saves working copies of shipped
    scenarios), else the shipped one."""
    if name is not None and Path(name).exists():
        return Path(name)
    name = name or DEFAULT_SCENARIO
    for folder in (Path(SCENARIOS_DIR), shipped_scenarios()):
        if (folder / name / "scenario.yaml").is_file():
            return folder / name
    return Path(name)


def real(path: Path) -> Path:
    """``path`` with every link followed; a link loop is a :class:`ScenarioPathError`."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError: a link loop, on Python before 3.13
        raise ScenarioPathError("a symbolic link loop", path) from None


def project_of(folder: Path) -> Path:
    """The project a scenario folder belongs to: the nearest folder above it that holds a
    ``scenarios/`` folder; a lone scenario folder is a project of its own."""
    folder = real(folder)
    for above in folder.parents:
        if (above / SCENARIOS_DIR).is_dir():
            return above
    return folder


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(real(root)) for root in roots)


def include_roots(folder: Path) -> tuple[Path, ...]:
    """Where the scenario in ``folder`` may include another from."""
    return project_of(folder), real(shipped_scenarios())


def seed_roots(folder: Path) -> tuple[Path, ...]:
    """Where the scenario in ``folder`` may take its seed article from."""
    return real(folder), project_of(folder) / SEEDS_DIR, real(shipped_seeds())


def contained(named: str, folder: Path, roots: tuple[Path, ...], places: str) -> Path:
    """The real path of the file ``named`` (relative to ``folder``), checked to lie inside one of
    ``roots``; ``places`` says in words where it may be, for the message."""
    if not named.strip():
        raise ScenarioPathError("an empty path")
    target = real(folder / named)
    if not _inside(target, roots):
        raise ScenarioPathError(f"'{named}' is outside the scenario's tree; it must be {places}")
    return target

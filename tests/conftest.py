"""Shared fixtures: the real shipped scenario, loaded once."""

import shutil
from pathlib import Path

import pytest

from sim.scenario.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "syria-2012-07"


@pytest.fixture(scope="session")
def syria():
    return load_scenario(DEFAULT)


@pytest.fixture(scope="session")
def root() -> Path:
    """The project's root folder (scenarios/, seeds/)."""
    return ROOT


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped scenario to break, laid out as in the repository.

    The scenario names its seed article as ``../../seeds/...``, so the copy keeps both folders.
    """
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return Path(shutil.copytree(DEFAULT, tmp_path / "scenarios" / DEFAULT.name))

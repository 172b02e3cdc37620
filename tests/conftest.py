"""Shared fixtures: the real shipped scenario, loaded once."""

from pathlib import Path

import pytest

from sim.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "syria-2012-07"


@pytest.fixture(scope="session")
def syria():
    return load_scenario(DEFAULT)


@pytest.fixture(scope="session")
def root() -> Path:
    """The project's root folder (scenarios/, seeds/)."""
    return ROOT

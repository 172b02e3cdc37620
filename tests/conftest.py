"""Shared fixtures and constants: the frozen fixture scenario, loaded once, and the Council of 2012.

The tests run on a frozen copy of the shipped scenario, ``tests/data/scenarios/fixture-2012-07``
(same id, title and numbers as ``scenarios/syria-2012-07`` when it was copied; its seed article is
in ``tests/data/seeds/``, and ``tests/data/`` is its project). A user who edits a shipped profile
(the product's purpose) then breaks no test that checks a number.

Only a few tests read the shipped scenarios on purpose; they check what an edit of a shipped
profile should keep, and each is marked ``@pytest.mark.shipped`` (``pytest -m shipped`` lists
them; ``pytest -m "not shipped"`` runs the rest):

- tests/test_calibration.py: the calibration against the votes of July 2012;
- tests/test_power_cli.py: ``diplosim backtest`` of the default scenario against July 2012, and
  ``diplosim power`` with no scenario argument runs;
- tests/test_cli.py: the shipped scenarios validate, run by name or path, with no argument;
- tests/test_bad_input.py: ``validate scenarios/syria-2012-07`` and each of its profiles, as the
  README says;
- tests/test_authoring.py: the README's authoring commands (``new-variant syria-2012-07``);
- tests/test_language_server.py: every shipped YAML file is valid against its schema;
- tests/test_editor.py: every number of every shipped profile can be edited alone and back;
- tests/test_power_counterfactual.py: the shipped 2011-council variant;
- tests/test_architecture.py: ``sim.default_scenario()`` loads and runs from a fresh process.

Variants that change the Council or the fixture's drafts (tests/data/scenarios/<name>/) include
``../fixture-2012-07``, never the shipped scenario.
"""

import shutil
from pathlib import Path

import pytest
from shared import DATA, FIXTURE, ROOT, SHIPPED

from sim.scenario.loading import load_scenario


def pytest_configure(config):
    config.addinivalue_line("markers", "shipped: reads a shipped scenario on purpose (see tests/conftest.py)")


@pytest.fixture(scope="session")
def syria():
    """The fixture scenario (Syria, July 2012), loaded once."""
    return load_scenario(FIXTURE)


@pytest.fixture(scope="session")
def root() -> Path:
    """The project's root folder (scenarios/, seeds/)."""
    return ROOT


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture scenario to break, laid out as in the repository.

    The scenario names its seed article as ``../../seeds/...``, so the copy keeps both folders.
    """
    shutil.copytree(DATA / "seeds", tmp_path / "seeds")
    return Path(shutil.copytree(FIXTURE, tmp_path / "scenarios" / SHIPPED.name))

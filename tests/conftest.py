"""Shared fixtures and constants: the frozen fixture scenario, loaded once, and the Council of 2012.

The tests run on a frozen copy of the shipped scenario, ``tests/data/scenarios/fixture-2012-07``
(same id, title and numbers as ``scenarios/syria-2012-07`` when it was copied; its seed article is
in ``tests/data/seeds/``, and ``tests/data/`` is its project). A user who edits a shipped profile
(the product's purpose) then breaks no test that checks a number.

Only a few tests read the shipped scenarios on purpose. They check what an edit of a shipped
profile should keep, and each is marked ``@pytest.mark.shipped`` (``pytest -m shipped`` runs them,
``pytest -m "not shipped"`` the rest):

- test_calibration.py (all): the shipped scenario's modal votes match the July 2012 record. The
  only tests that an edit which loses the calibration is expected to fail;
- test_power_cli.py: ``diplosim backtest`` of the default scenario against July 2012, ``backtest``
  of the china-abstains variant and ``power --compare`` of the 2011-council variant, by name;
- test_backtest_all.py: ``diplosim backtest --all`` over the shipped scenarios (July 2012 still
  30 of 30, the variants unscored);
- test_cli.py: ``diplosim run`` with no scenario (from any folder), by name and by path, ``validate``
  of the shipped files, ``new-variant syria-2012-07`` then ``run``;
- test_play_cli.py: the README's ``diplosim``, ``play --as ...`` and bad arguments in a terminal;
- test_authoring.py: the README's ``new-variant syria-2012-07`` validates, runs, runs as its base,
  and its example uncommented is a dated change; ``new-actor ... --shared`` on a copy of them;
- test_bad_input.py: ``validate scenarios/syria-2012-07`` and each of its shared profiles loads;
- test_schema.py, test_language_server.py: every shipped file meets its schema, has comments;
- test_editor.py: every number of every shipped profile can be changed alone and back;
- test_tui_editor.py: ``diplosim edit syria-2012-07 --actor russian-federation`` opens the file,
  and editing China saves its shared profile in a working copy;
- test_shared_profiles.py: the shipped scenarios share scenarios/syria-actors, one profile per
  actor; docs/model.md lists exactly the changes they make to shared profiles;
- test_power_counterfactual.py: the shipped 2011-council variant loads and runs;
- test_tui.py, test_tui_snapshots.py: the start screen lists the shipped scenarios (titles only),
  and not their folder of shared profiles.

The tests' variants (tests/data/scenarios/: amend, noisy, rival-first and withdraw, which take the
engine's other paths, and china-abstains) include ``../fixture-2012-07``, never a shipped scenario;
clauses (drafts whose clauses hold over a range, tests/test_clauses.py) includes china-abstains.
"""

import shutil
from pathlib import Path

import pytest
from shared import DATA, FIXTURE, ROOT, SHIPPED

from sim.power.history import JULY_2012
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


@pytest.fixture
def recorded_copy(scenario_copy: Path) -> Path:
    """The private copy of the fixture scenario, naming the July 2012 votes as its record, as the
    shipped scenario does (``record: votes.csv``, on the last line of its scenario.yaml)."""
    (scenario_copy / "votes.csv").write_bytes(JULY_2012.read_bytes())
    with (scenario_copy / "scenario.yaml").open("a", encoding="utf-8") as file:
        file.write("record: votes.csv\n")
    return scenario_copy

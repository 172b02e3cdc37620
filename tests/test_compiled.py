"""The compiled engine (hatch_build.py) gives every run the same record as the source.

``pip install .`` compiles the engine's hot modules with mypyc; the tests themselves import the
source tree. Runs of the installed package, in a fresh interpreter that does not see the source,
must give records equal to the last byte to runs of the source: on the default scenario and on
variants that take the other paths (withdrawals, amendments, a rival draft, noisier votes), with
and without explanations, and with a player's moves.
"""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import sim
from sim.scenario.paths import shipped_scenarios

SOURCE = Path(__file__).resolve().parents[1] / "sim"
PROJECT = tomllib.loads((SOURCE.parent / "pyproject.toml").read_text(encoding="utf-8"))
COMPILED = [
    ".".join(Path(m).with_suffix("").parts[1:])
    for m in PROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"]
]
"""The modules the wheel build compiles (pyproject.toml), below ``sim``: ``engine.voting``."""
PATHS = Path(__file__).parent / "data" / "engine-paths"
"""Variants that take the engine's other paths (also used by benchmarks/engine_golden.py)."""
SEEDS = range(12)
AWAY = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
"""The environment of an interpreter that must not see the source tree (with ``-P`` and
another working directory)."""

RUNS = """
import json
from sim import DiplomacyModel, load_scenario
from sim.engine.moves import Inducement, Lobby, Statement

def played(scenario, seed):
    # the United States in a player's seat, pressing China and Pakistan every round
    model = DiplomacyModel(scenario, seed, player="united-states")
    while model.running:
        model.submit(Lobby("united-states", "pakistan", "coercion", 0.3))
        model.submit(Inducement("united-states", "pakistan", 0.2))
        model.submit(Statement("united-states", "china", 0.2))
        model.play_round()
    return model

def exact(model):
    # full precision, which the record's rounding may hide: every ballot probability, every position
    probabilities = [model.council_probabilities(d) for d in model.drafts.values()]
    return repr(probabilities + [a.position for a in model.actors.values()])

def lines(folder, seeds):
    scenario = load_scenario(folder)
    for seed in seeds:
        for full in (True, False):  # a full record, and the lean one a batch keeps
            model = DiplomacyModel(scenario, seed, explain=full, log_lobbying=full)
            model.run()
            yield json.dumps(model.record.to_dict(), sort_keys=True) + exact(model)
        model = played(scenario, seed)
        yield json.dumps(model.record.to_dict(), sort_keys=True) + exact(model)
"""
MAIN = """
import sys
for folder in sys.argv[1:]:
    for line in lines(folder, SEEDS):
        print(line)
"""


def installed(module: str, cwd: Path) -> str:
    """Where a fresh interpreter, away from the source tree, finds ``sim.<module>``."""
    done = subprocess.run(
        [sys.executable, "-P", "-c", f"import sim.{module}; print(sim.{module}.__file__)"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=AWAY,
        timeout=120,
    )
    return done.stdout.strip() if done.returncode == 0 else ""


@pytest.fixture(scope="module")
def scenarios() -> list[Path]:
    return [shipped_scenarios() / "syria-2012-07", *sorted(PATHS.iterdir())]


def test_the_installed_engine_is_compiled_and_runs_as_the_source_does(scenarios, tmp_path):
    if Path(sim.__file__).resolve().parent != SOURCE:
        pytest.skip("these tests import the installed package: run `python -m pytest` in the checkout")
    where = {module: installed(module, tmp_path) for module in COMPILED}
    if not all(where.values()):
        pytest.skip("diplosim is not installed outside the source tree")
    if any(Path(path).resolve().is_relative_to(SOURCE) for path in where.values()):
        pytest.skip("diplosim is installed in editable mode: the engine runs from the source")
    pure = [m for m, path in where.items() if path.endswith(".py")]
    if pure and os.environ.get("DIPLOSIM_PURE", "") not in ("", "0"):
        pytest.skip("built with DIPLOSIM_PURE: the installed engine is plain Python")
    assert not pure, f"the wheel was built without mypyc ({pure}): `pip install -v .` shows why"
    done = subprocess.run(
        [sys.executable, "-P", "-c", f"SEEDS = {list(SEEDS)!r}\n{RUNS}\n{MAIN}", *map(str, scenarios)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=AWAY,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    compiled = done.stdout.splitlines()
    here: dict = {}
    exec(RUNS, here)  # the very code the compiled run ran, on the source
    source = [line for folder in scenarios for line in here["lines"](folder, SEEDS)]
    assert len(compiled) == len(source) == len(scenarios) * len(SEEDS) * 3
    differing = [i for i, (a, b) in enumerate(zip(compiled, source, strict=True)) if a != b]
    assert not differing, f"{len(differing)} runs differ, first: {source[differing[0]][:300]}"
    votes = {json.dumps(json.loads(line[: line.rindex("}") + 1])["votes"]) for line in source}
    assert len(votes) > len(SEEDS), "the runs compared should take different paths"

"""Fuzzing: the shipped files and a real save, mutated at random, either load or are refused with a
:class:`DiplosimError`; nothing else ever escapes (no KeyError, no RecursionError, no hang)."""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared import DATA, FIXTURE

from sim.engine.moves import Lobby
from sim.errors import DiplosimError
from sim.play.game import Game
from sim.scenario.loading import load_scenario

SCENARIO = FIXTURE
FILES = ["scenario.yaml", *sorted(f"actors/{p.name}" for p in (SCENARIO / "actors").glob("*.yaml"))]
FUZZ = settings(
    max_examples=int(os.environ.get("DIPLOSIM_FUZZ_EXAMPLES", "60")),
    deadline=None,  # the hang guard is the run's own timeout; these are not timings
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

# What a hostile edit puts in place of a token: numbers of every kind, YAML's specials, nesting.
REPLACEMENTS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            ".nan",
            ".inf",
            "-.inf",
            "1e308",
            "-1e308",
            "~",
            "null",
            "true",
            "[]",
            "{}",
            "''",
            "&a x",
            "*a",
            "!!binary AA==",
            "[[[[[[[[[[]]]]]]]]]]",
            "{low: 5, high: 1}",
            "{mean: 0, sd: 1e9}",
            "../../../../etc/passwd",
            "/etc/shadow",
            "2012-02-30",
            "\t",
            "- x",
            "? y",
            ": :",
        ]
    ),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def pristine() -> dict[str, str]:
    return {name: (SCENARIO / name).read_text(encoding="utf-8") for name in FILES}


def mutate(text: str, data: st.DataObject) -> str:
    """One to three edits of a token or a line, anywhere in the text."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["token", "drop", "repeat", "indent", "swap"]))
        line = lines[index]
        if action == "token" and line.split():
            words = line.split(" ")
            spot = data.draw(st.integers(0, len(words) - 1))
            words[spot] = data.draw(REPLACEMENTS)
            lines[index] = " ".join(words)
        elif action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = " " * data.draw(st.integers(1, 5)) + line
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        lines = lines or [""]
    return "\n".join(lines)


@FUZZ
@given(data=st.data())
def test_mutated_scenario_files_load_or_are_refused(data, tmp_path_factory, pristine) -> None:
    project = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATA / "seeds", project / "seeds")
    folder = Path(shutil.copytree(SCENARIO, project / "scenarios" / SCENARIO.name))
    name = data.draw(st.sampled_from(FILES))
    (folder / name).write_text(mutate(pristine[name], data), encoding="utf-8")
    try:
        load_scenario(folder)
    except DiplosimError as exc:
        assert exc.path is not None, f"an error must name its file: {exc}"
        assert len(str(exc)) < 1500


@pytest.fixture(scope="module")
def save_text(tmp_path_factory) -> tuple[Path, str]:
    """A real save: a game in the United States' seat, two rounds with a move each."""
    folder = tmp_path_factory.mktemp("save")
    game = Game(load_scenario(SCENARIO), 4, "united-states")
    for target in ("russian-federation", "china"):
        game.submit(Lobby("united-states", target, "coercion", 0.3))
        game.play_round()
    path = game.save(folder / "save.json")
    return path, path.read_text(encoding="utf-8")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(value, at=()):
    """Every place in a JSON value: (path, value)."""
    yield at, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*at, index))


@FUZZ
@given(data=st.data())
def test_mutated_saves_load_or_are_refused(data, save_text) -> None:
    path, text = save_text
    saved = json.loads(text)
    places = [p for p, _ in _paths(saved) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        place = data.draw(st.sampled_from(places))
        parent = saved
        try:
            for part in place[:-1]:
                parent = parent[part]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(place[-1], None)
            else:
                parent[place[-1]] = data.draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this place
    broken = path.with_name("broken.json")
    try:
        broken.write_text(json.dumps(saved), encoding="utf-8")
    except ValueError:  # an integer too long for Python to write: the reader refuses those too
        return
    try:
        game = Game.load(broken)
    except DiplosimError as exc:
        assert exc.path == broken
        return
    for played in game.rounds:  # what loads is a game the rules allow
        for move in played:
            assert all(not isinstance(v, float) or math.isfinite(v) for v in vars(move).values())

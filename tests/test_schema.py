"""The JSON Schemas editors use: up to date, met by every shipped file, failed by broken ones.

Files are checked with the ``jsonschema`` library as the YAML language server sees them: dates
are text (YAML 1.2 has no date type), and every file names its schema on its first line.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from shared import FIXTURE

from sim.scenario import yamlsafe
from sim.scenario.schema import MODELINE, PROFILE_SCHEMA, SCENARIO_SCHEMA, SOURCE_SCHEMA, render, schemas

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
COMMITTED = SCENARIOS / "schemas"
SHIPPED = sorted(SCENARIOS.glob("*/scenario.yaml")) + sorted(SCENARIOS.glob("*/actors/*.yaml"))
SHIPPED += sorted(SCENARIOS.glob("*/source.yaml"))
SCHEMAS = schemas()


def as_editor_sees(value):
    """YAML data as JSON: dates as the text they are written as."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def schema_for(file: Path) -> str:
    return {"scenario.yaml": SCENARIO_SCHEMA, "source.yaml": SOURCE_SCHEMA}.get(file.name, PROFILE_SCHEMA)


def errors(data: dict, schema: str) -> list[str]:
    return [error.message for error in Draft7Validator(SCHEMAS[schema]).iter_errors(as_editor_sees(data))]


def read(file: Path) -> dict:
    return yamlsafe.load(file).data


def test_the_schemas_are_valid_draft_07() -> None:
    for schema in SCHEMAS.values():
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in render(schema) and "prefixItems" not in render(schema)


def test_the_committed_schemas_are_what_diplosim_schema_writes(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sim.cli", "schema", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == sorted([SCENARIO_SCHEMA, PROFILE_SCHEMA, SOURCE_SCHEMA])
    for name in written:
        fresh = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert fresh == render(SCHEMAS[name])
        assert (COMMITTED / name).read_text(encoding="utf-8") == fresh, (
            f"scenarios/schemas/{name} is stale: run `diplosim schema --out scenarios/schemas`"
        )


@pytest.mark.shipped
@pytest.mark.parametrize("file", SHIPPED, ids=lambda f: str(f.relative_to(SCENARIOS)))
def test_every_shipped_file_names_its_schema_and_meets_it(file: Path) -> None:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), f"{file} must start with the yaml-language-server modeline"
    target = (file.parent / first.removeprefix(MODELINE)).resolve()
    assert target == (COMMITTED / schema_for(file)).resolve()
    assert errors(read(file), schema_for(file)) == []


@pytest.mark.shipped
@pytest.mark.parametrize("file", SHIPPED, ids=lambda f: str(f.relative_to(SCENARIOS)))
def test_every_field_of_a_shipped_file_is_explained_by_a_comment(file: Path) -> None:
    """Each top-level field sits in a block of lines (between blank lines) that opens with a comment."""
    opened_by_comment: bool | None = None  # None: at the start of a block
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            opened_by_comment = None
            continue
        if opened_by_comment is None:
            opened_by_comment = line.startswith("#")
        if re.match(r"^[a-z_]+:", line):
            assert opened_by_comment, f"{file.name}: no comment explains '{line}'"


CHINA = FIXTURE / "actors" / "china.yaml"
SYRIA = FIXTURE / "scenario.yaml"


def broken(data: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(data)
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


PROFILE_BREAKS = [
    pytest.param(("salinece",), {"coercion": 0.5}, "salinece", id="misspelt-field"),
    pytest.param(("colour",), "red", "colour", id="unknown-field"),
    pytest.param(("ideal", "transition"), 150, "150", id="ideal-out-of-range"),
    pytest.param(("ideal", "coercion"), {"low": 0, "high": 800}, "800", id="range-end-out-of-range"),
    pytest.param(("ideal", "coercion"), {"low": 0, "hihg": 8}, "hihg", id="range-misspelt"),
    pytest.param(("capability",), "high", "high", id="text-for-number"),
    pytest.param(("capability",), True, "True", id="boolean-for-number"),
    pytest.param(("costs",), 0.3, "0.3", id="number-for-mapping"),
    pytest.param(("seat",), "rotating", "rotating", id="unknown-seat"),
    pytest.param(("id",), "China", "China", id="id-not-lower-case"),
    pytest.param(("name",), KeyError, "name", id="missing-name"),
    pytest.param(("provenance", 0, "qoute"), "x", "qoute", id="misspelt-provenance-field"),
]


@pytest.mark.parametrize(("path", "value", "named"), PROFILE_BREAKS)
def test_a_broken_profile_fails_the_schema(path: tuple, value, named: str) -> None:
    found = errors(broken(read(CHINA), path, value), PROFILE_SCHEMA)
    assert found and any(named in message for message in found), found


CLAUSE = ("drafts", "s-2012-538", "clauses", 0)
SCENARIO_BREAKS = [
    pytest.param(("status_qou",), {}, "status_qou", id="misspelt-field"),
    pytest.param(("status_quo", "coercion"), -5, "-5", id="position-out-of-range"),
    pytest.param(("parameters", "noise"), 5, "5", id="parameter-out-of-range"),
    pytest.param(("drafts", "s-2012-538", "sponsors"), "france", "france", id="text-for-list"),
    pytest.param(("drafts", "s-2012-538", "amendable", "coercion"), [55], "[55]", id="amendable-one-end"),
    pytest.param(("events", "tlas-defection", "changes", 0, "set"), 0.5, "add", id="change-add-and-set"),
    pytest.param(("schedule",), [], "[]", id="empty-schedule"),
    pytest.param(("drafts",), KeyError, "drafts", id="missing-drafts"),
    pytest.param(("actors",), {"china": {"capability": 5}}, "5", id="override-out-of-range"),
    pytest.param(CLAUSE + ("holds",), {"at_least": 150}, "150", id="holds-out-of-range"),
    pytest.param(CLAUSE + ("holds",), {"at_lest": 55}, "at_lest", id="holds-misspelt"),
    pytest.param(CLAUSE + ("holds",), {}, "{}", id="holds-no-bound"),
    pytest.param(
        ("drafts", "res-2059", "clauses", 2, "holds"), {"at_least": 5}, "dimension", id="holds-no-dimension"
    ),
]


@pytest.mark.parametrize(("path", "value", "named"), SCENARIO_BREAKS)
def test_a_broken_scenario_fails_the_schema(path: tuple, value, named: str) -> None:
    found = errors(broken(read(SYRIA), path, value), SCENARIO_SCHEMA)
    assert found and any(named in message for message in found), found


def test_a_variant_overrides_only_what_it_changes_but_stays_closed() -> None:
    variant = {
        "include": "../syria-2012-07",
        "id": "v",
        "drafts": {"russia-rival": {"vote_on": "2012-07-18"}},
        "actors": {"china": {"costs": {"veto": 0.75}}},
        "parameters": {"noise": 0.2},
    }
    assert errors(variant, SCENARIO_SCHEMA) == []
    without_include = {key: value for key, value in variant.items() if key != "include"}
    assert errors(without_include, SCENARIO_SCHEMA)  # a whole scenario needs every required field
    for path, value in [
        (("actors", "china", "costs", "vetoo"), 0.7),
        (("actors", "china", "costs", "veto"), 7),
        (("drafts", "russia-rival", "vote_onn"), "2012-07-18"),
        (("schedule",), [{"label": "a round without its date"}]),  # a list replaces the base's: whole
    ]:
        assert errors(broken(variant, path, value), SCENARIO_SCHEMA), path


def test_descriptions_come_from_the_field_docstrings() -> None:
    profile = SCHEMAS[PROFILE_SCHEMA]
    assert profile["properties"]["susceptibility"]["description"].startswith("How readily it moves")
    number = profile["definitions"]["Number0to100"]
    assert [alt.get("title", alt.get("type")) for alt in number["anyOf"]] == ["number", "Range", "Normal"]
    assert number["anyOf"][0] == {"type": "number", "minimum": 0, "maximum": 100}


def test_a_variant_may_move_one_end_of_a_range_as_the_loader_merges_it(scenario_copy: Path) -> None:
    """Editors must not flag what the loader accepts: in a variant, ``{high: 0.9}`` merges into the
    base profile's ``{low: 0.15, high: 0.3}``; a misspelt end is still flagged."""
    from sim import load_scenario
    from sim.scenario.uncertain import Range

    body = "include: ../{base}\nactors:\n  russian-federation:\n    costs: {{veto: {{{end}: 0.9}}}}\n"
    variant = scenario_copy.parent / "variant"
    variant.mkdir()
    (variant / "scenario.yaml").write_text(body.format(base=scenario_copy.name, end="high"))
    assert errors(read(variant / "scenario.yaml"), SCENARIO_SCHEMA) == []
    veto = load_scenario(variant).spec.actors["russian-federation"].costs.veto
    assert veto == Range(low=0.15, high=0.9)
    (variant / "scenario.yaml").write_text(body.format(base=scenario_copy.name, end="hihg"))
    assert any("hihg" in message for message in errors(read(variant / "scenario.yaml"), SCENARIO_SCHEMA))


def test_a_source_gives_a_seed_article_or_un_records() -> None:
    """As the loader: records alone will do, neither is refused; a variant may leave both to its base."""
    syria = read(SYRIA)
    records = {"title": "UN records", "records": ["S/2011/612", "S/PV.6627", "SC/10403"]}
    assert errors({**syria, "source": records}, SCENARIO_SCHEMA) == []
    for source in ({"title": "nothing"}, {"records": []}):
        assert errors({**syria, "source": source}, SCENARIO_SCHEMA), source
    assert errors({"include": "../syria-2012-07", "source": {"title": "t"}}, SCENARIO_SCHEMA) == []
    source_yaml = SCHEMAS[SOURCE_SCHEMA]
    assert errors({"seed": "../../seeds/a.txt", "title": "t"}, SOURCE_SCHEMA) == []
    assert errors({"title": "t"}, SOURCE_SCHEMA) and errors({"seed": "a", "quotes": []}, SOURCE_SCHEMA)
    assert source_yaml["properties"]["seed"]["description"].startswith("Path of the article")

"""Writing scenarios: quotes found in the seed article, and the new-* commands, in real subprocesses.

Every file a command writes must validate, run, and meet the JSON Schema its modeline names.
Quotes are checked on a copy of the tests' fixture scenario; the README's ``new-variant
syria-2012-07`` makes a variant of the shipped one (tests marked ``shipped``, tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from terminal import diplosim
from test_schema import as_editor_sees

from sim.errors import ProvenanceError, ScaffoldError
from sim.scenario import yamlsafe
from sim.scenario.loading import load_profile, load_scenario
from sim.scenario.profiles import ActorProfile
from sim.scenario.provenance import normalise
from sim.scenario.scaffold import new_actor, new_scenario, new_variant
from sim.scenario.schema import MODELINE

ROOT = Path(__file__).resolve().parent.parent
REPORT = re.compile(r"(?P<file>[^\n]+?):(?P<line>\d+): (?P<message>[^\n]+)")
SAID = "She said Moscow and Beijing had nothing to gain by standing up for Mr Assad"


def line_of(file: Path, fragment: str) -> int:
    text = file.read_text(encoding="utf-8")
    return text[: text.index(fragment)].count("\n") + 1


def meets_its_schema(file: Path) -> None:
    """The file starts with a modeline to a schema that exists, and meets that schema."""
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), first
    schema_file = file.parent / first.removeprefix(MODELINE)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = as_editor_sees(yamlsafe.load(file).data)
    assert [e.message for e in Draft7Validator(schema).iter_errors(data)] == [], file


# -- quotes checked against the seed article -------------------------------------------------------


def test_an_altered_quote_is_named_at_its_line(scenario_copy: Path, tmp_path: Path) -> None:
    china = scenario_copy / "actors" / "china.yaml"
    china.write_text(china.read_text().replace("had nothing to gain", "had little to gain"))
    run = diplosim("validate", str(scenario_copy), cwd=tmp_path)
    assert run.returncode == 2 and run.stdout == "" and "Traceback" not in run.stderr
    [report] = run.stderr.splitlines()
    match = REPORT.fullmatch(report)
    assert match and Path(match["file"]).resolve() == china.resolve(), report
    assert int(match["line"]) == line_of(china, "had little to gain")
    assert match["message"].startswith('provenance quote not found in the seed article: "She said Moscow')
    assert "little to gain" in match["message"] and f'(the article has: "{SAID}' in match["message"]
    with pytest.raises(ProvenanceError) as alone:  # the profile checked on its own
        load_profile(china)
    assert str(alone.value) == report.replace(match["file"], str(china))


def test_event_and_source_quotes_are_checked_too(scenario_copy: Path) -> None:
    scenario = scenario_copy / "scenario.yaml"
    text = scenario.read_text()
    for old, new, kind in [
        ("Some 15,800 people", "Some 18,500 people", "event quote"),
        ("are not at the meeting.", "are not at the talks.", "source quote"),
    ]:
        scenario.write_text(text.replace(old, new))
        with pytest.raises(ProvenanceError) as caught:
            load_scenario(scenario_copy)
        assert caught.value.message.startswith(f"{kind} not found") and new in caught.value.message
        assert caught.value.line == line_of(scenario, new)


def test_typing_differences_are_not_misquotes_but_words_are() -> None:
    article = normalise((ROOT / "seeds" / "000_bb4828be64e90ce1.txt").read_text())
    same = [
        "The roadmap — announced last weekend by Annan after a meeting of world powers in Geneva – includes",
        "to live “independently and democratically”",
        "Syria’s regime had fled to Turkey.",
        "Russia and China\n    are not attending",
    ]
    for quote in same:
        assert normalise(quote) in article, quote
    changed = [
        "Russia and china are not attending",
        "Syria's regime had fled to Lebanon",
        "China are attending",
    ]
    for quote in changed:
        assert normalise(quote) not in article, quote


def test_reference_facts_are_not_looked_for_in_the_article(scenario_copy: Path) -> None:
    togo = scenario_copy / "actors" / "togo.yaml"
    togo.write_text(togo.read_text().replace("Elected members for 2012", "Members elected for 2012"))
    assert load_scenario(scenario_copy).spec.actors["togo"].provenance[0].reference.startswith("Members")


# -- new-scenario, new-actor, new-variant -----------------------------------------------------------


README_COMMANDS = [
    ("new-scenario", "scenarios/my-crisis", "--date", "2013-03-01"),
    ("new-actor", "iran", "--scenario", "scenarios/my-crisis", "--name", "Iran (Islamic Republic of)"),
    ("new-variant", "syria-2012-07", "scenarios/syria-dear-veto"),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of scenarios made with the README's commands, and a variant of the new scenario."""
    here = tmp_path_factory.mktemp("workspace")
    for args in README_COMMANDS:
        run = diplosim(*args, cwd=here)
        assert run.returncode == 0 and run.stdout.startswith("wrote "), run.stderr
    new_variant(here / "scenarios" / "my-crisis", here / "scenarios" / "my-crisis-no-mission")
    return here / "scenarios"


@pytest.mark.shipped
def test_the_new_files_validate_and_meet_their_schemas(workspace: Path) -> None:
    readme = ("scenarios/my-crisis", "scenarios/syria-dear-veto")  # the README's, and two more
    more = ("scenarios/my-crisis-no-mission", "scenarios/my-crisis/actors/iran.yaml")
    run = diplosim("validate", *readme, *more, cwd=workspace.parent)
    assert run.returncode == 0, run.stderr
    assert "scenario 'my-crisis': 16 actors" in run.stdout and "scenario 'syria-dear-veto'" in run.stdout
    assert "scenario 'my-crisis-no-mission'" in run.stdout and "actor 'iran', seat none" in run.stdout
    names = ["my-crisis", "my-crisis-no-mission", "syria-dear-veto"]
    written = [workspace / name / "scenario.yaml" for name in names]
    written += sorted((workspace / "my-crisis" / "actors").glob("*.yaml"))
    assert len(written) == 3 + 16
    for file in written:
        meets_its_schema(file)


def test_diplosim_schema_writes_the_schemas_here(workspace: Path) -> None:
    run = diplosim("schema", cwd=workspace.parent)
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in (workspace.parent / "schemas").iterdir())
    assert written == [
        "diplosim-profile.schema.json",
        "diplosim-scenario.schema.json",
        "diplosim-source.schema.json",
    ]
    for name in written:  # the same as those new-scenario put beside the scenario folders
        assert (workspace.parent / "schemas" / name).read_text() == (workspace / "schemas" / name).read_text()


@pytest.mark.shipped
@pytest.mark.parametrize("name", ["my-crisis", "syria-dear-veto"])
def test_the_new_scenario_and_variant_run(workspace: Path, name: str) -> None:
    run = diplosim("run", name, "--seed", "1", cwd=workspace)
    assert run.returncode == 0, run.stderr
    assert "VOTE" in run.stdout and "Outcome" in run.stdout


def test_a_new_profile_has_every_field_and_the_scenarios_dimensions(workspace: Path) -> None:
    iran = workspace / "my-crisis" / "actors" / "iran.yaml"
    data = yamlsafe.load(iran).data
    assert set(data) == set(ActorProfile.model_fields)
    assert data["name"] == "Iran (Islamic Republic of)" and data["seat"] == "none"
    assert set(data["ideal"]) == set(data["salience"]) == {"measures", "mission"}
    lines = iran.read_text().splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            assert lines[index - 1].startswith("#"), f"no comment above '{line}'"


@pytest.mark.shipped
def test_a_variant_includes_its_base_by_a_relative_path(workspace: Path) -> None:
    data = yamlsafe.load(workspace / "my-crisis-no-mission" / "scenario.yaml").data
    assert data["include"] == "../my-crisis" and data["id"] == "my-crisis-no-mission"
    assert load_scenario(workspace / "my-crisis-no-mission").spec.actors["iran"].name.startswith("Iran")
    shipped = yamlsafe.load(workspace / "syria-dear-veto" / "scenario.yaml").data["include"]
    assert Path(shipped).is_absolute()  # a shipped scenario, far from the workspace: by its full path
    # Checked by the installed diplosim that wrote it: the checkout's own would see another
    # folder of shipped scenarios (its ``scenarios/``) than the installed package's.
    runs = [
        diplosim("run", name, "--seed", "3", "--json", cwd=workspace)
        for name in ("syria-dear-veto", "syria-2012-07")
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    variant, base = (json.loads(run.stdout) for run in runs)
    assert variant["votes"] == base["votes"] and variant["scenario"]["id"] == "syria-dear-veto"


def test_nothing_is_overwritten(workspace: Path) -> None:
    iran = workspace / "my-crisis" / "actors" / "iran.yaml"
    before = iran.read_text()
    run = diplosim("new-actor", "iran", "--scenario", "my-crisis", cwd=workspace)
    assert run.returncode == 2 and run.stdout == "", run.stderr
    [report] = run.stderr.splitlines()
    assert report.startswith(
        f"{Path('my-crisis/actors/iran.yaml')}: already exists; diplosim never overwrites"
    )
    assert iran.read_text() == before
    with pytest.raises(ScaffoldError, match="not empty"):
        new_scenario(workspace / "my-crisis", dt.date(2013, 3, 1))
    with pytest.raises(ScaffoldError, match="already exists"):
        new_variant(workspace / "my-crisis", workspace / "syria-dear-veto")


@pytest.mark.parametrize("name", ["Iran", "iran_1", "-iran", "ir an"])
def test_a_name_that_is_no_id_is_refused(workspace: Path, name: str) -> None:
    with pytest.raises(ScaffoldError, match="lower case letters, digits and hyphens"):
        new_actor(name, workspace / "my-crisis", None, "state", "none")
    with pytest.raises(ScaffoldError, match="lower case"):
        new_scenario(workspace / name, dt.date(2013, 3, 1))
    assert not (workspace / name).exists()


def test_a_new_actor_needs_a_scenario(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"no scenario\.yaml here"):
        new_actor("iraq", tmp_path, None, "state", "none")


# -- new files with shared profiles (profiles:) ---------------------------------------------------------


@pytest.fixture(scope="module")
def shared_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped scenarios (which share scenarios/syria-actors) and their seeds."""
    here = tmp_path_factory.mktemp("shared")
    shutil.copytree(ROOT / "scenarios", here / "scenarios")
    shutil.copytree(ROOT / "seeds", here / "seeds")
    return here


@pytest.mark.shipped
def test_new_actor_shared_writes_a_seatless_profile_into_the_shared_folder(shared_workspace: Path) -> None:
    args = ("new-actor", "qatar", "--scenario", "scenarios/syria-2012-07", "--shared", "--name", "Qatar")
    run = diplosim(*args, cwd=shared_workspace)  # the README's, with a name
    assert run.returncode == 0, run.stderr
    qatar = shared_workspace / "scenarios" / "syria-actors" / "actors" / "qatar.yaml"
    assert run.stdout.splitlines()[0] == f"wrote {qatar.resolve()}"
    data = yamlsafe.load(qatar).data
    assert set(data) == set(ActorProfile.model_fields) - {"seat"} and data["name"] == "Qatar"
    meets_its_schema(qatar)
    run = diplosim("validate", "scenarios/syria-actors", "scenarios/syria-2012-07", cwd=shared_workspace)
    assert run.returncode == 0, run.stderr
    assert "(shared profiles: 36 actors)" in run.stdout and "'syria-2012-07': 21 actors" in run.stdout
    variant = shared_workspace / "scenarios" / "with-qatar"
    variant.mkdir()
    outside = "[arab-league, assad-government, gulf-states, joint-special-envoy, qatar, turkey, "
    outside += "un-secretary-general]"
    (variant / "scenario.yaml").write_text(f"include: ../syria-2012-07\nid: with-qatar\noutside: {outside}\n")
    assert load_scenario(variant).spec.actors["qatar"].seat.value == "none"


@pytest.mark.shipped
def test_new_actor_writes_into_the_scenario_and_refuses_a_shared_actor(shared_workspace: Path) -> None:
    scenario = shared_workspace / "scenarios" / "syria-2012-07"
    run = diplosim("new-actor", "china", "--scenario", scenario, cwd=shared_workspace)
    assert run.returncode == 2 and "'china' has a shared profile" in run.stderr, run.stderr
    assert not (scenario / "actors").exists()
    run = diplosim("new-actor", "iran", "--scenario", scenario, cwd=shared_workspace)
    assert run.returncode == 0, run.stderr
    assert (scenario / "actors" / "iran.yaml").is_file()
    assert load_scenario(scenario).spec.actors["iran"].seat.value == "none"
    (scenario / "actors" / "iran.yaml").unlink()
    (scenario / "actors").rmdir()
    with pytest.raises(ScaffoldError, match="a folder of shared profiles: give a scenario"):
        new_actor("oman", shared_workspace / "scenarios" / "syria-actors", None, "state", "none")
    with pytest.raises(ScaffoldError, match="a shared profile has no seat"):
        new_actor("oman", scenario, None, "state", "elected", shared=True)


def test_new_actor_shared_needs_a_folder_of_shared_profiles(workspace: Path) -> None:
    with pytest.raises(ScaffoldError, match="names no folder of shared profiles"):
        new_actor("oman", workspace / "my-crisis", None, "state", "none", shared=True)


@pytest.mark.shipped
def test_the_new_variants_example_uncommented_is_a_dated_change(workspace: Path) -> None:
    """The README's variant of the shipped scenario: its commented example, uncommented,
    changes China's shared profile with the dated reason such a change needs. Checked by the
    installed diplosim that wrote it, which finds the shipped scenario where it named it."""
    text = (workspace / "syria-dear-veto" / "scenario.yaml").read_text(encoding="utf-8")
    head, example = text.split("# actors:\n")
    example = example.split("\n\n")[0]  # the example ends at the first blank line
    folder = workspace / "uncommented"
    folder.mkdir()
    body = "\n".join(line.removeprefix("# ") for line in ("# actors:\n" + example).splitlines())
    (folder / "scenario.yaml").write_text(head.replace("syria-dear-veto", "uncommented") + body + "\n")
    done = diplosim("run", "uncommented", "--seed", "1", "--json", cwd=workspace)
    assert done.returncode == 0, done.stderr
    sampled = json.loads(done.stdout)["sampled"]
    assert "actors.china.costs.veto" not in sampled  # 0.8, a plain number, where the base drew it
    listed = diplosim("overrides", "uncommented", cwd=workspace)
    assert listed.returncode == 0, listed.stderr
    rows = [line for line in listed.stdout.splitlines() if "china" in line and "costs.veto" in line]
    assert len(rows) == 1 and "0.8" in rows[0], listed.stdout

"""Shared profiles (``profiles:``): one profile per actor across scenarios, seats from each
Council, and a dated reason for every change a scenario makes to one.

Each test builds a project of real files from the tests' fixture scenario: its profiles moved to
a folder of shared profiles (``scenarios/shared/actors/``, without their seats), the scenario
naming it. Errors go through the real command line (``file:line: message``, exit 2).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from shared import DATA, FIXTURE, ROOT
from terminal import diplosim

from sim.edit import check_profile_text, editable, working_copy
from sim.errors import ProvenanceError, ScenarioReferenceError, SchemaError
from sim.scenario.loading import load_profile, load_scenario, load_shared
from sim.scenario.override_list import override_table, shipped_scenario_folders
from sim.scenario.profiles import Seat

OUTSIDE = ["assad-government", "gulf-states", "joint-special-envoy", "turkey", "un-secretary-general"]
"""The fixture's actors without a seat."""
SEAT_LINE = re.compile(r"^seat: .*\n", re.MULTILINE)


def line_of(file: Path, fragment: str) -> int:
    text = file.read_text(encoding="utf-8")
    return text[: text.index(fragment)].count("\n") + 1


def report(run) -> tuple[Path, int, str]:
    """The one line of a refusal, as (file, line, message); exit status 2, nothing on stdout."""
    assert run.returncode == 2 and run.stdout == "" and "Traceback" not in run.stderr, run.stderr
    [line] = run.stderr.splitlines()
    match = re.fullmatch(r"(?P<file>.+?):(?P<line>\d+): (?P<message>.+)", line)
    assert match, line
    return Path(match["file"]).resolve(), int(match["line"]), match["message"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose scenario ``crisis`` takes every profile from ``scenarios/shared``."""
    shutil.copytree(DATA / "seeds", tmp_path / "seeds")
    scenario = Path(shutil.copytree(FIXTURE, tmp_path / "scenarios" / "crisis"))
    shared = tmp_path / "scenarios" / "shared" / "actors"
    shared.mkdir(parents=True)
    for file in sorted((scenario / "actors").glob("*.yaml")):
        (shared / file.name).write_text(SEAT_LINE.sub("", file.read_text(encoding="utf-8")), encoding="utf-8")
        file.unlink()
    (scenario / "actors").rmdir()
    with (scenario / "scenario.yaml").open("a", encoding="utf-8") as out:
        out.write(f"\nprofiles: ../shared\noutside: [{', '.join(OUTSIDE)}]\n")
    return tmp_path


def scenario_of(project: Path) -> Path:
    return project / "scenarios" / "crisis"


def shared_file(project: Path, actor: str) -> Path:
    return project / "scenarios" / "shared" / "actors" / f"{actor}.yaml"


def variant(project: Path, text: str, name: str = "variant") -> Path:
    """A scenario that includes ``crisis`` and adds ``text``."""
    folder = project / "scenarios" / name
    folder.mkdir()
    (folder / "scenario.yaml").write_text(f"include: ../crisis\nid: {name}\n{text}", encoding="utf-8")
    return folder


# -- the shared folder gives the profiles ------------------------------------------------------------


def test_shared_profiles_give_the_scenario_its_own_profiles_exactly(project: Path, syria) -> None:
    loaded = load_scenario(scenario_of(project))
    assert loaded.digest == syria.digest  # where the profiles come from is not content
    dump = loaded.spec.model_dump(exclude={"profiles", "outside"}, warnings=False)
    assert dump == syria.spec.model_dump(exclude={"profiles", "outside"}, warnings=False)
    assert (
        loaded.spec.actors["china"].seat is Seat.permanent and loaded.spec.actors["turkey"].seat is Seat.none
    )
    assert loaded.shared == (project / "scenarios" / "shared").resolve() and loaded.overrides == ()


def test_each_scenario_takes_the_shared_profiles_of_its_own_actors_and_seats(project: Path) -> None:
    benin = shared_file(project, "benin")
    benin.write_text(shared_file(project, "togo").read_text().replace("id: togo", "id: benin"))
    assert "benin" not in load_scenario(scenario_of(project)).spec.actors  # not named: not taken
    elected = "[benin, colombia, germany, guatemala, india, morocco, pakistan, portugal, south-africa, togo]"
    swapped = variant(
        project,
        f"council:\n  elected: {elected}\noutside: [{', '.join([*OUTSIDE, 'azerbaijan'])}]\n",
    )
    actors = load_scenario(swapped).spec.actors
    assert actors["benin"].seat is Seat.elected and actors["azerbaijan"].seat is Seat.none
    assert len(actors) == 21


def test_a_seat_in_a_shared_profile_is_refused(project: Path) -> None:
    china = shared_file(project, "china")
    china.write_text(china.read_text().replace("kind: state\n", "kind: state\nseat: permanent\n"))
    for target in (scenario_of(project), project / "scenarios" / "shared", china):
        file, line, message = report(diplosim("validate", target, cwd=project))
        assert (file, line) == (china.resolve(), line_of(china, "seat: permanent"))
        assert message.startswith("seat: a shared profile has no seat")


def test_a_seat_given_in_the_scenario_must_agree_with_its_council(project: Path) -> None:
    folder = variant(project, "actors:\n  turkey: {seat: elected}\n")
    file, line, message = report(diplosim("validate", folder, cwd=project))
    assert (file, line) == ((folder / "scenario.yaml").resolve(), 4)
    assert message == "actors.turkey.seat: 'elected', but the Council lists it as 'none'"
    assert load_scenario(variant(project, "actors:\n  turkey: {seat: none}\n", "agrees")).overrides == ()


def test_validate_checks_a_folder_of_shared_profiles_and_each_profile(project: Path) -> None:
    shared = project / "scenarios" / "shared"
    run = diplosim("validate", shared, shared / "actors" / "china.yaml", cwd=project)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"ok: {shared} (shared profiles: 20 actors)",
        f"ok: {shared / 'actors' / 'china.yaml'} (actor 'china', seat from the council lists)",
    ]
    assert set(load_shared(shared)) == set(load_scenario(scenario_of(project)).spec.actors)
    assert load_profile(shared / "actors" / "china.yaml").seat is None


def test_an_alignment_with_a_shared_actor_the_scenario_leaves_out_is_left_out(project: Path) -> None:
    benin = shared_file(project, "benin")  # in the shared folder, in no scenario
    benin.write_text(shared_file(project, "togo").read_text().replace("id: togo", "id: benin"))
    china = shared_file(project, "china")
    china.write_text(china.read_text().replace("  pakistan: 0.2", "  pakistan: 0.2\n  benin: 0.3"))
    actors = load_scenario(scenario_of(project)).spec.actors
    assert "benin" not in actors and "benin" not in actors["china"].alignments
    assert actors["china"].alignments == {"russian-federation": 0.7, "pakistan": 0.2, "united-states": -0.2}
    folder = variant(project, f"outside: [{', '.join([*OUTSIDE, 'benin'])}]\n")
    assert load_scenario(folder).spec.actors["china"].alignments["benin"] == 0.3  # taken: kept
    # An actor the shared folder does not hold is still unknown.
    china.write_text(china.read_text().replace("  benin: 0.3", "  benni: 0.3"))
    file, line, message = report(diplosim("validate", scenario_of(project), cwd=project))
    assert (file, line) == (china.resolve(), line_of(china, "benni"))
    assert message.startswith("alignments.benni: unknown actor 'benni'")


def test_a_dimension_the_scenario_does_not_bargain_over_is_left_out(project: Path) -> None:
    china = shared_file(project, "china")
    text = china.read_text()
    text = text.replace("  mission: 60\n", "  mission: 60\n  accountability: 10\n")
    text = text.replace("  mission: 0.3\n", "  mission: 0.3\n  accountability: 0.7\n")
    text = text.replace("[costs.veto, ideal.coercion]", "[costs.veto, ideal.accountability]")
    text += '  - reference: "Vetoed the ICC referral of 2014."\n    supports: [salience.accountability]\n'
    china.write_text(text)
    spec = load_scenario(scenario_of(project)).spec
    profile = spec.actors["china"]
    assert set(profile.ideal) == set(profile.salience) == set(spec.dimensions)
    assert set(spec.dimensions) == {"coercion", "transition", "mission"}
    assert [source.supports for source in profile.provenance] == [
        ["alignments.russian-federation"],
        ["costs.veto"],
        ["costs.veto"],
    ]
    # A scenario that bargains over it needs it of every actor: the first without it is named.
    label = "{label: ICC, low: no referral, high: a referral}"
    folder = variant(project, f"dimensions:\n  accountability: {label}\n")
    file, _, message = report(diplosim("validate", folder, cwd=project))
    assert file.parent == shared_file(project, "china").parent.resolve() and file.name != "china.yaml"
    assert message.endswith("ideal: no value for dimension(s) accountability")


# -- profiles: and outside: refused clearly -------------------------------------------------------------


@pytest.mark.parametrize(
    ("named", "words"),
    [
        ("../nowhere", "profiles: no folder at ../nowhere"),
        ("../empty", "profiles: no actors/ folder in ../empty"),
        ("../other", "profiles: ../other is a scenario, not a folder of shared profiles"),
        ("[../shared]", "profiles: must be a relative folder path"),
    ],
)
def test_profiles_that_name_no_folder_of_shared_profiles_are_refused(
    project: Path, named: str, words: str
) -> None:
    (project / "scenarios" / "empty").mkdir()
    shutil.copytree(scenario_of(project), project / "scenarios" / "other")
    file = scenario_of(project) / "scenario.yaml"
    file.write_text(file.read_text().replace("profiles: ../shared", f"profiles: {named}"))
    where, line, message = report(diplosim("validate", scenario_of(project), cwd=project))
    assert (where, line) == (file.resolve(), line_of(file, "profiles:"))
    assert message.startswith(words), message


@pytest.mark.parametrize(
    ("more", "words"),
    [
        ("turky", "outside.5: unknown actor 'turky' (did you mean 'turkey'?)"),
        ("china", "outside.5: 'china' sits on the Council; outside lists actors who do not"),
    ],
)
def test_outside_names_actors_who_are_not_on_the_council(project: Path, more: str, words: str) -> None:
    folder = variant(project, f"outside: [{', '.join([*OUTSIDE, more])}]\n")
    file, line, message = report(diplosim("validate", folder, cwd=project))
    assert (file, line, message) == ((folder / "scenario.yaml").resolve(), 3, words)


# -- a change to a shared profile needs a dated reason ---------------------------------------------------

DATED = """    provenance:
      - date: 2013-09-14
        reference: "US-Russia Framework for Elimination of Syrian Chemical Weapons (Geneva)"
        supports: [costs.veto, ideal]
"""


def test_a_change_without_a_dated_reason_is_refused_at_its_line(project: Path) -> None:
    folder = variant(project, "actors:\n  china:\n    costs:\n      veto: 0.9\n")
    file, line, message = report(diplosim("validate", folder, cwd=project))
    assert (file, line) == ((folder / "scenario.yaml").resolve(), 6)
    assert message.startswith("china.costs.veto overrides the shared profile without a dated reason")
    undated = DATED.replace("      - date: 2013-09-14\n        reference", "      - reference")
    folder = variant(project, f"actors:\n  china:\n    costs:\n      veto: 0.9\n{undated}", "undated")
    assert "china.costs.veto overrides" in diplosim("validate", folder, cwd=project).stderr
    other = DATED.replace("[costs.veto, ideal]", "[costs.against]")
    folder = variant(project, f"actors:\n  china:\n    costs:\n      veto: 0.9\n{other}", "other-field")
    assert "china.costs.veto overrides" in diplosim("validate", folder, cwd=project).stderr


def test_a_dated_reason_lets_a_scenario_change_a_shared_profile(project: Path) -> None:
    change = "    costs:\n      veto: 0.9\n    ideal:\n      coercion: 30\n"
    folder = variant(project, f"actors:\n  china:\n{change}{DATED}")
    loaded = load_scenario(folder)
    china = loaded.spec.actors["china"]
    assert china.costs.veto == 0.9 and china.ideal["coercion"] == 30
    assert len(china.provenance) == 4 and china.provenance[-1].date.isoformat() == "2013-09-14"
    assert [(o.actor, o.field, o.value, o.line) for o in loaded.overrides] == [
        ("china", "costs.veto", 0.9, 6),
        ("china", "ideal.coercion", 30, 8),
    ]
    assert load_scenario(scenario_of(project)).spec.actors["china"].costs.veto != 0.9  # the base is as it was
    quoted = DATED + '      - quote: "not in the article"\n        supports: [alignments]\n'
    folder = variant(project, f"actors:\n  china:\n{change}{quoted}", "quoted")
    file, line, message = report(diplosim("validate", folder, cwd=project))  # its quotes are checked
    assert (file, line) == ((folder / "scenario.yaml").resolve(), 13)
    assert message.startswith('provenance quote not found in the seed article: "not in the article"')


def test_every_file_that_changes_a_shared_profile_adds_its_provenance(project: Path) -> None:
    first = variant(project, f"actors:\n  china:\n    costs:\n      veto: 0.9\n{DATED}", "first")
    second = project / "scenarios" / "second"
    second.mkdir()
    second_file = second / "scenario.yaml"
    second_file.write_text(
        "include: ../first\nid: second\nactors:\n  china:\n    capability: 0.7\n"
        + DATED.replace("[costs.veto, ideal]", "[capability]")
    )
    loaded = load_scenario(second)
    china = loaded.spec.actors["china"]
    assert (china.costs.veto, china.capability, len(china.provenance)) == (0.9, 0.7, 5)
    assert [(o.field, o.file.parent.name) for o in loaded.overrides] == [
        ("costs.veto", "first"),
        ("capability", "second"),
    ]
    assert loaded.locate("actors", "china", "provenance", 3, "supports") == (first / "scenario.yaml", 10)
    assert loaded.locate("actors", "china", "provenance", 4, "supports") == (second_file, 9)
    assert loaded.locate("actors", "china", "provenance", 0, "quote")[0] == shared_file(project, "china")


OWN_DATED = """provenance:
  - date: 2013-09-14
    reference: "US-Russia Framework for Elimination of Syrian Chemical Weapons (Geneva)"
    supports: [capability]
"""


def test_a_file_of_the_scenarios_own_overrides_too_and_its_lines_are_its_own(project: Path) -> None:
    own = scenario_of(project) / "actors" / "china.yaml"
    own.parent.mkdir()
    own.write_text("id: china\ncapability: 0.9\nsusceptibility: 0.12\n")  # 0.12: the shared value
    file, line, message = report(diplosim("validate", scenario_of(project), cwd=project))
    assert (file, line) == (own.resolve(), 2)
    assert message.startswith("china.capability overrides the shared profile without a dated reason")
    own.write_text(own.read_text() + OWN_DATED)
    loaded = load_scenario(scenario_of(project))
    assert [(o.field, o.shared, o.value) for o in loaded.overrides] == [("capability", 0.6, 0.9)]
    assert loaded.spec.actors["china"].capability == 0.9
    file, line = loaded.locate("actors", "china", "provenance", 3, "date")
    assert (file, line) == (own, 5)


def test_the_seat_and_a_value_the_same_as_the_shared_one_are_no_changes(project: Path) -> None:
    folder = variant(project, "actors:\n  turkey: {seat: none, capability: 0.35}\n")
    shared = load_scenario(scenario_of(project)).spec.actors["turkey"].capability
    assert shared == 0.35 and load_scenario(folder).overrides == ()


def test_diplosim_overrides_lists_each_change_with_its_date_and_reason(project: Path) -> None:
    folder = variant(project, f"actors:\n  china:\n    costs:\n      veto: 0.9\n{DATED}")
    run = diplosim("overrides", folder, scenario_of(project), cwd=project)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "| file | actor | field | shared | here | date | reason |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| `variant/scenario.yaml` | china | `costs.veto` | `{low: 0.2, high: 0.4}` | `0.9` | 2013-09-14 "
        "| US-Russia Framework for Elimination of Syrian Chemical Weapons (Geneva) |",
    ]
    assert (
        diplosim("overrides", scenario_of(project), cwd=project).stdout
        == "No scenario changes a shared profile.\n"
    )


# -- the editor and its working copy ---------------------------------------------------------------------


def test_the_editor_edits_the_shared_file_unless_the_scenario_has_its_own(project: Path) -> None:
    loaded, files, problem = editable(scenario_of(project))
    assert problem is None and files["china"] == shared_file(project, "china").resolve()
    assert list(files) == list(loaded.spec.actors)
    own = scenario_of(project) / "actors" / "china.yaml"
    own.parent.mkdir()
    own.write_text("id: china\n")
    assert editable(scenario_of(project))[1]["china"] == own.resolve()


def test_the_editor_checks_a_shared_profile_as_typed_in_the_scenario_opened(project: Path) -> None:
    china = shared_file(project, "china")
    typed = china.read_text().replace("capability: 0.6", "capability: 6")
    [problem], loaded = check_profile_text(typed, china, scenario_of(project))
    assert loaded is None and problem.line == line_of(china, "capability: 0.6")
    assert problem.message == "capability: 6.0 is outside the allowed range 0 to 1"
    typed = china.read_text().replace("capability: 0.6", "capability: 0.7")
    problems, loaded = check_profile_text(typed, china, scenario_of(project))
    assert problems == [] and loaded is not None and loaded.spec.actors["china"].capability == 0.7


def test_a_broken_shared_profile_is_still_listed_to_be_fixed(project: Path) -> None:
    china = shared_file(project, "china")
    china.write_text(china.read_text().replace("capability: 0.6", "capability: [0.6"))
    folder = variant(project, "title: a variant\n")  # its shared folder comes through the include
    for scenario in (scenario_of(project), folder):
        loaded, files, problem = editable(scenario)
        assert loaded is None and problem is not None and str(china) in problem
        assert files["china"] == china.resolve() and len(files) == 20


def test_a_working_copy_takes_the_whole_folder_of_shared_profiles(project: Path, tmp_path: Path) -> None:
    extra = shared_file(project, "benin")
    extra.write_text(shared_file(project, "togo").read_text().replace("id: togo", "id: benin"))
    loaded = load_scenario(variant(project, "title: a variant\n"))
    copy = working_copy(loaded, tmp_path / "work")
    assert (
        tmp_path / "work" / "scenarios" / "shared" / "actors" / "benin.yaml"
    ).read_bytes() == extra.read_bytes()
    assert load_scenario(copy).digest == loaded.digest


# -- the shipped scenarios ----------------------------------------------------------------------------------


@pytest.mark.shipped
def test_the_shipped_scenarios_share_one_profile_per_actor() -> None:
    shared = ROOT / "scenarios" / "syria-actors"
    names = sorted(f.stem for f in (shared / "actors").glob("*.yaml"))
    assert not (shared / "scenario.yaml").exists()
    actors: set[str] = set()
    for folder in shipped_scenario_folders():
        loaded = load_scenario(folder)
        assert loaded.shared == shared.resolve() and not (folder / "actors").exists()  # no copies
        actors |= set(loaded.spec.actors)
    assert sorted(actors) == names and len(names) == 35
    assert not any(SEAT_LINE.search(f.read_text()) for f in (shared / "actors").glob("*.yaml"))
    assert [f.name for f in shipped_scenario_folders()] == [
        "syria-2011-10",
        "syria-2012-07",
        "syria-2012-07-china-abstains",
        "syria-2012-07-council-2011",
        "syria-2013-09",
        "syria-2014-05",
        "syria-2014-07",
    ]


@pytest.mark.shipped
def test_docs_model_lists_exactly_the_changes_the_shipped_scenarios_make() -> None:
    doc = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- overrides: [^\n]*-->\n(.*?)\n<!-- /overrides -->", doc, re.DOTALL)
    assert listed, "docs/model.md has no list of overrides"
    run = diplosim("overrides")
    assert run.returncode == 0 and run.stdout == override_table() + "\n", run.stderr
    assert listed[1] == override_table(), "docs/model.md, 10.1: paste the output of `diplosim overrides`"


def test_errors_of_shared_profiles_are_the_loaders(project: Path) -> None:
    """The same checks, called as a library, raise the same typed errors."""
    folder = variant(project, "actors:\n  china:\n    capability: 0.9\n")
    with pytest.raises(ProvenanceError, match=r"china\.capability overrides"):
        load_scenario(folder)
    with pytest.raises(ScenarioReferenceError, match="no folder"):
        load_scenario(variant(project, "profiles: ../nowhere\n", "missing"))
    china = shared_file(project, "china")
    china.write_text("seat: none\n" + china.read_text())
    with pytest.raises(SchemaError, match="has no seat"):
        load_shared(project / "scenarios" / "shared")

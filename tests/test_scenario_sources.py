"""What a scenario is drawn from: a seed article, or UN records alone (``source.records``).

A scenario on UN records (tests/data/scenarios/records-only) quotes nothing itself; its actors'
provenance quotes are found in the article that their folder of shared profiles names in its
``source.yaml`` (tests/data/scenarios/shared-2012). Broken cases are copies of those files in a
project of their own, each changed in one place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shared import DATA
from terminal import diplosim

from sim import load_scenario, run_scenario
from sim.edit.copy import scenario_files
from sim.errors import DiplosimError, ProvenanceError, ScenarioPathError, ScenarioReferenceError, SchemaError
from sim.scenario.loading import load_profile, load_shared

RECORDS_ONLY = DATA / "scenarios" / "records-only"
SHARED = DATA / "scenarios" / "shared-2012"
RECORDS_LINE = "  records: [S/2012/538, S/RES/2059 (2012)]\n"
CHINA_QUOTE = "had nothing to gain by standing up for Mr Assad"


def line_of(file: Path, fragment: str) -> int:
    text = file.read_text(encoding="utf-8")
    return text[: text.index(fragment)].count("\n") + 1


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of records-only, its folder of shared profiles and the seed article, laid out as in
    tests/data; returns the scenario folder."""
    shutil.copytree(DATA / "seeds", tmp_path / "seeds")
    shutil.copytree(SHARED, tmp_path / "scenarios" / SHARED.name)
    return Path(shutil.copytree(RECORDS_ONLY, tmp_path / "scenarios" / RECORDS_ONLY.name))


def refusal(scenario: Path) -> DiplosimError:
    with pytest.raises(DiplosimError) as caught:
        load_scenario(scenario)
    return caught.value


def test_a_scenario_on_un_records_alone_validates_and_runs() -> None:
    run = diplosim("validate", RECORDS_ONLY, SHARED)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"ok: {RECORDS_ONLY} (scenario 'records-only': 20 actors, 3 drafts, 3 events)",
        f"ok: {SHARED} (shared profiles: 20 actors)",
    ]
    loaded = load_scenario(RECORDS_ONLY)
    assert loaded.spec.source.seed is None
    assert loaded.spec.source.records == ["S/2012/538", "S/RES/2059 (2012)"]
    assert len(run_scenario(loaded, 0).votes) >= 2


def test_a_scenario_with_neither_seed_nor_records_is_refused_at_its_source(project: Path) -> None:
    edit(project / "scenario.yaml", RECORDS_LINE, "")
    run = diplosim("validate", project)
    assert run.returncode == 2 and run.stdout == "" and "Traceback" not in run.stderr
    [line] = run.stderr.splitlines()
    where = f"{project / 'scenario.yaml'}:{line_of(project / 'scenario.yaml', 'source:')}: "
    assert line.startswith(where + "source: give the seed article the scenario is drawn from (seed)")
    assert "or at least one UN record" in line


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (RECORDS_LINE, RECORDS_LINE + '  quotes: ["Some 15,800 people have died"]\n', "source quote"),
        (
            "    title: The death toll keeps rising\n",
            "    title: The death toll keeps rising\n    quote: Some 15,800 people have died\n",
            "event quote",
        ),
    ],
    ids=["source", "event"],
)
def test_a_quote_of_a_scenario_without_a_seed_article_is_refused(project: Path, old, new, kind) -> None:
    file = project / "scenario.yaml"
    edit(file, old, new)
    error = refusal(project)
    assert isinstance(error, ProvenanceError)
    assert (error.path, error.line) == (file, line_of(file, "Some 15,800"))
    assert error.message.startswith(f'{kind} with no article to find it in: "Some 15,800 people have died"')
    assert "names no seed article (source.seed)" in error.message


def test_the_shared_folders_article_is_where_a_seedless_scenarios_profiles_are_quoted_from(
    project: Path,
) -> None:
    """A misquote in a shared profile is caught in the scenario, in the folder, and in the file."""
    china = project.parent / SHARED.name / "actors" / "china.yaml"
    edit(china, CHINA_QUOTE, "had little to gain by standing up for Mr Assad")
    errors = [refusal(project)]
    for check in (load_shared, load_profile):
        with pytest.raises(ProvenanceError) as caught:
            check(china.parent.parent if check is load_shared else china)
        errors.append(caught.value)
    for error in errors:
        assert isinstance(error, ProvenanceError)
        assert (error.path, error.line) == (china.resolve(), line_of(china, "had little to gain"))
        assert error.message.startswith('provenance quote not found in the seed article: "She said Moscow')
        assert CHINA_QUOTE in error.message  # what the article has


def test_without_any_article_a_profile_quote_is_refused_and_reference_suggested(project: Path) -> None:
    (project.parent / SHARED.name / "source.yaml").unlink()
    error = refusal(project)
    assert isinstance(error, ProvenanceError) and error.path is not None and error.line is not None
    assert error.path.parent == (project.parent / SHARED.name / "actors").resolve()
    assert error.path.read_text(encoding="utf-8").splitlines()[error.line - 1].lstrip().startswith("- quote:")
    assert error.message.startswith("provenance quote with no article to find it in")
    assert "its profiles' folder no source.yaml" in error.message and "reference:" in error.message
    assert load_shared(project.parent / SHARED.name)  # the folder alone has nothing to check them in


@pytest.mark.parametrize(
    ("old", "new", "error_type", "words"),
    [
        (
            "title:",
            "headline:",
            SchemaError,
            "headline: unknown field 'headline' (expected one of: seed, title)",
        ),
        ("seed: ../../seeds/", "seed: ../../../../", ScenarioPathError, "seed: '../../../../"),
        (
            "000_bb4828be64e90ce1",
            "999_missing",
            ScenarioReferenceError,
            "seed: no file at ../../seeds/999_missing",
        ),
    ],
    ids=["unknown-field", "outside-the-tree", "missing"],
)
def test_a_shared_folders_source_is_checked_as_a_scenario_source_is(
    project: Path, old, new, error_type, words
) -> None:
    source = project.parent / SHARED.name / "source.yaml"
    edit(source, old, new)
    error = refusal(project)
    assert isinstance(error, error_type)
    assert (error.path, error.line) == (source.resolve(), line_of(source, new))
    assert error.message.startswith(words)


def test_a_working_copy_takes_the_shared_folders_source_and_its_article() -> None:
    """What the editor copies to save a scenario it may not write in place."""
    files = scenario_files(load_scenario(RECORDS_ONLY))
    assert SHARED / "source.yaml" in files
    assert DATA / "seeds" / "000_bb4828be64e90ce1.txt" in files

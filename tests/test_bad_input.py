"""Every malformed scenario or profile is one line, ``file:line: field: what is wrong``, and exit 2.

Each case breaks one thing in a copy of the shipped scenario by editing its real text, so the
line a message must point at is the line the edit landed on, found in the edited file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from sim.errors import (
    DiplosimError,
    IncludeCycleError,
    InputFileError,
    ScenarioReferenceError,
    SchemaError,
    YamlSyntaxError,
)
from sim.scenario.loading import load_profile, load_scenario
from sim.scenario.yamlsafe import MAX_BYTES, MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
S = "scenario.yaml"
RUSSIA = "actors/russian-federation.yaml"
TOGO = "actors/togo.yaml"
ENVOY = "actors/joint-special-envoy.yaml"
B = "../b/scenario.yaml"  # a second scenario folder beside the copy
HANG_GUARD_S = 20  # not a benchmark: a refusal that takes this long has hung
MEMORY_LIMIT_MB = 500  # a plain `validate` peaks near 150 MB
REPORT = re.compile(r"(?P<file>[^\n]+?):(?P<line>\d+): (?P<message>[^\n]+)")


@dataclass(frozen=True)
class Case:
    """One broken input: replace ``old`` by ``new`` in ``file`` (the whole file when ``old`` is None)."""

    id: str
    error: type[DiplosimError]
    file: str
    old: str | None
    new: str
    field: str | None
    """Dotted field the message must start with; None where no field applies (bad syntax)."""
    words: tuple[str, ...]
    at: str | None = None
    """Text on the line the error must point at, in the file it must name; default ``new``."""
    line: int | None = None
    """The line itself, where no text marks it (an empty file, a UTF-16 file)."""
    blame: str | None = None
    """The file the error must name, relative to the scenario folder; default ``file``."""
    extra: tuple[tuple[str, str], ...] = ()
    """Other files to write first, as (path relative to the scenario folder, text)."""
    encoding: str = "utf-8"
    cli: bool = False
    """Also run through the real command line (at least one case of every error type does)."""


# fmt: off
CASES = [
    # -- text that is not YAML, or not a mapping -------------------------------------------------
    Case("syntax", YamlSyntaxError, RUSSIA, "  transition: 10", "  transition: 10: 11", None,
         ("not allowed",), cli=True),
    Case("unclosed-quote", YamlSyntaxError, ENVOY, '2012)"\n', "2012)\n", None, ("quoted scalar",),
         at='reference: "Annan'),
    Case("tab-indent", YamlSyntaxError, RUSSIA, "  transition: 10", "\ttransition: 10", None, ("tab",)),
    Case("empty-file", YamlSyntaxError, RUSSIA, None, "", None, ("empty",), line=1, cli=True),
    Case("only-comments", YamlSyntaxError, RUSSIA, None, "# nothing here\n", None, ("empty",), line=1),
    Case("list-document", YamlSyntaxError, RUSSIA, None, "- id: russian-federation\n- kind: state\n", None,
         ("expected a mapping", "list"), line=1, cli=True),
    Case("scalar-document", YamlSyntaxError, S, None, "# a title only\nSyria, July 2012\n", None,
         ("expected a mapping",), at="Syria"),
    Case("two-documents", YamlSyntaxError, RUSSIA, "forcing: 0.1\n", "forcing: 0.1\n---\nid: russia\n",
         None, ("single document",), at="---"),
    # -- keys: duplicated, not text, merged -------------------------------------------------------
    Case("duplicate-key", YamlSyntaxError, RUSSIA, "  transition: 10\n", "  transition: 10\n  coercion: 3\n",
         "ideal.coercion", ("duplicate key", "first given on line"), at="  coercion: 3", cli=True),
    Case("duplicate-top-key", YamlSyntaxError, S, "\ndate: 2012-07-06\n",
         "\ndate: 2012-07-06\ndate: 2012-07-07\n", "date", ("duplicate key",), at="date: 2012-07-07"),
    Case("yaml11-boolean-key", YamlSyntaxError, RUSSIA, "  china: 0.5", "  yes: 0.5", "alignments.yes",
         ("boolean true", "quotes"), cli=True),
    Case("yaml11-boolean-draft-id", YamlSyntaxError, S, "  russia-rival:\n", "  no:\n", "drafts.no",
         ("boolean false",)),
    Case("number-key", YamlSyntaxError, S, "  coercion:\n    label:", "  12:\n    label:", "dimensions.12",
         ("number 12",)),
    Case("list-key", YamlSyntaxError, RUSSIA, "  china: 0.5", "  [china]: 0.5", "alignments",
         ("plain name",)),
    Case("merge-key", YamlSyntaxError, RUSSIA, "  against: 0.1\n", "  <<: {against: 0.1}\n", "costs.<<",
         ("merge keys",)),
    # -- tags, and values YAML cannot build -------------------------------------------------------
    Case("python-tag", YamlSyntaxError, RUSSIA, "name: Russian Federation",
         'name: !!python/object/apply:os.system ["echo hi"]', "name",
         ("'!!python/object/apply:os.system'", "not allowed")),
    Case("custom-tag-on-scalar", YamlSyntaxError, RUSSIA, "name: Russian Federation", "name: !env RUSSIA",
         "name", ("'!env'", "not allowed")),
    Case("custom-tag-on-mapping", YamlSyntaxError, RUSSIA, "costs:\n", "costs: !vault\n", "costs",
         ("'!vault'", "not allowed")),
    Case("impossible-date", YamlSyntaxError, S, "    date: 2012-07-09\n", "    date: 2012-07-32\n",
         "events.rising-death-toll.date", ("'2012-07-32' is not a valid date",)),
    Case("self-containing-alias", YamlSyntaxError, RUSSIA, "forcing: 0.1", "forcing: &f {mean: *f, sd: 0.1}",
         None, ("alias '*f'",)),
    Case("integer-too-long", YamlSyntaxError, RUSSIA, "capability: 0.8", "capability: 1" + "0" * 5000,
         "capability", ("not a valid integer",)),
    # -- files that are not UTF-8 text ------------------------------------------------------------
    Case("not-utf8", InputFileError, RUSSIA, "name: Russian Federation", "name: Russian Fédération", None,
         ("not UTF-8", "0xe9"), encoding="latin-1", cli=True),
    Case("nul-byte", InputFileError, RUSSIA, "kind: state", "kind: st\0ate", None, ("binary",), cli=True),
    Case("utf16", InputFileError, RUSSIA, "kind: state", "kind: state", None, ("UTF-16",), line=1,
         encoding="utf-16"),
    Case("control-character", InputFileError, RUSSIA, "name: Russian Federation",
         "name: Russian\aFederation", None, ("U+0007",)),
    # -- wrong types ------------------------------------------------------------------------------
    Case("text-for-number", SchemaError, RUSSIA, "capability: 0.8", "capability: high", "capability",
         ("expected a number",), cli=True),
    Case("text-for-integer", SchemaError, S, "  year: 2012", "  year: twenty", "council.year",
         ("valid integer",)),
    Case("text-for-list", SchemaError, S, "sponsors: [russian-federation]", "sponsors: russian-federation",
         "drafts.russia-rival.sponsors", ("valid list",)),
    Case("number-for-mapping", SchemaError, RUSSIA,
         "costs:\n  against: 0.1\n  veto: {low: 0.15, high: 0.3}\n", "costs: 0.3\n", "costs",
         ("valid dictionary",)),
    Case("include-not-text", SchemaError, S, "\nid: syria-2012-07\n", "\nid: syria-2012-07\ninclude: [a]\n",
         "include", ("relative folder path",), at="include:"),
    Case("actor-id-not-text", SchemaError, TOGO, "id: togo", "id: 12", "id", ("string",)),
    # -- unknown fields, with the closest name ----------------------------------------------------
    Case("unknown-profile-field", SchemaError, RUSSIA, "salience:", "salince:", "salince",
         ("unknown field 'salince'", "did you mean 'salience'?"), cli=True),
    Case("unknown-scenario-field", SchemaError, S, "status_quo:", "status_qou:", "status_qou",
         ("did you mean 'status_quo'?",)),
    Case("unknown-nested-field", SchemaError, RUSSIA, "  veto: {low", "  vetoo: {low", "costs.vetoo",
         ("did you mean 'veto'?",)),
    Case("unknown-range-field", SchemaError, RUSSIA, "{low: 0, high: 8}", "{low: 0, hihg: 8}",
         "ideal.coercion.hihg", ("did you mean 'high'?",)),
    # -- numbers out of range ---------------------------------------------------------------------
    Case("ideal-150", SchemaError, RUSSIA, "  transition: 10", "  transition: 150", "ideal.transition",
         ("150", "0 to 100"), cli=True),
    Case("salience-2", SchemaError, RUSSIA, "  coercion: 0.9", "  coercion: 2", "salience.coercion",
         ("outside the allowed range 0 to 1",)),
    Case("range-end-out-of-range", SchemaError, RUSSIA, "{low: 0, high: 8}", "{low: 0, high: 800}",
         "ideal.coercion", ("800",)),
    Case("range-upside-down", SchemaError, RUSSIA, "{low: 0, high: 8}", "{low: 9, high: 8}",
         "ideal.coercion", ("low must not be greater than high",)),
    Case("exponent-is-a-number", SchemaError, RUSSIA, "capability: 0.8", "capability: 1e3", "capability",
         ("1000.0 is outside",)),
    Case("parameter-out-of-range", SchemaError, S, "  noise: 0.06", "  noise: 5", "parameters.noise",
         ("less than or equal to 1",)),
    Case("override-out-of-range", SchemaError, S, "\nparameters:\n",
         "\nactors:\n  china:\n    capability: 5\nparameters:\n", "actors.china.capability", ("outside",),
         at="    capability: 5"),
    # -- a clause's range (holds) -----------------------------------------------------------------
    Case("holds-upside-down", SchemaError, S, "United Nations,\n        dimension: coercion\n",
         "United Nations,\n        dimension: coercion\n        holds: {at_least: 60, at_most: 50}\n",
         "drafts.s-2012-538.clauses.0.holds", ("at_least 60 is more than at_most 50",),
         at="holds: {at_least: 60", cli=True),
    Case("holds-out-of-range", SchemaError, S, "United Nations,\n        dimension: coercion\n",
         "United Nations,\n        dimension: coercion\n        holds: {at_least: 155}\n",
         "drafts.s-2012-538.clauses.0.holds.at_least", ("less than or equal to 100",), at="holds:"),
    Case("holds-not-finite", SchemaError, S, "United Nations,\n        dimension: coercion\n",
         "United Nations,\n        dimension: coercion\n        holds: {at_most: .nan}\n",
         "drafts.s-2012-538.clauses.0.holds.at_most", ("finite number",), at="holds:"),
    Case("holds-no-bound", SchemaError, S, "United Nations,\n        dimension: coercion\n",
         "United Nations,\n        dimension: coercion\n        holds: {}\n",
         "drafts.s-2012-538.clauses.0.holds", ("give at_least, at_most or both",), at="holds:"),
    Case("holds-misspelt", SchemaError, S, "United Nations,\n        dimension: coercion\n",
         "United Nations,\n        dimension: coercion\n        holds: {at_lest: 55}\n",
         "drafts.s-2012-538.clauses.0.holds.at_lest", ("did you mean 'at_least'?",), at="holds:"),
    Case("holds-without-dimension", SchemaError, S, "within 15 days.\n",
         "within 15 days.\n        holds: {at_least: 10}\n", "drafts.res-2059.clauses.2.holds",
         ("needs the dimension it is on",), at="holds:", cli=True),
    # -- missing fields ---------------------------------------------------------------------------
    Case("missing-profile-field", SchemaError, RUSSIA, "name: Russian Federation\n", "", None,
         ("missing required field 'name'",), at="id: russian-federation"),
    Case("missing-draft-field", SchemaError, S,
         "    title: Extend UNSMIS by three months with no threat of measures\n", "", "drafts.russia-rival",
         ("missing required field 'title'",), at="  russia-rival:"),
    # -- references that do not resolve -----------------------------------------------------------
    Case("unknown-sponsor", ScenarioReferenceError, S, "sponsors: [russian-federation]",
         "sponsors: [russian-fed]", "drafts.russia-rival.sponsors.0",
         ("unknown actor 'russian-fed'", "did you mean 'russian-federation'?"), cli=True),
    Case("no-sponsor", ScenarioReferenceError, S, "sponsors: [russian-federation]", "sponsors: []",
         "drafts.russia-rival.sponsors", ("at least one sponsor",), cli=True),
    Case("unknown-alignment", ScenarioReferenceError, RUSSIA, "  china: 0.5", "  chnia: 0.5",
         "alignments.chnia", ("unknown actor 'chnia'", "did you mean 'china'?")),
    Case("unknown-council-member", ScenarioReferenceError, S, "elected: [azerbaijan,", "elected: [azerbijan,",
         "council.elected.0", ("unknown actor 'azerbijan'", "did you mean 'azerbaijan'?")),
    Case("unknown-event-actor", ScenarioReferenceError, S, "{actor: india, field", "{actor: indai, field",
         "events.rising-death-toll.changes.2.actor", ("unknown actor 'indai'", "did you mean 'india'?")),
    Case("unknown-event-field", ScenarioReferenceError, S, "{actor: india, field: ideal.coercion",
         "{actor: india, field: ideal.coercon", "events.rising-death-toll.changes.2.field",
         ("'ideal.coercon'", "did you mean 'ideal.coercion'?"), cli=True),
    Case("unknown-dimension", ScenarioReferenceError, RUSSIA, "  transition: 10", "  transitoin: 10",
         "ideal.transitoin", ("did you mean 'transition'?",)),
    Case("unknown-rival-draft", ScenarioReferenceError, S, "rival_of: s-2012-538", "rival_of: s-2012-583",
         "drafts.russia-rival.rival_of", ("unknown draft 's-2012-583'", "did you mean 's-2012-538'?")),
    Case("duplicate-actor-id", ScenarioReferenceError, TOGO, "id: togo", "id: china", "id",
         ("duplicate actor id 'china'", "china.yaml"), cli=True),
    Case("actor-seat-disagrees", ScenarioReferenceError, RUSSIA, "seat: permanent", "seat: elected", "seat",
         ("Council lists it as 'permanent'",)),
    Case("seed-article-missing", ScenarioReferenceError, S, "seeds/000_", "seeds/999_", "source.seed",
         ("no file",)),
    Case("include-missing", ScenarioReferenceError, S, "\nid: syria-2012-07\n",
         "\nid: syria-2012-07\ninclude: ../nowhere\n", "include", ("no scenario",), at="include:"),
    Case("schedule-out-of-order", ScenarioReferenceError, S, "{date: 2012-07-09,", "{date: 2012-07-29,",
         "schedule.2.date", ("date order",), at="{date: 2012-07-11,"),
    # -- the Council: 15 seats, 5 of them permanent, each member once -----------------------------
    Case("council-14-seats", ScenarioReferenceError, S, "elected: [azerbaijan, ", "elected: [", "council",
         ("15 seats, 5 of them permanent", "found 14 with 5 permanent"), at="council:\n", cli=True),
    Case("council-16-seats", ScenarioReferenceError, S, "elected: [azerbaijan,",
         "elected: [turkey, azerbaijan,", "council", ("found 16",), at="council:\n"),
    Case("council-4-permanent", ScenarioReferenceError, S, "permanent: [china, france,",
         "permanent: [france,", "council", ("found 14 with 4 permanent",), at="council:\n"),
    Case("council-member-twice", ScenarioReferenceError, S, "south-africa, togo]", "south-africa, china]",
         "council.elected.9", ("'china' is listed twice",), at="  elected:"),
    # -- include cycles ---------------------------------------------------------------------------
    Case("include-itself", IncludeCycleError, S, "\nid: syria-2012-07\n", "\nid: syria-2012-07\ninclude: .\n",
         "include", ("cycle",), at="include:"),
    Case("include-itself-by-file", IncludeCycleError, S, "\nid: syria-2012-07\n",
         "\nid: syria-2012-07\ninclude: scenario.yaml\n", "include", ("cycle",), at="include:"),
    Case("include-a-b-a", IncludeCycleError, S, "\nid: syria-2012-07\n",
         "\nid: syria-2012-07\ninclude: ../b\n", "include", ("cycle", "syria-2012-07 -> ", "b -> "),
         at="include: ../syria", blame=B, extra=((B, "# variant B\ninclude: ../syria-2012-07\n"),), cli=True),
    Case("include-a-b-a-by-file", IncludeCycleError, S, "\nid: syria-2012-07\n",
         "\nid: syria-2012-07\ninclude: ../b/scenario.yaml\n", "include", ("cycle",), at="include: ../syria",
         blame=B, extra=((B, "include: ../syria-2012-07/scenario.yaml\n"),)),
]
# fmt: on


def break_scenario(folder: Path, case: Case) -> tuple[Path, int]:
    """Apply ``case`` to the copy in ``folder``; the file and line its error must name."""
    for name, text in case.extra:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / case.file
    text = path.read_text(encoding="utf-8")
    if case.old is not None:
        assert text.count(case.old) == 1, f"{case.old!r} must occur once in the shipped {case.file}"
        text = text.replace(case.old, case.new)
    else:
        text = case.new
    path.write_bytes(text.encode(case.encoding))
    blamed = folder / (case.blame or case.file)
    if case.line is not None:
        return blamed, case.line
    marker = case.at if case.at is not None else case.new
    blamed_text = blamed.read_text(encoding=case.encoding if blamed == path else "utf-8")
    assert blamed_text.count(marker) == 1, f"{marker!r} must mark one line of {blamed.name}"
    return blamed, blamed_text[: blamed_text.index(marker)].count("\n") + 1


def check_message(message: str, case: Case) -> None:
    assert "\n" not in message
    if case.field is not None:
        assert message.startswith(f"{case.field}: "), f"the message should name {case.field!r}: {message}"
    for words in case.words:
        assert words in message


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_loading_reports_the_file_line_and_field(case: Case, scenario_copy: Path) -> None:
    blamed, line = break_scenario(scenario_copy, case)
    with pytest.raises(DiplosimError) as caught:
        load_scenario(scenario_copy)
    error = caught.value
    assert type(error) is case.error, str(error)
    assert error.path is not None and error.path.resolve() == blamed.resolve()
    assert error.line == line, str(error)
    check_message(error.message, case)


PROFILE_CASES = [
    c for c in CASES if c.file.startswith("actors/") and c.error is not ScenarioReferenceError and not c.extra
]


@pytest.mark.parametrize("case", PROFILE_CASES, ids=lambda case: case.id)
def test_a_profile_checked_alone_reports_the_same_place(case: Case, scenario_copy: Path) -> None:
    blamed, line = break_scenario(scenario_copy, case)
    with pytest.raises(case.error) as caught:
        load_profile(blamed)
    assert caught.value.path == blamed and caught.value.line == line
    check_message(caught.value.message, case)


# -- the real command line, in a subprocess --------------------------------------------------------


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float


def diplosim(*args: str, cwd: Path) -> Run:
    """Run ``python -m sim.cli``; fail if it outlives the hang guard. Records its peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "sim.cli", *args], stdout=out, stderr=err, cwd=cwd)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > HANG_GUARD_S:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                pytest.fail(f"diplosim {' '.join(args)} still running after {HANG_GUARD_S} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode(), err.read().decode(), usage.ru_maxrss / 1024)


def check_report(run: Run, blamed: Path, line: int | range | None) -> str:
    """Exit 2, nothing on stdout, one line on stderr naming ``blamed`` and ``line``; the message."""
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    if line is None:
        file, message = lines[0].split(": ", 1)
    else:
        match = REPORT.fullmatch(lines[0])
        assert match, lines[0]
        file, message = match["file"], match["message"]
        assert int(match["line"]) in (line if isinstance(line, range) else [line]), lines[0]
    assert Path(file).resolve() == blamed.resolve(), lines[0]
    return message


CLI_CASES = [c for c in CASES if c.cli]


def test_every_kind_of_error_is_tried_on_the_command_line() -> None:
    kinds = {InputFileError, YamlSyntaxError, SchemaError, ScenarioReferenceError, IncludeCycleError}
    assert {c.error for c in CLI_CASES} == kinds


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda case: case.id)
def test_validate_prints_one_line_and_exits_2(case: Case, scenario_copy: Path, tmp_path: Path) -> None:
    blamed, line = break_scenario(scenario_copy, case)
    run = diplosim("validate", str(scenario_copy), cwd=tmp_path)
    check_message(check_report(run, blamed, line), case)


@pytest.mark.parametrize(
    "case",
    [c for c in PROFILE_CASES if c.id in ("not-utf8", "unknown-profile-field")],
    ids=lambda case: case.id,
)
def test_validate_on_a_profile_file_prints_one_line(case: Case, scenario_copy: Path, tmp_path: Path) -> None:
    blamed, line = break_scenario(scenario_copy, case)
    run = diplosim("validate", str(blamed), cwd=tmp_path)
    check_message(check_report(run, blamed, line), case)


def test_a_python_tag_is_refused_not_run(scenario_copy: Path, tmp_path: Path) -> None:
    """The tag names a command that would leave a file behind if YAML ran it."""
    path = scenario_copy / RUSSIA
    text = path.read_text()
    path.write_text(
        text.replace("name: Russian Federation", 'name: !!python/object/apply:os.system ["touch pwned"]')
    )
    run = diplosim("validate", str(scenario_copy), cwd=tmp_path)
    line = path.read_text().split("\nname: ")[0].count("\n") + 2
    assert check_report(run, path, line).startswith("name: tag '!!python/object/apply:os.system'")
    assert not (tmp_path / "pwned").exists()


@pytest.mark.shipped
def test_the_shipped_scenario_validates() -> None:
    script = Path(sys.executable).with_name("diplosim")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sim.cli"]
    run = subprocess.run(
        [*command, "validate", "scenarios/syria-2012-07"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ok: scenarios/syria-2012-07") and run.stderr == ""
    profiles = sorted((ROOT / "scenarios" / "syria-actors" / "actors").glob("*.yaml"))  # its shared ones
    assert len(profiles) == 35
    for profile in profiles:
        assert load_profile(profile).id == profile.stem


# -- refusals that must be quick and small: size, depth, alias bombs -----------------------------


def _laughs() -> str:
    """The "billion laughs": nine levels of nine aliases, 9**9 strings once expanded."""
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def _nested_block(levels: int) -> str:
    return "forcing:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, levels)) + " " * levels + "x: 1\n"


GUARDS = [
    pytest.param(
        "forcing: 0.1\n",
        "forcing: 0.1\n" + "# padding\n" * (MAX_BYTES // 10 + 1),
        None,
        "larger than",
        id="oversized",
    ),
    pytest.param(
        "forcing: 0.1",
        "forcing: " + "[" * 100_000 + "]" * 100_000,
        "forcing: [",
        "nest",
        id="deep-flow-nesting",
    ),
    pytest.param(
        "forcing: 0.1\n",
        _nested_block(4 * MAX_DEPTH),
        f" k{MAX_DEPTH}:\n",
        f"nested deeper than {MAX_DEPTH}",
        id="deep-block-nesting",
    ),
    pytest.param("forcing: 0.1\n", "forcing: 0.1\n" + _laughs(), "lol0:", "alias bomb", id="billion-laughs"),
]


@pytest.mark.parametrize(("old", "new", "at", "words"), GUARDS)
def test_hostile_files_are_refused_quickly_in_bounded_memory(
    old: str, new: str, at: str | None, words: str, scenario_copy: Path, tmp_path: Path
) -> None:
    path = scenario_copy / RUSSIA
    text = path.read_text().replace(old, new)
    path.write_text(text)
    run = diplosim("validate", str(scenario_copy), cwd=tmp_path)
    line: int | range | None = None if at is None else text[: text.index(at)].count("\n") + 1
    if at == "lol0:":  # the bomb goes off on whichever of its nine lines crosses the limit
        line = range(line, line + 9)
    message = check_report(run, path, line)
    assert words in message
    assert run.peak_mb < MEMORY_LIMIT_MB, f"peak memory {run.peak_mb:.0f} MB"

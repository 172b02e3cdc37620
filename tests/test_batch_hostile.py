"""No file or folder breaks a batch: through the real command line, an output that cannot be
written, an ``--out`` that is a folder, damaged rows given to ``--resume``, a hostile
``--runs-file`` and a negative or huge ``--seed`` are each one line naming the file, exit 2, no
traceback; and an output a failed write left behind resumes to the uninterrupted batch's file.

Where many inputs take one path through the command line (damaged rows, hostile runs files,
folders given as ``--out``), a few go through it in a subprocess and every one through the same
functions in this process: the command prints what they raise (sim/cli), which the subprocesses
check once for each command and kind of refusal."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import terminal

from sim.batch.session import execute, plan
from sim.batch.writers import check_output
from sim.errors import OutputExistsError, ResumeError, RunsFileError
from sim.power.runs import read_runs
from sim.scenario.paths import resolve_scenario

RUNS = 20
HANG_GUARD_S = 60  # not a benchmark: a refusal that takes this long has hung
FORMATS = ("jsonl", "csv", "parquet")


def diplosim(*args: object, cwd: Path, file_size: int | None = None) -> subprocess.CompletedProcess:
    """The CLI in ``cwd`` (:func:`terminal.diplosim`), with the hang guard of these tests."""
    return terminal.diplosim(*args, cwd=cwd, timeout=HANG_GUARD_S, file_size=file_size)


def batch(
    out: object, *extra: object, cwd: Path, file_size: int | None = None
) -> subprocess.CompletedProcess:
    return diplosim(
        "batch",
        "--runs",
        RUNS,
        "--seed",
        5,
        "--workers",
        1,
        "--out",
        out,
        *extra,
        cwd=cwd,
        file_size=file_size,
    )


def refused(done: subprocess.CompletedProcess, *words: str) -> str:
    """The one line a refusal prints; checks exit 2, no traceback, and that it holds ``words``."""
    assert done.returncode == 2, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stdout + done.stderr
    line = done.stderr.strip().splitlines()[-1]
    for word in words:
        assert word in line, (word, line)
    return line


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The uninterrupted batch in each format, with its summary: what ``diplosim batch --runs RUNS
    --seed 5 --out runs.FMT`` writes, made here by the command's own code (sim.batch.session) at a
    fraction of the cost of three subprocesses in each test worker.
    test_a_missing_folder_for_the_output_is_created checks that the command writes the same."""
    folder = tmp_path_factory.mktemp("reference")
    uninterrupted = plan(resolve_scenario(None), RUNS, 5, [])
    for fmt in FORMATS:
        assert execute(uninterrupted, folder / f"runs.{fmt}", workers=1).complete
    return folder


def summary(out: Path) -> dict:
    return json.loads(out.with_name(out.name + ".summary.json").read_text(encoding="utf-8"))


def copy_output(reference: Path, fmt: str, folder: Path, name: str | None = None) -> Path:
    """A copy of the reference output and its summary in ``folder``."""
    out = folder / (name or f"runs.{fmt}")
    out.write_bytes((reference / f"runs.{fmt}").read_bytes())
    out.with_name(out.name + ".summary.json").write_bytes(
        (reference / f"runs.{fmt}.summary.json").read_bytes()
    )
    return out


# -- where the output goes ----------------------------------------------------------------------


def test_a_missing_folder_for_the_output_is_created(tmp_path, reference):
    done = batch("new/deeper/runs.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "new/deeper/runs.jsonl"
    assert out.read_bytes() == (reference / "runs.jsonl").read_bytes()
    assert summary(out) == summary(reference / "runs.jsonl")  # the reference is the command's batch


def test_an_output_under_a_file_is_refused(tmp_path):
    # ENOTDIR: refused even to root, who ignores permissions.
    (tmp_path / "notes.txt").write_text("a file, not a folder\n")
    line = refused(
        batch("notes.txt/runs.jsonl", cwd=tmp_path), "notes.txt/runs.jsonl:", "notes.txt is a file"
    )
    assert "not a folder" in line
    assert (tmp_path / "notes.txt").read_text() == "a file, not a folder\n"


def test_an_output_in_a_folder_nobody_may_write_is_refused(tmp_path):
    # sysfs refuses new files to root too; skipped only where /sys is missing or writable.
    probe = Path("/sys/diplosim-probe")
    if not Path("/sys").is_dir() or (os.access("/sys", os.W_OK) and _can_create(probe)):
        pytest.skip("no folder here that even root cannot write to")
    line = refused(batch("/sys/runs.jsonl", cwd=tmp_path), "/sys/runs.jsonl:", "cannot write")
    assert ".writing" not in line


def _can_create(path: Path) -> bool:
    try:
        path.touch()
    except OSError:
        return False
    path.unlink()
    return True


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder anyway")
def test_an_output_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        refused(batch("locked/runs.csv", cwd=tmp_path), "locked/runs.csv:", "Permission denied")
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_output_refuses_a_folder_of_each_format(tmp_path, fmt):
    (tmp_path / f"results.{fmt}").mkdir()
    with pytest.raises(OutputExistsError) as caught:
        check_output(tmp_path / f"results.{fmt}")
    assert str(caught.value).startswith(f"{tmp_path / f'results.{fmt}'}: is a folder, not a file")


@pytest.mark.parametrize(("fmt", "flag"), zip(FORMATS, [None, "--overwrite", "--resume"], strict=True))
def test_a_folder_given_as_the_output_is_refused(tmp_path, fmt, flag):
    """Refused before --overwrite or --resume touch it: each flag once, each format once."""
    (tmp_path / f"results.{fmt}").mkdir()
    (tmp_path / f"results.{fmt}" / "keep.txt").write_text("mine\n")
    done = batch(f"results.{fmt}", *([flag] if flag else []), cwd=tmp_path)
    refused(done, f"results.{fmt}: is a folder, not a file")
    assert "already exists" not in done.stderr
    assert (tmp_path / f"results.{fmt}" / "keep.txt").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"results.{fmt}"]  # nothing written


def test_a_folder_where_the_summary_goes_is_refused(tmp_path):
    (tmp_path / "runs.jsonl.summary.json").mkdir()
    refused(batch("runs.jsonl", cwd=tmp_path), "runs.jsonl.summary.json: is a folder, not a file")
    assert not (tmp_path / "runs.jsonl").exists()


def test_a_disk_full_before_the_first_row_is_one_line(tmp_path, reference):
    # Not even the summary (~10 kB) fits; nothing is left half-written, and the batch starts afresh.
    line = refused(batch("runs.jsonl", cwd=tmp_path, file_size=2_000), "runs.jsonl:", "File too large")
    assert "cannot write runs.jsonl.summary.json" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    done = batch("runs.jsonl", "--resume", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "runs.jsonl").read_bytes() == (reference / "runs.jsonl").read_bytes()


# -- a full disk --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_stops_the_batch_cleanly_and_resume_completes_it(tmp_path, reference, fmt):
    out = tmp_path / f"runs.{fmt}"
    # The summary (~10 kB) fits; the rows (~3.5 kB a run) do not: the write fails mid-batch.
    line = refused(
        batch(out.name, cwd=tmp_path, file_size=30_000), f"runs.{fmt}:", "File too large", "--resume"
    )
    assert "of 20 runs kept" in line
    rows = out.with_name(out.name + ".partial.jsonl") if fmt == "parquet" else out
    text = rows.read_text(encoding="utf-8")
    assert text.count("\n") > 0 and len(text.encode()) <= 30_000
    whole = text[: text.rfind("\n") + 1].splitlines()
    if fmt != "csv":
        assert [json.loads(row)["run"] for row in whole] == list(range(len(whole)))
    assert summary(out)["batch"]["complete"] is False
    assert not any(p.name.endswith(".writing") for p in tmp_path.iterdir())

    resumed = batch(out.name, "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed" in resumed.stderr
    assert out.read_bytes() == (reference / f"runs.{fmt}").read_bytes()
    assert summary(out) == summary(reference / f"runs.{fmt}")


def test_stale_temporary_files_are_removed(tmp_path, reference):
    stale = [tmp_path / "runs.parquet.writing", tmp_path / "runs.parquet.summary.json.writing"]
    for path in stale:
        path.write_bytes(b"left by a killed batch")
    done = batch("runs.parquet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not any(path.exists() for path in stale)
    assert (tmp_path / "runs.parquet").read_bytes() == (reference / "runs.parquet").read_bytes()


# -- damaged rows given to --resume -------------------------------------------------------------


def _lines(change: Callable[[list[str]], None], keep: int = 8) -> Callable[[str], str]:
    """Edit the first ``keep`` lines of a text output."""

    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)[:keep]
        change(lines)
        return "".join(lines)

    return edit


def _set(index: int, new: str) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        lines[index] = new

    return change


def _without_votes(index: int) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        row = json.loads(lines[index])
        del row["votes"]
        lines[index] = json.dumps(row) + "\n"

    return change


def _roll_call(index: int) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        row = json.loads(lines[index])
        row["votes"][0]["roll_call"] = "everyone yes"
        lines[index] = json.dumps(row) + "\n"

    return change


def _csv_cell(index: int, column: int, value: str) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        cells = lines[index].split(",")
        cells[column] = value
        lines[index] = ",".join(cells)

    return change


def _csv_cut(index: int) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        lines[index] = ",".join(lines[index].split(",")[:5]) + "\n"

    return change


def _csv_votes(index: int, value: str) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        lines[index] = lines[index][: lines[index].index(',"[')] + f",{value}\n"

    return change


# (id, format, edit of the reference output's text, file:line the message must start with, words)
DAMAGED = [
    ("garbage-line", "jsonl", _lines(_set(3, '{"run": 3, garbage\n')), "runs.jsonl:4:", "not JSON"),
    ("not-an-object", "jsonl", _lines(_set(1, "[1, 2]\n")), "runs.jsonl:2:", "not a JSON object"),
    ("no-votes", "jsonl", _lines(_without_votes(2)), "runs.jsonl:3:", "no 'votes'"),
    ("deep-nesting", "jsonl", _lines(_set(5, "[" * 100_000 + "\n")), "runs.jsonl:6:", "nested too deeply"),
    ("bad-roll-call", "jsonl", _lines(_roll_call(4)), "runs.jsonl:5:", "malformed"),
    ("blank-line", "jsonl", _lines(_set(2, "\n")), "runs.jsonl:3:", "not JSON"),
    (
        "csv-not-a-number",
        "csv",
        _lines(_csv_cell(3, 1, "x123")),
        "runs.csv:4:",
        "seed: 'x123' is not a number",
    ),
    ("csv-short-row", "csv", _lines(_csv_cut(2)), "runs.csv:3:", "fewer than columns"),
    ("csv-long-row", "csv", _lines(_set(2, "0,1,2" + ",9" * 200 + "\n")), "runs.csv:3:", "more values than"),
    ("csv-votes-not-json", "csv", _lines(_csv_votes(4, "not json")), "runs.csv:5:", "'votes' is not JSON"),
]


DAMAGED_CLI = ("deep-nesting", "csv-not-a-number")
"""The damaged rows given to ``diplosim batch --resume`` in a subprocess, one of each text format."""


@pytest.mark.parametrize(
    ("fmt", "edit", "where", "words"),
    [pytest.param(fmt, edit, where, words, id=name) for name, fmt, edit, where, words in DAMAGED],
)
def test_damaged_rows_are_refused_by_the_batchs_resume(
    tmp_path, monkeypatch, reference, fmt, edit, where, words
):
    """The batch ``diplosim batch --runs RUNS --seed 5 --resume`` runs (sim.batch.session), here."""
    out = copy_output(reference, fmt, tmp_path)
    out.write_text(edit(out.read_text(encoding="utf-8")), encoding="utf-8")
    before = out.read_bytes()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ResumeError) as caught:
        execute(plan(resolve_scenario(None), RUNS, 5, []), Path(out.name), workers=1, resume=True)
    line = str(caught.value)
    assert line.startswith(where) and "\n" not in line, line
    for word in words:
        assert word in line, (word, line)
    assert out.read_bytes() == before  # refused before anything was written


@pytest.mark.parametrize(
    ("fmt", "edit", "where", "words"),
    [pytest.param(f, e, w, m, id=name) for name, f, e, w, m in DAMAGED if name in DAMAGED_CLI],
)
def test_damaged_rows_are_refused_by_resume_with_file_and_line(tmp_path, reference, fmt, edit, where, words):
    out = copy_output(reference, fmt, tmp_path)
    out.write_text(edit(out.read_text(encoding="utf-8")), encoding="utf-8")
    before = out.read_bytes()
    line = refused(batch(out.name, "--resume", cwd=tmp_path), words)
    assert line.startswith(where), line
    assert out.read_bytes() == before  # refused before anything was written


def test_a_truncated_parquet_file_is_refused_by_resume(tmp_path, reference):
    out = copy_output(reference, "parquet", tmp_path)
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    line = refused(batch(out.name, "--resume", cwd=tmp_path), "runs.parquet:", "not a readable Parquet file")
    assert line.count("\n") == 0


def test_a_damaged_parquet_spool_is_refused_by_resume(tmp_path, reference):
    out = tmp_path / "runs.parquet"
    assert batch(out.name, cwd=tmp_path, file_size=30_000).returncode == 2  # leaves a spool
    spool = tmp_path / "runs.parquet.partial.jsonl"
    lines = spool.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "not json\n"
    spool.write_text("".join(lines), encoding="utf-8")
    refused(batch(out.name, "--resume", cwd=tmp_path), "runs.parquet.partial.jsonl:2:", "not JSON")


def test_a_binary_output_is_refused_by_resume(tmp_path, reference):
    out = copy_output(reference, "jsonl", tmp_path)
    out.write_bytes(b"\xff\xfe\x00garbage\n" * 3)
    refused(batch(out.name, "--resume", cwd=tmp_path), "runs.jsonl:", "not UTF-8")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_last_row_torn_by_a_crash_is_dropped_and_run_again(tmp_path, reference, fmt):
    out = copy_output(reference, fmt, tmp_path)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:9]) + lines[9][:120], encoding="utf-8")
    done = batch(out.name, "--resume", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (reference / f"runs.{fmt}").read_bytes()


# -- --runs-file --------------------------------------------------------------------------------


RUNS_FILES = [
    ("deep-nesting", "[" * 100_000, "runs.jsonl:1:", "nested too deeply"),
    ("deep-after-a-record", '{"votes": []}\n{"votes": ' + "[" * 100_000 + "\n", "runs.jsonl:2:", "nested"),
    ("not-an-object", '{"votes": []}\n[1, 2]\n', "runs.jsonl:2:", "not a run record"),
    ("no-votes", '{"votes": []}\n{"run": 1}\n', "runs.jsonl:2:", "not a run record"),
    ("votes-not-a-list", '{"votes": "[]"}\n', "runs.jsonl:1:", "votes"),
    ("garbage", '{"votes": []}\n{"votes": [}\n', "runs.jsonl:2:", "not JSON"),
    ("empty", "", "runs.jsonl:", "no run records"),
]


@pytest.mark.parametrize(
    ("text", "where", "words"), [pytest.param(t, w, m, id=name) for name, t, w, m in RUNS_FILES]
)
def test_a_hostile_runs_file_is_refused_by_the_reader_of_runs_files(
    syria, tmp_path, monkeypatch, text, where, words
):
    """``power`` and ``backtest`` read ``--runs-file`` with sim.power.runs.read_runs."""
    (tmp_path / "runs.jsonl").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RunsFileError) as caught:
        read_runs(Path("runs.jsonl"), syria)
    line = str(caught.value)
    assert line.startswith(where) and words in line and "\n" not in line, line


@pytest.mark.parametrize(
    ("command", "text", "where", "words"),
    [
        pytest.param(command, t, w, m, id=f"{name}-{command}")
        for command, (name, t, w, m) in zip(["power", "backtest"], RUNS_FILES, strict=False)
    ],
)
def test_a_hostile_runs_file_is_refused_with_file_and_line(tmp_path, command, text, where, words):
    (tmp_path / "runs.jsonl").write_text(text, encoding="utf-8")
    line = refused(diplosim(command, "--runs-file", "runs.jsonl", cwd=tmp_path), words)
    assert line.startswith(where), line


# -- seeds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "seed"),
    [
        (["batch", "--runs", "4", "--workers", "1", "--out", "runs.jsonl"], "-1"),
        (["sensitivity", "--runs", "20", "--workers", "1"], str(2**63)),
        (["power", "--runs", "4"], "9" * 5000),
        (["backtest", "--runs", "4"], "-1"),
    ],
    ids=["batch-negative", "sensitivity-2**63", "power-5000-digits", "backtest-negative"],
)
def test_a_negative_or_huge_seed_is_refused_before_anything_runs(tmp_path, command, seed):
    """The four commands take the one root seed option (sim/cli/options.py RootSeed): each command
    once, each kind of bad seed at least once."""
    done = diplosim(*command, "--seed", seed, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "--seed" in done.stderr
    assert list(tmp_path.iterdir()) == []  # no header-only output, no summary


def test_the_largest_seed_still_runs(tmp_path):
    done = diplosim("batch", "--runs", 4, "--workers", 1, "--seed", 2**63 - 1, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["batch"]["seed"] == 2**63 - 1

"""Nothing lost: a real `diplosim batch` killed or interrupted mid-run leaves readable rows, and
`--resume` completes it to exactly the file an uninterrupted batch writes."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from shared import FIXTURE

from sim.batch.session import execute, plan

RUNS = 100
"""Enough that a batch of 2 workers (chunks of 7 runs) is still running when 40 rows are on disk."""


def command(out, *extra):
    return [
        sys.executable,
        "-m",
        "sim.cli",
        "batch",
        str(FIXTURE),
        "--runs",
        str(RUNS),
        "--seed",
        "3",
        "--out",
        str(out),
        *extra,
    ]


def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


def start_and_stop(out, rows_file, sig, *extra):
    """Start a batch, wait until some rows are on disk, then send ``sig`` to it."""
    process = subprocess.Popen(
        command(out, "--workers", "2", *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if rows_file.exists() and rows_file.read_bytes().count(b"\n") >= 40:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the batch ended before it could be stopped"
    if sig == signal.SIGINT:
        os.killpg(process.pid, sig)  # as Ctrl-C in a terminal: the whole process group
    else:
        process.send_signal(sig)  # the batch's own process only: its workers must not outlive it
    _, err = process.communicate(timeout=120)
    return process, err


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The uninterrupted batch, as Parquet and JSON Lines: what ``command(out)`` writes, made here
    by the command's own code (sim.batch.session) on one worker; the batches resumed on two workers
    must come to the same bytes (test_batch_hostile.py checks an uninterrupted command against
    this code)."""
    folder = tmp_path_factory.mktemp("reference")
    uninterrupted = plan(FIXTURE, RUNS, 3, [])
    for name in ("runs.parquet", "runs.jsonl"):
        assert execute(uninterrupted, folder / name, workers=1).complete
    return folder


def test_a_killed_parquet_batch_resumes_to_the_uninterrupted_file(tmp_path, reference):
    out = tmp_path / "runs.parquet"
    spool = tmp_path / "runs.parquet.partial.jsonl"
    process, _ = start_and_stop(out, spool, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    kept = pd.read_json(spool, lines=True)  # every row written so far, whole
    assert 40 <= len(kept) < RUNS and list(kept["run"]) == list(range(len(kept)))
    assert json.loads((tmp_path / "runs.parquet.summary.json").read_text())["batch"]["complete"] is False
    _wait_for_no_workers(process.pid)

    resumed = run(command(out, "--workers", "2", "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed {out} at run {len(kept)}" in resumed.stderr
    assert not spool.exists()
    assert out.read_bytes() == (reference / "runs.parquet").read_bytes()
    assert _summary(out) == _summary(reference / "runs.parquet")


def test_ctrl_c_keeps_every_row_written_and_resume_completes_it(tmp_path, reference):
    out = tmp_path / "runs.jsonl"
    process, err = start_and_stop(out, out, signal.SIGINT)
    assert process.returncode == 130
    assert "interrupted after" in err and "--resume" in err and "Traceback" not in err
    kept = pd.read_json(out, lines=True)
    assert 40 <= len(kept) < RUNS
    resumed = run(command(out, "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == (reference / "runs.jsonl").read_bytes()


def test_a_row_cut_short_by_a_crash_is_run_again(tmp_path, reference):
    lines = (reference / "runs.jsonl").read_text().splitlines(keepends=True)
    out = tmp_path / "runs.jsonl"
    out.write_text("".join(lines[: RUNS - 20]) + lines[RUNS - 20][:100])
    (tmp_path / "runs.jsonl.summary.json").write_text((reference / "runs.jsonl.summary.json").read_text())
    resumed = run(command(out, "--resume", "--workers", "1"))
    assert resumed.returncode == 0, resumed.stderr
    assert f"at run {RUNS - 20}" in resumed.stderr
    assert out.read_bytes() == (reference / "runs.jsonl").read_bytes()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--seed", "4"], "was started with --seed 3, not --seed 4"),
        (["syria-2012-07-china-abstains"], "holds runs of scenario 'syria-2012-07'"),
        (["--vary", "parameters.noise=0.05,0.07"], "another --vary grid"),
    ],
)
def test_resuming_another_batch_is_refused_with_a_clear_message(tmp_path, reference, change, message):
    out = tmp_path / "runs.jsonl"
    lines = (reference / "runs.jsonl").read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:10]))
    (tmp_path / "runs.jsonl.summary.json").write_text((reference / "runs.jsonl.summary.json").read_text())
    args = command(out, "--resume")
    if change[0] == "--seed":
        args[args.index("--seed") + 1] = change[1]
    elif change[0].startswith("--"):
        args += change
    else:
        args[4] = change[0]
    refused = run(args)
    assert refused.returncode == 2
    assert message in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert out.read_text() == "".join(lines[:10]), "a refused resume leaves the file alone"


def test_an_existing_output_is_not_overwritten_without_asking(tmp_path, reference):
    out = tmp_path / "runs.jsonl"
    out.write_text("precious\n")
    refused = run(command(out))
    assert refused.returncode == 2 and "--resume" in refused.stderr and "--overwrite" in refused.stderr
    assert out.read_text() == "precious\n"


def _summary(out):
    return json.loads(out.with_name(out.name + ".summary.json").read_text())


def _wait_for_no_workers(group: int) -> None:
    """The killed batch's workers die with it (they are in its process group)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.killpg(group, signal.SIGKILL)
    pytest.fail("workers outlived the killed batch")

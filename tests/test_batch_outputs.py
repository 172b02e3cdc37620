"""`diplosim batch --out`: the same records in every format and on any number of workers, local or
on a real Dask cluster, each file read back with pandas."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from shared import FIXTURE
from terminal import diplosim

RUNS = 40


def batch(out, *extra):
    done = diplosim("batch", FIXTURE, "--runs", RUNS, "--seed", 7, "--out", out, *extra)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    return {
        name: batch(folder / name, "--workers", workers)
        for name, workers in (("one.jsonl", 1), ("two.jsonl", 2), ("runs.csv", 2), ("runs.parquet", 2))
    }


def read(path):
    """A batch output as pandas reads it, with ``votes`` as lists in every format."""
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True)
    frame = pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)
    return frame.assign(votes=frame["votes"].map(json.loads))


def summary(path):
    return json.loads(path.with_name(path.name + ".summary.json").read_text())


def test_records_and_summary_are_identical_whatever_the_number_of_workers(outputs):
    assert outputs["one.jsonl"].read_bytes() == outputs["two.jsonl"].read_bytes()
    assert summary(outputs["one.jsonl"]) == summary(outputs["two.jsonl"])


def test_every_format_reads_back_with_pandas_as_the_same_table(outputs):
    jsonl, csv, parquet = (read(outputs[n]) for n in ("two.jsonl", "runs.csv", "runs.parquet"))
    assert len(jsonl) == RUNS and list(jsonl["run"]) == list(range(RUNS))
    assert list(jsonl.columns) == list(csv.columns) == list(parquet.columns)
    for frame in (csv, parquet):
        pd.testing.assert_frame_equal(frame, jsonl, check_dtype=False)
    assert {"seed", "scenario_hash", "votes", "draft.s-2012-538.status", "draft.s-2012-538.coercion"} <= set(
        jsonl
    )
    assert any(c.startswith("sampled.actors.china.") for c in jsonl)


def test_a_rows_votes_are_the_run_records_votes(outputs):
    row = read(outputs["runs.parquet"]).iloc[3]
    record = json.loads(diplosim("run", FIXTURE, "--seed", row["seed"], "--json").stdout)
    assert row["seed"] != 3, "run 3 is seeded with the root seed's child 3, not with 3"
    for vote in record["votes"]:
        del vote["explanations"], vote["clauses"]  # a batch row leaves out both (README)
    assert row["votes"] == record["votes"]
    sampled = {k.removeprefix("sampled."): v for k, v in row.items() if k.startswith("sampled.")}
    assert sampled == record["sampled"]
    assert row["scenario_hash"] == record["scenario"]["digest"]


def test_a_dask_cluster_gives_the_same_records_as_local_processes(outputs, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        out = batch(tmp_path / "dask.jsonl", "--scheduler", cluster.scheduler_address)
    assert out.read_bytes() == outputs["one.jsonl"].read_bytes()
    assert summary(out) == summary(outputs["one.jsonl"])


def test_no_scheduler_at_the_address_is_one_clear_line():
    done = diplosim("batch", FIXTURE, "--runs", 2, "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "no Dask scheduler answered" in done.stderr


def test_a_cluster_started_with_dask_scheduler_and_dask_worker_runs_the_batch(outputs, tmp_path):
    """The README's recipe: `dask scheduler`, `dask worker ADDRESS`, `diplosim batch --scheduler`."""
    dask = str(Path(sys.executable).parent / "dask")
    info = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)], **quiet
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        worker = subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"], **quiet)
        out = batch(tmp_path / "cluster.jsonl", "--scheduler", address)
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    assert out.read_bytes() == outputs["one.jsonl"].read_bytes()

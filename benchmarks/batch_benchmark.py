"""Batch throughput and memory: `diplosim batch` against `mesa.batch_run` on the same runs.

    python benchmarks/batch_benchmark.py                 # 10,000 runs; memory at 10,000 and 100,000
    python benchmarks/batch_benchmark.py --runs 2000 --memory-runs 2000 20000   # quicker

Prints, for the default scenario:

* runs/s of `diplosim batch --runs N` with 1 and 2 workers (wall clock of the whole command, as a
  user sees it, start-up included), and its time for N runs with 2 workers, of which start-up
  (the same command for a single run);
* runs/s of `mesa.batch_run` over the same N runs (the same child seeds, the same model keeping
  what a batch keeps: no explanations, no lobbying lines; 1 and 2 processes), and the ratio of
  the two;
* the peak resident memory of a batch streaming N runs to a Parquet file, for each of
  --memory-runs: the largest process of the batch (its main process or a worker), from
  getrusage(RUSAGE_CHILDREN) in a fresh helper process;
* the CPU time per run of one process running --cpu-runs runs as a batch worker does (rows
  encoded for Parquet), the least of three repeats: the engine's cost, which, unlike wall
  clock, hardly depends on what else the machine is doing;
* the load average before and after, since the machine may be shared.

It measures the installed package, as `pip install .` built it: with the engine's hot modules
compiled by mypyc (hatch_build.py), unless it was installed in editable mode or with
DIPLOSIM_PURE=1; its second line says which.

Each time is the least of --repeat timings (3), taken in turn for diplosim and mesa.batch_run so
that a busy spell of the machine hits both; all of them are shown. Figures are from one run on a
shared machine: compare ratios within one run, not across runs.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mesa

from sim import DiplomacyModel, default_scenario, load_scenario
from sim.engine.rng import child_seeds

_SCENARIO = None


def _scenario():
    global _SCENARIO
    if _SCENARIO is None:
        _SCENARIO = load_scenario(default_scenario())
    return _SCENARIO


class BatchRunModel(DiplomacyModel):
    """The same model for `mesa.batch_run`, which builds models from keyword parameters only and
    reads results from a DataCollector."""

    def __init__(self, seed: int):
        super().__init__(_scenario(), seed, explain=False, log_lobbying=False)
        self.datacollector = mesa.DataCollector(
            model_reporters={"votes": lambda m: [(v.draft, v.result, v.tally["yes"]) for v in m.record.votes]}
        )

    def step(self) -> None:
        super().step()
        self.datacollector.collect(self)


def diplosim_batch(runs: int, workers: int) -> float:
    """Seconds for `diplosim batch --runs N --workers W` (summary as JSON, no output file)."""
    started = time.perf_counter()
    done = subprocess.run(
        # -P: the installed package, not a source tree in the working directory
        [sys.executable, "-P", "-m", "sim.cli", "batch", "--runs", str(runs), "--workers", str(workers)]
        + ["--json"],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"diplosim batch failed: {done.stderr}")
    return elapsed


def mesa_batch_run(runs: int, processes: int) -> float:
    """Seconds for `mesa.batch_run` over the child seeds of root 0 (what `diplosim batch` runs)."""
    started = time.perf_counter()
    results = mesa.batch_run(
        BatchRunModel,
        parameters={"seed": child_seeds(0, runs)},
        number_processes=processes,
        iterations=1,
        data_collection_period=-1,
        display_progress=False,
    )
    elapsed = time.perf_counter() - started
    assert len(results) == runs
    return elapsed


def peak_memory_mb(runs: int) -> float:
    """Peak RSS (MB) of a batch of ``runs`` written to Parquet, measured in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, __file__, "_peak", str(runs), str(Path(folder) / "runs.parquet")],
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        sys.exit(f"memory run failed: {done.stderr}")
    return float(done.stdout.strip())


def _peak(runs: int, out: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-P",
            "-m",
            "sim.cli",
            "batch",
            "--runs",
            str(runs),
            "--workers",
            "2",
            "--out",
            out,
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(done.stderr)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)  # KB on Linux


def cpu_ms_per_run(runs: int) -> float:
    """Least CPU milliseconds per run over three repeats of ``runs`` runs in this process, the
    way a batch worker runs them (``run_chunk``, rows encoded for Parquet)."""
    from sim import default_scenario
    from sim.batch.runner import Job, run_chunk
    from sim.batch.session import plan

    planned = plan(default_scenario(), runs, 0, [])
    job = Job(tuple(planned.scenarios), tuple(planned.grid), planned.root, planned.layout, "parquet")
    run_chunk(job, 0, min(runs, 20))  # warm up
    best = math.inf
    for _ in range(3):
        started = time.process_time()
        run_chunk(job, 0, runs)
        best = min(best, (time.process_time() - started) / runs * 1000)
    return best


def engine() -> str:
    """Which engine this measures: compiled by the wheel build (hatch_build.py) or plain Python."""
    import sim.engine.picture

    kind = "plain Python" if sim.engine.picture.__file__.endswith(".py") else "compiled with mypyc"
    return f"{kind} ({Path(sim.__file__).parent})"  # a compiled module's __file__ can be off by a folder


def _all(seconds: list[float]) -> str:
    return "all: " + " ".join(f"{x:.1f}" for x in seconds)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    if sys.argv[1:2] == ["_peak"]:
        _peak(int(sys.argv[2]), sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--memory-runs", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--cpu-runs", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="timings to take of each; the least is shown")
    args = parser.parse_args()
    n = args.runs
    print(
        f"default scenario, {n} runs, root seed 0; "
        f"load average {_load()} (1, 5, 15 min) on {os.cpu_count()} CPUs"
    )
    print(f"engine: {engine()}")
    print(f"engine CPU per run, 1 process, {args.cpu_runs} runs: {cpu_ms_per_run(args.cpu_runs):.2f} ms")
    ours: dict[int, list[float]] = {1: [], 2: []}
    theirs: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):  # interleaved, so a busy spell of the machine hits both alike
        for w in (1, 2):
            ours[w].append(diplosim_batch(n, w))
            theirs[w].append(mesa_batch_run(n, w))
    for name, option, times in (
        ("diplosim batch ", "--workers", ours),
        ("mesa.batch_run ", "processes", theirs),
    ):
        for w, seconds in times.items():
            best = min(seconds)
            print(f"{name} {option} {w}: {best:6.1f} s  {n / best:7.0f} runs/s   ({_all(seconds)})")
    ours = {w: min(seconds) for w, seconds in ours.items()}
    theirs = {w: min(seconds) for w, seconds in theirs.items()}
    for w in (1, 2):
        print(f"ratio diplosim/mesa.batch_run at {w} worker(s): {theirs[w] / ours[w]:.2f}x")
    startup = min(diplosim_batch(1, 2) for _ in range(args.repeat))
    print(f"time for {n} runs with 2 workers: {ours[2]:.1f} s, of which start-up {startup:.1f} s")
    for runs in args.memory_runs:
        print(f"peak memory, {runs} runs to Parquet (2 workers): {peak_memory_mb(runs):.0f} MB")
    print(f"load average at the end: {_load()}")


if __name__ == "__main__":
    main()

"""The benchmark the README documents runs, at a small size, and prints every figure it names."""

import re
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "batch_benchmark.py"


def run(script: Path, *args: str, cwd: Path) -> str:
    """Run a benchmark script as its docstring says; its standard output."""
    done = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_batch_benchmark_prints_throughput_ratio_and_memory(tmp_path):
    out = run(
        BENCHMARK, "--runs", "30", "--memory-runs", "30", "--cpu-runs", "10", "--repeat", "2", cwd=tmp_path
    )
    assert re.search(r"^engine: (compiled with mypyc|plain Python) \(.*sim\)$", out, re.M), out
    assert re.search(r"^engine CPU per run, 1 process, 10 runs: \d+\.\d\d ms$", out, re.M), out
    for workers in (1, 2):
        assert re.search(
            rf"^diplosim batch  --workers {workers}: +\d+\.\d s +\d+ runs/s +\(all: [\d.]+ [\d.]+\)$",
            out,
            re.M,
        ), out
        assert re.search(
            rf"^mesa.batch_run  processes {workers}: +\d+\.\d s +\d+ runs/s +\(all: [\d.]+ [\d.]+\)$",
            out,
            re.M,
        ), out
        assert re.search(rf"^ratio diplosim/mesa.batch_run at {workers} worker\(s\): \d+\.\d\dx$", out, re.M)
    total = r"^time for 30 runs with 2 workers: \d+\.\d s, of which start-up \d+\.\d s$"
    assert re.search(total, out, re.M), out
    assert re.search(r"^peak memory, 30 runs to Parquet \(2 workers\): \d+ MB$", out, re.M), out


HOSTILE = Path(__file__).parent.parent / "benchmarks" / "hostile_inputs.py"


def test_the_hostile_inputs_benchmark_prints_a_line_per_case_and_the_counts(tmp_path):
    out = run(HOSTILE, "--only", "seed-absolute", cwd=tmp_path)
    assert re.search(r"^seed-absolute +paths +clear error +\d+\.\d\d +\d+", out, re.M), out
    counts = r"^inputs tried 1 / clear errors 1 / tracebacks 0 / hangs 0 / wrong successes 0$"
    assert re.search(counts, out, re.M), out

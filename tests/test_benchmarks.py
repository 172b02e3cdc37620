"""The benchmark the README documents runs, at a small size, and prints every figure it names."""

import json
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
        BENCHMARK, "--runs", "8", "--memory-runs", "8", "--cpu-runs", "4", "--repeat", "1", cwd=tmp_path
    )
    assert re.search(r"^engine: (compiled with mypyc|plain Python) \(.*sim\)$", out, re.M), out
    assert re.search(r"^engine CPU per run, 1 process, 4 runs: \d+\.\d\d ms$", out, re.M), out
    for workers in (1, 2):
        assert re.search(
            rf"^diplosim batch  --workers {workers}: +\d+\.\d s +\d+ runs/s +\(all: [\d.]+\)$",
            out,
            re.M,
        ), out
        assert re.search(
            rf"^mesa.batch_run  processes {workers}: +\d+\.\d s +\d+ runs/s +\(all: [\d.]+\)$",
            out,
            re.M,
        ), out
        assert re.search(rf"^ratio diplosim/mesa.batch_run at {workers} worker\(s\): \d+\.\d\dx$", out, re.M)
    total = r"^time for 8 runs with 2 workers: \d+\.\d s, of which start-up \d+\.\d s$"
    assert re.search(total, out, re.M), out
    assert re.search(r"^peak memory, 8 runs to Parquet \(2 workers\): \d+ MB$", out, re.M), out


HOSTILE = Path(__file__).parent.parent / "benchmarks" / "hostile_inputs.py"


def test_the_hostile_inputs_benchmark_prints_a_line_per_case_and_the_counts(tmp_path):
    out = run(HOSTILE, "--only", "seed-absolute", cwd=tmp_path)
    assert re.search(r"^seed-absolute +paths +clear error +\d+\.\d\d +\d+", out, re.M), out
    counts = r"^inputs tried 1 / clear errors 1 / tracebacks 0 / hangs 0 / wrong successes 0$"
    assert re.search(counts, out, re.M), out


TOURNAMENT = Path(__file__).parent.parent / "benchmarks" / "tournament.py"
STRATEGIES = TOURNAMENT.parent / "strategies"


def test_the_tournament_plays_every_strategy_over_the_same_seeds_against_its_seats_baseline(tmp_path):
    from shared import FIXTURE

    args = ("--runs", "3", "--workers", "1", "--seed", "4", "--scenario", str(FIXTURE))
    result = json.loads(run(TOURNAMENT, *args, "--json", cwd=tmp_path))
    names = {path.stem for path in STRATEGIES.glob("*.json")}
    rows = {row["strategy"]: row for row in result["strategies"]}
    assert set(rows) == names and result["runs"] == 3 and result["seed"] == 4
    assert result["drafts"] and set(result["drafts"]) <= {"s-2012-538", "russia-rival", "res-2059"}
    assert {rows[name]["baseline"] for name in names} == {"passive", "russia-passive"}
    for row in rows.values():
        assert row["runs"] == 3 and set(row["drafts"]) == set(result["drafts"])
        assert row["skipped"]["moves"] >= 0 and row["utility"]["mean"] is not None
        if row["strategy"] == row["baseline"]:
            assert row["moves"] == 0 and row["utility_change"] == 0
            assert all(d["adopted_change"] == 0 for d in row["drafts"].values())
    # It keeps calling the vote on its draft after the vote: refused, in every run.
    assert rows["russia-calls-own-draft"]["skipped"]["runs"] == 3
    text = run(TOURNAMENT, *args, cwd=tmp_path)
    assert re.search(
        r"^Tournament on syria-2012-07 \(hash \w+\): 3 runs per strategy, root seed 4", text, re.M
    )
    for name in names:
        marker = r" \*" if name in ("passive", "russia-passive") else ""
        assert re.search(
            rf"^(United States|Russian Federation) +{re.escape(name)}{marker} +\d+ ", text, re.M
        ), name
    assert "Vetoes, by whom" in text


def test_the_tournament_refuses_a_strategy_for_no_seat(tmp_path):
    (tmp_path / "anyone.json").write_text('{"rounds": []}')
    done = subprocess.run(
        [sys.executable, str(TOURNAMENT), "--strategies", str(tmp_path), "--runs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{tmp_path / 'anyone.json'}:1: the strategy names no 'player'")


def test_a_seat_with_no_passive_strategy_gets_one(tmp_path):
    from shared import FIXTURE

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "call.json").write_text((STRATEGIES / "call-vote-only.json").read_text())
    args = (
        "--strategies",
        str(folder),
        "--runs",
        "2",
        "--workers",
        "1",
        "--scenario",
        str(FIXTURE),
        "--json",
    )
    rows = json.loads(run(TOURNAMENT, *args, cwd=tmp_path))["strategies"]
    assert {(row["strategy"], row["baseline"]) for row in rows} == {
        ("call", "(no moves)"),
        ("(no moves)", "(no moves)"),
    }


def test_the_engine_moves_benchmark_counts_moves_broken_words_and_roll_calls(tmp_path):
    from shared import FIXTURE

    out = run(BENCHMARK.parent / "engine_moves.py", str(FIXTURE), "--runs", "12", cwd=tmp_path)
    assert "syria-2012-07: 12 engine-only runs (seeds 0..11)" in out  # the fixture keeps its id
    share = re.search(
        r"^runs in which an actor sponsoring no draft makes a statement or an offer: ([\d.]+)%$", out, re.M
    )
    assert share and float(share.group(1)) > 50, out
    assert "ballots other than yes by a sponsor on its own draft: 0" in out
    assert re.search(
        r"^S/2012/538: 12 votes, \d+ distinct roll calls, \d+ distinct tallies; modal tally", out, re.M
    )

"""Batch statistics: Wilson intervals against published values, and every figure of a summary
recomputed from the rows of a real batch written by `diplosim batch`."""

import json
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest
from shared import DATA

from sim.batch.summary import wilson

RUNS = 120


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # scipy.stats.binomtest(k, n).proportion_ci(method="wilson")
        (5, 10, 0.2365931, 0.7634069),
        (1, 10, 0.0178762, 0.4041500),
        (0, 10, 0.0, 0.2775328),
        (10, 10, 0.7224672, 1.0),
        (81, 263, 0.2552885, 0.3662096),
    ],
)
def test_wilson_interval_matches_known_values(successes, trials, low, high):
    got = wilson(successes, trials)
    assert got == pytest.approx((low, high), abs=1e-6)


def test_wilson_interval_narrows_with_more_trials_and_stays_in_0_1():
    assert wilson(0, 1000)[0] == 0.0 and wilson(1000, 1000)[1] == 1.0
    small, large = wilson(30, 100), wilson(3000, 10000)
    assert large[1] - large[0] < small[1] - small[0]
    assert small[0] < 0.3 < small[1]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A real batch of a variant of the fixture with varied outcomes (noisier votes), written as
    JSON Lines."""
    folder = tmp_path_factory.mktemp("batch")
    variant = DATA / "scenarios" / "noisy"  # noise 0.25, alignment_pull 0.3
    out = folder / "runs.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "sim.cli", "batch", str(variant), "--runs", str(RUNS), "--seed", "5"]
        + ["--workers", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads((folder / "runs.jsonl.summary.json").read_text())
    return pd.read_json(out, lines=True), summary


def test_every_figure_of_the_summary_is_recomputed_from_the_rows(batch):
    rows, summary = batch
    assert summary["runs"] == len(rows) == RUNS and summary["batch"]["complete"] is True
    drafts = summary["points"][0]["drafts"]
    for key, figures in drafts.items():
        votes = [next((v for v in row if v["draft"] == key), None) for row in rows["votes"]]
        status = rows[f"draft.{key}.status"]
        outcome = [
            v["result"] if v else ("withdrawn" if s == "withdrawn" else "not_voted")
            for v, s in zip(votes, status, strict=True)
        ]
        counts = Counter(outcome)
        for name, cell in figures["outcomes"].items():
            assert cell["count"] == counts[name], (key, name)
            assert cell["p"] == pytest.approx(counts[name] / RUNS)
            assert (cell["low"], cell["high"]) == pytest.approx(wilson(counts[name], RUNS))
        cast = [v for v in votes if v]
        assert figures["voted"] == len(cast)
        vetoes = Counter(" + ".join(sorted(v["vetoed_by"])) for v in cast if v["result"] == "vetoed")
        assert {who: c["count"] for who, c in figures["vetoed_by"].items()} == dict(vetoes)
        assert figures["yes_votes"] == {
            str(k): c for k, c in sorted(Counter(v["tally"]["yes"] for v in cast).items())
        }
        assert figures["vote_round"] == {
            str(k): c for k, c in sorted(Counter(v["round"] for v in cast).items())
        }
        for member, shares in figures["members"].items():
            if not cast:
                assert shares == {}
                continue
            ballots = Counter(v["roll_call"][member] for v in cast)
            assert shares == pytest.approx({b: ballots[b] / len(cast) for b in ("yes", "abstain", "no")})
        patterns = Counter(tuple(sorted(v["roll_call"].items())) for v in cast)
        if cast:
            top = figures["roll_calls"][0]
            assert top["count"] == max(patterns.values())
            assert top["share"] == pytest.approx(top["count"] / len(cast))


def test_the_batch_has_more_than_one_outcome_to_count(batch):
    _, summary = batch
    outcomes = {
        name
        for draft in summary["points"][0]["drafts"].values()
        for name, cell in draft["outcomes"].items()
        if cell["count"]
    }
    assert len(outcomes) >= 3, "a test that cannot fail: the variant should give mixed outcomes"

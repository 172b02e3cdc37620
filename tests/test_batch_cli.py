"""The batch commands as the README shows them, in real subprocesses, on the tests' fixture scenario."""

from shared import FIXTURE
from terminal import diplosim


def test_batch_prints_outcome_tables_with_intervals():
    done = diplosim("batch", FIXTURE, "--runs", 30)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "syria-2012-07" in out and "30 runs" in out
    for text in (
        "S/2012/538: outcomes of 30 runs",
        "95% interval (Wilson)",
        "by China + Russian Federation",
        "never put to the vote",
        "yes votes",
        "vote taken in round 7",
        "most frequent roll calls",
        "Vote shares by member",
    ):
        assert text in out, text
    assert "30 runs in" in done.stderr and "runs/s" in done.stderr


def test_batch_help_teaches_the_options():
    done = diplosim("batch", "--help")
    assert done.returncode == 0
    for option in ("--runs", "--seed", "--workers", "--out", "--resume", "--vary", "--scheduler", "--plot"):
        assert option in done.stdout


def test_an_unknown_output_extension_is_refused_before_any_run(tmp_path):
    done = diplosim("batch", FIXTURE, "--runs", 5, "--out", tmp_path / "runs.xlsx")
    assert done.returncode == 2
    assert "unknown extension '.xlsx'" in done.stderr and ".parquet" in done.stderr
    assert list(tmp_path.iterdir()) == []

"""The one loop that runs a scenario many times (sim.batch.runner.run_each), as power, the
editor's preview and the end-of-game odds use it, and its progress reports."""

import pytest

from sim import run_scenario
from sim.batch.progress import Reporter
from sim.batch.runner import run_each
from sim.engine.rng import SEED_MAX, child_seed
from sim.power.runs import simulate
from tui.screens.summary import outcome_of, outcomes_of


def seed_of(record):
    return record.seed


def test_run_i_has_child_seed_i_on_one_worker_or_several(syria):
    alone = list(run_each(syria, 12, 5, seed_of))
    assert alone == [child_seed(5, i) for i in range(12)]
    assert list(run_each(syria, 12, 5, seed_of, workers=2)) == alone


def test_what_is_kept_of_each_run_is_what_a_fresh_run_gives(syria):
    """The loop restarts one model, without explanations; the records' outcomes are the same."""
    kept = list(run_each(syria, 6, 2, outcomes_of))
    for index, outcomes in enumerate(kept):
        record = run_scenario(syria, child_seed(2, index))
        assert outcomes == [(d["symbol"], outcome_of(record, key)) for key, d in record.drafts.items()]


def test_a_reporter_hears_every_chunk_and_can_stop_the_runs(syria):
    heard = []
    assert len(list(run_each(syria, 40, 0, seed_of, Reporter(lambda d, t: heard.append((d, t)))))) == 40
    assert heard[-1] == (40, 40) and [d for d, _ in heard] == sorted(d for d, _ in heard)

    class Stale(Exception):
        pass

    def give_up(done, total):
        raise Stale

    kept = []
    with pytest.raises(Stale):
        kept.extend(run_each(syria, 40, 0, seed_of, Reporter(give_up)))
    assert 0 < len(kept) < 40


def test_power_runs_are_the_runs_of_the_loop(syria):
    batch = simulate(syria, 5, 9)
    votes = [len(record.votes) for record in (run_scenario(syria, child_seed(9, i)) for i in range(5))]
    assert batch.runs == 5 and len(batch.roll_calls) == sum(votes)
    assert [c.run for c in batch.roll_calls] == [i for i, n in enumerate(votes) for _ in range(n)]


@pytest.mark.parametrize("command", ["run", "play", "edit", "batch", "sensitivity", "power", "backtest"])
def test_every_seed_option_stops_at_the_largest_seed(command):
    from typer.testing import CliRunner

    from sim.cli.main import app

    result = CliRunner().invoke(app, [command, "--seed", str(SEED_MAX + 1)])
    assert result.exit_code == 2 and "--seed" in result.output

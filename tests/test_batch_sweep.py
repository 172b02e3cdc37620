"""Sweeps (`--vary`): a grid of scenarios, one batch per grid point, with the same seeds at every
point; and the plots of a batch and of a sweep."""

import json

import pandas as pd
import pytest
from shared import FIXTURE
from terminal import diplosim

from sim import load_scenario, run_scenario
from sim.batch.records import vote_dicts
from sim.batch.session import plan
from sim.batch.sweep import parse_values
from sim.engine.rng import child_seed
from sim.errors import VaryError

RUNS = 20
VETO = "actors.russian-federation.costs.veto"


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sweep")
    done = diplosim(
        "batch",
        FIXTURE,
        "--runs",
        RUNS,
        "--seed",
        2,
        "--vary",
        f"{VETO}=0.2,0.8",
        "--vary",
        "parameters.noise=0.06:0.1:2",
        "--out",
        folder / "sweep.csv",
        "--plot",
        folder / "sweep.png",
        "--json",
        "--workers",
        2,
    )
    assert done.returncode == 0, done.stderr
    return folder, json.loads(done.stdout), pd.read_csv(folder / "sweep.csv")


def test_several_vary_options_form_a_grid_with_the_last_varying_fastest(sweep):
    _, summary, _ = sweep
    grid = [(p["vary"][VETO], p["vary"]["parameters.noise"]) for p in summary["points"]]
    assert grid == [(0.2, 0.06), (0.2, 0.1), (0.8, 0.06), (0.8, 0.1)]
    assert [p["runs"] for p in summary["points"]] == [RUNS] * 4
    assert summary["runs"] == 4 * RUNS


def test_rows_interleave_grid_points_and_share_seeds_across_them(sweep):
    _, _, rows = sweep
    assert len(rows) == 4 * RUNS
    assert list(rows["point"]) == [i % 4 for i in range(4 * RUNS)]
    assert list(rows["run"]) == [i // 4 for i in range(4 * RUNS)]
    assert list(rows["seed"]) == [child_seed(2, i // 4) for i in range(4 * RUNS)]
    assert sorted(set(rows[f"vary.{VETO}"])) == [0.2, 0.8]
    assert rows.groupby("point")["scenario_hash"].nunique().eq(1).all()
    assert rows["scenario_hash"].nunique() == 4
    # The varied range is a plain number at every point: no longer drawn, so not a sampled column.
    assert f"sampled.{VETO}" not in rows and "sampled.actors.china.costs.veto" in rows


def test_a_dearer_russian_veto_gets_the_sanctions_draft_adopted(sweep):
    _, summary, _ = sweep
    adopted = [p["drafts"]["s-2012-538"]["outcomes"]["adopted"]["count"] for p in summary["points"]]
    assert adopted[0] + adopted[1] < adopted[2] + adopted[3]


def test_a_grid_point_runs_exactly_as_a_variant_file_with_that_value(sweep, scenario_copy):
    _, _, rows = sweep
    variant = scenario_copy.parent / "dear-veto"
    variant.mkdir()
    (variant / "scenario.yaml").write_text(
        f"include: ../{scenario_copy.name}\nid: syria-2012-07\n"
        "actors:\n  russian-federation:\n    costs: {veto: 0.8}\nparameters: {noise: 0.1}\n"
    )
    loaded = load_scenario(variant)
    row = rows[rows["point"] == 3].iloc[5]
    record = run_scenario(loaded, int(row["seed"]))
    assert json.loads(row["votes"]) == vote_dicts(record)
    assert row["draft.s-2012-538.status"] == record.drafts["s-2012-538"]["status"]


def test_plots_are_written_for_a_sweep_and_for_a_batch(sweep, tmp_path):
    folder, _, _ = sweep
    png = b"\x89PNG\r\n\x1a\n"
    assert (folder / "sweep.png").read_bytes().startswith(png)
    done = diplosim("batch", FIXTURE, "--runs", 10, "--plot", tmp_path / "batch.png")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "batch.png").read_bytes().startswith(png)
    assert (tmp_path / "batch.png").stat().st_size > 10_000


def test_values_are_lists_or_start_stop_count():
    assert parse_values("0:1:5", "p") == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert parse_values("[0.1, 0.3]", "p") == (0.1, 0.3)
    assert parse_values("2,3", "p") == (2, 3)
    assert parse_values("true,false", "p") == (True, False)


BAD_VARY = [
    ("actors.russia.costs.veto=0.1", "did you mean 'actors.russian-federation.costs.veto'?"),
    ("parameters.nosie=0.1", "did you mean 'parameters.noise'?"),
    ("parameters.noise=0.1:0.2", "start:stop:count"),
    ("parameters.noise=5", "--vary parameters.noise=5: "),
    ("parameters.noise", "PATH=VALUES"),
]


@pytest.mark.parametrize(("vary", "message"), BAD_VARY)
def test_a_bad_vary_is_refused_naming_the_fix(vary, message):
    """By the plan `diplosim batch --vary` makes before any run (sim.batch.session.plan)."""
    with pytest.raises(VaryError) as caught:
        plan(FIXTURE, 2, 0, [vary])
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_bad_vary_is_one_line_naming_the_fix():
    vary, message = BAD_VARY[0]
    done = diplosim("batch", "--runs", 2, "--vary", vary)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1

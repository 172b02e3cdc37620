"""`diplosim sensitivity`: the ranking on data whose answer is known, and on the real scenario."""

import json

import numpy as np
import pytest
from shared import DATA
from terminal import diplosim

from sim.batch.records import Layout
from sim.batch.sensitivity import decile_shares, rank


def test_the_number_an_outcome_hinges_on_ranks_first_with_its_direction():
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(3000, 3))
    y = (x[:, 1] + 0.2 * rng.normal(size=3000) > 0.6).astype(float)  # hinges on x1 only
    layout = Layout(False, (), ("a", "b", "c"), (("d", "D"),), (), (), ())
    outcomes = [((("adopted" if v else "vetoed"), "", 0),) for v in y]
    found = rank(layout, [tuple(r) for r in x], outcomes, lambda f: f[0] == "adopted", [("d", "D")])
    ranking = found["d"]["ranking"]
    assert ranking[0]["parameter"] == "b"
    assert ranking[0]["share"] > 0.4 and ranking[0]["coefficient"] > 0
    assert ranking[0]["p_lowest_tenth"] < 0.05 and ranking[0]["p_highest_tenth"] > 0.9
    assert all(r["share"] < 0.01 for r in ranking[1:])


def test_noise_explains_nothing():
    rng = np.random.default_rng(2)
    share, _, _ = decile_shares(rng.uniform(size=5000), (rng.uniform(size=5000) < 0.3).astype(float))
    assert share == pytest.approx(0.0, abs=0.003)


BLAME_ALONE = DATA / "scenarios" / "blame-alone"
"""The fixture with each permanent member pricing its veto alone: China's veto varies from run to
run (with the blame shared, it vetoes with Russia in every run)."""


def test_chinas_veto_hinges_on_its_own_profile():
    done = diplosim(
        "sensitivity", BLAME_ALONE, "--runs", 400, "--outcome", "veto:china", "--json", "--top", 3
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    draft = result["drafts"]["s-2012-538"]
    assert 0 < draft["count"] < draft["runs"]
    assert draft["ranking"][0]["parameter"].startswith("actors.china.")
    assert result["drafts"]["res-2059"]["ranking"] == []  # never vetoed by China: nothing to rank


def test_the_ranking_table_and_a_bad_outcome():
    done = diplosim("sensitivity", BLAME_ALONE, "--runs", 100, "--outcome", "veto:china")
    assert done.returncode == 0, done.stderr
    assert "share of variance" in done.stdout and "actors.china." in done.stdout
    assert "nothing to rank" in done.stdout
    bad = diplosim("sensitivity", "--runs", 100, "--outcome", "veto:togo")
    assert bad.returncode == 2 and "veto:china" in bad.stderr


@pytest.mark.shipped
def test_the_readme_example_ranks_what_chinas_veto_hinges_on_in_the_what_if():
    done = diplosim("sensitivity", "syria-2012-07-china-abstains", "--runs", 300, "--outcome", "veto:china")
    assert done.returncode == 0, done.stderr
    assert "S/2012/538: veto:china in" in done.stdout and "share of variance" in done.stdout

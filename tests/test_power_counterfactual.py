"""Counterfactual Councils: seats changed on the command line (on the tests' fixture scenario), and
the shipped 2011 Council (``shipped`` marker, tests/conftest.py)."""

import pytest
from shared import FIXTURE

from sim import load_scenario, run_scenario
from sim.errors import CouncilChangeError
from sim.power.counterfactual import parse_replacement, with_council
from sim.scenario.profiles import Seat

ELECTED_2011 = {
    "bosnia-and-herzegovina",
    "brazil",
    "colombia",
    "gabon",
    "germany",
    "india",
    "lebanon",
    "nigeria",
    "portugal",
    "south-africa",
}


def test_a_replacement_moves_the_seat_and_the_scenario_still_runs():
    changed = with_council(FIXTURE, [("azerbaijan", "turkey")])
    council = changed.spec.council
    assert council.elected[0] == "turkey" and "azerbaijan" not in council.elected
    assert changed.spec.actors["turkey"].seat is Seat.elected
    assert changed.spec.actors["azerbaijan"].seat is Seat.none
    roll_call = run_scenario(changed, 1).votes[0].roll_call
    assert "Turkey" in roll_call and "Azerbaijan" not in roll_call


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("china", "turkey"), "'china' is a permanent member"),
        (("turkey", "togo"), "'turkey' is not an elected member"),
        (("togo", "turky"), "no actor 'turky' in the scenario (did you mean 'turkey'?)"),
        (("togo", "gulf-states"), "'gulf-states' is a group, not a state"),
        (("togo", "india"), "'india' already sits on the Council"),
    ],
)
def test_replacements_that_cannot_be_made(pair, message):
    with pytest.raises(CouncilChangeError) as caught:
        with_council(FIXTURE, [pair])
    assert str(caught.value).startswith(f"--replace {pair[0]}={pair[1]}: {message}")


@pytest.mark.parametrize("text", ["togo", "=turkey", "togo="])
def test_replacements_are_old_equals_new(text):
    with pytest.raises(CouncilChangeError, match="expected OLD=NEW"):
        parse_replacement(text)


@pytest.mark.shipped
def test_the_2011_council_variant(root):
    variant = load_scenario(root / "scenarios" / "syria-2012-07-council-2011")
    spec = variant.spec
    assert set(spec.council.elected) == ELECTED_2011 and spec.council.year == 2011
    for leaver in ("azerbaijan", "guatemala", "morocco", "pakistan", "togo"):
        assert spec.actors[leaver].seat is Seat.none
    for newcomer in ("bosnia-and-herzegovina", "brazil", "gabon", "lebanon", "nigeria"):
        profile = spec.actors[newcomer]
        assert profile.seat is Seat.elected and profile.provenance
        assert any(source.reasoning for source in profile.provenance)
    names = set(run_scenario(variant, 2).votes[0].roll_call)
    assert {"Brazil", "Lebanon", "Bosnia and Herzegovina"} <= names and "Pakistan" not in names

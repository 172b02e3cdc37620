"""Objectives per seat (sim/play/objectives.py): what each actor wants of each draft, from its profile
and the scenario, on the tests' fixture scenario (Syria, July 2012); and, for every shipped scenario
of the Syria file, that every seat gets objectives that read (``shipped``)."""

from __future__ import annotations

import pytest
from shared import ROOT

from sim import load_scenario
from sim.engine.voting import utility
from sim.play.objectives import INDIFFERENT, NO_OBJECTIVES, objectives
from sim.scenario.uncertain import centre

WEST, RIVAL, RENEWAL = "s-2012-538", "russia-rival", "res-2059"
FILE = ["syria-2011-10", "syria-2012-07", "syria-2013-09", "syria-2014-05", "syria-2014-07"]


def of(found, draft):
    [item] = [o for o in found.items if o.draft == draft]
    return item


def test_the_united_states_wants_the_western_draft_adopted_and_failing_that_the_renewal(syria):
    found = objectives(syria, "united-states")
    west = of(found, WEST)
    assert west.want == "adopted" and west.sponsor and west.gain > 0.5
    assert west.fallback.startswith("draft “Renew UNSMIS") and west.fallback_gain > 0  # not yet S/RES/2059
    assert found.items[0] is west  # what matters most to it comes first
    assert found.lines[0].startswith("Get your S/2012/538 adopted (coercive measures")
    assert "failing that, get draft “Renew UNSMIS" in found.lines[0]
    # The Russian draft: a little better than the status quo, but its failure brings S/2012/538.
    rival = of(found, RIVAL)
    assert rival.want == "blocked" and rival.over_failure < -0.5
    assert "its failure brings S/2012/538 to the vote" in rival.said


def test_russia_and_china_want_it_blocked_and_a_veto_has_its_price(syria):
    for actor in ("russian-federation", "china"):
        west = of(objectives(syria, actor), WEST)
        assert west.want == "blocked" and west.veto
        assert west.price_of_no == pytest.approx(centre(syria.spec.actors[actor].costs.veto), abs=1e-4)
        assert west.said.startswith("Block S/2012/538 (")
        assert f"a veto costs you about {west.price_of_no:.2f}" in west.said
    assert of(objectives(syria, "russian-federation"), RIVAL).want == "adopted"


def test_the_gain_is_the_engines_utility_of_the_draft_over_the_status_quo(syria):
    spec = syria.spec
    profile = spec.actors["pakistan"]
    dims = list(spec.dimensions)
    ideal = [centre(profile.ideal[d]) for d in dims]
    salience = [centre(profile.salience[d]) for d in dims]
    draft = [spec.drafts[WEST].position[d] for d in dims]
    before = [centre(spec.status_quo[d]) for d in dims]
    expected = utility(ideal, salience, draft) - utility(ideal, salience, before)
    assert of(objectives(syria, "pakistan"), WEST).gain == pytest.approx(expected, abs=1e-4)


def test_an_elected_member_votes_down_at_the_price_of_a_no(syria):
    found = objectives(syria, "pakistan")
    assert "nine votes" in found.role
    west = of(found, WEST)
    assert west.want == "blocked" and not west.veto
    assert west.price_of_no == pytest.approx(centre(syria.spec.actors["pakistan"].costs.against), abs=1e-4)
    assert west.said.startswith("Vote down S/2012/538, or see it fall short of nine votes")
    assert "a vote against costs you about" in west.said


def test_an_actor_outside_the_council_presses_it_and_pays_no_price(syria):
    found = objectives(syria, "gulf-states")
    assert "no vote" in found.role
    assert all(o.price_of_no is None and not o.veto for o in found.items)
    assert of(found, WEST).said.startswith("Press the Council to adopt S/2012/538")


def test_an_observer_has_none_and_a_line_that_says_so(syria):
    found = objectives(syria, None)
    assert found.items == () and found.lines == [NO_OBJECTIVES]
    assert found.to_dict()["objectives"] == []


def test_ranked_by_what_the_draft_itself_is_worth_those_wanted_for_their_fallback_after(syria):
    for actor in syria.spec.actors:
        found = objectives(syria, actor)
        assert {o.draft for o in found.items} == set(syria.spec.drafts)
        own = [o for o in found.items if abs(o.gain) > INDIFFERENT and (o.gain > 0) == (o.want == "adopted")]
        assert found.items[: len(own)] == tuple(sorted(own, key=lambda o: -abs(o.gain)))


@pytest.mark.shipped
@pytest.mark.parametrize("scenario", FILE)
def test_every_seat_of_every_shipped_scenario_has_objectives_that_read(scenario):
    loaded = load_scenario(ROOT / "scenarios" / scenario)
    for actor, profile in loaded.spec.actors.items():
        found = objectives(loaded, actor)
        assert found.name == profile.name and len(found.items) == len(loaded.spec.drafts)
        for item, line in zip(found.items, found.lines, strict=True):
            assert item.symbol.lower() in line.lower() and line[0].isupper() and "nan" not in line, line
            if item.want == "blocked" and actor in loaded.spec.council.permanent:
                assert "a veto costs you" in line


@pytest.mark.shipped
def test_the_2014_humanitarian_text_reads_for_its_sponsor_australia_and_for_russia():
    loaded = load_scenario(ROOT / "scenarios" / "syria-2014-07")
    [australia] = objectives(loaded, "australia").items
    assert australia.want == "adopted" and australia.sponsor
    assert (
        australia.said.startswith("Get your draft “Authorise UN relief")
        and "adopted (humanitarian access from" in australia.said
    )
    [russia] = objectives(loaded, "russian-federation").items
    # Russia would rather the text failed, but a veto would cost it more than the text does.
    assert russia.want == "blocked" and russia.said.endswith("more than the draft would cost you")

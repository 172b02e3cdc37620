"""Explanations in words (sim/play/reasons.py), on real run records, against hand computation.

tests/data/explained-votes.json holds two votes of real runs of the shipped scenarios (seed 1):
S/2012/538 in July 2012 and resolution 2165 in July 2014, every member's explanation as the
engine wrote it. The weights below are worked out by hand from those numbers with docs/model.md
4.3: value(yes) = Δ' - F + b, value(abstain) = -apart, value(no) = -(Δ' - F) - c.
"""

import copy
import json
import math

import pytest
from shared import DATA, FIXTURE

from sim import load_scenario
from sim.engine.model import run_scenario
from sim.play.reasons import terms, values, verdict, vetoing
from sim.play.transcript import render

VOTES = json.loads((DATA / "explained-votes.json").read_text())["votes"]
JULY_2012, JULY_2014 = VOTES


def words_of(stored, member):
    vote = stored["vote"]
    return verdict(
        vote["explanations"][member],
        sides=stored["sides"][member],
        position=vote["position"],
        vetoing=vetoing(vote["explanations"], member),
    )


def weights(said):
    return [(r.term.kind, r.term.subject, round(r.weight, 4)) for r in said.reasons]


def logit(values, noise):
    top = max(values)
    weights = [math.exp((v - top) / noise) for v in values]
    return [w / sum(weights) for w in weights]


@pytest.mark.parametrize("stored", VOTES, ids=lambda s: s["scenario"]["id"])
def test_the_terms_add_up_to_the_values_the_engine_weighed(stored):
    """True to the numbers: the values rebuilt from the terms give the probabilities recorded."""
    for member, why in stored["vote"]["explanations"].items():
        if why["sponsor"]:
            continue
        rebuilt = logit(values(why), stored["noise"])
        recorded = [why["probabilities"][b] for b in ("yes", "abstain", "no")]
        assert rebuilt == pytest.approx(recorded, abs=1e-3), member


def test_the_terms_add_up_in_fresh_runs_of_the_fixture():
    scenario = load_scenario(FIXTURE)
    record = run_scenario(scenario, 2)
    for vote in record.votes:
        for member, why in vote.explanations.items():
            if not why["sponsor"]:
                rebuilt = logit(values(why), scenario.spec.parameters.noise)
                assert rebuilt == pytest.approx(list(why["probabilities"].values()), abs=1e-3), member


def test_china_vetoes_for_coercion_and_transition_and_its_share_of_the_blame():
    """value(no) - value(abstain) = -(Δ' - F) - c0 + c0 (1 - share). Coercion -(-0.4352 + 0.1248)
    = 0.3104, transition -(-0.246 + 0.024) = 0.222, the blame Russia's veto takes off 0.324 x 0.5
    = 0.162, S/RES/2059 to follow 0.145, allies 0.0094 + 0.056 + 0.016 = 0.0814; against:
    mission -(-0.015 + 0.18) = -0.165, the whole price of a veto -0.324. Margin 0.4318."""
    said = words_of(JULY_2012, "China")
    assert (said.ballot, said.leaning, said.other) == ("no", "no", "abstain")
    assert said.margin == pytest.approx(0.4318, abs=1e-4)
    assert weights(said) == [
        ("dimension", "coercion", 0.3104),
        ("dimension", "transition", 0.222),
        ("blame", "", 0.162),
    ]
    assert (said.though.term.subject, round(said.though.weight, 4)) == ("mission", -0.165)
    assert said.text == (
        "Votes no (a veto): the draft's coercion (70) is far from what it wants (about 16, pressed there "
        "from 12); the draft's transition (65) is far from what it wants (about 24); a veto costs it only "
        "0.16, since the Russian Federation is likely to veto too (half the blame); though the draft's "
        "mission (55) is close to what it wants (about 60)."
    )


def test_india_votes_yes_for_the_mission_and_the_leagues_request():
    """value(yes) - value(abstain) = Δ' - F: mission 0.275, the League's request 0.14, allies for
    the draft 0.024 + 0.0308 + 0.016 = 0.0708 (the transition's 0.06 comes fourth); against:
    coercion -0.2616, S/RES/2059 to follow -0.205, Russia's pull -0.012. Margin 0.0672."""
    said = words_of(JULY_2012, "India")
    assert (said.ballot, said.leaning, said.other) == ("yes", "yes", "abstain")
    assert said.margin == pytest.approx(0.0672, abs=1e-4)
    assert weights(said) == [
        ("dimension", "mission", 0.275),
        ("request", "League of Arab States", 0.14),
        ("allies", "Gulf states, Joint Special Envoy (Kofi Annan), United States", 0.0708),
    ]
    assert (said.though.term.subject, round(said.though.weight, 4)) == ("coercion", -0.2616)
    assert "the League of Arab States, to which it defers, asked for the text" in said.text
    assert (
        "its allies the Joint Special Envoy (Kofi Annan), the Gulf states and the United States" in said.text
    )


def test_pakistans_yes_is_a_draw_against_its_leaning_to_abstain():
    """P = (0.12, 0.847, 0.033) and the draw gave yes. value(abstain) - value(yes) = -(Δ' - F) - b:
    S/RES/2059 to follow 0.155, transition -(-0.175 + 0.05) = 0.125, China's pull 0.0397 (coercion's
    0.033 comes fourth); against: mission -0.1925, allies for the draft -0.04, the offer -0.003."""
    said = words_of(JULY_2012, "Pakistan")
    assert (said.ballot, said.leaning, said.other) == ("yes", "abstain", "yes")
    assert said.margin == pytest.approx(0.1172, abs=1e-4)
    assert weights(said) == [
        ("fallback", "S/RES/2059 (2012)", 0.155),
        ("dimension", "transition", 0.125),
        ("allies", "China", 0.0397),
    ]
    assert (said.though.term.subject, round(said.though.weight, 4)) == ("mission", -0.1925)
    assert said.text.startswith(
        "Votes yes, a draw: its leaning was abstain (0.85); the draw gave yes. It leaned abstain because "
        "if the draft fails, S/RES/2059 (2012) follows (adoption 100%), worth something to it too;"
    )
    assert "its ally China leans against the draft" in said.text


def test_russias_abstention_on_2165_is_a_draw_against_a_narrow_yes():
    """P = (0.5425, 0.4003, 0.0572), the draw gave abstain. value(yes) - value(abstain) = Δ' - F +
    apart: access -0.06 + 0.18 = 0.12, the price of abstaining on a text likely to pass 0.0976;
    against: coercion -0.2139 + 0.0789 = -0.135, allies and foes -0.0643. Margin 0.0183."""
    said = words_of(JULY_2014, "Russian Federation")
    assert (said.ballot, said.leaning, said.other) == ("abstain", "yes", "abstain")
    assert said.margin == pytest.approx(0.0183, abs=1e-4)
    assert weights(said) == [("dimension", "access", 0.12), ("apart", "", 0.0976)]
    assert (said.though.term.subject, round(said.though.weight, 4)) == ("coercion", -0.135)
    assert said.text.startswith("Abstains, a draw: its leaning was yes (0.54); the draw gave abstain.")
    assert "abstaining on a text likely to pass would set it apart (0.10)" in said.text


def test_a_foe_is_named_as_a_foe():
    """France's pull from the Assad government is +0.080 because its foe is against the draft
    (docs/model.md 4.2: a_ij < 0 and stance_j < 0); it reads as a foe's, not an ally's. The pulls
    of one sign are one reason: +0.080 + 0.002 + 0.055 + 0.047 = 0.184, its second."""
    said = words_of(JULY_2014, "France")
    allies = said.reasons[1]
    assert (allies.term.kind, round(allies.weight, 3)) == ("allies", 0.184)
    assert allies.words == (
        "the Assad government, its foe, leans against the draft, which draws it closer, "
        "and its allies the United Kingdom and the United States favour it"
    )  # Russia's +0.002 is too small to name
    assert "(foe)" not in said.text
    without = verdict(JULY_2014["vote"]["explanations"]["France"])
    assert "its foes" not in without.text and "pull it toward the draft" in without.text


def test_an_abstention_says_why_not_the_third_ballot():
    """South Africa abstains on S/2012/538, a no its runner-up: a vote against costs it more than
    the draft hurts; and it says why not yes."""
    said = words_of(JULY_2012, "South Africa")
    assert (said.leaning, said.other) == ("abstain", "no")
    assert said.reasons[0].term.kind == "price" and said.text.startswith(
        "Abstains: a vote against would cost it 0.28"
    )
    assert said.nor is not None and "; nor will it vote yes: " in said.text


def test_a_sponsor_and_an_actor_without_a_vote():
    france = JULY_2012["vote"]["explanations"]["France"]
    assert (
        verdict(france).text == "Votes yes: it sponsors the draft, and the text stays within its red lines."
    )
    outside = verdict(JULY_2012["vote"]["explanations"]["Russian Federation"], votes=False)
    assert outside.text.startswith(
        "Wants the draft to fail: the draft moves coercion away from what it wants"
    )


def test_before_the_vote_it_leans():
    china = JULY_2012["vote"]["explanations"]["China"]
    assert verdict(china, cast=False).text.startswith("Leans no (a veto): ")


def test_words_are_a_view_the_record_is_not_touched():
    explanations = JULY_2012["vote"]["explanations"]
    before = copy.deepcopy(explanations)
    for member in explanations:
        words_of(JULY_2012, member)
        terms(explanations[member])
    assert explanations == before


def test_the_transcript_gives_the_words_then_the_numbers():
    scenario = load_scenario(FIXTURE)
    from sim.play.reasons import scenario_sides

    record = run_scenario(scenario, 1)
    text = render(record, "t", "s", explain=True, sides=scenario_sides(scenario.spec, record.sampled))
    lines = text.splitlines()
    china = next(i for i, line in enumerate(lines) if line.strip().startswith("· China: no ("))
    assert lines[china + 1].strip().startswith("Votes no (a veto): the draft's coercion (70) is far from")
    numbers = next(i for i in range(china, len(lines)) if "utility of the draft" in lines[i])
    assert "since the Russian Federation is likely to veto" in " ".join(lines[china:numbers])
    assert "pull of allies and foes: Pakistan (ally)" in text and "United States (foe)" in text

"""Rules about the Council in general (docs/model.md, 4.3): vetoes cast together share the blame,
members weigh the requests of organisations they defer to, and abstaining on a text the Council
adopts has a price."""

from __future__ import annotations

import subprocess
import sys

import pytest
from shared import DATA, FIXTURE

from sim import load_scenario
from sim.engine import fallback, voting
from sim.engine.drafts import DraftStatus
from sim.engine.model import DiplomacyModel
from sim.scenario.loading import load_scenario as load
from sim.scenario.yamlsafe import Document

WESTERN = "s-2012-538"
REQUESTED = DATA / "scenarios" / "requested"


def at_the_vote(scenario, seed: int = 0, **parameters) -> DiplomacyModel:
    """A model on the day S/2012/538 may be called, with ``parameters`` changed."""
    if parameters:
        scenario = load(scenario.folder, Document({"parameters": parameters}))
    model = DiplomacyModel(scenario, seed)
    while model.date.isoformat() < "2012-07-19":
        model.step()
    assert model.drafts[WESTERN].status == DraftStatus.open
    return model


def blame_by_hand(alone: list[float], k: int, weight: float) -> float:
    """1 - s + s E[1/(1+K)], K the number of vetoes among the others, by enumerating them all."""
    others = [p for j, p in enumerate(alone) if j != k]
    expected = 0.0
    for mask in range(1 << len(others)):
        chance = 1.0
        for j, p in enumerate(others):
            chance *= p if mask >> j & 1 else 1 - p
        expected += chance / (1 + bin(mask).count("1"))
    return 1 - weight + weight * expected


@pytest.mark.parametrize("weight", [1.0, 0.5])
def test_a_veto_costs_its_share_of_the_blame_with_the_others_likely_to_veto(syria, weight):
    model = at_the_vote(syria, shared_blame=weight)
    picture = model.picture
    draft = model.drafts[WESTERN]
    reference = fallback.reference(model, draft)
    seats = [seat for seat, member in enumerate(picture.council) if member.has_veto]
    gains = picture.at(draft.position, reference)
    alone = [picture._ballot(picture.council[s], gains, picture.wiring, reference, 1.0)[2] for s in seats]
    shares = picture.blame(draft.position, reference)
    for k, seat in enumerate(seats):
        assert shares[seat] == pytest.approx(blame_by_hand(alone, k, weight))
    china = picture.by_key["china"]
    # Russia vetoes for sure, so China bears about half the blame of its own veto at full weight
    assert shares[china.seat] == pytest.approx(1 - weight / 2, abs=0.02)
    assert all(shares[seat] == 1.0 for seat in range(len(shares)) if seat not in seats)


def test_with_no_shared_blame_each_prices_its_veto_alone_and_china_vetoes_less(syria):
    shared = at_the_vote(syria, shared_blame=1.0)
    alone = at_the_vote(syria, shared_blame=0.0)  # each prices its veto alone
    draft_shared, draft_alone = shared.drafts[WESTERN], alone.drafts[WESTERN]
    assert set(alone.picture.blame(draft_alone.position, fallback.reference(alone, draft_alone))) == {1.0}
    p_shared = shared.ballot_probabilities(shared.actors["china"], draft_shared)[2]
    p_alone = alone.ballot_probabilities(alone.actors["china"], draft_alone)[2]
    assert p_shared > p_alone
    why = shared.reasons("china", draft_shared)
    assert why["veto_share"] < 0.6


def test_a_procedural_draft_has_no_veto_to_share(syria):
    model = at_the_vote(syria, shared_blame=1.0)
    draft = model.drafts[WESTERN]
    procedural = fallback.Reference("", True, None, [False] * 15)
    assert set(model.picture.blame(draft.position, procedural)) == {1.0}


def test_a_request_adds_its_weight_times_deference_to_the_members_gain():
    requested = load_scenario(REQUESTED)
    model = at_the_vote(requested)
    draft = model.drafts[WESTERN]
    reference = fallback.reference(model, draft)
    picture = model.picture
    weight = model.parameters.request_weight
    assert reference.regard[picture.by_key["pakistan"].seat] == pytest.approx(weight * 1.0)
    assert reference.regard[picture.by_key["south-africa"].seat] == pytest.approx(weight * 0.5)
    assert reference.regard[picture.by_key["india"].seat] == 0.0
    why = model.reasons("pakistan", draft)
    assert why["requested_by"] == {"A regional organisation": pytest.approx(weight)}
    # the same model with requests off: Pakistan leans further from yes
    off = at_the_vote(requested, request_weight=0.0)
    yes_with = model.ballot_probabilities(model.actors["pakistan"], draft)[0]
    yes_without = off.ballot_probabilities(off.actors["pakistan"], off.drafts[WESTERN])[0]
    assert yes_with > yes_without
    # and a draft nobody requested carries no regard
    assert fallback.reference(model, model.drafts["res-2059"]).regard is None


def test_only_an_organisation_requests_a_draft_or_is_deferred_to(scenario_copy, tmp_path):
    folder = scenario_copy.parent / "bad-request"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(
        f"include: ../{scenario_copy.name}\nid: bad-request\n"
        "drafts:\n  s-2012-538:\n    requested_by: [turkey]\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "sim.cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert "'turkey' is not an organisation" in done.stderr and "scenario.yaml:" in done.stderr


def test_the_fixture_requests_nothing_and_still_runs_as_a_request_free_scenario(syria):
    """The fixture (July 2012 frozen before the League's request of S/2012/538 was scored) has no
    request: the weight of requests changes nothing there."""
    assert all(not d.requested_by for d in syria.spec.drafts.values())
    base = at_the_vote(syria)
    off = at_the_vote(syria, request_weight=0.0)
    assert base.leanings(base.drafts[WESTERN]) == off.leanings(off.drafts[WESTERN])
    assert FIXTURE.is_dir()


def at_the_renewal(scenario, **parameters) -> DiplomacyModel:
    """A model on 20 July 2012, S/2012/538 vetoed and the final renewal S/RES/2059 to come."""
    if parameters:
        scenario = load(scenario.folder, Document({"parameters": parameters}))
    model = DiplomacyModel(scenario, 0)
    while model.date.isoformat() < "2012-07-20":
        model.step()
    return model


def test_abstaining_on_a_text_likely_to_pass_costs_consensus_times_its_chance_of_adoption(syria):
    model = at_the_renewal(syria)
    picture = model.picture
    weight = model.parameters.consensus
    renewal = model.drafts["res-2059"]
    reference = fallback.reference(model, renewal)
    shares = picture.blame(renewal.position, reference)
    gains = picture.at(renewal.position, reference)
    free = [
        picture._ballot(m, gains, picture.wiring, reference, shares[m.seat], 0.0) for m in picture.council
    ]
    adopted = voting.outcome_odds(free, picture.vetoes, reference.procedural)[0]
    assert adopted > 0.9 and weight > 0
    assert picture.apart(renewal.position, reference) == pytest.approx(weight * adopted)
    assert model.reasons("china", renewal)["abstain_price"] == pytest.approx(weight * adopted, abs=1e-4)
    # abstaining stays free on a text headed for a veto
    vetoed = model.drafts[WESTERN]
    assert picture.apart(vetoed.position, fallback.reference(model, vetoed)) < 1e-3
    # with the rule off, abstentions are free and more likely
    off = at_the_renewal(syria, consensus=0.0)
    assert off.picture.apart(renewal.position, fallback.reference(off, off.drafts["res-2059"])) == 0.0
    for member in ("china", "pakistan", "russian-federation"):
        with_price = model.ballot_probabilities(model.actors[member], renewal)
        without = off.ballot_probabilities(off.actors[member], off.drafts["res-2059"])
        assert with_price[1] < without[1] and with_price[0] > without[0]


def test_the_price_of_abstaining_lowers_only_the_value_of_an_abstention():
    assert voting.vote_values(0.1, 0.3, 0.0, 0.05) == (0.1, -0.05, -0.4)
    assert voting.vote_values(0.1, 0.3) == (0.1, 0.0, -0.4)

"""A member's stated condition for its yes (docs/model.md, 4.6): who may state one, what it adds to
the member's yes while the draft meets it, and that the sponsors weigh it at the points they try."""

from __future__ import annotations

import math

import pytest

from sim.engine import fallback, voting
from sim.engine.model import DiplomacyModel
from sim.engine.moves import Condition, from_dict, to_dict
from sim.engine.picture import Reference
from sim.engine.sponsors import sponsor_value
from sim.errors import MoveError
from sim.play import reasons

WESTERN = "s-2012-538"


def pakistan_game(syria, *moves: Condition) -> DiplomacyModel:
    """Pakistan's seat, its moves submitted before the first round, played to 13 July (the draft
    on the table)."""
    model = DiplomacyModel(syria, 1, player="pakistan")
    for move in moves:
        model.submit(move)
    while model.date.isoformat() < "2012-07-13":
        model.step()
    return model


def at_most(value: float, actor: str = "pakistan", draft: str = WESTERN) -> Condition:
    return Condition(actor, draft, "coercion", 0.0, value)


def test_a_condition_is_said_in_public_and_read_back_from_a_save(syria):
    model = pakistan_game(syria, at_most(60))
    [said] = [d for r in model.record.rounds for d in r.decisions if d.action == "conditioned"]
    assert (said.actor, said.symbol, said.reason) == (
        "Pakistan",
        "S/2012/538",
        "a yes if coercion is at most 60",
    )
    assert model.drafts[WESTERN].conditions["pakistan"][:3] == (0, 0.0, 60.0)
    assert from_dict(to_dict(at_most(60))) == at_most(60)


@pytest.mark.parametrize(
    ("move", "words"),
    [
        (Condition("pakistan", WESTERN, "coercion", 70, 60), "0 <= at_least <= at_most <= 100"),
        (Condition("pakistan", WESTERN, "coercion", 0, 120), "0 <= at_least <= at_most <= 100"),
        (Condition("pakistan", WESTERN, "coercoin", 0, 60), "unknown dimension 'coercoin'"),
        (Condition("pakistan", "nowhere", "coercion", 0, 60), "unknown draft 'nowhere'"),
    ],
)
def test_a_condition_the_rules_refuse(syria, move, words):
    model = DiplomacyModel(syria, 1, player="pakistan")
    with pytest.raises(MoveError, match=words):
        model.submit(move)


def test_only_a_member_that_does_not_sponsor_the_draft_and_once_a_round(syria):
    sponsor = DiplomacyModel(syria, 1, player="united-kingdom")
    with pytest.raises(MoveError, match="sponsors S/2012/538"):
        sponsor.submit(at_most(60, "united-kingdom"))
    outside = DiplomacyModel(syria, 1, player="turkey")
    with pytest.raises(MoveError, match="no seat on the Council"):
        outside.submit(at_most(60, "turkey"))
    model = pakistan_game(syria, at_most(60))
    model.submit(at_most(55))  # a new round: it may restate, and the new one replaces the old
    model.step()
    assert model.drafts[WESTERN].conditions["pakistan"][2] == 55.0
    model.submit(at_most(50))
    with pytest.raises(MoveError, match="already stated a condition"):
        model.submit(at_most(45))


def test_while_the_draft_meets_it_the_members_yes_is_worth_the_promise_more(syria):
    model = pakistan_game(syria, at_most(60))
    picture, draft = model.picture, model.drafts[WESTERN]
    reference = fallback.reference(model, draft)
    pakistan = picture.by_key["pakistan"]
    assert reference.promises == [(pakistan.seat, 0, 0.0, 60.0)]
    bare = Reference(reference.key, False, reference.offsets, reference.sure_yes, reference.regard)
    promise = model.parameters.promise
    for point, met in (([60.0, *draft.position[1:]], True), (list(draft.position), False)):
        promised = picture.ballot(pakistan, point, reference)
        plain = picture.ballot(pakistan, point, bare)
        if not met:
            assert promised == plain
            continue
        yes, abstain, no = plain  # the same values, the yes raised by the promise
        noise = model.parameters.noise
        raised = yes * math.exp(promise / noise)
        no_lower = no * math.exp(-promise / noise)
        total = raised + abstain + no_lower
        assert promised == pytest.approx((raised / total, abstain / total, no_lower / total), rel=1e-6)
    why = model.reasons("pakistan", draft)
    assert why["condition"] == {
        "dimension": "coercion",
        "at_least": 0.0,
        "at_most": 60.0,
        "met": False,
        "adds": 0.0,
    }


def test_the_sponsors_weigh_a_promised_yes_at_the_points_they_try(syria):
    model = pakistan_game(syria, at_most(60))
    picture, draft = model.picture, model.drafts[WESTERN]
    reference = fallback.reference(model, draft)
    bare = Reference(reference.key, False, reference.offsets, reference.sure_yes, reference.regard)
    trial = [60.0, *draft.position[1:]]
    with_promise = voting.outcome_odds(
        picture.members(picture.council, trial, reference), picture.vetoes, False
    )
    without = voting.outcome_odds(picture.members(picture.council, trial, bare), picture.vetoes, False)
    assert with_promise[0] >= without[0] and with_promise[2] < without[2]  # fewer failures for want of 9
    assert sponsor_value(picture, draft, reference, trial)[1] >= sponsor_value(picture, draft, bare, trial)[1]


def test_a_met_condition_is_a_reason_in_words_and_in_the_values_rebuilt(syria):
    model = pakistan_game(syria, at_most(80))
    draft = model.drafts[WESTERN]
    why = model.reasons("pakistan", draft)
    assert why["condition"]["met"] and why["condition"]["adds"] == model.parameters.promise
    rebuilt = voting.logit(*reasons.values(why), model.parameters.noise)
    assert rebuilt == pytest.approx(tuple(why["probabilities"].values()), abs=1e-3)
    [promise] = [t for t in reasons.terms(why) if t.kind == "promise"]
    assert (
        promise.words
        == "it said in public it would vote yes if coercion is at most 80, and the draft meets that"
    )

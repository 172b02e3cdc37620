"""A joint statement (docs/model.md, 4.6): who signs it, what each signer adds to the pressure on
a veto, what the rules refuse, and that the form's preview is what lands."""

from __future__ import annotations

import pytest

from sim.engine import fallback, rules
from sim.engine.model import DiplomacyModel
from sim.engine.moves import JointStatement, Statement, from_dict, to_dict
from sim.errors import MoveError

WESTERN = "s-2012-538"
RENEWAL = "s-2012-547"


def joint(pressure: float, target: str = "china", draft: str = WESTERN) -> JointStatement:
    return JointStatement("pakistan", target, draft, pressure)


def signers_by_hand(model: DiplomacyModel, move: JointStatement) -> list[str]:
    """The rule of sim/engine/rules.signers, from the members' gains, alignments and leanings
    (the model's own, as the Council table shows them) one by one."""
    draft = model.drafts[move.draft]
    reference = fallback.reference(model, draft)
    leanings = model.leanings(draft)
    found = []
    for member in model.council:
        key = member.key
        if key in (move.actor, move.target):
            continue
        gain = model.picture.at(draft.position, reference).gain(member.state.index)
        follows = member.state.alignments.get(move.target, 0.0)
        yes, abstain, no = leanings[key]
        leans_yes = yes == max(yes, abstain, no)
        if move.pressure > 0:
            wants = gain > 0 and follows <= 0 and leans_yes
        else:
            wants = gain < 0 and follows > 0 and not leans_yes
        if wants:
            found.append(key)
    return found


def test_who_signs_is_who_wants_the_draft_and_does_not_follow_the_target(syria):
    model = DiplomacyModel(syria, 1, player="pakistan")
    pressing = rules.signers(model, joint(0.1))
    covering = rules.signers(model, joint(-0.1))
    assert pressing == signers_by_hand(model, joint(0.1))
    assert covering == signers_by_hand(model, joint(-0.1))
    # The sponsors of the Western draft press China's veto; Russia covers it; nobody does both.
    assert {"united-states", "united-kingdom", "france"} <= set(pressing)
    assert "russian-federation" in covering
    assert not set(pressing) & set(covering)
    assert "china" not in pressing + covering and "pakistan" not in pressing + covering


def test_each_signer_adds_its_share_of_the_pressure(syria):
    """The United States (capital enough for both) convenes; alone, it says as much as the
    statement with its signers counted: the same change of China's price of a veto."""
    alone = DiplomacyModel(syria, 1, player="united-states")
    together = DiplomacyModel(syria, 1, player="united-states")
    move = JointStatement("united-states", "china", WESTERN, 0.1)
    signers = rules.signers(together, move)
    weight = together.parameters.joint_weight
    alone.submit(Statement("united-states", "china", 0.1 * (1 + weight * len(signers))))
    together.submit(move)
    alone.step()
    together.step()
    [said_alone] = [p for p in alone.record.rounds[0].pressure if p.actor == "United States"]
    [said] = [p for p in together.record.rounds[0].pressure if p.actor == "United States"]
    assert said.effect == pytest.approx(said_alone.effect)
    assert said.effect > 0
    names = {m.key: m.name for m in together.council}
    assert said.signers == [names[key] for key in signers]
    assert said_alone.signers == []


def test_the_preview_is_what_lands_before_the_rounds_drift(syria):
    model = DiplomacyModel(syria, 1, player="pakistan")
    china = model.actors["china"].state
    preview = rules.preview(model, joint(0.1))
    assert preview.signers == tuple(rules.signers(model, joint(0.1)))
    weight = model.parameters.joint_weight
    voiced = 0.1 * (1 + weight * len(preview.signers))
    expected = min(1.0, china.cost_veto + china.veto_pressure + model.parameters.statement_rate * voiced)
    assert preview.after == pytest.approx(expected)
    assert preview.after > rules.preview(model, Statement("pakistan", "china", 0.1)).after


@pytest.mark.parametrize(
    ("move", "words"),
    [
        (joint(0.1, target="pakistan"), "not another member"),
        (joint(0.1, target="india"), "India has no veto"),
        (joint(0.1, draft="nowhere"), "unknown draft 'nowhere'"),
        (joint(0.0), "must spend some political capital"),
        (joint(0.5), "political capital left"),
    ],
)
def test_a_joint_statement_the_rules_refuse(syria, move, words):
    model = DiplomacyModel(syria, 1, player="pakistan")
    with pytest.raises(MoveError, match=words):
        model.submit(move)


def test_a_joint_statement_on_a_draft_already_voted_is_refused(syria):
    model = DiplomacyModel(syria, 1, player="united-states")
    while model.running and model.drafts[WESTERN].status.value in ("pending", "open"):
        model.step()
    with pytest.raises(MoveError, match="no longer to be voted on"):
        model.submit(JointStatement("united-states", "china", WESTERN, 0.1))


def test_a_joint_statement_is_saved_and_read_back(syria):
    move = joint(-0.05)
    assert to_dict(move) == {
        "kind": "jointstatement",
        "actor": "pakistan",
        "target": "china",
        "draft": WESTERN,
        "pressure": -0.05,
    }
    assert from_dict(to_dict(move)) == move


def test_a_seat_a_person_plays_does_not_sign_for_it(syria):
    """With the United Kingdom played by a person too, Pakistan's statement is signed without it."""
    alone = DiplomacyModel(syria, 1, player="pakistan")
    shared = DiplomacyModel(syria, 1, players=("pakistan", "united-kingdom"))
    assert "united-kingdom" in rules.signers(alone, joint(0.1))
    assert rules.signers(shared, joint(0.1)) == [
        k for k in rules.signers(alone, joint(0.1)) if k != "united-kingdom"
    ]

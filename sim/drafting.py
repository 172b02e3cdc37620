"""What sponsors do with their draft each round: revise it, call the vote, or withdraw it.

Sponsors weigh a vote by its expected value to them (docs/model.md):
``EV = P(adopted) * gain + P(vetoed) * forcing - P(failed) * failure_cost``.
A vote they expect to be vetoed is still worth forcing when exposing the veto is worth enough;
sponsors for whom a veto is a defeat (negative ``forcing``) withdraw instead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import voting
from .drafts import DraftState
from .moves import Amend, CallVote, Move, Withdraw

if TYPE_CHECKING:
    from .agents import ActorAgent
    from .model import DiplomacyModel


def focus(model: DiplomacyModel) -> DraftState | None:
    """The draft lobbying is about: the open one whose vote comes first."""
    drafts = model.open_drafts()
    return min(drafts, key=lambda d: (d.vote_on, d.tabled)) if drafts else None


# Rounding slack for the bound below: far above the few ulps by which the computed EV can exceed it.
BOUND_SLACK = 1e-9


def sponsor_stakes(model: DiplomacyModel, draft: DraftState, point: list[float]) -> tuple[float, float]:
    """The sponsors' mean gain from ``point`` and their mean forcing."""
    sponsors = [model.actors[s] for s in draft.sponsors]
    gains, _ = model.picture.at(point, model.status_quo)
    gain = sum([gains[s.index] for s in sponsors]) / len(sponsors)
    forcing = sum([s.forcing for s in sponsors]) / len(sponsors)
    return gain, forcing


def sponsor_value(
    model: DiplomacyModel,
    draft: DraftState,
    position: list[float] | None = None,
    probabilities: list[tuple[float, float, float]] | None = None,
) -> tuple[float, float]:
    """The sponsors' expected value of a vote on ``draft`` (at ``position``) and P(adopted);
    ``probabilities``, if given, are the members' ballot probabilities there."""
    point = draft.position if position is None else position
    gain, forcing = sponsor_stakes(model, draft, point)
    if probabilities is None:
        adopted, vetoed, failed = model.expected_outcome(draft, point)
    else:
        members = [(p, m.has_veto) for p, m in zip(probabilities, model.council, strict=True)]
        adopted, vetoed, failed = voting.outcome_probabilities(members, draft.procedural)
    return adopted * gain + vetoed * forcing - failed * model.parameters.failure_cost, adopted


def cannot_beat(
    model: DiplomacyModel, draft: DraftState, point: list[float], target: float, vetoes: list[ActorAgent]
) -> bool:
    """True when a vote at ``point`` is sure to be worth no more than ``target`` to the sponsors.

    With n = P(no veto): P(adopted) <= n, P(vetoed) = 1 - n and the failure term is never positive,
    so EV <= n * max(gain, 0) + (1 - n) * forcing. When a veto is all but certain this bound, from
    the permanent members alone (``vetoes``, likeliest first), rules a trial amendment out without
    the full vote distribution; a trial it rules out would not have been chosen, so results are
    unchanged. While max(gain, 0) >= forcing the bound grows with n, so the product over the
    members counted so far, itself at least n, already bounds EV.
    """
    gain, forcing = sponsor_stakes(model, draft, point)
    upside = max(gain, 0.0)
    if max(upside, forcing) + BOUND_SLACK < target:
        return True
    if draft.procedural:
        return False
    no_veto = 1.0
    for no_veto in model.veto_free_bounds(point, vetoes):
        if upside >= forcing and no_veto * upside + (1.0 - no_veto) * forcing + BOUND_SLACK < target:
            return True
    return no_veto * upside + (1.0 - no_veto) * forcing + BOUND_SLACK < target


def best_amendment(model: DiplomacyModel, draft: DraftState) -> Amend | None:
    """The single step on one amendable dimension that most raises the sponsors' value."""
    probabilities = model.council_probabilities(draft)
    current, _ = sponsor_value(model, draft, probabilities=probabilities)
    likely_no = {m.key: p[2] for m, p in zip(model.council, probabilities, strict=True)}
    vetoes = sorted((m for m in model.council if m.has_veto), key=lambda m: -likely_no[m.key])
    best, best_value = None, current + 1e-3
    step = model.parameters.amendment_step
    for index, dim in enumerate(model.dims):
        if dim not in draft.amendable:
            continue
        low, high = draft.amendable[dim]
        for direction in (-1.0, 1.0):
            target = min(high, max(low, draft.position[index] + direction * step))
            if abs(target - draft.position[index]) < 1e-9 or abs(target - draft.position[index]) > step:
                continue
            moved = list(draft.position)
            moved[index] = target
            if cannot_beat(model, draft, moved, best_value, vetoes):
                continue
            value, _ = sponsor_value(model, draft, moved)
            if value > best_value:
                best, best_value = Amend(draft.sponsors[0], draft.key, dim, target), value
    return best


def decide(
    model: DiplomacyModel, draft: DraftState, today: dt.date, last_round: bool
) -> tuple[Move | None, str]:
    """The lead sponsor's move for ``draft`` this round, and why: on or after its vote date it
    calls the vote or withdraws; before, it amends when that pays, or waits (``None``)."""
    lead = draft.sponsors[0]
    if today < draft.vote_on and not last_round:
        return best_amendment(model, draft), ""
    value, adopted = sponsor_value(model, draft)
    if value <= 0:
        reason = (
            f"a vote would cost its sponsors more than it brings ({value:+.2f}; "
            f"chance of adoption {adopted:.0%})"
        )
        return Withdraw(lead, draft.key), reason
    if adopted >= 0.5:
        return CallVote(lead, draft.key), f"expects adoption (chance {adopted:.0%})"
    reason = (
        f"expects it to fail (chance of adoption {adopted:.0%}) but wants the "
        f"opponents' votes on the record (worth {value:+.2f} to the sponsors)"
    )
    return CallVote(lead, draft.key), reason

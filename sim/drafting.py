"""What sponsors do with their draft each round: revise it, call the vote, or withdraw it.

Sponsors weigh a vote by its expected value to them (docs/model.md):
``EV = P(adopted) * gain + P(vetoed) * forcing - P(failed) * failure_cost``.
A vote they expect to be vetoed is still worth forcing when exposing the veto is worth enough;
sponsors for whom a veto is a defeat (negative ``forcing``) withdraw instead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .drafts import DraftState
from .moves import Amend, CallVote, Move, Withdraw

if TYPE_CHECKING:
    from .model import DiplomacyModel


def focus(model: DiplomacyModel) -> DraftState | None:
    """The draft lobbying is about: the open one whose vote comes first."""
    drafts = model.open_drafts()
    return min(drafts, key=lambda d: (d.vote_on, d.tabled)) if drafts else None


def sponsor_value(
    model: DiplomacyModel, draft: DraftState, position: list[float] | None = None
) -> tuple[float, float]:
    """The sponsors' expected value of a vote on ``draft`` (at ``position``) and P(adopted)."""
    point = draft.position if position is None else position
    sponsors = [model.actors[s] for s in draft.sponsors]
    gain = sum(s.gain(point, model.status_quo) for s in sponsors) / len(sponsors)
    forcing = sum(s.forcing for s in sponsors) / len(sponsors)
    adopted, vetoed, failed = model.expected_outcome(draft, point)
    return adopted * gain + vetoed * forcing - failed * model.parameters.failure_cost, adopted


def best_amendment(model: DiplomacyModel, draft: DraftState) -> Amend | None:
    """The single step on one amendable dimension that most raises the sponsors' value."""
    current, _ = sponsor_value(model, draft)
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

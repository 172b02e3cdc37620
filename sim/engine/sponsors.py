"""What sponsors do with their draft each round: revise it, call the vote, or withdraw it.

Sponsors weigh a vote by its expected value to them (docs/model.md):
``EV = P(adopted) * gain + P(vetoed) * forcing - P(failed) * failure_cost``.
A vote they expect to be vetoed is still worth forcing when exposing the veto is worth enough;
sponsors for whom a veto is a defeat (negative ``forcing``) withdraw instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from . import voting
from .chamber import Chamber
from .drafts import DraftState, DraftStatus
from .fallback import reference as reference_of
from .moves import Amend, CallVote, Move, Withdraw
from .picture import GainCache, Reference
from .state import ActorState


def focus(model: Chamber) -> DraftState | None:
    """The draft lobbying is about: the open one whose vote comes first (the first tabled of
    those voted on the same day; the first in the scenario of those tabled on the same day)."""
    best: DraftState | None = None
    for draft in model.drafts.values():
        if draft.status != DraftStatus.open:
            continue
        if (
            best is None
            or draft.vote_on < best.vote_on
            or (draft.vote_on == best.vote_on and draft.tabled < best.tabled)
        ):
            best = draft
    return best


# Rounding slack for the bound below: far above the few ulps by which the computed EV can exceed it.
BOUND_SLACK: Final = 1e-9


def sponsor_stakes(
    picture: GainCache, sponsors: list[str], point: list[float], reference: Reference
) -> tuple[float, float]:
    """The mean gain of ``sponsors`` (ids) from ``point`` over what failure brings, and their
    mean forcing."""
    gains = picture.at(point, reference)
    gain = 0.0  # not sum(): its rounding differs between Python versions
    forcing = 0.0
    for key in sponsors:
        sponsor = picture.by_key[key]
        gain += gains.gain(sponsor.index)
        forcing += sponsor.forcing
    count = len(sponsors)
    return gain / count, forcing / count


def sponsor_value(
    picture: GainCache,
    draft: DraftState,
    reference: Reference,
    position: list[float] | None = None,
    probabilities: list[tuple[float, float, float]] | None = None,
    sponsors: list[str] | None = None,
) -> tuple[float, float]:
    """The expected value of a vote on ``draft`` (at ``position``) to its sponsors (or to
    ``sponsors``, ids) and P(adopted); ``probabilities``, if given, are the members' ballot
    probabilities there."""
    point = draft.position if position is None else position
    gain, forcing = sponsor_stakes(
        picture, draft.sponsors if sponsors is None else sponsors, point, reference
    )
    if probabilities is None:
        probabilities = picture.members(picture.council, point, reference)
    adopted, vetoed, failed = voting.outcome_odds(probabilities, picture.vetoes, draft.procedural)
    return adopted * gain + vetoed * forcing - failed * picture.tuning.failure_cost, adopted


def cannot_beat(
    picture: GainCache,
    draft: DraftState,
    reference: Reference,
    point: list[float],
    target: float,
    vetoes: list[ActorState],
) -> bool:
    """True when a vote at ``point`` is sure to be worth no more than ``target`` to the sponsors.

    With n = P(no veto): P(adopted) <= n, P(vetoed) = 1 - n and the failure term is never positive,
    so EV <= n * max(gain, 0) + (1 - n) * forcing. When a veto is all but certain this bound, from
    the permanent members alone (``vetoes``, likeliest first), rules a trial amendment out without
    the full vote distribution; a trial it rules out would not have been chosen, so results are
    unchanged. While max(gain, 0) >= forcing the bound grows with n, so the product over the
    members counted so far, itself at least n, already bounds EV.
    """
    gain, forcing = sponsor_stakes(picture, draft.sponsors, point, reference)
    upside = max(gain, 0.0)
    if max(upside, forcing) + BOUND_SLACK < target:
        return True
    if draft.procedural:
        return False
    no_veto = 1.0
    for member in vetoes:  # P(no veto) bounded from above, tighter with each member counted
        # P(no) priced alone is at most the shared one (sharing the blame lowers a veto's price),
        # so this product is still an upper bound of P(no veto)
        no_veto *= 1.0 - picture.ballot(member, point, reference, True)[2]
        if upside >= forcing and no_veto * upside + (1.0 - no_veto) * forcing + BOUND_SLACK < target:
            return True
    return no_veto * upside + (1.0 - no_veto) * forcing + BOUND_SLACK < target


def best_amendment(model: Chamber, draft: DraftState) -> Amend | None:
    """The single step on one amendable dimension that most raises the sponsors' value."""
    picture: GainCache = model.picture
    council = picture.council
    reference = reference_of(model, draft)
    probabilities = picture.members(council, draft.position, reference)
    current, _ = sponsor_value(picture, draft, reference, probabilities=probabilities)
    # The permanent members, likeliest "no" first, ties in Council order (sorted is stable).
    seats = [seat for seat in range(len(council)) if council[seat].has_veto]
    seats.sort(key=lambda seat: probabilities[seat][2], reverse=True)
    vetoes = [council[seat] for seat in seats]
    best: Amend | None = None
    best_value = current + 1e-3
    step = picture.tuning.amendment_step
    dims: list[str] = model.dims
    for index in range(len(dims)):
        dim = dims[index]
        if dim not in draft.amendable:
            continue
        low, high = draft.amendable[dim]
        here = draft.position[index]
        for direction in (-1.0, 1.0):
            wanted = here + direction * step
            target = min(high, max(low, wanted))
            if abs(target - here) < 1e-9 or abs(target - here) > step:
                continue
            moved = list(draft.position)
            moved[index] = target
            if cannot_beat(picture, draft, reference, moved, best_value, vetoes):
                continue
            value, _ = sponsor_value(picture, draft, reference, moved)
            if value > best_value:
                best, best_value = Amend(draft.sponsors[0], draft.key, dim, target), value
    return best


def decide(model: Chamber, draft: DraftState, today: dt.date, last_round: bool) -> tuple[Move | None, str]:
    """The lead sponsor's move for ``draft`` this round, and why: on or after its vote date it
    calls the vote or withdraws; before, it amends when that pays, or waits (``None``)."""
    lead = draft.sponsors[0]
    if today < draft.vote_on and not last_round:
        return best_amendment(model, draft), ""
    value, adopted = sponsor_value(model.picture, draft, reference_of(model, draft))
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

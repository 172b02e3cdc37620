"""Sponsors keep their word (docs/model.md, section 4.5): the lead sponsor speaks for the draft.

A co-sponsor's amendment, call for a vote or withdrawal is a proposal, which the lead accepts
only if it serves the lead's own expected value of the vote, and never past the sponsors' red
lines (the draft's ``amendable`` ranges). A sponsor votes yes on its own draft
(sim/engine/fallback.py); one that no longer supports the text leaves the sponsors, and a
draft with no sponsor left is withdrawn.
"""

from __future__ import annotations

from typing import Final

from .chamber import Chamber
from .drafts import DraftState, DraftStatus, red_line
from .fallback import reference as reference_of
from .moves import Amend, CallVote, Move, Withdraw
from .picture import GainCache
from .record import DecisionRecord, RoundRecord
from .sponsors import sponsor_value

INDIFFERENCE: Final = 1e-3
"""A proposal that costs the lead less than this is accepted: the gain the lead's own amendments
must bring (sim/engine/sponsors.best_amendment), below which it is indifferent."""


def lead_value(model: Chamber, draft: DraftState, position: list[float] | None = None) -> float:
    """The lead sponsor's own expected value of a vote on ``draft`` (at ``position``)."""
    picture: GainCache = model.picture
    value, _ = sponsor_value(
        picture, draft, reference_of(model, draft), position, sponsors=draft.sponsors[:1]
    )
    return value


def consider_amendment(model: Chamber, draft: DraftState, move: Amend, record: RoundRecord) -> bool:
    """The lead's answer to a co-sponsor's amendment: True to make it, else the refusal is recorded."""
    proposer = model.actors[move.actor].name
    index = model.dims.index(move.dimension)
    before = draft.position[index]
    change = f"{move.dimension} {before:.0f} → {move.value:g}"
    why = red_line(draft, move.dimension, move.value)
    if why is None:
        moved = list(draft.position)
        moved[index] = float(move.value)
        now, then = lead_value(model, draft), lead_value(model, draft, moved)
        values = f"the vote is worth {now:+.2f} → {then:+.2f} to the lead"
        if then >= now - INDIFFERENCE:
            decide(model, draft, record, "accepted", f"the amendment of {proposer}, {change} ({values})")
            return True
        why = f"it would lower the value of the vote to the lead ({now:+.2f} → {then:+.2f})"
    decide(model, draft, record, "declined", f"{proposer}'s amendment, {change}: {why}")
    return False


def consider_decision(
    model: Chamber, draft: DraftState, move: CallVote | Withdraw, record: RoundRecord
) -> Move | None:
    """The lead's answer to a co-sponsor's call for a vote or withdrawal: the move if it accepts."""
    proposer = model.actors[move.actor].name
    value = lead_value(model, draft)
    if isinstance(move, CallVote):
        if value > 0:
            return CallVote(draft.sponsors[0], draft.key)
        decide(
            model,
            draft,
            record,
            "declined",
            f"{proposer}'s call for a vote: a vote would cost it {value:+.2f}",
        )
        return None
    if value <= 0:
        return Withdraw(draft.sponsors[0], draft.key)
    decide(
        model,
        draft,
        record,
        "declined",
        f"{proposer}'s proposal to withdraw it: a vote is worth {value:+.2f} to it",
    )
    return None


def desert(model: Chamber, draft: DraftState, record: RoundRecord) -> None:
    """Sponsors the engine plays that gain nothing from the text over what its failure brings
    leave the sponsors, one at a time (each leaving changes what the others expect); a draft
    with none left is withdrawn."""
    picture: GainCache = model.picture
    while draft.status == DraftStatus.open:
        gains = picture.at(draft.position, reference_of(model, draft))
        for key in draft.sponsors:
            gain = gains.gain(picture.by_key[key].index)
            if gain < 0 and key not in model.players:
                leave(
                    model,
                    draft,
                    key,
                    record,
                    f"the text is worth {gain:+.2f} to it over what its failure brings",
                )
                break
        else:
            return


def leave(model: Chamber, draft: DraftState, actor: str, record: RoundRecord, reason: str) -> None:
    """``actor`` leaves the sponsors of ``draft`` (the next sponsor leads); no sponsor left: withdrawn."""
    name = model.actors[actor].name
    draft.sponsors.remove(actor)
    record.decisions.append(DecisionRecord(draft.key, draft.symbol, "left", name, reason))
    if not draft.sponsors:
        draft.status = DraftStatus.withdrawn
        record.decisions.append(
            DecisionRecord(draft.key, draft.symbol, "withdrawn", name, "no sponsor is left")
        )
    model.picture.agenda_changed()  # who votes yes for sure, and what the agenda brings, changed


def decide(model: Chamber, draft: DraftState, record: RoundRecord, action: str, reason: str) -> None:
    lead = model.actors[draft.sponsors[0]].name
    record.decisions.append(DecisionRecord(draft.key, draft.symbol, action, lead, reason))

"""The agenda of a run: drafts tabled when their day comes, and lapsed when what they answered is
gone or the schedule ends."""

from __future__ import annotations

import datetime as dt

from .chamber import Chamber
from .drafts import DraftState, DraftStatus
from .record import DecisionRecord, RoundRecord


def table(model: Chamber, today: dt.date, record: RoundRecord) -> None:
    """Open every pending draft whose day has come, unless its purpose is already served."""
    drafts = model.drafts
    adopted = {k for k, d in drafts.items() if d.status == DraftStatus.adopted}
    # Drafts first, then the rivals that answer them, whatever the order in the file.
    for draft in sorted(drafts.values(), key=lambda d: d.rival_of is not None):
        if draft.status != DraftStatus.pending or draft.tabled > today:
            continue
        if adopted.intersection(draft.unless_adopted):
            continue
        if draft.rival_of is not None and drafts[draft.rival_of].status != DraftStatus.open:
            continue
        draft.status = DraftStatus.open
        model.picture.agenda_changed()  # what failure of the other drafts would bring changed
        draft.history.append(list(draft.position))
        sponsors = ", ".join(model.actors[s].name for s in draft.sponsors)
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "tabled", sponsors, draft.title))


def lapse(model: Chamber, draft: DraftState, record: RoundRecord, reason: str) -> None:
    draft.status = DraftStatus.lapsed
    model.picture.agenda_changed()  # what failure of the other drafts would bring changed
    lead = model.actors[draft.sponsors[0]].name
    record.decisions.append(DecisionRecord(draft.key, draft.symbol, "lapsed", lead, reason))


def lapse_rivals(model: Chamber, record: RoundRecord) -> None:
    """A rival draft stays on the table only while the draft it answers is open."""
    for draft in model.drafts.values():
        if draft.status != DraftStatus.open or draft.rival_of is None:
            continue
        rival = model.drafts[draft.rival_of]
        if rival.status != DraftStatus.open:
            lapse(model, draft, record, f"the draft it answered, {rival.symbol}, is no longer on the table")


def preempt(model: Chamber, adopted: DraftState, record: RoundRecord) -> None:
    """An adopted draft ends the drafts it pre-empts still on the table: the one it answered as a
    rival, and those meant only for the case it is not adopted (pending ones are never tabled)."""
    for draft in model.drafts.values():
        if draft.status != DraftStatus.open:
            continue
        if draft.key == adopted.rival_of or adopted.key in draft.unless_adopted:
            lapse(model, draft, record, f"{adopted.symbol} was adopted in its place")


def can_come_up(key: str, drafts: dict[str, DraftState]) -> bool:
    """Whether draft ``key`` can still come to the vote, as :func:`table` would table it."""
    draft = drafts[key]
    if draft.status == DraftStatus.open:
        return True
    if draft.status != DraftStatus.pending:
        return False
    adopted = {k for k, d in drafts.items() if d.status == DraftStatus.adopted}
    if adopted.intersection(draft.unless_adopted):
        return False
    rival = drafts.get(draft.rival_of) if draft.rival_of is not None else None
    return rival is None or rival.status in (DraftStatus.pending, DraftStatus.open)

"""The life of a draft during a run: tabled, open, then adopted, vetoed, failed, withdrawn or lapsed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from .record import DecisionRecord, RoundRecord
from .rounding import rounded

if TYPE_CHECKING:
    from .model import DiplomacyModel


class DraftStatus:
    """Where a draft is in its life (the record's ``status``)."""

    pending: Final = "pending"
    open: Final = "open"
    adopted: Final = "adopted"
    vetoed: Final = "vetoed"
    failed: Final = "failed"
    withdrawn: Final = "withdrawn"
    lapsed: Final = "lapsed"


@dataclass
class DraftState:
    """A draft as it stands during a run: its current position and where it is in its life."""

    key: str
    symbol: str
    title: str
    sponsors: list[str]
    procedural: bool
    position: list[float]
    amendable: dict[str, tuple[float, float]]
    tabled: dt.date
    vote_on: dt.date
    rival_of: str | None
    unless_adopted: list[str]
    status: str = DraftStatus.pending
    revisions: int = 0
    history: list[list[float]] = field(default_factory=list)

    def summary(self, dims: list[str]) -> dict:
        """The draft's final state as the run record keeps it."""
        return {
            "symbol": self.symbol,
            "status": self.status,
            "position": {dims[d]: rounded(self.position[d], 1) for d in range(len(dims))},
            "revisions": self.revisions,
        }


def table(model: DiplomacyModel, today: dt.date, record: RoundRecord) -> None:
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
        draft.history.append(list(draft.position))
        sponsors = ", ".join(model.actors[s].name for s in draft.sponsors)
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "tabled", sponsors, draft.title))


def lapse(model: DiplomacyModel, draft: DraftState, record: RoundRecord, reason: str) -> None:
    draft.status = DraftStatus.lapsed
    lead = model.actors[draft.sponsors[0]].name
    record.decisions.append(DecisionRecord(draft.key, draft.symbol, "lapsed", lead, reason))


def lapse_rivals(model: DiplomacyModel, record: RoundRecord) -> None:
    """A rival draft stays on the table only while the draft it answers is open."""
    for draft in model.drafts.values():
        if draft.status != DraftStatus.open or draft.rival_of is None:
            continue
        rival = model.drafts[draft.rival_of]
        if rival.status != DraftStatus.open:
            lapse(model, draft, record, f"the draft it answered, {rival.symbol}, is no longer on the table")

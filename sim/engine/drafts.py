"""The life of a draft during a run: tabled, open, then adopted, vetoed, failed, withdrawn or lapsed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..scenario.spec import Clause
from .clauses import in_force, texts
from .rounding import rounded


class DraftStatus(StrEnum):
    """Where a draft is in its life (the record's ``status``, written as the member's value)."""

    pending = "pending"
    open = "open"
    adopted = "adopted"
    vetoed = "vetoed"
    failed = "failed"
    withdrawn = "withdrawn"
    lapsed = "lapsed"


@dataclass
class DraftState:
    """A draft as it stands during a run: its current position, its clauses (those in force at
    the position are its text: sim/engine/clauses.py) and where it is in its life."""

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
    status: DraftStatus = DraftStatus.pending
    revisions: int = 0
    history: list[list[float]] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    requested_by: list[str] = field(default_factory=list)
    """Organisations (actor ids) that asked for this text or endorsed it (sim/engine/fallback.regard)."""
    conditions: dict[str, tuple[int, float, float, int]] = field(default_factory=dict)
    """Members' stated conditions for a yes (sim/engine/moves.Condition), by actor id: the index
    of the dimension, the lowest and highest value that meet it, and the round it was stated."""

    def summary(self, dims: list[str]) -> dict:
        """The draft's final state as the run record keeps it."""
        return {
            "symbol": self.symbol,
            "status": self.status.value,
            "position": {dims[d]: rounded(self.position[d], 1) for d in range(len(dims))},
            "revisions": self.revisions,
            "clauses": self.text(dims),
        }

    def text(self, dims: list[str]) -> list[str]:
        """The clauses in force at the draft's current position, as words."""
        return texts(in_force(self.clauses, dims, self.position))


def red_line(draft: DraftState, dimension: str, value: float) -> str | None:
    """Why the sponsors of ``draft`` will not take ``dimension`` to ``value``; None if they may."""
    if dimension not in draft.amendable:
        return f"{draft.symbol}'s sponsors do not amend its {dimension}"
    low, high = draft.amendable[dimension]
    if value < low - 1e-9:
        return f"{draft.symbol}'s sponsors will not take {dimension} below {low:g} (their red line)"
    if value > high + 1e-9:
        return f"{draft.symbol}'s sponsors will not take {dimension} above {high:g} (their red line)"
    return None


def within_red_lines(draft: DraftState, dims: list[str]) -> bool:
    """The draft stands inside every ``amendable`` range of its sponsors (:func:`red_line`)."""
    return all(red_line(draft, dim, draft.position[dims.index(dim)]) is None for dim in draft.amendable)

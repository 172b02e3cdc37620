"""The run record: what happened in one run, in the shape ``diplosim run --json`` prints.

Every view (transcript, TUI, batch) is built from these records, never from agents.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class EventRecord:
    id: str
    title: str
    quote: str | None
    changes: list[dict[str, Any]]


@dataclass
class LobbyRecord:
    actor: str
    target: str
    dimension: str
    shift: float


@dataclass
class PressureRecord:
    """A public statement about a permanent member, or an offer for a member's yes."""

    actor: str
    kind: str
    """``statement`` or ``inducement``."""
    target: str
    amount: float
    """The statement's pressure (< 0: cover), or the capital offered."""
    effect: float
    """What it changed: the target's price of a veto, or the value of its yes."""
    answers: str = ""
    """The actor whose move of the last round it answers, if any."""
    signers: list[str] = field(default_factory=list)
    """The members that signed a joint statement with ``actor`` (its ``amount`` counts them)."""


@dataclass
class RevisionRecord:
    draft: str
    symbol: str
    sponsor: str
    dimension: str
    before: float
    after: float
    adoption_before: float
    adoption_after: float
    clauses_dropped: list[str] = field(default_factory=list)
    """Clauses the amendment took out of the draft: they do not hold at the new position."""
    clauses_added: list[str] = field(default_factory=list)
    """Clauses the amendment brought back: they hold at the new position and did not before."""


@dataclass
class DecisionRecord:
    """A sponsor's choice about its draft: tabled, called to a vote, withdrawn, or lapsed; or
    ``unheard``, a lead seat's call for a vote that its draft left the table before."""

    draft: str
    symbol: str
    action: str
    actor: str
    reason: str


@dataclass
class VoteRecord:
    draft: str
    symbol: str
    title: str
    date: str
    round: int
    procedural: bool
    result: str
    vetoed_by: list[str]
    roll_call: dict[str, str]
    tally: dict[str, int]
    statement: str
    position: dict[str, float]
    explanations: dict[str, dict[str, Any]] = field(default_factory=dict)
    clauses: list[str] = field(default_factory=list)
    """The draft's clauses in force when it was put to the vote: the text voted on."""


@dataclass
class RoundRecord:
    index: int
    date: str
    label: str
    events: list[EventRecord] = field(default_factory=list)
    lobbying: list[LobbyRecord] = field(default_factory=list)
    revisions: list[RevisionRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    votes: list[str] = field(default_factory=list)
    """Symbols of the drafts voted on this round (details in the run's ``votes``)."""
    deadlines: list[str] = field(default_factory=list)
    """Deadlines that fall due by this round's date (since the previous round)."""
    pressure: list[PressureRecord] = field(default_factory=list)
    """Statements and offers made this round, by anyone, in the order they landed."""


@dataclass
class RunRecord:
    scenario: dict[str, str]
    seed: int
    sampled: dict[str, float]
    rounds: list[RoundRecord] = field(default_factory=list)
    votes: list[VoteRecord] = field(default_factory=list)
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Final state of each draft: status, position, revisions and the clauses in force at the end."""
    utility: dict[str, float] = field(default_factory=dict)
    """Each actor's utility of the outcome, by actor id, once the schedule is over: the utility of
    the final status quo less that of the initial one, both at the actor's ideal and salience at
    the end of the run (sim/engine/payoff.py)."""
    skipped: list[SkippedMove] = field(default_factory=list)
    """The moves of a scripted seat that the rules refused in this run (sim/engine/scripted.py)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


@dataclass
class SkippedMove:
    """A scripted move the rules refused in this run (sim/engine/scripted.py): it was not played."""

    round: int
    """The round it was scripted for, from 1."""
    index: int
    """Its place in that round's list of the script, from 0."""
    move: dict[str, Any]
    """The move as a save writes it (``{"kind": ..., "actor": ..., ...}``)."""
    reason: str
    """Why the rules refused it, in their words."""

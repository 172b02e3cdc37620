"""One round of the schedule, as the model plays it (docs/model.md, section 4): the events, the
drafts tabled, everyone's lobbying and settling, the player's amendments, then each open draft's
sponsors decide; a call for a vote pauses the round until the ballots come.

:meth:`Chamber.next_vote <sim.engine.model.Chamber.next_vote>` drives :func:`play`: it
yields each draft put to the vote and takes the chosen ballots back. Compiled with mypyc
(hatch_build.py), like the rest of the engine's hot path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Mapping

from . import agenda, lobbying, payoff, sponsors
from .chamber import Chamber
from .drafts import DraftState, DraftStatus
from .moves import PRESSURE_MOVES, CallVote, Cast, Move, Withdraw
from .record import RoundRecord
from .rollcall import take_vote
from .rules import apply

RoundInPlay = Generator[DraftState, Mapping[str, str] | None, None]
NOT_SPONSORS_MOVES = (*PRESSURE_MOVES, Cast, CallVote, Withdraw)
"""Moves a player queues that are not amendments."""


def play(model: Chamber) -> RoundInPlay:
    """Play the model's next round, yielding each draft as it is put to the vote."""
    schedule = model.schedule
    index: int = model.round_index
    round_ = schedule[index]
    today: dt.date = round_.date
    record = RoundRecord(index + 1, today.isoformat(), round_.label)
    previous: dt.date = schedule[index - 1].date if index else dt.date.min
    record.deadlines = [d.label for d in model.scenario.spec.deadlines if previous < d.date <= today]
    record.events = model.events.fire(model, today)
    agenda.table(model, today, record)
    queued = model.take_moves()
    lobbying.lobby(model, queued, record)
    lobbying.settle(model)
    last = index == len(schedule) - 1
    for queued_move in queued:
        if not isinstance(queued_move, NOT_SPONSORS_MOVES):
            apply(model, queued_move, record)  # the player's amendments
    player = model.player
    for draft in model.open_drafts():
        agenda.lapse_rivals(model, record)
        if draft.status != DraftStatus.open:
            continue
        decision: Move | None
        if player is not None and player in draft.sponsors:  # co-sponsors defer to the player
            choice = [m for m in queued if isinstance(m, CallVote | Withdraw) and m.draft == draft.key]
            decision, reason = (choice[-1], "the player's decision") if choice else (None, "")
        else:
            decision, reason = sponsors.decide(model, draft, today, last)
        if decision is not None:
            apply(model, decision, record, reason)
        if isinstance(decision, CallVote):
            chosen = yield draft
            take_vote(model, draft, record, chosen or {})
    model.clear_moves()
    agenda.lapse_rivals(model, record)
    model.record.rounds.append(record)
    model.round_index = index + 1
    if index + 1 >= len(schedule):
        finish(model, record)


def finish(model: Chamber, last: RoundRecord) -> None:
    """The schedule is over: drafts still open lapse, and every draft's final state is recorded."""
    model.running = False
    for draft in model.drafts.values():
        if draft.status == DraftStatus.open:
            agenda.lapse(model, draft, last, "the schedule ended before it was put to the vote")
        model.record.drafts[draft.key] = draft.summary(model.dims)
    model.record.utility = payoff.utilities(model)

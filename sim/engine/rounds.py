"""One round of the schedule, as the model plays it (docs/model.md, section 4): the events, the
drafts tabled, everyone's lobbying and settling, the human seats' amendments, then each open
draft's sponsors decide; a call for a vote pauses the round until the ballots come.

A human seat (``model.players``) makes its own decisions on a draft it leads, and only it: the
amendments, calls and withdrawals of a co-sponsor are proposals, which a lead the engine plays
answers (sim/engine/cosponsors.py) and a lead played by a person answers with its own moves, so
they are passed over.

:meth:`Chamber.next_vote <sim.engine.model.Chamber.next_vote>` drives :func:`play`: it
yields each draft put to the vote and takes the chosen ballots back. Compiled with mypyc
(hatch_build.py), like the rest of the engine's hot path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Mapping

from . import agenda, cosponsors, lobbying, payoff, sponsors
from .chamber import Chamber
from .council import Ballot
from .drafts import DraftState, DraftStatus
from .moves import Amend, CallVote, Condition, Move, Withdraw
from .record import DecisionRecord, RoundRecord
from .rollcall import take_vote
from .rules import apply

RoundInPlay = Generator[DraftState, Mapping[str, str] | None, None]


def play(model: Chamber) -> RoundInPlay:
    """Play the model's next round, yielding each draft as it is put to the vote."""
    schedule = model.schedule
    index: int = model.round_index
    round_ = schedule[index]
    today: dt.date = round_.date
    record = RoundRecord(index + 1, today.isoformat(), round_.label)
    previous: dt.date = schedule[index - 1].date if index else dt.date.min
    record.deadlines = [d.label for d in model.scenario.spec.deadlines if previous < d.date <= today]
    model.public.turn()
    model.picture.agenda_changed()  # members form their expectations of the agenda afresh
    record.events = model.events.fire(model, today)
    agenda.table(model, today, record)
    queued = model.take_moves()
    for queued_move in queued:
        if isinstance(queued_move, Condition):
            apply(model, queued_move, record)  # said in public before anyone lobbies or amends
    lobbying.lobby(model, queued, record)
    lobbying.settle(model)
    last = index == len(schedule) - 1
    for queued_move in queued:
        if isinstance(queued_move, Amend):
            amend(model, queued_move, record)  # the seats' amendments, or proposals to the lead
    for draft in model.open_drafts():
        agenda.lapse_rivals(model, record)
        if draft.status != DraftStatus.open:
            continue
        cosponsors.desert(model, draft, record)
        if draft.status != DraftStatus.open:
            continue
        decision, reason = decide(model, draft, queued, today, last, record)
        if decision is not None:
            apply(model, decision, record, reason)
        if isinstance(decision, CallVote):
            chosen = yield draft
            for actor, ballot in (chosen or {}).items():
                if actor in draft.sponsors and ballot != Ballot.yes:
                    cosponsors.leave(model, draft, actor, record, f"it votes {ballot} on its own draft")
            take_vote(model, draft, record, chosen or {})
            if draft.status == DraftStatus.adopted:
                agenda.preempt(model, draft, record)
    model.clear_moves()
    agenda.lapse_rivals(model, record)
    unheard_calls(model, queued, record)
    model.record.rounds.append(record)
    model.round_index = index + 1
    if index + 1 >= len(schedule):
        finish(model, record)


def unheard_calls(model: Chamber, queued: list[Move], record: RoundRecord) -> None:
    """A lead seat's call for a vote that never came to be made, said in the record: its draft
    left the table earlier the same day, because a draft tabled before it was voted on first
    (drafts are put to the vote in the order they were tabled, rule 32 of the Council's
    provisional rules of procedure) and it lapsed with it, or was adopted in its place."""
    called = {d.draft for d in record.decisions if d.action == "called"}
    for move in queued:
        if not isinstance(move, CallVote) or move.draft in called:
            continue
        draft = model.drafts[move.draft]
        if draft.status == DraftStatus.open or move.actor != draft.sponsors[0]:
            continue
        left = {"lapsed": "it lapsed", "withdrawn": "it was withdrawn"}.get(draft.status.value, "it ended")
        reason = f"{left} before its turn came (drafts are put to the vote in the order they were tabled)"
        record.decisions.append(
            DecisionRecord(draft.key, draft.symbol, "unheard", model.actors[move.actor].name, reason)
        )


def amend(model: Chamber, move: Amend, record: RoundRecord) -> None:
    """A human seat's amendment: the lead's own is made; a co-sponsor's goes to a lead the engine
    plays, who may decline it (sim/engine/cosponsors.py). A draft that left the table since, or
    led by another human seat, is passed over."""
    draft = model.drafts[move.draft]
    if draft.status != DraftStatus.open or move.actor not in draft.sponsors:
        return
    lead = draft.sponsors[0]
    if move.actor == lead or (
        lead not in model.players and cosponsors.consider_amendment(model, draft, move, record)
    ):
        apply(model, move, record)


def decide(
    model: Chamber, draft: DraftState, queued: list[Move], today: dt.date, last: bool, record: RoundRecord
) -> tuple[Move | None, str]:
    """This round's decision on ``draft``: a human seat's own if it leads the sponsors (its last
    call or withdrawal); else the lead's (sponsors.decide), which answers the co-sponsor seats'
    calls and withdrawals (each seat's last, seats in the order of their ids) until it accepts one."""
    lead = draft.sponsors[0]
    proposed = [m for m in queued if isinstance(m, CallVote | Withdraw) and m.draft == draft.key]
    if lead in model.players:
        own = [m for m in proposed if m.actor == lead]
        return (own[-1], "the player's decision") if own else (None, "")
    decision, reason = sponsors.decide(model, draft, today, last)
    if decision is not None:
        return decision, reason
    for proposal in last_of_each(proposed):
        if proposal.actor in draft.sponsors:
            accepted = cosponsors.consider_decision(model, draft, proposal, record)
            if accepted is not None:
                return accepted, f"at the proposal of {model.actors[proposal.actor].name}"
    return None, reason


def last_of_each(moves: list[CallVote | Withdraw]) -> list[CallVote | Withdraw]:
    """The last of each actor's ``moves``, in the order the actors first appear (seat order, as
    the model queues them): a seat's later proposal replaces its earlier one."""
    found: list[CallVote | Withdraw] = []
    for move in moves:
        replaced = False
        for index in range(len(found)):
            if found[index].actor == move.actor:
                found[index] = move
                replaced = True
        if not replaced:
            found.append(move)
    return found


def finish(model: Chamber, last: RoundRecord) -> None:
    """The schedule is over: drafts still open lapse, and every draft's final state is recorded."""
    model.running = False
    for draft in model.drafts.values():
        if draft.status == DraftStatus.open:
            agenda.lapse(model, draft, last, "the schedule ended before it was put to the vote")
        model.record.drafts[draft.key] = draft.summary(model.dims)
    model.record.utility = payoff.utilities(model)

"""Taking a roll call: every member's ballot, Article 27, and each member's reasons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from . import voting
from .chamber import Chamber
from .council import Ballot, VoteResult, ballot_of, decide, press_statement
from .drafts import DraftState, DraftStatus
from .explain import explain_vote
from .fallback import reference
from .picture import GainCache
from .record import RoundRecord, VoteRecord

BALLOT_TEXT: Final = {ballot: ballot.value for ballot in Ballot}
"""Each ballot as the roll call writes it (a plain string)."""


def take_vote(
    model: Chamber, draft: DraftState, record: RoundRecord, chosen: Mapping[str, str]
) -> VoteRecord:
    """Roll call on ``draft``: members in ``chosen`` (by actor id) cast those ballots; the others
    draw theirs from their choice probabilities. The RNG is drawn for every member either way,
    so a player's ballot does not shift anyone else's draw."""
    picture: GainCache = model.picture
    council = picture.council
    probabilities = picture.members(council, draft.position, reference(model, draft))
    rng = model.random
    roll_call: dict[str, str] = {}
    for seat in range(len(council)):
        member = council[seat]
        drawn = voting.draw(probabilities[seat], rng.random())
        ballot = chosen.get(member.key)
        roll_call[member.name] = BALLOT_TEXT[drawn if ballot is None else ballot_of(ballot)]
    permanent = {m.name for m in council if m.has_veto}
    outcome = decide(roll_call, permanent, draft.procedural)
    vote = VoteRecord(
        draft=draft.key,
        symbol=draft.symbol,
        title=draft.title,
        date=record.date,
        round=record.index,
        procedural=draft.procedural,
        result=outcome.result.value,
        vetoed_by=list(outcome.vetoed_by),
        roll_call=roll_call,
        tally={"yes": outcome.yes, "no": outcome.no, "abstain": outcome.abstain, "absent": outcome.absent},
        statement=press_statement(outcome, roll_call),
        position=draft.summary(model.dims)["position"],
        explanations={
            m.name: explain_vote(model, m, draft, probabilities[seat], roll_call[m.name])
            for seat, m in enumerate(model.council)
        }
        if model.explain
        else {},
        clauses=draft.text(model.dims),
    )
    for member in council:
        member.inducement = 0.0  # an offer is spent on the vote it was made for
    draft.status = DraftStatus(outcome.result.value)
    if outcome.result is VoteResult.adopted:
        model.status_quo = list(draft.position)  # which forgets every gain
    else:
        picture.agenda_changed()  # what failure of the other drafts would bring changed
    model.record.votes.append(vote)
    record.votes.append(draft.symbol)
    return vote

"""Article 27 of the UN Charter as a pure function of a roll call, and how the UN reports it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

AFFIRMATIVE_VOTES_NEEDED: Final = 9


class Ballot(StrEnum):
    yes = "yes"
    no = "no"
    abstain = "abstain"
    absent = "absent"


_BALLOTS: dict[str, Ballot] = {b.value: b for b in Ballot}


class VoteResult(StrEnum):
    adopted = "adopted"
    vetoed = "vetoed"
    failed = "failed"


@dataclass(frozen=True)
class RollCallOutcome:
    """The result of one roll call under Article 27."""

    result: VoteResult
    yes: int
    no: int
    abstain: int
    absent: int
    vetoed_by: tuple[str, ...]


def ballot_of(vote: Ballot | str) -> Ballot:
    """The ballot a roll call's entry names; ValueError for anything else."""
    known = _BALLOTS.get(vote)
    return known if known is not None else Ballot(vote)


def decide(
    roll_call: Mapping[str, Ballot | str], permanent: Collection[str], procedural: bool
) -> RollCallOutcome:
    """Apply Article 27: nine affirmative votes, and on substantive matters no permanent "no". A
    draft short of nine votes fails whoever voted against it: only a permanent member's "no" on a
    draft that had the votes to pass is a veto, as the Council's records count vetoes.

    A permanent member's abstention or absence is not a veto (practice since 1946, confirmed by
    the ICJ in the Namibia opinion); on procedural matters no veto applies at all.
    """
    yes = no = abstain = absent = 0
    vetoes: list[str] = []
    for member, vote in roll_call.items():
        ballot = ballot_of(vote)
        if ballot is Ballot.yes:
            yes += 1
        elif ballot is Ballot.no:
            no += 1
            if not procedural and member in permanent:
                vetoes.append(member)
        elif ballot is Ballot.abstain:
            abstain += 1
        else:
            absent += 1
    if yes < AFFIRMATIVE_VOTES_NEEDED:
        # short of nine: it fails for want of votes, and a permanent member's "no" is no veto
        # (the President: "having failed to obtain the required number of votes")
        return RollCallOutcome(VoteResult.failed, yes, no, abstain, absent, ())
    result = VoteResult.vetoed if vetoes else VoteResult.adopted
    return RollCallOutcome(result, yes, no, abstain, absent, tuple(sorted(vetoes)))


def joined(names: Sequence[str]) -> str:
    """Names as a sentence lists them: "France", "France and China", "France, China and Chad"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _listed(count: int, one: str, many: str, names: list[str], none: str) -> str:
    if count == 0:
        return none
    label = one if count == 1 else many
    return f"{count} {label} ({', '.join(sorted(names))})"


def press_statement(outcome: RollCallOutcome, roll_call: Mapping[str, Ballot | str]) -> str:
    """The result as a UN press release states it, members named as in ``roll_call``."""
    ballots = {m: ballot_of(v) for m, v in roll_call.items()}
    against = [m for m, v in ballots.items() if v is Ballot.no]
    abstaining = [m for m, v in ballots.items() if v is Ballot.abstain]
    absent = [m for m, v in ballots.items() if v is Ballot.absent]
    parts = [
        f"{outcome.yes} in favour",
        _listed(outcome.no, "against", "against", against, "none against"),
        _listed(outcome.abstain, "abstention", "abstentions", abstaining, "no abstentions"),
    ]
    if outcome.absent:
        parts.append(_listed(outcome.absent, "absent", "absent", absent, ""))
    tally = ", ".join(parts) + "."
    if outcome.result is VoteResult.adopted:
        unanimous = outcome.yes == sum((outcome.yes, outcome.no, outcome.abstain, outcome.absent))
        return f"{tally} The draft was adopted{' unanimously' if unanimous else ''}."
    if outcome.result is VoteResult.vetoed:
        if len(outcome.vetoed_by) == 1:
            return f"{tally} The draft was not adopted, owing to the negative vote of a permanent member."
        return f"{tally} The draft was not adopted, owing to the negative votes of permanent members."
    return f"{tally} The draft was not adopted, having failed to obtain the required nine votes."

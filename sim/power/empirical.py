"""Empirical power: who was decisive in the roll calls the model actually produced.

A member is *decisive* in a roll call when changing its ballot alone, to any other ballot,
would change whether the draft is adopted (a change between "vetoed" and "failed" leaves the
draft just as dead, so it does not count). A permanent member's "no" is *decisive* when it was
such a ballot: the draft would have passed had that member alone voted otherwise. In a double
veto neither "no" is decisive, since the other still blocks the draft.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from ..engine.council import AFFIRMATIVE_VOTES_NEEDED, Ballot, VoteResult, decide
from .runs import Batch

CHOICES = (Ballot.yes, Ballot.abstain, Ballot.no)
"""The ballots a member could have cast instead (the model never produces absences)."""
NOT_VOTED = "not voted"
"""A run's outcome for a draft that never came to a vote (withdrawn, lapsed or never tabled)."""
OUTCOMES = (VoteResult.adopted.value, VoteResult.vetoed.value, VoteResult.failed.value, NOT_VOTED)


def decisive_members(roll_call: Mapping[str, str], permanent: Collection[str], procedural: bool) -> set[str]:
    """The members whose ballot alone decided whether the draft was adopted."""
    adopted = decide(roll_call, permanent, procedural).result is VoteResult.adopted
    decisive = set()
    for member, ballot in roll_call.items():
        for other in CHOICES:
            if other == ballot:
                continue
            changed = decide({**roll_call, member: other}, permanent, procedural).result is VoteResult.adopted
            if changed != adopted:
                decisive.add(member)
                break
    return decisive


@dataclass
class DraftPower:
    """What happened to one draft across the runs, and who held its fate."""

    symbol: str
    roll_calls: int = 0
    """Runs in which the draft came to a vote."""
    outcomes: Counter = field(default_factory=Counter)
    """Runs per outcome (adopted, vetoed, failed, not voted)."""
    decisive: Counter = field(default_factory=Counter)
    """Roll calls in which each member was decisive."""
    no_cast: Counter = field(default_factory=Counter)
    """Roll calls in which each permanent member voted no (a veto, on a substantive draft)."""
    no_decisive: Counter = field(default_factory=Counter)
    """Roll calls in which each permanent member's "no" was decisive."""
    yes_votes: int = 0
    """Yes votes summed over the roll calls."""
    enough_yes: int = 0
    """Roll calls with the nine yes votes adoption needs (vetoed or not)."""


@dataclass(frozen=True)
class EmpiricalPower:
    """Decisiveness per draft (by symbol, in scenario order) and over all roll calls."""

    runs: int
    source: str
    members: list[str]
    permanent: list[str]
    drafts: dict[str, DraftPower]
    overall: DraftPower

    def to_dict(self) -> dict:
        """Shares as ``diplosim power --json`` prints them: decisive shares per roll call held
        (``None`` for a draft never voted on), outcome shares per run; ``mean_yes`` and
        ``nine_yes`` (the share of roll calls with nine yes votes, vetoed or not) per roll call."""

        def shares(counts: Counter, among: list[str], total: int) -> dict[str, float | None]:
            return {m: counts[m] / total if total else None for m in among}

        def one(power: DraftPower, outcomes: bool) -> dict:
            out: dict = {"roll_calls": power.roll_calls}
            if outcomes:
                out["outcomes"] = {o: power.outcomes[o] / self.runs for o in OUTCOMES}
            out["decisive"] = shares(power.decisive, self.members, power.roll_calls)
            out["no_cast"] = shares(power.no_cast, self.permanent, power.roll_calls)
            out["no_decisive"] = shares(power.no_decisive, self.permanent, power.roll_calls)
            out["mean_yes"] = power.yes_votes / power.roll_calls if power.roll_calls else None
            out["nine_yes"] = power.enough_yes / power.roll_calls if power.roll_calls else None
            return out

        return {
            "runs": self.runs,
            "source": self.source,
            "drafts": {symbol: one(p, True) for symbol, p in self.drafts.items()},
            "all_roll_calls": one(self.overall, False),
        }


def empirical_power(
    batch: Batch, symbols: list[str], permanent: list[str], elected: list[str]
) -> EmpiricalPower:
    """Count decisive members over ``batch``; ``symbols`` lists the scenario's drafts in order."""
    drafts = {s: DraftPower(s) for s in symbols}
    overall = DraftPower("all roll calls")
    voted: defaultdict[str, set[int]] = defaultdict(set)
    for call in batch.roll_calls:
        draft = drafts.setdefault(call.symbol, DraftPower(call.symbol))
        voted[call.symbol].add(call.run)
        draft.outcomes[call.result] += 1
        decisive = decisive_members(call.roll_call, permanent, call.procedural)
        yes = sum(1 for ballot in call.roll_call.values() if ballot == Ballot.yes)
        for power in (draft, overall):
            power.yes_votes += yes
            power.enough_yes += yes >= AFFIRMATIVE_VOTES_NEEDED
            power.roll_calls += 1
            power.decisive.update(decisive)
            noes = [m for m in permanent if call.roll_call[m] == Ballot.no]
            power.no_cast.update(noes)
            power.no_decisive.update(m for m in noes if m in decisive)
    for symbol, draft in drafts.items():
        draft.outcomes[NOT_VOTED] = batch.runs - len(voted[symbol])
    return EmpiricalPower(batch.runs, batch.source, permanent + elected, permanent, drafts, overall)

"""Voting games whose outcome depends only on how many members of each class cast each ballot.

The Security Council is such a game: five permanent members with the veto and ten elected
members, each class symmetric within itself. Counting ballots per class instead of naming
voters is what lets the indices be computed exactly (see :mod:`sim.power.indices`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..engine.council import Ballot, VoteResult, decide

BINARY = (Ballot.yes, Ballot.no)
"""The classical yes/no game: abstention is not an option."""
TERNARY = (Ballot.yes, Ballot.abstain, Ballot.no)
"""The Council's real rule: abstention is a third option, and it does not block."""

Counts = tuple[tuple[int, ...], ...]
"""``counts[c][b]``: how many members of class ``c`` cast ballot ``ballots[b]``."""


@dataclass(frozen=True)
class ClassGame:
    """A monotone voting game over classes of interchangeable voters.

    Ballots run from the most to the least favourable to adoption; monotone means that moving
    one voter to a more favourable ballot never turns an adoption into a defeat.
    """

    classes: tuple[tuple[str, int], ...]
    """Each class's name and number of voters."""
    ballots: tuple[Ballot, ...]
    """The ballots open to every voter, most favourable first."""
    passes: Callable[[Counts], bool]
    """Whether a full profile, given as counts per class and ballot, adopts the motion."""

    @property
    def size(self) -> int:
        return sum(n for _, n in self.classes)


def weighted_game(quota: float, weights: Sequence[float], ballots: tuple[Ballot, ...] = BINARY) -> ClassGame:
    """The weighted game [quota; w1, w2, ...]: adopted when the yes votes weigh at least the quota.

    Each voter is a class of its own (named ``"0"``, ``"1"``, ...), so the exact computation
    still applies; abstaining, where allowed, counts as not voting yes.
    """
    yes = ballots.index(Ballot.yes)

    def passes(counts: Counts) -> bool:
        return sum(w * c[yes] for w, c in zip(weights, counts, strict=True)) >= quota

    return ClassGame(tuple((str(i), 1) for i in range(len(weights))), ballots, passes)


def veto_game(permanent: int, elected: int, quota: int, ballots: tuple[Ballot, ...] = TERNARY) -> ClassGame:
    """A Council-like game of any size: ``quota`` yes votes and no "no" from a permanent member.

    Small versions of the Council, small enough to check by brute force, are built with it.
    """
    yes, no = ballots.index(Ballot.yes), ballots.index(Ballot.no)

    def passes(counts: Counts) -> bool:
        permanent_counts, elected_counts = counts
        return permanent_counts[no] == 0 and permanent_counts[yes] + elected_counts[yes] >= quota

    return ClassGame((("permanent", permanent), ("elected", elected)), ballots, passes)


def council_game(permanent: int = 5, elected: int = 10, ballots: tuple[Ballot, ...] = TERNARY) -> ClassGame:
    """The Security Council's substantive vote as a class game, decided by Article 27 itself.

    Each profile of counts is turned into a roll call and passed to :func:`sim.engine.council.decide`,
    so the game is exactly the rule the simulation uses, not a second copy of it.
    """
    names = {"permanent": [f"P{i}" for i in range(permanent)], "elected": [f"E{i}" for i in range(elected)]}
    veto = frozenset(names["permanent"])

    @cache
    def passes(counts: Counts) -> bool:
        roll_call = {}
        for (_, members), per_ballot in zip(names.items(), counts, strict=True):
            cast = iter(members)
            for ballot, count in zip(ballots, per_ballot, strict=True):
                roll_call.update((next(cast), ballot) for _ in range(count))
        return decide(roll_call, veto, procedural=False).result is VoteResult.adopted

    return ClassGame((("permanent", permanent), ("elected", elected)), ballots, passes)

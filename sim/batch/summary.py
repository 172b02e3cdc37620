"""Outcome statistics of a batch, counted run by run and reported with Wilson intervals.

Counting keeps one small tally per (grid point, draft): how often each (outcome, roll call,
round) occurred. Everything the summary shows (outcome probabilities, vetoes by member, the
distribution of yes votes, each member's vote shares, the most frequent roll calls, the round of
the vote) is derived from those counts, so memory does not grow with the number of runs. A batch
with a scripted seat (``--as``) also counts, per grid point, the seat's utility and the moves of
its script the rules refused (sim/batch/seats.py).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from .records import CODE_BALLOTS, OUTCOMES, Layout, RunOutcome
from .seats import SeatOutcome, SeatTally

Z95 = 1.959963984540054
"""The 97.5% quantile of the standard normal: a two-sided 95% interval."""
TOP_ROLL_CALLS = 5


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion (good near 0 and 1, unlike p ± z·se)."""
    if trials <= 0:
        return (0.0, 1.0)
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)  # exact ends, free of rounding
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


def share(count: int, trials: int) -> dict[str, Any]:
    """A count out of ``trials`` with its probability and 95% Wilson interval."""
    low, high = wilson(count, trials)
    return {"count": count, "p": count / trials if trials else 0.0, "low": low, "high": high}


class Tally:
    """Counts of a batch's outcomes, per grid point and draft; fed rows in run order."""

    def __init__(self, layout: Layout, points: int):
        self.layout = layout
        self.runs = [0] * points
        self.counts = [[Counter() for _ in layout.drafts] for _ in range(points)]
        self.seats = [SeatTally() for _ in range(points)] if layout.seat is not None else None
        """The scripted seat's statistics per grid point (sim/batch/seats.py), with ``--as``."""

    def add(self, point: int, outcome: RunOutcome, seat: SeatOutcome | None = None) -> None:
        self.runs[point] += 1
        for counter, fact in zip(self.counts[point], outcome, strict=True):
            counter[fact] += 1
        if self.seats is not None:
            if seat is None:
                raise ValueError("a batch with a scripted seat counts each run's seat outcome")
            self.seats[point].add(seat)

    @property
    def total(self) -> int:
        return sum(self.runs)

    def point_summary(self, point: int) -> dict[str, Any]:
        runs = self.runs[point]
        return {
            key: draft_summary(self.layout, symbol, counter, runs)
            for (key, symbol), counter in zip(self.layout.drafts, self.counts[point], strict=True)
        }


def vetoers(layout: Layout, code: str) -> list[str]:
    """The permanent members whose "no" is in the roll call ``code``."""
    return [
        m
        for m, permanent, ballot in zip(layout.members, layout.permanent, code, strict=True)
        if permanent and ballot == "N"
    ]


def draft_summary(layout: Layout, symbol: str, counter: Counter, runs: int) -> dict[str, Any]:
    """Everything the summary says about one draft at one grid point, from its tally."""
    outcomes: Counter = Counter()
    vetoes: Counter = Counter()
    yes: Counter = Counter()
    rounds: Counter = Counter()
    roll_calls: Counter = Counter()
    ballots = {m: Counter() for m in layout.members}
    for (outcome, code, round_), count in counter.items():
        outcomes[outcome] += count
        if not code:
            continue
        if outcome == "vetoed":
            vetoes[" + ".join(sorted(vetoers(layout, code)))] += count
        yes[code.count("Y")] += count
        rounds[round_] += count
        roll_calls[(code, outcome)] += count
        for member, letter in zip(layout.members, code, strict=True):
            ballots[member][CODE_BALLOTS[letter]] += count
    voted = sum(yes.values())
    top = sorted(roll_calls.items(), key=lambda item: (-item[1], item[0]))[:TOP_ROLL_CALLS]
    return {
        "symbol": symbol,
        "runs": runs,
        "outcomes": {name: share(outcomes[name], runs) for name in OUTCOMES},
        "vetoed_by": {
            who: share(count, runs) for who, count in sorted(vetoes.items(), key=lambda i: (-i[1], i[0]))
        },
        "voted": voted,
        "yes_votes": {str(k): yes[k] for k in sorted(yes)},
        "members": {
            member: {b: counts[b] / voted for b in ("yes", "abstain", "no")} if voted else {}
            for member, counts in ballots.items()
        },
        "roll_calls": [roll_call(layout, code, outcome, count, voted) for (code, outcome), count in top],
        "vote_round": {str(r): rounds[r] for r in sorted(rounds)},
        "mean_round": sum(r * c for r, c in rounds.items()) / voted if voted else None,
    }


def roll_call(layout: Layout, code: str, outcome: str, count: int, voted: int) -> dict[str, Any]:
    """One roll-call pattern, as the summary lists it."""
    named = {
        b: [m for m, letter in zip(layout.members, code, strict=True) if CODE_BALLOTS[letter] == b]
        for b in ("yes", "no", "abstain")
    }
    return {
        "tally": f"{len(named['yes'])}-{len(named['no'])}-{len(named['abstain'])}",
        "result": outcome,
        "no": named["no"],
        "abstain": named["abstain"],
        "count": count,
        "share": count / voted,
    }


def summarise(tally: Tally, meta: dict[str, Any], grid: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary JSON: the batch's settings, then each grid point's figures."""
    points = []
    for index, values in enumerate(grid):
        drafts = tally.point_summary(index)
        point = {"point": index, "vary": values, "runs": tally.runs[index], "drafts": drafts}
        if tally.seats is not None:
            point["seat"] = tally.seats[index].summary(Z95)
        points.append(point)
    return {"batch": meta, "runs": tally.total, "points": points}

"""A scripted seat over a batch: what identifies its script, and the statistics of its runs (its
utility of the outcome, the moves of its script the rules refused), counted run by run from the
rows, like the drafts' outcomes (sim/batch/summary.py).

The summary's ``seat`` (per grid point) holds:

* ``utility``: the mean of the seat's utility of the outcome over the runs (the run record's
  ``utility``, sim/engine/payoff.py), its standard deviation and a 95% interval of the mean
  (normal approximation);
* ``skipped``: ``moves``, the moves refused over all runs; ``runs``, the runs where at least one
  was; ``runs_by_count``, how many runs refused how many moves (``{"0": 180, "2": 20}``);
  ``by_reason``, per reason the rules gave, the runs and moves; ``by_move``, per scripted move
  (round, place in the round, the move in a few words) and reason, the runs that refused it,
  most frequent first.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from typing import Any

from ..engine.moves import from_dict, to_dict
from ..engine.scripted import SeatScript, label
from .records import SEAT_SKIPPED, SEAT_UTILITY, Layout

Skip = tuple[int, int, str, str]
"""A refused move: (round, place in the round's list, the move in a few words, the reason)."""
SeatOutcome = tuple[float, tuple[Skip, ...]]
"""What the seat's statistics count of one run: its utility and the moves refused."""


def script_digest(script: SeatScript) -> str:
    """A short hash of the script's moves: two batches played the same script if they match."""
    moves = [[to_dict(move) for move in played] for played in script.rounds]
    text = json.dumps(moves, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def seat_meta(script: SeatScript, name: str) -> dict[str, Any]:
    """What identifies the seat in a batch's settings; ``--resume`` refuses another one."""
    return {
        "actor": script.actor,
        "name": name,
        "script": script_digest(script),
        "rounds": len(script.rounds),
        "moves": script.moves,
    }


def seat_outcome_of(layout: Layout, row: dict[str, Any]) -> SeatOutcome | None:
    """What the seat's statistics count of one row (None without a seat); works on rows read
    back from any output format."""
    if layout.seat is None:
        return None
    skipped = row[SEAT_SKIPPED]
    if isinstance(skipped, str):
        skipped = json.loads(skipped)
    if not isinstance(skipped, list):
        raise TypeError(f"'{SEAT_SKIPPED}' is not a list")
    utility = row[SEAT_UTILITY]
    if isinstance(utility, bool) or not isinstance(utility, int | float):
        raise TypeError(f"'{SEAT_UTILITY}' is not a number")
    skips = tuple(
        (int(s["round"]), int(s["index"]), label(from_dict(s["move"])), str(s["reason"])) for s in skipped
    )
    return float(utility), skips


class SeatTally:
    """The seat's statistics at one grid point, fed one run at a time in run order (so that the
    sums, and the summary, are the same on any number of workers)."""

    def __init__(self) -> None:
        self.runs = 0
        self.mean = 0.0
        self.squares = 0.0
        """Sum of squared deviations from the mean (Welford)."""
        self.by_count: Counter[int] = Counter()
        self.moves: Counter[Skip] = Counter()
        self.runs_by_move: Counter[Skip] = Counter()
        self.runs_by_reason: Counter[str] = Counter()

    def add(self, outcome: SeatOutcome) -> None:
        utility, skips = outcome
        self.runs += 1
        delta = utility - self.mean
        self.mean += delta / self.runs
        self.squares += delta * (utility - self.mean)
        self.by_count[len(skips)] += 1
        self.moves.update(skips)
        self.runs_by_move.update(set(skips))
        self.runs_by_reason.update({skip[3] for skip in skips})

    def summary(self, z: float) -> dict[str, Any]:
        """The summary's ``seat``; ``z`` the normal quantile of the interval of the mean utility."""
        runs = self.runs
        sd = math.sqrt(self.squares / (runs - 1)) if runs > 1 else 0.0
        half = z * sd / math.sqrt(runs) if runs else 0.0
        moves_by_reason: Counter[str] = Counter()
        for skip, count in self.moves.items():
            moves_by_reason[skip[3]] += count
        reasons = {
            reason: {"runs": self.runs_by_reason[reason], "moves": moves}
            for reason, moves in sorted(moves_by_reason.items(), key=lambda item: (-item[1], item[0]))
        }
        by_move = sorted(self.runs_by_move.items(), key=lambda item: (-item[1], item[0]))
        return {
            "runs": runs,
            "utility": {
                "mean": self.mean if runs else None,
                "sd": sd,
                "low": self.mean - half if runs else None,
                "high": self.mean + half if runs else None,
            },
            "skipped": {
                "moves": sum(self.moves.values()),
                "runs": runs - self.by_count[0],
                "runs_by_count": {str(k): self.by_count[k] for k in sorted(self.by_count)},
                "by_reason": reasons,
                "by_move": [
                    {
                        "round": skip[0],
                        "index": skip[1],
                        "move": skip[2],
                        "reason": skip[3],
                        "runs": count,
                        "moves": self.moves[skip],
                    }
                    for skip, count in by_move
                ],
            },
        }

"""What an edit does to the outcome: the same batch run on the saved and on the edited scenario.

Both go through :mod:`sim.batch`'s ``Plan`` and ``execute``, the code ``diplosim batch`` runs, in
this process, so the preview of ``runs`` runs with root seed ``seed`` gives exactly the summary
of ``diplosim batch SCENARIO --runs RUNS --seed SEED --json`` on the saved edited file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..batch import Plan, execute
from ..batch.progress import Reporter
from ..batch.records import layout_of
from ..scenario.loading import LoadedScenario

RUNS = 200
SEED = 0
"""The preview's defaults; ``diplosim batch`` uses the same root seed by default."""


class Cancelled(Exception):
    """A preview given up because a newer edit made it stale."""


def batch_summary(
    scenario: LoadedScenario,
    runs: int = RUNS,
    seed: int = SEED,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """The batch summary of ``runs`` runs of ``scenario`` (one worker: the caller's thread).

    Raises :class:`Cancelled` as soon as ``cancelled()`` turns true between chunks of runs.
    """

    def report(done: int, total: int) -> None:
        if cancelled():
            raise Cancelled
        if progress is not None:
            progress(done, total)

    plan = Plan(scenario, [], [{}], [scenario], layout_of([scenario], []), seed, runs)
    return execute(plan, workers=1, progress=Reporter(report)).summary


@dataclass(frozen=True)
class Change:
    """One probability, saved and edited (None: not known, e.g. the saved file does not load)."""

    label: str
    saved: float | None
    edited: float

    @property
    def delta(self) -> float | None:
        return None if self.saved is None else self.edited - self.saved


@dataclass(frozen=True)
class DraftChanges:
    """A draft's outcome probabilities and its voters' leanings, saved against edited."""

    symbol: str
    outcomes: list[Change]
    leanings: list[tuple[str, str | None, float | None, str, float]]
    """Per member: name, saved most likely ballot and its share, edited ballot and share."""


def _modal(shares: dict[str, float]) -> tuple[str | None, float | None]:
    if not shares:
        return None, None
    share, ballot = max((shares[b], b) for b in ("yes", "abstain", "no"))
    return ballot, share


def compare(saved: dict[str, Any] | None, edited: dict[str, Any]) -> list[DraftChanges]:
    """Per draft: P(adopted), P(vetoed) (and by whom), and each member's most likely ballot."""
    after = edited["points"][0]["drafts"]
    before = saved["points"][0]["drafts"] if saved is not None else {}
    changes = []
    for key, draft in after.items():
        old = before.get(key)
        outcomes = [
            Change(name, old["outcomes"][name]["p"] if old else None, draft["outcomes"][name]["p"])
            for name in ("adopted", "vetoed")
        ]
        vetoers = set(draft["vetoed_by"]) | set(old["vetoed_by"] if old else ())
        for who in sorted(vetoers):
            was = old["vetoed_by"].get(who, {"p": 0.0})["p"] if old else None
            outcomes.append(Change(f"  by {who}", was, draft["vetoed_by"].get(who, {"p": 0.0})["p"]))
        leanings = []
        for member, shares in draft["members"].items():
            ballot, share = _modal(shares)
            if ballot is None:
                continue
            old_ballot, old_share = _modal(old["members"].get(member, {})) if old else (None, None)
            leanings.append((member, old_ballot, old_share, ballot, share))
        changes.append(DraftChanges(draft["symbol"], outcomes, leanings))
    return changes

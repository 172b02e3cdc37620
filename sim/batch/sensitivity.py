"""What an outcome hinges on: the uncertain numbers ranked by how much of its variance each explains.

Over a batch, each uncertain number x is cut into ten equal-count bins (deciles). The share of
the variance of the outcome (1 if it happened in a run, else 0) that lies between the bins is
a first-order variance decomposition (the correlation ratio, an estimate of the first-order
Sobol index), corrected for the share ten bins explain by chance (the omega-squared correction).
Each number is also given its standardised regression coefficient (its direction, all numbers
fitted together) and the outcome's probability in its lowest and highest tenth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import OutcomeChoiceError
from .records import OUTCOMES, Layout, RunOutcome

BINS = 10


def target_test(layout: Layout, outcome: str, names: dict[str, str]):
    """A function telling whether one draft's (outcome, roll call, round) counts as ``outcome``:
    one of the outcomes, or ``veto:<member>`` (that permanent member's "no" vetoed the draft)."""
    if outcome in OUTCOMES:
        return lambda fact: fact[0] == outcome
    kind, _, who = outcome.partition(":")
    name = names.get(who, who)
    permanent = [m for m, p in zip(layout.members, layout.permanent, strict=True) if p]
    if kind != "veto" or name not in permanent:
        members = ", ".join(f"veto:{k}" for k, v in names.items() if v in permanent)
        raise OutcomeChoiceError(f"--outcome {outcome}: use one of {', '.join(OUTCOMES)}, or {members}")
    index = layout.members.index(name)
    return lambda fact: fact[0] == "vetoed" and fact[1][index] == "N"


def decile_shares(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """(variance share explained by deciles of x, P(y) in the lowest tenth, in the highest)."""
    n = len(x)
    order = np.argsort(x, kind="stable")
    bins = np.empty(n, dtype=int)
    bins[order] = np.arange(n) * BINS // n
    counts = np.bincount(bins, minlength=BINS)
    means = np.bincount(bins, weights=y, minlength=BINS) / np.maximum(counts, 1)
    overall = y.mean()
    total = float(((y - overall) ** 2).sum())
    between = float((counts * (means - overall) ** 2).sum())
    used = int((counts > 0).sum())
    within = (total - between) / max(1, n - used)
    share = (between - (used - 1) * within) / (total + within) if total > 0 else 0.0
    return max(0.0, share), float(means[0]), float(means[used - 1])


def regression(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Standardised coefficients of the outcome on all numbers at once (least squares)."""
    spread = x.std(axis=0)
    z = (x - x.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    target = (y - y.mean()) / (y.std() or 1.0)
    coefficients, *_ = np.linalg.lstsq(z, target, rcond=None)
    return coefficients


def rank(
    layout: Layout, samples: list[tuple], outcomes: list[RunOutcome], test, drafts: list[tuple[str, str]]
) -> dict[str, Any]:
    """Per draft, the uncertain numbers ranked by the variance share of the outcome they explain."""
    x = np.array([[np.nan if v is None else v for v in s] for s in samples], dtype=float)
    keep = [i for i in range(x.shape[1]) if np.isfinite(x[:, i]).all() and x[:, i].std() > 0]
    found: dict[str, Any] = {}
    for index, (key, symbol) in enumerate(drafts):
        y = np.array([1.0 if test(o[index]) else 0.0 for o in outcomes])
        entry: dict[str, Any] = {
            "symbol": symbol,
            "runs": len(y),
            "count": int(y.sum()),
            "p": float(y.mean()),
        }
        if y.min() == y.max() or not keep:
            entry["ranking"] = []
            found[key] = entry
            continue
        coefficients = regression(x[:, keep], y)
        ranking = []
        for column, coefficient in zip(keep, coefficients, strict=True):
            share, low, high = decile_shares(x[:, column], y)
            ranking.append(
                {
                    "parameter": layout.sampled[column],
                    "share": share,
                    "coefficient": float(coefficient),
                    "p_lowest_tenth": low,
                    "p_highest_tenth": high,
                    "range": [float(x[:, column].min()), float(x[:, column].max())],
                }
            )
        ranking.sort(key=lambda r: (-r["share"], -abs(r["coefficient"]), r["parameter"]))
        entry["ranking"] = ranking
        found[key] = entry
    return found

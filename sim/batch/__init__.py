"""Batches: many seeded runs of a scenario, their outcome statistics, sweeps and sensitivity.

``plan(path, runs, seed, vary)`` then ``execute(plan, out=...)`` is what ``diplosim batch`` does;
``read_rows(path)`` reads an output back. Views (tables, plots) use only the summary JSON.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .session import BatchResult, Plan, execute, plan
    from .summary import wilson
    from .writers import read_rows

_HOMES = {
    "BatchResult": "session",
    "Plan": "session",
    "execute": "session",
    "plan": "session",
    "wilson": "summary",
    "read_rows": "writers",
}


def __getattr__(name: str):
    """Each name from its module on first use, as in :mod:`sim`: a command that needs one module
    of the package (``diplosim score`` its default number of runs) does not import them all."""
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'sim.batch' has no attribute {name!r}")


__all__ = ["BatchResult", "Plan", "execute", "plan", "read_rows", "wilson"]

"""Batches: many seeded runs of a scenario, their outcome statistics, sweeps and sensitivity.

``plan(path, runs, seed, vary)`` then ``execute(plan, out=...)`` is what ``diplosim batch`` does;
``read_rows(path)`` reads an output back. Views (tables, plots) use only the summary JSON.
"""

from .session import BatchResult, Plan, execute, plan
from .summary import wilson
from .writers import read_rows

__all__ = ["BatchResult", "Plan", "execute", "plan", "read_rows", "wilson"]

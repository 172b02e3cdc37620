"""The text of a draft at a position: the clauses in force there.

A clause may hold only over a range of its dimension (``holds`` in the scenario file, e.g.
"Acting under Chapter VII" while coercion is at least 55). An amendment that moves the draft out
of that range drops the clause from the draft; one that moves it back brings the clause back. A
clause without a range is always in force. These are pure functions of the position: they draw
nothing and change nothing, so the text follows the draft without changing a run.

The position is read as the record writes it, to one decimal (:func:`~sim.engine.rounding.rounded`),
so a record that shows coercion at 55.0 never shows a clause that needs 55 missing.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..scenario.spec import Clause
from .rounding import rounded


def holds_at(clause: Clause, value: float) -> bool:
    """Whether ``clause`` is in force when the draft stands at ``value`` on the clause's dimension."""
    bounds = clause.holds
    if bounds is None:
        return True
    shown = rounded(value, 1)
    return (bounds.at_least is None or shown >= bounds.at_least) and (
        bounds.at_most is None or shown <= bounds.at_most
    )


def is_in_force(clause: Clause, dims: Sequence[str], position: Sequence[float]) -> bool:
    """Whether a draft that stands at ``position`` (one score per dimension of ``dims``) has ``clause``."""
    if clause.holds is None or clause.dimension is None:
        return True
    return holds_at(clause, position[dims.index(clause.dimension)])


def in_force(clauses: Sequence[Clause], dims: Sequence[str], position: Sequence[float]) -> list[Clause]:
    """The clauses a draft that stands at ``position`` has, in their order in the draft."""
    return [clause for clause in clauses if is_in_force(clause, dims, position)]


def texts(clauses: Sequence[Clause]) -> list[str]:
    """The words of ``clauses``, as the record keeps them."""
    return [clause.text for clause in clauses]


def crossed(
    clauses: Sequence[Clause], dimension: str, before: float, after: float
) -> tuple[list[str], list[str]]:
    """What moving a draft on ``dimension`` from ``before`` to ``after`` does to its text: the
    clauses it drops and those it brings back (their texts, in their order in the draft)."""
    dropped: list[str] = []
    added: list[str] = []
    for clause in clauses:
        if clause.dimension != dimension:
            continue
        was, now = holds_at(clause, before), holds_at(clause, after)
        if was and not now:
            dropped.append(clause.text)
        elif now and not was:
            added.append(clause.text)
    return dropped, added

"""What the outcome of a run is worth to each actor: its utility of the final status quo less
its utility of the initial one (docs/model.md, section 4.7).

Both are measured with :func:`sim.engine.voting.utility` at the actor's ideal and salience at
the end of the run (events may have moved them), so the number says how far the run moved the
world toward what the actor wants by then, whatever it did: 0 when nothing was adopted (or what
was adopted changes nothing it cares about), positive when the outcome suits it better.

Called once, when the schedule ends (:func:`sim.engine.rounds.finish`). Not compiled: it runs
once a run.
"""

from __future__ import annotations

from ..scenario.uncertain import is_uncertain
from .chamber import Chamber
from .rounding import rounded
from .voting import utility

DIGITS = 4
"""Places the record keeps, as for the utilities of an explanation (sim/engine/explain.py)."""


def initial_status_quo(model: Chamber) -> list[float]:
    """The status quo the run started from: the scenario's, each uncertain number as this run
    drew it (the record's ``sampled``, as ``status_quo.<dimension>``)."""
    given = model.scenario.spec.status_quo
    sampled = model.record.sampled
    return [
        sampled[f"status_quo.{dim}"] if is_uncertain(given[dim]) else float(given[dim]) for dim in model.dims
    ]


def utilities(model: Chamber) -> dict[str, float]:
    """Each actor's utility of the outcome, by actor id (in the model's order of actors)."""
    start = initial_status_quo(model)
    end = list(model.status_quo)
    worth: dict[str, float] = {}
    for key, actor in model.actors.items():
        ideal, salience = list(actor.ideal), list(actor.salience)
        worth[key] = rounded(utility(ideal, salience, end) - utility(ideal, salience, start), DIGITS)
    return worth

"""The numbers of a run that the hot path reads: each actor's, and the model's parameters.

An :class:`~sim.engine.agents.ActorAgent` keeps its numbers in an :class:`ActorState` and reads and
writes them through it. Compiled with mypyc (hatch_build.py), these are native classes whose
fields sit in a C struct: the compiled hot path (picture, lobbying, drafting, roll calls) reads
them for a few nanoseconds each, where an attribute of an interpreted object such as a Mesa
agent costs about fifteen times as much. From a source checkout they are plain Python classes.
"""

from __future__ import annotations

from typing import Any, Final

from ..scenario.profiles import number_range

SCALAR_ATTRIBUTES: Final[dict[str, str]] = {
    "capability": "capability",
    "susceptibility": "susceptibility",
    "forcing": "forcing",
    "costs.against": "cost_no",
    "costs.veto": "cost_veto",
}
"""The attribute of each scalar number of a profile (sim/scenario/profiles.NUMBERS, which
tests/test_profile_numbers.py holds this to)."""


class ActorState:
    """One actor's preferences and standing during a run."""

    def __init__(
        self,
        key: str,
        name: str,
        index: int,
        has_veto: bool,
        on_council: bool,
        ideal: list[float],
        salience: list[float],
        capability: float,
        susceptibility: float,
        cost_no: float,
        cost_veto: float,
        forcing: float,
        alignments: dict[str, float],
    ) -> None:
        self.key = key
        """The actor's id."""
        self.name = name
        """Display name, as records give it."""
        self.index = index
        """Place among the model's actors (ordered by id)."""
        self.seat = -1
        """Place on the Council (ordered by id); -1 without a vote. Set by the model."""
        self.has_veto = has_veto
        """A permanent member: its "no" on a substantive draft is a veto."""
        self.on_council = on_council
        """Holds a seat and votes."""
        self.ideal = ideal
        """Where it would like each dimension to be."""
        self.position: list[float] = list(ideal)
        """Where it stands now, after lobbying; drifts back toward ``ideal``."""
        self.salience = salience
        """How much each dimension matters to it (0 to 1)."""
        self.capability = capability
        """Political capital it spends on lobbying each round."""
        self.susceptibility = susceptibility
        """How far others' pressure moves it."""
        self.cost_no = cost_no
        """What a "no" costs it (a non-permanent member, or any member on procedure)."""
        self.cost_veto = cost_veto
        """What a veto costs it (a permanent member on a substantive draft)."""
        self.forcing = forcing
        """As a sponsor, what a vetoed vote is worth to it: exposing the veto (>0) or a defeat (<0)."""
        self.alignments = alignments
        """How closely it follows other actors (-1 to 1), by actor id."""
        self.inducement = 0.0
        """Value added to its yes by offers, until its next vote."""
        self.veto_pressure = 0.0
        """What public statements add to the price of its veto now (fades each round)."""
        self.deference: dict[str, float] = {}
        """How far it defers to each organisation's request for a draft, by actor id (set by the
        model from the profile; plain numbers)."""
        self.heard: dict[str, int] = {}
        """How many statements about it each actor (by id) has made: each gives less than the last."""

    def change(
        self, field: str, add: float | None, set_to: float | None, dims: list[str]
    ) -> tuple[float, float]:
        """Apply an event's change to a dotted field (``ideal.coercion``, ``costs.veto``, ...;
        those of sim/scenario/checks.changeable_fields), clipped to its range (the profile's:
        sim/scenario/profiles.number_range); returns (before, after).
        An ideal carries the position with it."""
        group, _, key = field.partition(".")
        lo, hi = number_range(field)
        values: list[float] = []
        index = -1
        if group == "ideal" or group == "salience":
            values = self.ideal if group == "ideal" else self.salience
            index = dims.index(key)
            before = values[index]
        elif group == "alignments":
            before = self.alignments.get(key, 0.0)
        else:
            before = getattr(self, SCALAR_ATTRIBUTES[field])
        if set_to is not None:
            wanted = set_to
        elif add is not None:
            wanted = before + add
        else:
            raise ValueError(f"a change of {field} needs 'add' or 'set'")
        after = min(hi, max(lo, wanted))
        if index >= 0:
            values[index] = after
            if group == "ideal":  # the actor's working position shifts with its ideal
                self.position[index] = min(hi, max(lo, self.position[index] + after - before))
        elif group == "alignments":
            self.alignments[key] = after
        else:
            setattr(self, SCALAR_ATTRIBUTES[field], after)
        return before, after

    def cost_of_no(self, procedural: bool) -> float:
        if self.has_veto and not procedural:
            return min(1.0, max(0.0, self.cost_veto + self.veto_pressure))
        return self.cost_no

    def receptivity(self, lobbyist: str) -> float:
        """How far pressure from ``lobbyist`` gets: its susceptibility, halved for a stranger,
        nothing from an actor it opposes outright."""
        return self.receptivity_to(self.alignments.get(lobbyist, 0.0))

    def receptivity_to(self, alignment: float) -> float:
        """How far pressure gets from an actor it is aligned with by ``alignment`` (0: a stranger)."""
        return self.susceptibility * (0.5 + 0.5 * alignment)


class NativeParameters:
    """The scenario's parameters (``spec.parameters``) as native numbers, read once per model."""

    def __init__(self, parameters: Any) -> None:
        self.noise: float = parameters.noise
        self.anchor: float = parameters.anchor
        self.persuasion: float = parameters.persuasion
        self.alignment_pull: float = parameters.alignment_pull
        self.min_capability: float = parameters.min_capability
        self.targets: int = parameters.targets
        self.amendment_step: float = parameters.amendment_step
        self.failure_cost: float = parameters.failure_cost
        self.inducement_rate: float = parameters.inducement_rate
        self.statement_rate: float = parameters.statement_rate
        self.statement_repeat: float = parameters.statement_repeat
        self.shared_blame: float = parameters.shared_blame
        self.consensus: float = parameters.consensus
        self.promise: float = parameters.promise
        self.request_weight: float = parameters.request_weight

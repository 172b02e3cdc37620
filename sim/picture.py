"""Every actor's gain and stance at a point, and the Council's ballot probabilities: the engine's
hot path, worked out in one pass per point and remembered until somebody moves.

A run asks for the same numbers many times: lobbying reads every member's leaning on the focus
draft, each actor's own gain and its allies' stances; sponsors weigh their draft and a few
trial amendments. :class:`Picture` computes, for a point, the gains and stances of all actors
at once, keeps them until a position, a salience or the status quo changes, and keeps the "who
follows whom" tables (alignments as indices, receptivity) until an event changes an alignment
or a susceptibility. Every number is computed with exactly the operations, in exactly the
order, of the equations in docs/model.md (``voting``), so records are the same to the last bit.

This module and :mod:`sim.lobbying` are compiled with mypyc when the package is built (see
pyproject.toml); they are plain typed Python, and run as such from a source checkout.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .agents import ActorAgent
    from .model import DiplomacyModel

Probabilities = tuple[float, float, float]


class Wiring:
    """Who follows whom, by index: each member's allies with their weights, and how receptive
    each member is to each lobbyist (0 to itself). Changes only when an event changes an
    alignment or a susceptibility."""

    def __init__(self, actors: list[ActorAgent], council: list[ActorAgent]) -> None:
        index = {a.key: i for i, a in enumerate(actors)}
        self.allies: list[list[tuple[int, float]]] = [
            [(index[other], weight) for other, weight in member.alignments.items()] for member in council
        ]
        # ActorAgent.receptivity, for every (lobbyist, member) pair; 0 to itself, so a member
        # never scores itself as a target.
        self.receptivity: list[list[float]] = [
            [0.0 if member is lobbyist else member.receptivity(lobbyist.key) for member in council]
            for lobbyist in actors
        ]


class Picture:
    """Gains, stances and ballot probabilities of one model's actors, memoised per point."""

    def __init__(self, model: DiplomacyModel) -> None:
        self.model = model
        self._points: dict[tuple[float, ...], tuple[list[float], list[float]]] = {}
        self._bases: dict[tuple[float, ...], list[float]] = {}
        self._wiring: Wiring | None = None
        self._positions: list[list[float]] | None = None
        self._saliences: list[list[float]] = []

    def forget(self) -> None:
        """Positions or saliences changed: every remembered gain is stale."""
        self._points.clear()
        self._bases.clear()
        self._positions = None

    def rewire(self) -> None:
        """An event changed an actor's profile: rebuild the alignment tables when next needed."""
        self._wiring = None
        self.forget()

    @property
    def wiring(self) -> Wiring:
        wiring = self._wiring
        if wiring is None:
            wiring = self._wiring = Wiring(list(self.model.actors.values()), self.model.council)
        return wiring

    def positions(self) -> list[list[float]]:
        """Every actor's current position, by actor index (the agents' own lists)."""
        positions = self._positions
        if positions is None:
            actors = list(self.model.actors.values())
            positions = self._positions = [a.position for a in actors]
            self._saliences = [a.salience for a in actors]
        return positions

    def at(self, point: list[float], status_quo: list[float]) -> tuple[list[float], list[float]]:
        """Every actor's gain Δ(point) over ``status_quo`` and its stance tanh(Δ / 3σ), by actor
        index."""
        quo = tuple(status_quo)
        key = tuple(point) + quo
        known = self._points.get(key)
        if known is not None:
            return known
        positions = self.positions()
        saliences = self._saliences
        count = len(positions)
        bases = self._bases.get(quo)
        if bases is None:
            bases = self._bases[quo] = [utility(positions[i], saliences[i], status_quo) for i in range(count)]
        gains = [utility(positions[i], saliences[i], point) - bases[i] for i in range(count)]
        scale = 3 * self.model.parameters.noise
        stances = [math.tanh(gain / scale) for gain in gains]
        known = self._points[key] = (gains, stances)
        return known

    def members(self, members: list[ActorAgent], point: list[float], procedural: bool) -> list[Probabilities]:
        """The (yes, abstain, no) probabilities of ``members`` at ``point``: each one's gain plus
        its allies' pull, priced against its cost of a "no" (voting.vote_values and
        voting.choice_probabilities, inlined)."""
        model = self.model
        gains, stances = self.at(point, model.status_quo)
        allies = self.wiring.allies
        parameters = model.parameters
        weight: float = parameters.alignment_pull
        noise: float = parameters.noise
        table: list[Probabilities] = []
        for member in members:
            pull = 0.0
            seat: int = member.council_index  # type: ignore[assignment]  # members sit on the Council
            for other, alignment in allies[seat]:
                pull += alignment * stances[other]
            gain = gains[member.index] + weight * pull
            cost: float = member.cost_veto if member.has_veto and not procedural else member.cost_no
            yes = gain + member.inducement
            no = -gain - cost
            top = yes  # max(yes, 0.0, no): the first of the largest, as the builtin picks it
            if top < 0.0:
                top = 0.0
            if no > top:
                top = no
            w_yes = math.exp((yes - top) / noise)
            w_abstain = math.exp((0.0 - top) / noise)
            w_no = math.exp((no - top) / noise)
            total = sum((w_yes, w_abstain, w_no))  # as voting.choice_probabilities adds them
            table.append((w_yes / total, w_abstain / total, w_no / total))
        return table


def utility(position: list[float], salience: list[float], point: list[float]) -> float:
    """voting.utility, the same operations in the same order."""
    total = 0.0
    for d in range(len(point)):
        total -= salience[d] * abs(point[d] - position[d])
    return total / 100.0

"""Every actor's gain and stance at a point, and the Council's ballot probabilities: the engine's
hot path, worked out in one pass per point and remembered until somebody moves.

A run asks for the same numbers many times: lobbying reads every member's leaning on the focus
draft, each actor's own gain and its allies' stances; sponsors weigh their draft and a few
trial amendments. :class:`Picture` computes, for a point, the gains and stances of all actors
at once from plain lists, keeps them until a position, a salience or the status quo changes,
and keeps the "who follows whom" tables (alignments as indices, receptivity) until an event
changes an alignment or a susceptibility. Every number is computed with exactly the
operations, in exactly the order, of the equations in docs/model.md (``voting``), so records
are the same to the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .agents import ActorAgent
    from .model import DiplomacyModel

Probabilities = tuple[float, float, float]


class Wiring:
    """Who follows whom, by index: each member's allies with their weights, and how receptive
    each member is to each lobbyist (0 to itself). Changes only when an event changes an
    alignment or a susceptibility."""

    def __init__(self, actors: list[ActorAgent], council: list[ActorAgent]):
        index = {a.key: i for i, a in enumerate(actors)}
        self.allies: list[tuple[tuple[int, float], ...]] = [
            tuple((index[other], weight) for other, weight in member.alignments.items()) for member in council
        ]
        # ActorAgent.receptivity, for every (lobbyist, member) pair; 0 to itself, so a member
        # never scores itself as a target.
        self.receptivity: list[list[float]] = [
            [
                0.0
                if member is lobbyist
                else member.susceptibility * (0.5 + 0.5 * member.alignments.get(lobbyist.key, 0.0))
                for member in council
            ]
            for lobbyist in actors
        ]


class Picture:
    """Gains, stances and ballot probabilities of one model's actors, memoised per point."""

    def __init__(self, model: DiplomacyModel):
        self.model = model
        self._points: dict[tuple[float, ...], tuple[Gains, Stances]] = {}
        self._bases: dict[tuple[float, ...], list[float]] = {}
        self._wiring: Wiring | None = None

    def forget(self) -> None:
        """Positions or saliences changed: every remembered gain is stale."""
        self._points.clear()
        self._bases.clear()

    def rewire(self) -> None:
        """An event changed an actor's profile: rebuild the alignment tables when next needed."""
        self._wiring = None
        self.forget()

    @property
    def wiring(self) -> Wiring:
        if self._wiring is None:
            self._wiring = Wiring(list(self.model.actors.values()), self.model.council)
        return self._wiring

    def at(self, point: list[float], status_quo: list[float]) -> tuple[Gains, Stances]:
        """Every actor's gain Δ(point) over ``status_quo`` and its stance tanh(Δ / 3σ), by actor
        index, each worked out the first time it is asked for."""
        key = (*point, *status_quo)
        known = self._points.get(key)
        if known is None:
            actors = list(self.model.actors.values())
            bases = self._bases.get(key[len(point) :])
            if bases is None:
                bases = [_utility(a.position, a.salience, status_quo) for a in actors]
                self._bases[key[len(point) :]] = bases
            gains = Gains(actors, key[: len(point)], bases)
            known = self._points[key] = (gains, Stances(gains, 3 * self.model.parameters.noise))
        return known

    def members(self, members: list[ActorAgent], point: list[float], procedural: bool) -> list[Probabilities]:
        """The (yes, abstain, no) probabilities of ``members`` at ``point``: each one's gain plus
        its allies' pull, priced against its cost of a "no" (voting.vote_values and
        voting.choice_probabilities, inlined)."""
        model = self.model
        gains, stances = self.at(point, model.status_quo)
        allies = self.wiring.allies
        weight, noise = model.parameters.alignment_pull, model.parameters.noise
        exp = math.exp
        table = []
        for member in members:
            pull = 0.0
            for other, alignment in allies[member.council_index]:
                pull += alignment * stances[other]
            gain = gains[member.index] + weight * pull
            cost = member.cost_veto if member.has_veto and not procedural else member.cost_no
            yes, no = gain + member.inducement, -gain - cost
            top = max(yes, 0.0, no)
            weights = (exp((yes - top) / noise), exp((0.0 - top) / noise), exp((no - top) / noise))
            total = sum(weights)
            table.append((weights[0] / total, weights[1] / total, weights[2] / total))
        return table


class Gains(dict):
    """Actors' gains at one point, by actor index, each computed when first looked up (a trial
    amendment needs only the sponsors' and a few permanent members' and their allies')."""

    __slots__ = ("actors", "bases", "point")

    def __init__(self, actors: list[ActorAgent], point: tuple[float, ...], bases: list[float]):
        super().__init__()
        self.actors, self.point, self.bases = actors, point, bases

    def __missing__(self, index: int) -> float:
        actor = self.actors[index]
        gain = self[index] = _utility(actor.position, actor.salience, self.point) - self.bases[index]
        return gain


class Stances(dict):
    """Actors' stances at one point (voting.stance), by actor index, computed when first looked up."""

    __slots__ = ("gains", "scale")

    def __init__(self, gains: Gains, scale: float):
        super().__init__()
        self.gains, self.scale = gains, scale

    def __missing__(self, index: int) -> float:
        stance = self[index] = math.tanh(self.gains[index] / self.scale)
        return stance


def _utility(position: list[float], salience: list[float], point: Sequence[float]) -> float:
    """voting.utility, the same operations in the same order. Indexing is used rather than
    ``zip(..., strict=True)``, which costs more than the arithmetic on three dimensions."""
    total = 0.0
    for d in range(len(point)):
        total -= salience[d] * abs(point[d] - position[d])
    return total / 100.0

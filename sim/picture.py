"""Every actor's gain and stance at a point, and the Council's ballot probabilities: the engine's
hot path, worked out in one pass per point and remembered until somebody moves.

A run asks for the same numbers many times: lobbying reads every member's leaning on the focus
draft, each actor's own gain and its allies' stances; sponsors weigh their draft and a few
trial amendments. :class:`Picture` computes, for a point, the gains and stances of all actors
at once, keeps them until a position, a salience or the status quo changes, and keeps the "who
follows whom" tables (alignments as indices, receptivity) until an event changes an alignment
or a susceptibility. Every number is computed with exactly the operations, in exactly the
order, of the equations in docs/model.md (``voting``), so records are the same to the last bit.

This module, :mod:`sim.state` and :mod:`sim.lobbying` are compiled with mypyc when the package
is built (see pyproject.toml); they are plain typed Python, and run as such from a source
checkout.
"""

from __future__ import annotations

import math

from .state import ActorState, Tuning

Probabilities = tuple[float, float, float]


class Wiring:
    """Who follows whom, by index: each member's allies with their weights, and how receptive
    each member is to each lobbyist (0 to itself). Changes only when an event changes an
    alignment or a susceptibility."""

    def __init__(self, actors: list[ActorState], council: list[ActorState]) -> None:
        index = {a.key: a.index for a in actors}
        self.ally_index: list[list[int]] = []
        """Per seat, the actor indices of the member's allies, in the order of its alignments."""
        self.ally_weight: list[list[float]] = []
        """Per seat, how closely the member follows each of those allies."""
        for member in council:
            self.ally_index.append([index[other] for other in member.alignments])
            self.ally_weight.append([weight for weight in member.alignments.values()])
        # ActorState.receptivity, for every (lobbyist, member) pair; 0 to itself, so a member
        # never scores itself as a target.
        self.receptivity: list[list[float]] = [
            [0.0 if member is lobbyist else member.receptivity(lobbyist.key) for member in council]
            for lobbyist in actors
        ]


class Picture:
    """Gains, stances and ballot probabilities of one model's actors, memoised per point, and
    the status quo they are measured from."""

    def __init__(
        self, actors: list[ActorState], council: list[ActorState], tuning: Tuning, status_quo: list[float]
    ) -> None:
        self.actors = actors
        """Every actor's numbers, by actor index (ordered by id)."""
        self.council = council
        """The members' numbers, in Council order (ordered by id)."""
        self.by_key: dict[str, ActorState] = {a.key: a for a in actors}
        self.vetoes: list[bool] = [m.has_veto for m in council]
        """Per seat: a permanent member."""
        self.tuning = tuning
        self.status_quo = status_quo
        """What holds on each dimension if nothing is adopted; the last adopted draft's position."""
        self._points: dict[tuple[float, ...], tuple[list[float], list[float]]] = {}
        self._bases: list[float] | None = None
        self._quo: list[float] = []
        self._wiring: Wiring | None = None

    def forget(self) -> None:
        """Positions or saliences changed: every remembered gain is stale."""
        self._points.clear()
        self._bases = None

    def rewire(self) -> None:
        """An event changed an actor's profile: rebuild the alignment tables when next needed."""
        self._wiring = None
        self.forget()

    @property
    def wiring(self) -> Wiring:
        wiring = self._wiring
        if wiring is None:
            wiring = self._wiring = Wiring(self.actors, self.council)
        return wiring

    def at(self, point: list[float], status_quo: list[float]) -> tuple[list[float], list[float]]:
        """Every actor's gain Δ(point) over ``status_quo`` and its stance tanh(Δ / 3σ), by actor
        index."""
        if status_quo != self._quo:  # remembered gains are over another status quo
            self.forget()
            self._quo = list(status_quo)
        key = tuple(point)
        known = self._points.get(key)
        if known is not None:
            return known
        actors = self.actors
        bases = self._bases
        if bases is None:
            bases = self._bases = [utility(a.position, a.salience, status_quo) for a in actors]
        gains = [
            utility(actors[i].position, actors[i].salience, point) - bases[i] for i in range(len(actors))
        ]
        scale = 3 * self.tuning.noise
        stances = [math.tanh(gain / scale) for gain in gains]
        known = self._points[key] = (gains, stances)
        return known

    def members(self, members: list[ActorState], point: list[float], procedural: bool) -> list[Probabilities]:
        """The (yes, abstain, no) probabilities of ``members`` at ``point``."""
        gains, stances = self.at(point, self.status_quo)
        wiring = self.wiring
        return [self._ballot(member, gains, stances, wiring, procedural) for member in members]

    def ballot(self, member: ActorState, point: list[float], procedural: bool) -> Probabilities:
        """The (yes, abstain, no) probabilities of one member at ``point``."""
        gains, stances = self.at(point, self.status_quo)
        return self._ballot(member, gains, stances, self.wiring, procedural)

    def _ballot(
        self, member: ActorState, gains: list[float], stances: list[float], wiring: Wiring, procedural: bool
    ) -> Probabilities:
        """A member's gain plus its allies' pull, priced against its cost of a "no"
        (voting.vote_values and voting.choice_probabilities, inlined)."""
        seat = member.seat
        allies = wiring.ally_index[seat]
        weights = wiring.ally_weight[seat]
        pull = 0.0
        for k in range(len(allies)):
            pull += weights[k] * stances[allies[k]]
        tuning = self.tuning
        gain = gains[member.index] + tuning.alignment_pull * pull
        cost = member.cost_veto if member.has_veto and not procedural else member.cost_no
        yes = gain + member.inducement
        no = -gain - cost
        top = yes  # max(yes, 0.0, no): the first of the largest, as the builtin picks it
        if top < 0.0:
            top = 0.0
        if no > top:
            top = no
        noise = tuning.noise
        w_yes = math.exp((yes - top) / noise)
        w_abstain = math.exp((0.0 - top) / noise)
        w_no = math.exp((no - top) / noise)
        total = w_yes + w_abstain + w_no
        return (w_yes / total, w_abstain / total, w_no / total)


def utility(position: list[float], salience: list[float], point: list[float]) -> float:
    """voting.utility, the same operations in the same order."""
    total = 0.0
    for d in range(len(point)):
        total -= salience[d] * abs(point[d] - position[d])
    return total / 100.0

"""The Mesa agent: one actor's sampled preferences, how it votes and whom it lobbies."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import mesa

from . import voting
from .council import Ballot
from .moves import Inducement, Lobby, Statement
from .profiles import ActorProfile

if TYPE_CHECKING:
    from .model import DiplomacyModel, DraftState

UNIT = (0.0, 1.0)
FIELD_RANGES = {"ideal": (0.0, 100.0), "alignments": (-1.0, 1.0), "forcing": (-1.0, 1.0)}
SCALAR_ATTRIBUTES = {
    "capability": "capability",
    "susceptibility": "susceptibility",
    "forcing": "forcing",
    "costs.against": "cost_no",
    "costs.veto": "cost_veto",
}


Pressure = tuple["ActorAgent", int, float]
"""A lobbying move the engine plans: (target, dimension index, effort)."""


class Swings(NamedTuple):
    """Per Council member (in Council order), how far its vote could still move: toward yes
    (1 - P(yes)), and against the draft (1 - P(no) where its "no" is a veto, else P(yes))."""

    toward_yes: list[float]
    against: list[float]


def swings(
    council: Sequence[ActorAgent], leanings: Sequence[tuple[float, float, float]], procedural: bool
) -> Swings:
    """The :class:`Swings` of the members from their (yes, abstain, no) probabilities."""
    return Swings(
        [1.0 - p_yes for p_yes, _, _ in leanings],
        [
            1.0 - p_no if member.has_veto and not procedural else p_yes
            for member, (p_yes, _, p_no) in zip(council, leanings, strict=True)
        ],
    )


class ActorAgent(mesa.Agent):
    """An actor of the scenario; Council members vote, anyone with capability lobbies."""

    def __init__(self, model: DiplomacyModel, profile: ActorProfile, values: dict):
        super().__init__(model)
        self.key = profile.id
        self.name = profile.name
        self.on_council = profile.on_council
        self.has_veto = profile.has_veto
        self.ideal: list[float] = values["ideal"]
        self.position: list[float] = list(self.ideal)
        self.salience: list[float] = values["salience"]
        self.capability: float = values["capability"]
        self.susceptibility: float = values["susceptibility"]
        self.cost_no: float = values["costs.against"]
        self.cost_veto: float = values["costs.veto"]
        self.forcing: float = values["forcing"]
        self.alignments: dict[str, float] = values["alignments"]
        self.pressure: list[dict] = []
        self.shocks: list[dict] = []
        self.inducement = 0.0
        self.index = len(model.actors)
        """Place in the model's actors (ordered by id): where its gain sits in ``model.picture``."""
        self.council_index: int | None = None
        """Place on the Council (ordered by id), None without a vote; set by the model."""

    # -- preferences ---------------------------------------------------------------------------

    def gain(self, point: Sequence[float], status_quo: Sequence[float]) -> float:
        """Utility of ``point`` over the status quo, from its current position (worked out for
        every actor at once and memoised until someone moves: see sim/picture.py)."""
        return self.model.picture.at(point, status_quo)[0][self.index]

    def moved(self) -> None:
        """Forget memoised gains after the position or salience changed."""
        self.model.picture.forget()

    def cost_of_no(self, procedural: bool) -> float:
        return self.cost_veto if self.has_veto and not procedural else self.cost_no

    def receptivity(self, lobbyist: str) -> float:
        """How far pressure from ``lobbyist`` gets: its susceptibility, halved for a stranger,
        nothing from an actor it opposes outright."""
        return self.susceptibility * (0.5 + 0.5 * self.alignments.get(lobbyist, 0.0))

    # -- fields an event may change ------------------------------------------------------------

    def change(
        self, field: str, add: float | None, set_to: float | None, dims: Sequence[str]
    ) -> tuple[float, float]:
        """Apply an event's change to a dotted field, clipped to its range; returns (before, after)."""
        group, _, key = field.partition(".")
        lo, hi = FIELD_RANGES.get(group, FIELD_RANGES.get(field, UNIT))
        if group in ("ideal", "salience"):
            values = self.ideal if group == "ideal" else self.salience
            index = dims.index(key)
            before = values[index]
        elif group == "alignments":
            before = self.alignments.get(key, 0.0)
        else:
            before = getattr(self, SCALAR_ATTRIBUTES[field])
        after = min(hi, max(lo, set_to if set_to is not None else before + add))
        if group in ("ideal", "salience"):
            values[index] = after
            if group == "ideal":  # the actor's working position shifts with its ideal
                self.position[index] = min(hi, max(lo, self.position[index] + after - before))
            self.moved()
        elif group == "alignments":
            self.alignments[key] = after
        else:
            setattr(self, SCALAR_ATTRIBUTES[field], after)
        if group == "alignments" or field == "susceptibility":
            self.model.picture.rewire()  # both are tabled there, for lobbying and the pull
        return before, after

    # -- lobbying ------------------------------------------------------------------------------

    def plan_lobbying(self, draft: DraftState, swings: Swings) -> list[Pressure]:
        """Press the members whose vote could still move the way this actor wants: (target,
        dimension index, effort) for each, at most ``targets`` of them.

        ``swings`` says how far each member's vote could still move, from the round's starting
        (yes, abstain, no) probabilities (:func:`swings`).
        """
        model = self.model
        capability = self.capability
        if capability <= 0 or capability < model.parameters.min_capability:
            return []
        gain = self.gain(draft.position, model.status_quo)
        if gain == 0:
            return []  # indifferent: nothing to press for
        wants_yes = gain > 0
        # score = swing x receptivity(target, self) (0 for itself); best first, ties in Council
        # order, which is by id. Receptivity is tabled once per run in model.picture.
        receptivity = model.picture.wiring.receptivity[self.index]
        scores = map(operator.mul, swings.toward_yes if wants_yes else swings.against, receptivity)
        ranked = sorted((-score, seat) for seat, score in enumerate(scores) if score > 0.01)
        council, targets, point = model.council, model.parameters.targets, draft.position
        chosen = []
        for _, seat in ranked:
            target = council[seat]
            index = self._best_dimension(target, point, wants_yes)
            if index is not None:
                chosen.append((target, index))
                if len(chosen) == targets:
                    break
        return [(target, index, capability / len(chosen)) for target, index in chosen]

    def _best_dimension(self, target: ActorAgent, point: Sequence[float], wants_yes: bool) -> int | None:
        """The dimension (index) on which pulling ``target`` a quarter of the way toward this
        actor changes its gain most in this actor's favour (only that dimension's term changes)."""
        best, best_index = 0.0, None
        own, theirs, salience, status_quo = (
            self.position,
            target.position,
            target.salience,
            self.model.status_quo,
        )
        for index in range(len(point)):  # indexing: cheaper than zip(..., strict=True) here
            here = theirs[index]
            there = here + 0.25 * (own[index] - here)
            if abs(there - here) < 1e-9:
                continue
            x, q = point[index], status_quo[index]
            change = salience[index] * ((abs(q - there) - abs(x - there)) - (abs(q - here) - abs(x - here)))
            benefit = change if wants_yes else -change
            if benefit > best + 1e-12:
                best, best_index = benefit, index
        return best_index

    def receive(self, lobby: Lobby, strength: float, round_index: int, dims: Sequence[str]) -> float:
        """Move toward the lobbyist on one dimension; returns the shift."""
        lobbyist = self.model.actors[lobby.actor]
        shift = self.pressed(lobbyist, dims.index(lobby.dimension), lobby.effort, strength, round_index)
        self.moved()
        return shift

    def pressed(
        self, lobbyist: ActorAgent, index: int, effort: float, strength: float, round_index: int
    ) -> float:
        """Move toward ``lobbyist`` on dimension ``index`` under ``effort``; returns the shift.

        The caller calls :meth:`moved` (the model does so once for all of a round's lobbying).
        The history of pressure feeds explanations only, so a model without them keeps none.
        """
        receptivity = self.susceptibility * (0.5 + 0.5 * self.alignments.get(lobbyist.key, 0.0))
        here = self.position[index]
        shift = strength * effort * receptivity * (lobbyist.position[index] - here)
        self.position[index] = min(100.0, max(0.0, here + shift))
        if self.model.explain:
            self.pressure.append(
                {
                    "round": round_index,
                    "by": lobbyist.name,
                    "dimension": self.model.dims[index],
                    "shift": round(shift, 2),
                }
            )
        return shift

    def induce(self, offer: Inducement, rate: float, round_index: int) -> None:
        """Take an offer into account: it adds to the value of voting yes until the next vote."""
        bonus = rate * offer.amount * self.receptivity(offer.actor)
        self.inducement += bonus
        self.pressure.append(
            {"round": round_index, "by": self.model.actors[offer.actor].name, "inducement": round(bonus, 3)}
        )

    def hear(self, statement: Statement, rate: float, round_index: int) -> None:
        """A public statement about this member moves the price of its veto (not its views)."""
        before = self.cost_veto
        self.cost_veto = min(1.0, max(0.0, before + rate * statement.pressure))
        self.pressure.append(
            {
                "round": round_index,
                "by": self.model.actors[statement.actor].name,
                "veto_price": round(self.cost_veto - before, 3),
            }
        )

    def settle(self, anchor: float) -> None:
        """Drift back toward its own ideal: nobody moves far without continued pressure."""
        if self.position == self.ideal:
            return  # p + anchor * 0 is p: nothing moves (most non-members, every round)
        position, ideal = self.position, self.ideal
        self.position = [position[d] + anchor * (ideal[d] - position[d]) for d in range(len(ideal))]
        self.moved()

    def cast(self, probabilities: Sequence[float]) -> Ballot:
        return voting.draw(probabilities, self.model.random.random())

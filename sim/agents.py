"""The Mesa agent: one actor's sampled preferences, how it votes and whom it lobbies."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

import mesa

from . import voting
from .council import Ballot
from .moves import Inducement, Lobby, Statement
from .profiles import ActorProfile
from .uncertain import is_uncertain, sample

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


def draw_profile(profile: ActorProfile, dims: Sequence[str], rng: random.Random, sampled: dict) -> dict:
    """Sample every uncertain number of a profile in a fixed order; log the draws in ``sampled``."""

    def draw(value, lo: float, hi: float, *path: str) -> float:
        if type(value) is float:  # the common case, checked first: most numbers are plain
            return value
        if not is_uncertain(value):
            return float(value)  # a plain number: no draw, nothing to log
        number = sample(value, lo, hi, rng)
        sampled[".".join(("actors", profile.id, *path))] = number
        return number

    ideal, salience, costs = profile.ideal, profile.salience, profile.costs
    return {
        "ideal": [draw(ideal[d], 0, 100, "ideal", d) for d in dims],
        "salience": [draw(salience[d], 0, 1, "salience", d) for d in dims],
        "capability": draw(profile.capability, 0, 1, "capability"),
        "susceptibility": draw(profile.susceptibility, 0, 1, "susceptibility"),
        "costs.against": draw(costs.against, 0, 1, "costs", "against"),
        "costs.veto": draw(costs.veto, 0, 1, "costs", "veto"),
        "forcing": draw(profile.forcing, -1, 1, "forcing"),
        "alignments": {
            other: draw(value, -1, 1, "alignments", other)
            for other, value in sorted(profile.alignments.items())
        },
    }


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
        self._gains: dict[tuple, float] = {}
        self._utilities: dict[tuple, float] = {}

    # -- preferences ---------------------------------------------------------------------------

    def gain(self, point: Sequence[float], status_quo: Sequence[float]) -> float:
        """Utility of ``point`` over the status quo, from its current position (memoised until
        the actor moves: lobbying asks the same question many times a round)."""
        key = (*point, *status_quo)
        cached = self._gains.get(key)
        if cached is None:
            base = self._utilities.get(key[len(point) :])
            if base is None:
                base = self._utilities[key[len(point) :]] = voting.utility(
                    self.position, self.salience, status_quo
                )
            total = 0.0  # voting.utility(self.position, self.salience, point), inlined: the hot path
            for p, s, x in zip(self.position, self.salience, point, strict=True):
                total -= s * abs(x - p)
            cached = self._gains[key] = total / 100.0 - base
        return cached

    def moved(self) -> None:
        """Forget memoised gains after the position or salience changed."""
        self._gains.clear()
        self._utilities.clear()

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
        return before, after

    # -- lobbying ------------------------------------------------------------------------------

    def plan_lobbying(
        self, draft: DraftState, leanings: dict[str, tuple[float, float, float]]
    ) -> list[Lobby]:
        """Press the members whose vote could still move the way this actor wants.

        ``leanings`` holds every member's (yes, abstain, no) probabilities at the round's start.
        """
        model = self.model
        if self.capability <= 0 or self.capability < model.parameters.min_capability:
            return []
        gain = self.gain(draft.position, model.status_quo)
        if gain == 0:
            return []  # indifferent: nothing to press for
        wants_yes = gain > 0
        scored = []
        key, procedural = self.key, draft.procedural
        for target in model.council:
            if target is self:
                continue
            p_yes, _, p_no = leanings[target.key]
            vetoes = target.has_veto and not procedural
            swing = 1.0 - p_yes if wants_yes else (1.0 - p_no if vetoes else p_yes)
            # target.receptivity(key), inlined: this loop runs for every actor, member and round
            score = swing * (target.susceptibility * (0.5 + 0.5 * target.alignments.get(key, 0.0)))
            if score > 0.01:
                scored.append((score, target.key, target))
        scored.sort(key=lambda item: (-item[0], item[1]))
        chosen = []
        for _, _, target in scored:
            dim = self._best_dimension(target, draft, wants_yes)
            if dim is not None:
                chosen.append((target.key, dim))
            if len(chosen) == model.parameters.targets:
                break
        return [Lobby(self.key, target, dim, self.capability / len(chosen)) for target, dim in chosen]

    def _best_dimension(self, target: ActorAgent, draft: DraftState, wants_yes: bool) -> str | None:
        """The dimension on which pulling ``target`` a quarter of the way toward this actor
        changes its gain most in this actor's favour (only that dimension's term changes)."""
        status_quo = self.model.status_quo
        best, best_dim = 0.0, None
        own, theirs, salience, point = self.position, target.position, target.salience, draft.position
        for index, dim in enumerate(self.model.dims):
            here = theirs[index]
            there = here + 0.25 * (own[index] - here)
            if abs(there - here) < 1e-9:
                continue
            x, q = point[index], status_quo[index]
            change = salience[index] * ((abs(q - there) - abs(x - there)) - (abs(q - here) - abs(x - here)))
            benefit = change if wants_yes else -change
            if benefit > best + 1e-12:
                best, best_dim = benefit, dim
        return best_dim

    def receive(self, lobby: Lobby, strength: float, round_index: int, dims: Sequence[str]) -> float:
        """Move toward the lobbyist on one dimension; returns the shift."""
        index = dims.index(lobby.dimension)
        lobbyist = self.model.actors[lobby.actor]
        receptivity = self.susceptibility * (0.5 + 0.5 * self.alignments.get(lobby.actor, 0.0))
        shift = strength * lobby.effort * receptivity * (lobbyist.position[index] - self.position[index])
        self.position[index] = min(100.0, max(0.0, self.position[index] + shift))
        self.moved()
        self.pressure.append(
            {
                "round": round_index,
                "by": lobbyist.name,
                "dimension": lobby.dimension,
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
        self.position = [p + anchor * (i - p) for p, i in zip(self.position, self.ideal, strict=True)]
        self.moved()

    def cast(self, probabilities: Sequence[float]) -> Ballot:
        return voting.draw(probabilities, self.model.random.random())

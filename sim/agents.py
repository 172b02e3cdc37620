"""The Mesa agent: one actor's sampled preferences, how it votes and how pressure moves it
(whom it lobbies is planned in sim/lobbying.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import mesa

from . import lobbying, voting
from .council import Ballot
from .moves import Inducement, Lobby, Statement
from .profiles import ActorProfile

if TYPE_CHECKING:
    from .model import DiplomacyModel

UNIT = (0.0, 1.0)
FIELD_RANGES = {"ideal": (0.0, 100.0), "alignments": (-1.0, 1.0), "forcing": (-1.0, 1.0)}
SCALAR_ATTRIBUTES = {
    "capability": "capability",
    "susceptibility": "susceptibility",
    "forcing": "forcing",
    "costs.against": "cost_no",
    "costs.veto": "cost_veto",
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

    # -- lobbying (planned in sim/lobbying.py) -----------------------------------------------

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

        The caller calls :meth:`moved` (sim/lobbying.py does so once for all of a round's lobbying).
        The history of pressure feeds explanations only, so a model without them keeps none.
        """
        weight = strength * effort * self.receptivity(lobbyist.key)
        shift = lobbying.press(self.position, index, lobbyist.position[index], weight)
        if self.model.explain:
            self.remember_pressure(lobbyist, index, shift, round_index)
        return shift

    def remember_pressure(self, lobbyist: ActorAgent, index: int, shift: float, round_index: int) -> None:
        """Note who moved it, on what and how far, for the explanations of its votes."""
        self.pressure.append(
            {
                "round": round_index,
                "by": lobbyist.name,
                "dimension": self.model.dims[index],
                "shift": round(shift, 2),
            }
        )

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

    def cast(self, probabilities: Sequence[float]) -> Ballot:
        return voting.draw(probabilities, self.model.random.random())

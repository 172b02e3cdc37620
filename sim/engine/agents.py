"""The Mesa agent: one actor's sampled preferences and what a player's pressure moves do to it
(how lobbying moves a member, and whom the engine's actors lobby: sim/engine/lobbying.py)."""

from __future__ import annotations

import itertools
import weakref
from typing import Any

import mesa

from .chamber import Chamber
from .landing import Landing
from .moves import Lobby
from .record import RoundRecord
from .state import ActorState


def _state_field(name: str) -> Any:
    """An attribute of the agent kept in its :class:`ActorState`, which the hot path reads."""
    return property(
        lambda agent: getattr(agent.state, name),
        lambda agent, value: setattr(agent.state, name, value),
        doc=f"The actor's ``{name}`` (in ``state``).",
    )


class _IdsByModel(weakref.WeakKeyDictionary):
    """Mesa numbers a model's agents with a counter kept in a class-level dict keyed by the model
    (``Agent._ids``), which keeps every model ever built alive: a batch of thousands of runs would
    grow without bound. Keyed weakly, a finished model goes; numbering is Mesa's (1, 2, ...)."""

    def __getitem__(self, model: Any) -> Any:
        counter = self.get(model)
        if counter is None:
            counter = self[model] = itertools.count(1)
        return counter


class ActorAgent(mesa.Agent):
    """An actor of the scenario; Council members vote, anyone with capability lobbies."""

    _ids = _IdsByModel()

    key = _state_field("key")
    name = _state_field("name")
    index = _state_field("index")
    on_council = _state_field("on_council")
    has_veto = _state_field("has_veto")
    ideal = _state_field("ideal")
    position = _state_field("position")
    salience = _state_field("salience")
    capability = _state_field("capability")
    susceptibility = _state_field("susceptibility")
    cost_no = _state_field("cost_no")
    cost_veto = _state_field("cost_veto")
    forcing = _state_field("forcing")
    alignments = _state_field("alignments")
    inducement = _state_field("inducement")

    def __init__(self, model: Chamber, state: ActorState):
        super().__init__(model)
        self.begin(state)

    def begin(self, state: ActorState) -> None:
        """Take the numbers of a run (sim/engine/sampling.py draws them), with no history yet."""
        self.state = state
        """Its numbers (place among the model's actors, position, costs, ...): see sim/engine/state.py."""
        self.pressure: list[dict] = []
        self.shocks: list[dict] = []

    # -- preferences ---------------------------------------------------------------------------

    def moved(self) -> None:
        """Forget memoised gains after the position or salience changed."""
        self.model.picture.forget()

    def cost_of_no(self, procedural: bool) -> float:
        return self.state.cost_of_no(procedural)

    def receptivity(self, lobbyist: str) -> float:
        """How far pressure from ``lobbyist`` gets (:meth:`ActorState.receptivity`)."""
        return self.state.receptivity(lobbyist)

    # -- lobbying (planned in sim/engine/lobbying.py) -----------------------------------------------

    def receive(self, lobby: Lobby, record: RoundRecord) -> float:
        """A player's Lobby move lands (:class:`sim.engine.landing.Landing`, as the engine's own
        lobbying does), logged in ``record``; returns the shift."""
        model = self.model
        lobbyist = model.actors[lobby.actor]
        index = model.dims.index(lobby.dimension)
        receptivity = self.receptivity(lobby.actor)
        landing = Landing(model, record)
        shift = landing.land(lobbyist.state, self.state, index, lobby.effort, receptivity)
        self.moved()
        return shift

    def remember_pressure(self, by: str, index: int, shift: float, round_index: int) -> None:
        """Note who (``by``, a name) moved it, on what and how far, for the explanations of its votes."""
        self.pressure.append(
            {"round": round_index, "by": by, "dimension": self.model.dims[index], "shift": round(shift, 2)}
        )

    def remember(self, by: str, what: str, change: float, round_index: int) -> None:
        """Note an offer (``what`` is ``inducement``) or a statement (``veto_price``) by ``by``."""
        self.pressure.append({"round": round_index, "by": by, what: round(change, 3)})

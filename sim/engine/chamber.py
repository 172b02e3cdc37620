"""What the steps of a round see of a run in progress, as protocols that the model and its agents
implement.

The model (sim/engine/model.py) calls the steps: the agenda, events, lobbying, sponsors' decisions,
roll calls, explanations and the rules of moves. They take the run as a :class:`Chamber`, and an
actor as a :class:`Member`, rather than as ``DiplomacyModel`` and ``ActorAgent``: so they depend
on this module and on the data they share, and the model and the agents sit on top of them with
no import cycle (tests/test_architecture.py checks that none comes back).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ..scenario.loading import LoadedScenario
from ..scenario.spec import Parameters, Round
from .drafts import DraftState
from .moves import Lobby, Move
from .picture import GainCache
from .public import PublicLog
from .record import EventRecord, RoundRecord, RunRecord
from .state import ActorState


class Member(Protocol):
    """An actor as the steps use it (:class:`sim.engine.agents.ActorAgent` is one)."""

    state: ActorState
    """Its numbers, which the hot path reads."""
    pressure: list[dict[str, Any]]
    """Who pressed it, when and how far (for explanations)."""
    shocks: list[dict[str, Any]]
    """The events that changed it (for explanations)."""
    key: str
    name: str
    on_council: bool
    has_veto: bool
    capability: float
    ideal: list[float]
    position: list[float]
    salience: list[float]
    alignments: dict[str, float]
    inducement: float

    def cost_of_no(self, procedural: bool) -> float: ...

    def receive(self, lobby: Lobby, record: RoundRecord) -> float: ...

    def remember_pressure(self, by: str, index: int, shift: float, round_index: int) -> None: ...

    def remember(self, by: str, what: str, change: float, round_index: int) -> None: ...


class EventSource(Protocol):
    """The scenario's events in a run (:class:`sim.engine.events.EventBook` is one)."""

    def fire(self, chamber: Chamber, today: dt.date) -> list[EventRecord]: ...


class Chamber(Protocol):
    """A run in progress (:class:`sim.engine.model.DiplomacyModel` is one)."""

    round_index: int
    """The round being played, from 0."""
    running: bool
    """False once the schedule is over."""
    status_quo: list[float]
    """What holds if nothing more is adopted (an adopted draft becomes it)."""

    @property
    def scenario(self) -> LoadedScenario: ...
    @property
    def parameters(self) -> Parameters: ...
    @property
    def dims(self) -> list[str]: ...
    @property
    def schedule(self) -> list[Round]: ...
    @property
    def random(self) -> random.Random: ...
    @property
    def players(self) -> tuple[str, ...]: ...
    @property
    def explain(self) -> bool: ...
    @property
    def log_lobbying(self) -> bool: ...
    @property
    def actors(self) -> Mapping[str, Member]: ...
    @property
    def council(self) -> Sequence[Member]: ...
    @property
    def drafts(self) -> dict[str, DraftState]: ...
    @property
    def picture(self) -> GainCache: ...
    @property
    def events(self) -> EventSource: ...
    @property
    def public(self) -> PublicLog: ...
    @property
    def record(self) -> RunRecord: ...

    def expected_outcome(
        self, draft: DraftState, position: list[float] | None = None
    ) -> tuple[float, float, float]: ...

    def open_drafts(self) -> list[DraftState]: ...

    def take_moves(self) -> list[Move]: ...

    def clear_moves(self) -> None: ...

"""Moves: what an actor can do in a round, as data, and as they are written in a save. The engine's
actors and a player make the same moves; :mod:`sim.engine.rules` says when each is allowed and
what it does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from functools import cache
from typing import Annotated, Any, Literal, Union, get_type_hints

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, create_model

from ..errors import MoveError
from ..scenario.strict import Exact, first_error


@dataclass(frozen=True)
class Lobby:
    """Press ``target`` on one dimension, spending ``effort`` of this round's political capital."""

    actor: str
    target: str
    dimension: str
    effort: float


@dataclass(frozen=True)
class Inducement:
    """Offer ``target`` something for a yes vote (aid, support elsewhere); costs ``amount`` capital.
    The offer adds to the target's value of voting yes until its next vote."""

    actor: str
    target: str
    amount: float


@dataclass(frozen=True)
class Statement:
    """A public statement about a permanent member: ``pressure`` > 0 raises the price of its veto,
    < 0 lowers it (cover from a friend). Costs ``abs(pressure)`` capital."""

    actor: str
    target: str
    pressure: float


@dataclass(frozen=True)
class JointStatement:
    """A public statement about a permanent member's veto of ``draft``, made by ``actor`` with
    the other Council members that agree (:func:`sim.engine.rules.signers`): with ``pressure``
    > 0, those that want the draft adopted and do not follow ``target``; < 0 (cover), those that
    want it to fail and follow ``target``. Each signer adds the scenario's ``joint_weight`` of the
    pressure. Costs its convener ``abs(pressure)`` capital; signing costs nothing."""

    actor: str
    target: str
    draft: str
    pressure: float


@dataclass(frozen=True)
class Amend:
    """A sponsor moves its draft on one dimension, by at most the scenario's amendment step."""

    actor: str
    draft: str
    dimension: str
    value: float


@dataclass(frozen=True)
class CallVote:
    """A sponsor puts its draft to the vote this round."""

    actor: str
    draft: str


@dataclass(frozen=True)
class Withdraw:
    """A sponsor withdraws its draft."""

    actor: str
    draft: str


@dataclass(frozen=True)
class Condition:
    """A Council member states in public that it will vote yes on ``draft`` if, when the draft
    comes to the vote, it stands between ``at_least`` and ``at_most`` on ``dimension``. While the
    draft meets it, the member's yes is worth the scenario's ``promise`` more (the price of going
    back on its word), and the sponsors weigh that as they amend. A later condition on the same
    draft replaces it; one a round. Costs no political capital: the member's word is the stake."""

    actor: str
    draft: str
    dimension: str
    at_least: float
    at_most: float


@dataclass(frozen=True)
class Cast:
    """A Council member's ballot on a draft, when that draft comes to the vote this round."""

    actor: str
    draft: str
    ballot: str


Move = Lobby | Inducement | Statement | JointStatement | Amend | CallVote | Withdraw | Condition | Cast
PRESSURE_MOVES = (Lobby, Inducement, Statement, JointStatement)
SPONSOR_MOVES = (Amend, CallVote, Withdraw)
KINDS: dict[str, type] = {
    cls.__name__.lower(): cls
    for cls in (Lobby, Inducement, Statement, JointStatement, *SPONSOR_MOVES, Condition, Cast)
}


def cost(move: Move) -> float:
    """Political capital the move spends."""
    if isinstance(move, Lobby):
        return move.effort
    if isinstance(move, Inducement):
        return move.amount
    if isinstance(move, Statement | JointStatement):
        return abs(move.pressure)
    return 0.0


class _Wire(Exact):
    """The base of the wire models made below: their fields are the dataclasses', which have no
    docstrings of their own to look for (finding them reads the source, 10 ms a model)."""

    model_config = ConfigDict(use_attribute_docstrings=False)


def _wire_model(cls: type) -> type[Exact]:
    hints = get_type_hints(cls)
    fields_ = {f.name: (hints[f.name], ...) for f in fields(cls)}
    return create_model(cls.__name__, __base__=_Wire, kind=(Literal[cls.__name__.lower()], ...), **fields_)


WireMove = Annotated[
    Union[tuple(_wire_model(cls) for cls in KINDS.values())],  # noqa: UP007
    Field(discriminator="kind"),
]
"""A move as it is written in a save: ``{"kind": "lobby", "actor": ..., ...}``, checked."""


@cache
def _wire() -> TypeAdapter[Any]:
    """Built on first use: a command that reads no move should not wait for it."""
    return TypeAdapter(WireMove)


def to_dict(move: Move) -> dict[str, Any]:
    return {"kind": type(move).__name__.lower(), **asdict(move)}


def from_dict(data: Any) -> Move:
    """Rebuild a move saved with :func:`to_dict`, refusing unknown kinds and fields, wrong types
    and numbers that are not finite (a NaN would slip past every comparison of :func:`check`)."""
    try:
        wire = _wire().validate_python(data)
    except ValidationError as exc:
        raise MoveError(f"not a move: {first_error(exc)}") from None
    return from_wire(wire)


def from_wire(wire: Any) -> Move:
    """The move a checked :data:`WireMove` stands for."""
    return KINDS[wire.kind](**wire.model_dump(exclude={"kind"}))

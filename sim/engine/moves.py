"""Moves: what an actor can do in a round. The engine's AI and a human player make the same moves,
and every move goes through :func:`check` and then the model's ``apply``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model

from ..errors import MoveError
from .council import Ballot
from .record import DecisionRecord, RevisionRecord, RoundRecord

if TYPE_CHECKING:
    from .model import DiplomacyModel


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
class Cast:
    """A Council member's ballot on a draft, when that draft comes to the vote this round."""

    actor: str
    draft: str
    ballot: str


Move = Lobby | Inducement | Statement | Amend | CallVote | Withdraw | Cast
PRESSURE_MOVES = (Lobby, Inducement, Statement)
SPONSOR_MOVES = (Amend, CallVote, Withdraw)
KINDS: dict[str, type] = {
    cls.__name__.lower(): cls for cls in (Lobby, Inducement, Statement, *SPONSOR_MOVES, Cast)
}


def cost(move: Move) -> float:
    """Political capital the move spends."""
    if isinstance(move, Lobby):
        return move.effort
    if isinstance(move, Inducement):
        return move.amount
    if isinstance(move, Statement):
        return abs(move.pressure)
    return 0.0


class _Wire(BaseModel):
    """A move as it crosses a boundary (a save file): exact types, finite numbers, no other field."""

    model_config = ConfigDict(strict=True, allow_inf_nan=False, extra="forbid", frozen=True)


def _wire_model(cls: type) -> type[_Wire]:
    hints = get_type_hints(cls)
    fields_ = {f.name: (hints[f.name], ...) for f in fields(cls)}
    return create_model(cls.__name__, __base__=_Wire, kind=(Literal[cls.__name__.lower()], ...), **fields_)


WireMove = Annotated[
    Union[tuple(_wire_model(cls) for cls in KINDS.values())],  # noqa: UP007
    Field(discriminator="kind"),
]
"""A move as it is written in a save: ``{"kind": "lobby", "actor": ..., ...}``, checked."""
_WIRE = TypeAdapter(WireMove)


def to_dict(move: Move) -> dict[str, Any]:
    return {"kind": type(move).__name__.lower(), **asdict(move)}


def from_dict(data: Any) -> Move:
    """Rebuild a move saved with :func:`to_dict`, refusing unknown kinds and fields, wrong types
    and numbers that are not finite (a NaN would slip past every comparison of :func:`check`)."""
    try:
        wire = _WIRE.validate_python(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"])
        raise MoveError(f"not a move: {where + ': ' if where else ''}{error['msg']}") from None
    return from_wire(wire)


def from_wire(wire: Any) -> Move:
    """The move a checked :data:`WireMove` stands for."""
    return KINDS[wire.kind](**wire.model_dump(exclude={"kind"}))


def check(model: DiplomacyModel, move: Move, spent: float) -> None:
    """Raise :class:`MoveError` unless ``move`` is allowed now, with ``spent`` capital already used.

    Every move passes here first, so this is where a move built in code (not read from a file)
    gets the same checks of its types and numbers as one read from a save."""
    from_dict(to_dict(move))
    actors = model.actors
    if move.actor not in actors:
        raise MoveError(f"unknown actor '{move.actor}'")
    actor = actors[move.actor]
    if isinstance(move, PRESSURE_MOVES):
        target = actors.get(move.target)
        if target is None or not target.on_council or target is actor:
            raise MoveError(f"'{move.target}' is not another member of the Council")
        amount = cost(move)
        if amount <= 0:
            raise MoveError("a move must spend some political capital")
        if spent + amount > actor.capability + 1e-9:
            raise MoveError(
                f"{actor.name} has {max(0.0, actor.capability - spent):.2f} political capital left this round"
            )
        if isinstance(move, Lobby) and move.dimension not in model.dims:
            raise MoveError(f"unknown dimension '{move.dimension}'")
        if isinstance(move, Statement) and not target.has_veto:
            raise MoveError(f"{target.name} has no veto to raise the price of")
        return
    draft = model.drafts.get(move.draft)
    if draft is None:
        raise MoveError(f"unknown draft '{move.draft}'")
    if isinstance(move, Cast):
        if not actor.on_council:
            raise MoveError(f"{actor.name} has no seat on the Council")
        if move.ballot not in (Ballot.yes, Ballot.no, Ballot.abstain):
            raise MoveError("a ballot is yes, no or abstain")
        return
    if draft.status != "open":
        raise MoveError(f"{draft.symbol} is not on the table")
    if move.actor not in draft.sponsors:
        raise MoveError(f"only a sponsor of {draft.symbol} can do that")
    if isinstance(move, Amend):
        if move.dimension not in model.dims:
            raise MoveError(f"unknown dimension '{move.dimension}'")
        current = draft.position[model.dims.index(move.dimension)]
        step = model.parameters.amendment_step
        if not 0 <= move.value <= 100 or abs(move.value - current) > step + 1e-9:
            raise MoveError(f"an amendment moves a draft at most {step:g} points, within 0-100")


def apply(model: DiplomacyModel, move: Move, record: RoundRecord, reason: str = "") -> None:
    """Carry out a checked move, whoever made it, and write it into the round's record."""
    if isinstance(move, Lobby | Inducement | Statement):
        target = model.actors[move.target]
        if isinstance(move, Lobby):
            target.receive(move, record)
        elif isinstance(move, Inducement):
            target.induce(move, model.parameters.inducement_rate, model.round_index)
        else:
            target.hear(move, model.parameters.statement_rate, model.round_index)
        return
    draft = model.drafts[move.draft]
    lead = model.actors[move.actor].name
    if isinstance(move, Amend):
        index = model.dims.index(move.dimension)
        before = draft.position[index]
        value = float(move.value)  # a position is a float, whatever number the move was given
        adoption_before = model.expected_outcome(draft)[0]
        draft.position[index] = value
        draft.revisions += 1
        draft.history.append(list(draft.position))
        adoption_after = model.expected_outcome(draft)[0]
        record.revisions.append(
            RevisionRecord(
                draft.key,
                draft.symbol,
                lead,
                move.dimension,
                round(before, 1),
                round(value, 1),
                round(adoption_before, 3),
                round(adoption_after, 3),
            )
        )
    elif isinstance(move, CallVote):
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "called", lead, reason))
    elif isinstance(move, Withdraw):
        draft.status = "withdrawn"
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "withdrawn", lead, reason))

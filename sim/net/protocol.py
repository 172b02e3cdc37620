"""The game server's protocol: JSON text frames, one message each, told apart by ``type``.

A client says ``hello`` first (with its seat's token, or none to watch), then, while a round is
being prepared, sends its seat's ``move``\\ s and ``end_turn``; at a roll call, its ``ballot``.
The server answers with ``welcome``, ``ok`` (to that client: its message was taken) or ``error``
(to that client only: the game goes on), and tells every client what happens: ``turn`` (who has
ended its turn), ``landed`` (every seat's moves, as the round is played with them), ``roll_call``
(a draft put to the vote, and the seats whose ballot it waits for), ``vote``, ``round`` (the
round's record, and the round that starts now) and ``over`` (the whole run record). The
``welcome`` carries the game as the client may see it, for the client to replay
(sim/net/joined.py).

Every message is checked as its model says (:class:`sim.scenario.strict.Exact`: exact types, no
field it does not name, finite numbers); a move in its save form (:data:`sim.engine.moves.WireMove`).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from ..engine.moves import WireMove
from ..engine.rng import SEED_MAX
from ..errors import ProtocolError
from ..play.saves import SaveFile, SeatsSaveFile
from ..scenario.strict import Exact, first_error

MAX_MESSAGE_BYTES = 64 * 1024
"""The largest message a client may send: a move is a few hundred bytes. A larger frame closes
the connection (WebSocket close code 1009, "message too big")."""
MAX_SERVER_MESSAGE_BYTES = 16 * 1024 * 1024
"""The largest message a client takes from the server: ``over`` carries the whole run record
(tens of kilobytes for a scenario of eight rounds)."""

Ballot = Literal["yes", "no", "abstain"]

# -- client to server --------------------------------------------------------------------------


class Hello(Exact):
    """Join the game: in the seat the token stands for, or with none as an observer."""

    type: Literal["hello"] = "hello"
    token: str | None = Field(default=None, max_length=200)
    """The seat's token, as ``diplosim host`` printed it; null (or none) to watch."""


class MoveMessage(Exact):
    """One move of the client's seat for the round being prepared, in its save form."""

    type: Literal["move"] = "move"
    move: WireMove
    """``{"kind": "lobby", "actor": ..., ...}``: its ``actor`` must be the client's seat."""


class EndTurn(Exact):
    """The client's seat has made its moves for this round: the round is played once every seat
    has ended its turn."""

    type: Literal["end_turn"] = "end_turn"


class BallotMessage(Exact):
    """The client's seat's ballot at the roll call under way."""

    type: Literal["ballot"] = "ballot"
    draft: str = Field(max_length=200)
    """The id of the draft being voted on (``roll_call``'s ``draft``)."""
    ballot: Ballot


ClientMessage = Annotated[Hello | MoveMessage | EndTurn | BallotMessage, Field(discriminator="type")]

# -- server to client --------------------------------------------------------------------------


class Welcome(Exact):
    """The answer to a good ``hello``: who the client is, and which game this is."""

    type: Literal["welcome"] = "welcome"
    seat: str | None
    """The client's seat (an actor id), or null for an observer."""
    scenario: str
    """The scenario's id."""
    seed: int = Field(ge=0, le=SEED_MAX)
    seats: list[str]
    """The human seats of the game, in the order the host gave them."""
    round: int
    """The round under way or to be played next, from 1 (past the last one when the game is over)."""
    save: Annotated[SaveFile | SeatsSaveFile, Field(discriminator="version")]
    """The game as this client may see it, in the save's form (sim/play/saves.py), for the
    client to replay: every round played with every seat's moves (public once they have
    landed), and as ``pending`` the client's own moves queued for the coming round, or, while a
    round is being played, the moves that have landed in it (and the ballots cast so far)."""


class Ok(Exact):
    """To one client: its ``move``, ``end_turn`` or ``ballot`` was taken."""

    type: Literal["ok"] = "ok"
    what: Literal["move", "end_turn", "ballot"]


class Turn(Exact):
    """To all: the seats that have ended their turn for ``round``, and those it waits for."""

    type: Literal["turn"] = "turn"
    round: int
    ended: list[str]
    waiting: list[str]


class Landed(Exact):
    """To all: every seat has ended its turn (or the time is up), and the round is played with
    these moves of the human seats, in the order they land. Until now they were each seat's own."""

    type: Literal["landed"] = "landed"
    round: int
    moves: list[WireMove]


class RollCall(Exact):
    """To all: a draft is put to the vote; the round waits for a ballot from each of ``seats``
    (the human seats on the Council)."""

    type: Literal["roll_call"] = "roll_call"
    round: int
    draft: str
    """The draft's id, for ``ballot``."""
    symbol: str
    """Its document symbol, as the record names it."""
    seats: list[str]


class Vote(Exact):
    """To all: a roll call taken (:class:`sim.engine.record.VoteRecord` as a dict)."""

    type: Literal["vote"] = "vote"
    record: dict[str, Any]
    ballots: dict[str, Ballot] = Field(default_factory=dict)
    """The human seats' ballots it was cast with, by actor id; a seat that sent none voted as its
    profile leans."""


class RoundMessage(Exact):
    """To all: a round played (:class:`sim.engine.record.RoundRecord` as a dict), and the round
    that starts now (null when the schedule is over)."""

    type: Literal["round"] = "round"
    record: dict[str, Any]
    next: int | None


class Over(Exact):
    """To all: the game is over; the whole run record (:class:`sim.engine.record.RunRecord`)."""

    type: Literal["over"] = "over"
    record: dict[str, Any]


class Error(Exact):
    """To one client: what was wrong with its message. The game goes on."""

    type: Literal["error"] = "error"
    message: str


ServerMessage = Annotated[
    Welcome | Ok | Turn | Landed | RollCall | Vote | RoundMessage | Over | Error, Field(discriminator="type")
]


@cache
def _client() -> TypeAdapter[Any]:
    return TypeAdapter(ClientMessage)


@cache
def _server() -> TypeAdapter[Any]:
    return TypeAdapter(ServerMessage)


def _not_json(constant: str) -> Any:
    raise ValueError(f"'{constant}' is not a number in standard JSON")


def _parse(adapter: TypeAdapter[Any], frame: str | bytes, limit: int) -> Any:
    if not isinstance(frame, str):
        raise ProtocolError("a message is a JSON text frame, not binary")
    if len(frame.encode()) > limit:
        raise ProtocolError(f"a message is at most {limit} bytes")
    try:
        data = json.loads(frame, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"not JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:  # a NaN, or an integer of thousands of digits
        raise ProtocolError(f"not standard JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError("not JSON this server takes: nested too deeply") from None
    if not isinstance(data, dict):
        raise ProtocolError('a message is a JSON object with a "type"')
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise ProtocolError(f"not a message: {first_error(exc)}") from None


def parse_client(frame: str | bytes) -> Hello | MoveMessage | EndTurn | BallotMessage:
    """A client's message, checked; :class:`ProtocolError` for anything else."""
    return _parse(_client(), frame, MAX_MESSAGE_BYTES)


def parse_server(
    frame: str | bytes,
) -> Welcome | Ok | Turn | Landed | RollCall | Vote | RoundMessage | Over | Error:
    """A server's message, checked; :class:`ProtocolError` for anything else."""
    return _parse(_server(), frame, MAX_SERVER_MESSAGE_BYTES)


def encode(message: Exact) -> str:
    """A message as its JSON text frame (standard JSON: no ``NaN``)."""
    return json.dumps(message.model_dump(mode="json"), allow_nan=False, ensure_ascii=False)

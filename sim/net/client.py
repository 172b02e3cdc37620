"""The protocol client (:mod:`.protocol`): joins a game server (:mod:`.host`), sends a seat's
moves, ``end_turn`` and ballots, and receives what the server tells, message by message.

    async with await GameClient.join("ws://127.0.0.1:8765/?token=...") as client:
        await client.move(Lobby("united-states", "pakistan", "coercion", 0.05))
        await client.end_turn()
        async for message in client:
            ...
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from ..engine.moves import Move, to_dict
from ..errors import HostError
from .protocol import (
    MAX_SERVER_MESSAGE_BYTES,
    Ballot,
    BallotMessage,
    EndTurn,
    Error,
    Hello,
    MoveMessage,
    ServerMessage,
    Welcome,
    encode,
    parse_server,
)


def token_of(address: str) -> str | None:
    """The seat's token in a join address (``?token=...``), or None (an observer's address)."""
    tokens = parse_qs(urlsplit(address).query).get("token")
    return tokens[0] if tokens else None


class GameClient:
    """One connection to a game server. :meth:`join` connects and says hello; :meth:`receive`
    gives the server's messages one at a time, checked (:func:`.protocol.parse_server`)."""

    def __init__(self, connection: ClientConnection):
        self.connection = connection
        self.welcome: Welcome | None = None
        """The server's welcome, once :meth:`hello` has had it."""

    @classmethod
    async def open(cls, address: str, timeout: float = 10) -> GameClient:
        """Connect to the server at ``address`` without joining yet (see :meth:`hello`);
        :class:`HostError` if no server answers there."""
        try:
            connection = await asyncio.wait_for(
                connect(address, max_size=MAX_SERVER_MESSAGE_BYTES, open_timeout=timeout), timeout
            )
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
            raise HostError(f"cannot reach a game server at {address}: {exc}") from None
        return cls(connection)

    @classmethod
    async def join(cls, address: str, token: str | None = None, timeout: float = 10) -> GameClient:
        """Connect and join: in the seat of ``token`` (by default the address's ``?token=``), or
        as an observer if there is none. :class:`HostError` if the server refuses."""
        client = await cls.open(address, timeout)
        try:
            await client.hello(token if token is not None else token_of(address), timeout)
        except BaseException:
            await client.close()
            raise
        return client

    async def hello(self, token: str | None, timeout: float = 10) -> Welcome:
        """Say hello with ``token`` (None: to watch) and wait for the welcome; :class:`HostError`
        with the server's words if it refuses."""
        await self.send(Hello(token=token))
        answer = await self.receive(timeout)
        if isinstance(answer, Error):
            raise HostError(f"the server refused: {answer.message}")
        if not isinstance(answer, Welcome):
            raise HostError(f"the server answered hello with '{answer.type}', not a welcome")
        self.welcome = answer
        return answer

    @property
    def seat(self) -> str | None:
        """The client's seat, once welcomed (None: an observer)."""
        return self.welcome.seat if self.welcome is not None else None

    # -- sending ---------------------------------------------------------------------------------

    async def send(self, message: Hello | MoveMessage | EndTurn | BallotMessage) -> None:
        await self.send_text(encode(message))

    async def send_text(self, frame: str) -> None:
        """Send a frame as it is: what :meth:`send` does after encoding (and how a test sends the
        server what is not a message)."""
        await self.connection.send(frame)

    async def move(self, move: Move) -> None:
        """Send one of the seat's moves for the round being prepared."""
        await self.send_text(encode_move(move))

    async def end_turn(self) -> None:
        await self.send(EndTurn())

    async def ballot(self, draft: str, ballot: Ballot) -> None:
        """Send the seat's ballot (yes, no or abstain) on ``draft``, the draft being voted on."""
        await self.send(BallotMessage(draft=draft, ballot=ballot))

    # -- receiving -------------------------------------------------------------------------------

    async def receive(self, timeout: float | None = None) -> ServerMessage:
        """The server's next message (waiting at most ``timeout`` seconds: TimeoutError).
        :class:`ConnectionClosed` once the server has closed the connection."""
        frame = await asyncio.wait_for(self.connection.recv(), timeout)
        return parse_server(frame)

    async def __aiter__(self) -> AsyncIterator[ServerMessage]:
        """The server's messages until it closes the connection."""
        while True:
            try:
                yield await self.receive()
            except ConnectionClosed:
                return

    async def close(self) -> None:
        await self.connection.close()

    async def __aenter__(self) -> GameClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()


def encode_move(move: Move) -> str:
    """The ``move`` message for ``move``, as its frame: the move in its save form, checked."""
    return encode(MoveMessage.model_validate({"type": "move", "move": to_dict(move)}))

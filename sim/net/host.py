"""A game server: one :class:`sim.play.game.Game` of several human seats, played over WebSockets
(the messages of :mod:`.protocol`).

Each seat has a random token (given to its player by whoever hosts); a client that says
``hello`` with none watches. Moves are simultaneous: every seat sends its moves for the coming
round, then ``end_turn``; the round is played when every seat has ended its turn, when its time
is up (``turn_seconds``) or when the host calls :meth:`GameHost.advance`. At each roll call the
round waits for a ballot from every human seat on the Council (or for the time, or
:meth:`~GameHost.advance`: a seat that sent none votes as its profile leans), then casts them.
Every result goes to every client; the game is saved after each round (atomically).

A message that is not one, a wrong token, a move for another seat or one the rules refuse gets an
``error`` to that client only, and the game goes on. Everything happens on the event loop: a
message is handled whole before the next, so the game is never seen half-changed.
"""

from __future__ import annotations

import asyncio
import secrets
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from ..engine import moves as move_codec
from ..engine.drafts import DraftState
from ..engine.moves import from_wire
from ..errors import DiplosimError, HostError, MoveError, ProtocolError, cannot_listen
from ..play.game import Game
from .limits import Guard, Limits, clip, printable, who
from .protocol import (
    MAX_MESSAGE_BYTES,
    BallotMessage,
    EndTurn,
    Error,
    Hello,
    Landed,
    MoveMessage,
    Ok,
    Over,
    RollCall,
    RoundMessage,
    Turn,
    Vote,
    Welcome,
    encode,
    parse_client,
)

LOOPBACK = "127.0.0.1"
"""Where a server listens unless told otherwise: this machine only."""
MAX_CONNECTIONS = 64
"""Connections open at once, seats and observers together: a Council has fifteen members."""
TRY_AGAIN_LATER = 1013
"""The WebSocket close code for a connection turned away because the server is full."""


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class GameHost:
    """One game served to its seats' clients and to observers. ``save`` is the file the game is
    written to after each round; ``tokens`` (seat to token) are drawn at random unless given."""

    def __init__(
        self,
        game: Game,
        save: Path,
        *,
        turn_seconds: float | None = None,
        tokens: Mapping[str, str] | None = None,
        log: Callable[[str], None] = _log,
    ):
        if not game.players:
            raise MoveError("a game to host needs at least one human seat")
        if turn_seconds is not None and not turn_seconds > 0:
            raise ValueError("turn_seconds is a positive number of seconds")
        self.game = game
        self.save_path = save
        self.turn_seconds = turn_seconds
        self.log = log
        self.tokens: dict[str, str] = (
            dict(tokens) if tokens is not None else {seat: secrets.token_urlsafe(18) for seat in game.players}
        )
        if sorted(self.tokens) != sorted(game.players) or len(set(self.tokens.values())) != len(self.tokens):
            raise ValueError("one token per seat, each its own")
        self._seats = {token: seat for seat, token in self.tokens.items()}
        self.clients: dict[ServerConnection, str | None] = {}
        """The clients that have joined, and the seat of each (None: an observer)."""
        self.ended: set[str] = set()
        """The seats that have ended their turn in the round being prepared."""
        self.roll_call: DraftState | None = None
        """The draft being voted on, while the round waits for ballots."""
        self.voters: tuple[str, ...] = ()
        """The human seats on the Council whose ballots the roll call waits for."""
        self.ballots: dict[str, str] = {}
        self.playing = False
        """Whether the round is being played: its moves have landed (and gone to every client)."""
        self.done = asyncio.Event()
        """Set once the game is over and ``over`` has gone to every client."""
        self._timer: asyncio.TimerHandle | None = None
        self._open = 0

    # -- serving ---------------------------------------------------------------------------------

    async def serve(self, bind: str = LOOPBACK, port: int = 0, limits: Limits | None = None) -> Server:
        """Listen on ``bind``:``port`` (0: any free port) and open the first round; the caller
        closes the server it returns (``async with``). :class:`HostError` if it cannot listen.
        ``limits``: what each client may cost the server (:mod:`.limits`; by default, those of
        ``diplosim host``)."""
        self.limits = limits if limits is not None else Limits()
        try:
            server = await serve(
                self._connection,
                bind,
                port,
                max_size=MAX_MESSAGE_BYTES,
                **self.limits.server_options(),
            )
        except OSError as exc:
            raise cannot_listen(bind, port, exc) from None
        if self.game.over:
            self.done.set()
        else:
            self._start_turn()
        return server

    @property
    def round(self) -> int:
        """The round under way or to be played next, from 1."""
        return len(self.game.rounds) + 1

    async def _connection(self, ws: ServerConnection) -> None:
        if self._open >= MAX_CONNECTIONS:
            await ws.close(TRY_AGAIN_LATER, f"the server is full ({MAX_CONNECTIONS} connections)")
            return
        self._open += 1
        guard = Guard(ws, self.limits, self.clients, self.log)
        try:
            async for frame in ws:
                if guard.admit():
                    self.receive(ws, frame)
        except ConnectionClosed as exc:  # gone without a goodbye, or closed for a frame too large
            guard.lost(exc)
        finally:
            guard.done()
            self._open -= 1
            self.clients.pop(ws, None)

    def receive(self, ws: ServerConnection, frame: str | bytes) -> None:
        """Handle one frame from ``ws``: whatever is wrong with it is an ``error`` to it alone."""
        try:
            message = parse_client(frame)
            if isinstance(message, Hello):
                self._hello(ws, message)
                return
            if ws not in self.clients:
                raise ProtocolError('say "hello" first, with your seat\'s token or none')
            seat = self.clients[ws]
            if seat is None:
                raise MoveError("an observer makes no moves and casts no ballot")
            if isinstance(message, MoveMessage):
                self._move(ws, seat, message)
            elif isinstance(message, EndTurn):
                self._end_turn(ws, seat)
            elif isinstance(message, BallotMessage):
                self._ballot(ws, seat, message)
        except DiplosimError as exc:
            message = clip(exc.message)
            self.log(f"refused: {who(ws, self.clients)}: {printable(message)}")
            self._send(ws, Error(message=message))

    # -- messages --------------------------------------------------------------------------------

    def _hello(self, ws: ServerConnection, hello: Hello) -> None:
        if ws in self.clients:
            raise ProtocolError("this connection has joined already")
        seat = None
        if hello.token is not None:
            seat = self._seats.get(hello.token)
            if seat is None:
                raise HostError("no seat has that token: ask the host for your seat's address")
        self.clients[ws] = seat
        self.log(f"joined: {seat or 'an observer'}")
        spec = self.game.scenario.spec
        self._send(
            ws,
            Welcome.model_validate(
                {
                    "seat": seat,
                    "scenario": spec.id,
                    "seed": self.game.seed,
                    "seats": list(self.game.players),
                    "round": self.round,
                    "save": self.visible_save(seat),
                }
            ),
        )
        if self.game.over:
            self._send(ws, Over(record=self.game.record.to_dict()))
        elif self.roll_call is not None:
            self._send(ws, self._roll_call_message())
        else:
            self._send(ws, self._turn_message())

    def _move(self, ws: ServerConnection, seat: str, message: MoveMessage) -> None:
        self._check_turn(seat)
        self.game.submit(from_wire(message.move), seat=seat)
        self.log(f"move: {seat}: {message.move.kind}")
        self._send(ws, Ok(what="move"))

    def _end_turn(self, ws: ServerConnection, seat: str) -> None:
        self._check_turn(seat)
        self.ended.add(seat)
        self._send(ws, Ok(what="end_turn"))
        self._broadcast(self._turn_message())
        if self.ended >= set(self.game.players):
            self._play()

    def _ballot(self, ws: ServerConnection, seat: str, message: BallotMessage) -> None:
        draft = self.roll_call
        if draft is None:
            raise MoveError("no vote is waiting")
        if message.draft != draft.key:
            raise MoveError(f"the vote under way is on '{draft.key}' ({draft.symbol}), not '{message.draft}'")
        if seat not in self.voters:
            raise MoveError(f"{seat} has no seat on the Council: it casts no ballot")
        if seat in self.ballots:
            raise MoveError(f"{seat} has cast its ballot on {draft.symbol} already")
        self.ballots[seat] = message.ballot
        self._send(ws, Ok(what="ballot"))
        if set(self.ballots) >= set(self.voters):
            self._cast()

    def _check_turn(self, seat: str) -> None:
        if self.game.over:
            raise MoveError("the game is over")
        if self.roll_call is not None:
            raise MoveError(f"a vote on {self.roll_call.symbol} is under way: send your ballot")
        if seat in self.ended:
            raise MoveError(f"{seat} has ended its turn for round {self.round}")

    # -- playing ---------------------------------------------------------------------------------

    def advance(self) -> None:
        """Play on without waiting for the seats: the round, while moves are being made (as if
        every seat had ended its turn), or the roll call under way (a seat that sent no ballot
        votes as its profile leans)."""
        if self.game.over:
            return
        if self.roll_call is not None:
            self._cast()
        else:
            self._play()

    def _play(self) -> None:
        """Play on to the next roll call that waits for a ballot, or to the end of the round."""
        self._disarm()
        if not self.playing:
            self.playing = True
            moves = [move_codec.to_dict(m) for m in self.game.current]
            self._broadcast(Landed.model_validate({"type": "landed", "round": self.round, "moves": moves}))
        while True:
            draft = self.game.next_vote()
            if draft is None:
                self._close_round()
                return
            voters = tuple(seat for seat in self.game.players if self.game.seat_votes(seat))
            if not voters:
                self._broadcast(Vote(record=asdict(self.game.cast())))  # no human ballot: none to carry
                continue
            self.roll_call, self.voters, self.ballots = draft, voters, {}
            self._broadcast(self._roll_call_message())
            self._arm()
            return

    def _cast(self) -> None:
        self._disarm()
        ballots = self.ballots
        vote = self.game.cast(ballots=ballots)
        self.roll_call, self.voters, self.ballots = None, (), {}
        self._broadcast(Vote.model_validate({"type": "vote", "record": asdict(vote), "ballots": ballots}))
        self._play()

    def _close_round(self) -> None:
        played = self.game.record.rounds[-1]
        try:
            self.game.save(self.save_path)
        except DiplosimError as exc:  # a full disk: the game goes on, and the host is told
            self.log(f"not saved: {exc}")
        over = self.game.over
        self.log(f"round {len(self.game.rounds)} played" + ("; the game is over" if over else ""))
        self._broadcast(RoundMessage(record=asdict(played), next=None if over else self.round))
        if over:
            self._broadcast(Over(record=self.game.record.to_dict()))
            self.done.set()
        else:
            self._start_turn()

    def _start_turn(self) -> None:
        self.ended, self.playing = set(), False
        self._broadcast(self._turn_message())
        self._arm()

    def _arm(self) -> None:
        """Start the clock of the turn or roll call that begins now, if there is one."""
        self._disarm()
        if self.turn_seconds is not None:
            self._timer = asyncio.get_running_loop().call_later(self.turn_seconds, self._time_up)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _time_up(self) -> None:
        self._timer = None
        self.log("time is up")
        self.advance()

    # -- sending ---------------------------------------------------------------------------------

    def visible_save(self, seat: str | None) -> dict[str, Any]:
        """The game as ``seat`` (None: an observer) may see it, as a save: the rounds played, and
        as pending its own moves for the coming round, or all that have landed in the round being
        played. Another seat's moves are its own until they land."""
        data = self.game.to_dict()
        if not self.playing:
            data["pending"] = [move_codec.to_dict(m) for m in self.game.current if m.actor == seat]
        return data

    def _turn_message(self) -> Turn:
        ended = [seat for seat in self.game.players if seat in self.ended]
        waiting = [seat for seat in self.game.players if seat not in self.ended]
        return Turn(round=self.round, ended=ended, waiting=waiting)

    def _roll_call_message(self) -> RollCall:
        assert self.roll_call is not None
        waiting = [seat for seat in self.voters if seat not in self.ballots]
        return RollCall(
            round=self.round, draft=self.roll_call.key, symbol=self.roll_call.symbol, seats=waiting
        )

    def _send(self, ws: ServerConnection, message: Error | Ok | Welcome | Turn | RollCall | Over) -> None:
        broadcast([ws], encode(message))

    def _broadcast(self, message: Turn | Landed | RollCall | Vote | RoundMessage | Over) -> None:
        broadcast(list(self.clients), encode(message))


def join_address(bind: str, port: int, token: str | None = None) -> str:
    """The address a client joins at: ``ws://HOST:PORT/``, with ``?token=...`` for a seat."""
    host = f"[{bind}]" if ":" in bind else bind
    return f"ws://{host}:{port}/" + (f"?token={token}" if token is not None else "")


async def run_host(host: GameHost, bind: str, port: int, started: Callable[[int], None]) -> None:
    """Serve ``host``'s game until it is over; ``started`` is told the port once it listens."""
    server = await host.serve(bind, port)
    async with server:
        started(server.sockets[0].getsockname()[1])
        await host.done.wait()
        # The last messages go out before the connections close (close frames follow them).
    await server.wait_closed()


def serve_game(
    host: GameHost, bind: str = LOOPBACK, port: int = 0, started: Callable[[int], None] = print
) -> None:
    """:func:`run_host` on an event loop of its own, until the game is over."""
    asyncio.run(run_host(host, bind, port, started))

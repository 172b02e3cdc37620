"""A seat's game joined over the network: the game server's messages (:mod:`.protocol`) replayed
into a local :class:`sim.play.game.Game`, so that every view of a single game (the chamber, the
reasons, the previews, the objectives, the summary) works on a joined one unchanged.

The engine is deterministic by seed: the client replays the game from the moves the server
shows it (its welcome's save, then each round's ``landed`` moves and each roll call's ballots)
and checks every vote and round it plays against the server's own record. A record that
differs means the two are out of step (another version of diplosim or of the scenario):
:class:`OutOfStep`, never a silently different game.

A connection that drops is joined again with the same token, and the game replayed afresh
from the new welcome. Everything runs on the caller's event loop: a message is applied whole
before the next, so a view never sees the game half-changed.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed

from ..engine import moves as move_codec
from ..engine.drafts import DraftState
from ..engine.moves import Move
from ..engine.record import RoundRecord, RunRecord, VoteRecord
from ..errors import DiplosimError, HostError, MoveError, ProtocolError
from ..play.game import Game, saved_scenario
from ..scenario.loading import LoadedScenario
from .client import GameClient, encode_move, token_of
from .protocol import (
    Ballot,
    BallotMessage,
    EndTurn,
    Error,
    Landed,
    Ok,
    Over,
    RollCall,
    RoundMessage,
    Turn,
    Vote,
    Welcome,
    encode,
)

RETRY_SECONDS = (0.5, 1, 2, 4, 8, 15, 30)
"""How long to wait before each new try to join again after a dropped connection: about a
minute in all, enough for a host restarted with ``--resume``."""


class OutOfStep(HostError):
    """The game replayed here differs from the server's: not the same diplosim or scenario."""


# -- what a view is told, in order -------------------------------------------------------------


@dataclass(frozen=True)
class TurnChanged:
    """The seats that have ended their turn in ``round``, and those the round waits for."""

    round: int
    ended: tuple[str, ...]
    waiting: tuple[str, ...]


@dataclass(frozen=True)
class RollCallOpened:
    """A draft put to the vote, waiting for a ballot from each of ``seats``."""

    draft: DraftState
    seats: tuple[str, ...]


@dataclass(frozen=True)
class VoteTaken:
    vote: VoteRecord


@dataclass(frozen=True)
class RoundPlayed:
    """A round played; ``next`` is the round that starts now (None: the schedule is over)."""

    record: RoundRecord
    next: int | None


@dataclass(frozen=True)
class GameOver:
    record: RunRecord


@dataclass(frozen=True)
class Refused:
    """The server refused one of this client's messages (the game goes on)."""

    message: str


@dataclass(frozen=True)
class Dropped:
    """The connection is lost; trying to join again (``attempt`` of :data:`RETRY_SECONDS`)."""

    why: str
    attempt: int


@dataclass(frozen=True)
class Rejoined:
    """Joined again after a drop: the game replayed afresh from the server's welcome, which is
    :attr:`JoinedGame.game` from now on."""

    game: Game


@dataclass(frozen=True)
class Lost:
    """The game cannot go on here: the server is gone for good, or out of step (``why``)."""

    why: str


Event = (
    TurnChanged | RollCallOpened | VoteTaken | RoundPlayed | GameOver | Refused | Dropped | Rejoined | Lost
)


class JoinedGame:
    """One seat's (or an observer's) connection to a hosted game, and the game replayed from it.
    :meth:`join` connects; :meth:`next_event` gives what happened, once the local game has
    caught up with it."""

    def __init__(self, client: GameClient, game: Game, address: str, token: str | None):
        self.client = client
        self.game = game
        """The local replay of the hosted game, shown as the client's seat sees it."""
        self.address, self.token = address, token
        self.seat: str | None = client.seat
        self.turn: TurnChanged | None = None
        """The latest word on the turn (who has ended it), while moves are being made."""
        self.roll_call: RollCallOpened | None = None
        """The roll call under way, until its vote is taken."""
        self._inbox: asyncio.Queue[Any] = asyncio.Queue()
        """The server's messages not yet applied, and the events of this client's own."""
        self._over = False
        """Whether the game is over here, or lost: a closed connection is not joined again."""
        self._ending: int | None = None
        """The round this client has sent ``end_turn`` for."""
        """Whether the game is over here, or lost: a closed connection is not joined again."""
        self._replies: deque[asyncio.Future[None]] = deque()
        """The answers awaited, in the order their messages went."""
        self.retry: tuple[float, ...] = RETRY_SECONDS
        """Seconds to wait before each try to join again after a drop."""
        self.last: Event | None = None
        """The last event told, once there is one."""
        self._outbox: asyncio.Queue[tuple[str, asyncio.Future[None]]] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._closing = False

    @classmethod
    async def join(cls, address: str, token: str | None = None, timeout: float = 10) -> JoinedGame:
        """Join the game at ``address`` (in the seat of ``token``, by default the address's
        ``?token=``; with none, to watch) and replay it; :class:`HostError` in one line if the
        server cannot be reached, refuses, or plays a scenario that is not the same here."""
        token = token if token is not None else token_of(address)
        return await cls.joined_by(await GameClient.join(address, token, timeout), address, token)

    @classmethod
    async def joined_by(cls, client: GameClient, address: str, token: str | None) -> JoinedGame:
        """The game ``client`` has joined (welcomed at ``address`` with ``token``), replayed."""
        try:
            game = replay(client.welcome, address)
        except BaseException:
            await client.close()
            raise
        joined = cls(client, game, address, token)
        loop = asyncio.get_running_loop()
        joined._tasks = [loop.create_task(joined._read()), loop.create_task(joined._send())]
        return joined

    @property
    def turn_ended(self) -> bool:
        """Whether the seat has ended its turn in the round being prepared."""
        if self._ending == len(self.game.rounds) + 1:
            return True
        return self.turn is not None and self.seat in self.turn.ended

    # -- sending ---------------------------------------------------------------------------------

    def submit(self, move: Move) -> None:
        """Queue one of the seat's moves here (refused at once, as :class:`MoveError`, if the
        rules refuse it) and send it; a refusal by the server comes as :class:`Refused`."""
        if self.roll_call is not None:
            raise MoveError(
                f"the vote on {self.roll_call.draft.symbol} is under way: moves wait for the next round"
            )
        if self.turn_ended:
            raise MoveError("this seat's turn is ended: the round waits for the other seats")
        self.game.submit(move, seat=self.seat)
        self._post(encode_move(move)).add_done_callback(partial(self._move_answered, move))

    def _move_answered(self, move: Move, answer: asyncio.Future[None]) -> None:
        error = None if answer.cancelled() else answer.exception()
        if isinstance(error, DiplosimError):
            self._withdraw(move)
            self._inbox.put_nowait(Refused(error.message))

    async def end_turn(self) -> None:
        """End the seat's turn: its moves are made (once a round: again, it does nothing).
        :class:`HostError` if the server refuses."""
        if self.turn_ended:
            return
        self._ending = len(self.game.rounds) + 1
        try:
            await self._post(encode(EndTurn()))
        except HostError:
            self._ending = None
            raise

    async def ballot(self, draft: str, ballot: Ballot) -> None:
        """Cast the seat's ballot on ``draft``, the draft being voted on."""
        await self._post(encode(BallotMessage(draft=draft, ballot=ballot)))

    def _post(self, frame: str) -> asyncio.Future[None]:
        """Send ``frame`` after those posted before it; the future is the server's answer: done
        on its ``ok``, :class:`HostError` on its ``error`` (or if the connection is lost)."""
        answer: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if self._closing or isinstance(self.last, Lost):
            answer.set_exception(HostError("not connected to the game server"))
        else:
            self._outbox.put_nowait((frame, answer))
        return answer

    async def _send(self) -> None:
        """Send what is posted, in order: each answer is awaited in the order of the frames."""
        while True:
            frame, answer = await self._outbox.get()
            self._replies.append(answer)
            try:
                await self.client.send_text(frame)
            except ConnectionClosed:
                if answer in self._replies:
                    self._replies.remove(answer)
                if not answer.done():
                    answer.set_exception(HostError("the connection to the game server is lost"))

    def _withdraw(self, move: Move) -> None:
        """Take back a move queued here that the server did not take, unless the round it was
        for has already been played."""
        game = self.game
        if move in game.current and game.model.pending_vote is None:
            kept = list(game.current)
            kept.remove(move)
            game.rewind(len(game.rounds))
            for queued in kept:
                game.submit(queued)

    # -- receiving -------------------------------------------------------------------------------

    async def next_event(self) -> Event:
        """What happened next, once the local game has been brought to it. Messages are applied
        here, as the view asks, not as they arrive: the game a view shows is always the one its
        last event left (a roll call on screen is not overtaken by the rounds after it)."""
        while True:
            item = await self._inbox.get()
            try:
                event = self._took(item) if isinstance(item, Event) else self._apply(item)
            except OutOfStep as exc:
                self._fail_replies(exc.message)
                self._over = True
                event = Lost(exc.message)
            if event is not None:
                self.last = event
                return event

    def _took(self, event: Event) -> Event:
        if isinstance(event, Rejoined):
            self.game, self.turn, self.roll_call = event.game, None, None
        return event

    async def _read(self) -> None:
        """Take the server's messages as they come (answers at once, the rest for
        :meth:`next_event`); join again when the connection drops."""
        while True:
            try:
                async for message in self.client:
                    if isinstance(message, Ok | Error):
                        self._answer(message)
                    else:
                        self._over = self._over or isinstance(message, Over)
                        self._inbox.put_nowait(message)
            except ProtocolError as exc:
                self._lose(f"the server sent what this client cannot read: {exc.message}")
                return
            if self._closing or self._over:
                return
            self._fail_replies("the connection to the game server is lost")
            if not await self._rejoin():
                return

    def _answer(self, message: Ok | Error) -> None:
        answer = self._replies.popleft() if self._replies else None
        if answer is not None and not answer.done():
            if isinstance(message, Ok):
                answer.set_result(None)
            else:
                answer.set_exception(HostError(message.message))
        elif isinstance(message, Error):
            self._inbox.put_nowait(Refused(message.message))

    def _lose(self, why: str) -> None:
        self._fail_replies(why)
        self._over = True
        self._inbox.put_nowait(Lost(why))

    def _fail_replies(self, why: str) -> None:
        while self._replies:
            answer = self._replies.popleft()
            if not answer.done():
                answer.set_exception(HostError(why))

    async def _rejoin(self) -> bool:
        """Join again with the same token, waiting longer before each try; False if lost."""
        for attempt, wait in enumerate(self.retry, start=1):
            self._inbox.put_nowait(Dropped("the connection to the game server is lost", attempt))
            await asyncio.sleep(wait)
            try:
                client = await GameClient.join(self.address, self.token)
            except HostError:
                continue
            try:
                game = replay(client.welcome, self.address, self.game.scenario)
            except HostError as exc:
                await client.close()
                self._lose(exc.message)
                return False
            self.client = client
            self._inbox.put_nowait(Rejoined(game))
            return True
        self._lose(f"the game server at {self.address} did not answer again")
        return False

    def _apply(self, message: Any) -> Event | None:
        """Bring the local game to where ``message`` says the server's is: what to tell the view."""
        game = self.game
        if isinstance(message, Turn):
            self.turn = TurnChanged(message.round, tuple(message.ended), tuple(message.waiting))
            return self.turn
        if isinstance(message, Landed):
            self.turn = None
            self._land([move_codec.from_wire(m) for m in message.moves])
            return None
        if isinstance(message, RollCall):
            self.roll_call = RollCallOpened(self._play_to(message.draft), tuple(message.seats))
            return self.roll_call
        if isinstance(message, Vote):
            if game.pending_vote is None:
                self._play_to(str(message.record.get("draft")))
            vote = game.cast(ballots=message.ballots)
            same(asdict(vote), message.record, f"the vote on {vote.symbol}")
            self.roll_call = None
            return VoteTaken(vote)
        if isinstance(message, RoundMessage):
            if game.next_vote() is not None:
                raise OutOfStep("the server closed a round in which a vote is still to come here")
            played = game.record.rounds[-1]
            same(asdict(played), message.record, f"round {len(game.rounds)}")
            return RoundPlayed(played, message.next)
        if isinstance(message, Over):
            same(game.record.to_dict(), message.record, "the game's record")
            return GameOver(game.record)
        raise OutOfStep(f"a '{message.type}' message where none was due")

    def _land(self, moves: list[Move]) -> None:
        """The round is played with ``moves``: the seat's own as queued here (or else as the
        server took them), and the others' now known."""
        game = self.game
        kept = [m for m in moves if m.actor == self.seat] == game.current
        if not kept:
            game.rewind(len(game.rounds))
        for move in moves:
            if move.actor != self.seat or not kept:
                game.submit(move)

    def _play_to(self, draft: str) -> DraftState:
        """Play the round here on to the roll call on ``draft`` (casting the votes before it as
        queued); :class:`OutOfStep` if the round ends first."""
        game = self.game
        pending = game.pending_vote
        while pending is None or pending.key != draft:
            if pending is not None:
                game.cast()
            pending = game.next_vote()
            if pending is None:
                raise OutOfStep(f"the server votes on '{draft[:80]}', which this round never reaches here")
        return pending

    async def close(self) -> None:
        self._closing = True
        for task in self._tasks:
            task.cancel()
        await self.client.close()


def replay(welcome: Welcome | None, address: str, scenario: LoadedScenario | None = None) -> Game:
    """The game of ``welcome``'s save, replayed here and shown as the welcomed seat sees it;
    :class:`HostError` if it cannot be (the scenario is not here, or not the host's version).
    ``scenario``: the one already loaded, when joining the same game again."""
    if welcome is None:
        raise ProtocolError("no welcome from the server")
    saved = welcome.save.scenario
    try:
        if scenario is None:
            scenario = saved_scenario(welcome.save)
    except DiplosimError as exc:
        raise HostError(
            f"the host plays scenario '{saved.id[:80]}', which is not here: {exc.message}"
        ) from None
    if scenario.digest != saved.digest:
        raise HostError(
            f"the host plays scenario '{saved.id[:80]}' in another version than this one (the "
            f"host's {saved.digest[:16]}, here {scenario.digest[:16]}): both need the same "
            "diplosim and scenario files"
        )
    try:
        game = Game.from_save(welcome.save, Path(address), scenario)
    except DiplosimError as exc:
        raise HostError(f"cannot replay the hosted game here: {exc.message}") from None
    game.view_as(welcome.seat)
    game.dirty = False
    return game


def same(here: dict[str, Any], there: dict[str, Any], what: str) -> None:
    """:class:`OutOfStep` unless the record played here is the server's (as JSON carries it)."""
    if json.loads(json.dumps(here)) != there:
        raise OutOfStep(
            f"{what} played here differs from the server's: this diplosim or scenario is not the host's"
        )

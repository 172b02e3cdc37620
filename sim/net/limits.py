"""What one client may cost the game server (:mod:`.host`), and what happens past it.

A person sends a few messages a second; a client that sends many more is a bot gone wrong or an
attack, and every message the server reads, parses and answers is time taken from the other
seats' game (everything runs on one event loop). So each connection gets, from the moment it
opens:

- a **rate**: a token bucket (:class:`Bucket`) of ``burst`` messages, refilled at ``rate`` a
  second. A message when the bucket is empty is dropped unread. The first drop of a burst gets
  the client one ``error`` (not one per message) and the host one log line; a burst ends after
  :data:`QUIET_SECONDS` without a drop. A client still dropping messages ``flood_seconds`` after
  its burst began is closed (1008, policy violation);
- a **deadline for hello**: a connection that has not joined after ``hello_seconds`` (it never
  said ``hello``, or only with a wrong token) is closed (1008): a slot of the server is not held
  by a client that plays no part;
- a **limit of unsent data**: the server never waits for a slow client (``broadcast`` writes to
  every connection at once, with no back-pressure), so what a client has not read piles up in
  the server's memory. Once more than ``behind_bytes`` wait to be sent to it (past what the
  kernel's socket buffers hold), it is closed (1008) and, if it still reads nothing,
  dropped ``close_seconds`` later (the close handshake of a client that never reads would
  otherwise wait forever: websockets waits for the buffer to drain before it counts the close
  timeout). So the server holds at most about ``behind_bytes`` and one message per client.

Texts a client sends back (a field's name in a refusal) are clipped to :data:`MAX_ERROR_CHARS`,
so that an error is never a way to make the server send large messages.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast
from websockets.exceptions import ConnectionClosed

from .protocol import MAX_MESSAGE_BYTES, Error, encode

POLICY_VIOLATION = 1008
"""The WebSocket close code for a client closed for what it did (or did not do)."""
MESSAGE_TOO_BIG = 1009
"""The close code websockets sends for a frame over ``max_size``."""
QUIET_SECONDS = 1.0
"""A burst of dropped messages ends once this long has passed without a drop: the next drop
starts a new burst (one more ``error``, one more log line)."""
MAX_ERROR_CHARS = 300
"""The longest text of an ``error`` (and of a log line's message): a refusal quotes at most this
much of what the client sent."""


@dataclass(frozen=True)
class Limits:
    """The limits of every connection to one game server; the defaults are those of
    ``diplosim host``, and tests give shorter times."""

    rate: float = 20.0
    """Messages a second, sustained. A person sends a few a second at most (a move, the end of
    the turn, a ballot); twenty leaves room for a client that sends moves a person queued, and
    caps what one connection costs the server at twenty parses and answers a second (sixty-four
    connections: about 1,300 a second, well within what one event loop handles)."""
    burst: int = 50
    """Messages at once, after a quiet spell: more than a seat's moves for a round and its end of
    turn (a seat's political capital pays for a handful of moves), sent together."""
    flood_seconds: float = 5.0
    """A client still dropping messages this long after its burst of drops began (a drop at
    least every :data:`QUIET_SECONDS`) is closed: it has sent fifty at once and then more than
    ``rate`` a second for five seconds, which no person does."""
    hello_seconds: float = 30.0
    """A connection that has not joined this long after it opened is closed."""
    behind_bytes: int = 1024 * 1024
    """Bytes waiting to go to one client, beyond its socket buffers, before it is closed as too
    far behind. A whole game of the shipped scenario sends a client about 100 kB, and the
    kernel's buffers take a few megabytes more before anything waits here: only a client that
    has stopped reading, and goes on sending, gets this far."""
    close_seconds: float = 5.0
    """How long a client the server closes has to answer the close before it is dropped."""

    def __post_init__(self) -> None:
        numbers = (self.rate, self.burst, self.flood_seconds, self.hello_seconds, self.behind_bytes)
        if not all(number > 0 for number in (*numbers, self.close_seconds)):
            raise ValueError("limits are positive numbers")

    def server_options(self) -> dict[str, Any]:
        """The options of websockets' ``serve`` that let a :class:`Guard` see its client fall
        behind: each connection a :class:`GuardedConnection`, writing paused at ``behind_bytes``."""
        return {"write_limit": self.behind_bytes, "create_connection": GuardedConnection}


class Bucket:
    """A token bucket: ``burst`` tokens at first, refilled at ``rate`` a second; a message takes
    one. Time (``now``, in seconds) is given by the caller."""

    def __init__(self, rate: float, burst: int, now: float):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.stamp = now

    def take(self, now: float) -> bool:
        """Take a token if there is one: whether the message may be handled."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Verdict(Enum):
    """What to do with a message, as :class:`Flood` judges it."""

    handle = "handle"
    warn = "warn"
    """Drop it; it is the first of a burst: tell the client, and log it."""
    drop = "drop"
    close = "close"
    """Drop it, and close the connection: the burst has lasted ``flood_seconds``."""


class Flood:
    """The rate of one connection's messages, judged message by message (:meth:`judge`)."""

    def __init__(self, limits: Limits, now: float):
        self.limits = limits
        self.bucket = Bucket(limits.rate, limits.burst, now)
        self.since: float | None = None
        """When the burst of drops under way began (None: there is none)."""
        self.last_drop = now
        self.dropped = 0
        """Messages dropped since the connection opened."""

    def judge(self, now: float) -> Verdict:
        if self.since is not None and now - self.last_drop > QUIET_SECONDS:
            self.since = None
        if self.bucket.take(now):
            return Verdict.handle
        self.dropped += 1
        self.last_drop = now
        if self.since is None:
            self.since = now
            return Verdict.warn
        if now - self.since >= self.limits.flood_seconds:
            return Verdict.close
        return Verdict.drop


def clip(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str) -> str:
    """``text`` for one log line: control characters (a newline a client put in a field) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def who(ws: ServerConnection, clients: Mapping[ServerConnection, str | None]) -> str:
    """A client as the host's log names it: its seat (or what it is) and its address."""
    if ws in clients:
        seat = clients[ws]
        what = seat if seat is not None else "an observer"
    else:
        what = "a client"
    address = ws.remote_address
    return f"{what} at {address[0]}:{address[1]}" if address else what


class GuardedConnection(ServerConnection):
    """A server connection that tells its :class:`Guard` when its client falls behind: the
    transport pauses writing once more than its write limit (``behind_bytes``) waits to be sent."""

    guard: Guard | None = None

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.guard is not None:
            self.guard.behind()


class Guard:
    """The :class:`Limits` of one connection, applied. ``clients`` is the host's map of joined
    connections to their seats (None: an observer): who has joined, and how to name them in the
    host's ``log``. Call :meth:`admit` for each frame received, and :meth:`done` when the
    connection ends."""

    def __init__(
        self,
        ws: ServerConnection,
        limits: Limits,
        clients: Mapping[ServerConnection, str | None],
        log: Callable[[str], None],
    ):
        self.ws = ws
        self.limits = limits
        self.clients = clients
        self.log = log
        self.loop = asyncio.get_running_loop()
        self.flood = Flood(limits, self.loop.time())
        self.closing: asyncio.Task[None] | None = None
        """The close under way, once the server has decided to close this connection."""
        self._hello = self.loop.call_later(limits.hello_seconds, self._hello_due)
        if isinstance(ws, GuardedConnection):
            ws.guard = self

    def who(self) -> str:
        return who(self.ws, self.clients)

    def admit(self) -> bool:
        """Whether the frame just received is to be handled; if not, it is dropped unread (and
        the client told once per burst, or closed)."""
        if self.closing is not None:
            return False
        verdict = self.flood.judge(self.loop.time())
        if verdict is Verdict.warn:
            rate = f"{self.limits.rate:g}"
            self.log(f"flood: {self.who()}: more than {rate} messages a second; dropping the excess")
            told = f"too many messages (more than {rate} a second): the rest are dropped until you send fewer"
            broadcast([self.ws], encode(Error(message=told)))
        elif verdict is Verdict.close:
            seconds = f"{self.limits.flood_seconds:g}"
            self.close(f"too many messages for {seconds} seconds ({self.flood.dropped} dropped)")
        return verdict is Verdict.handle

    def behind(self) -> None:
        """The client has more than ``behind_bytes`` unread: close it (called by the transport,
        in the middle of a write)."""
        if self.closing is None:
            waiting = self.ws.transport.get_write_buffer_size()
            self.close("too far behind: read the messages sent to you", f"{waiting} bytes unsent")

    def _hello_due(self) -> None:
        if self.ws not in self.clients:
            self.close(f'no "hello" within {self.limits.hello_seconds:g} seconds of connecting')

    def close(self, reason: str, detail: str = "") -> None:
        """Close the connection for ``reason`` (1008; told to the client and logged), and drop
        it if it has not answered the close ``close_seconds`` later."""
        if self.closing is not None:
            return
        self.log(f"closed: {self.who()}: {reason}" + (f" ({detail})" if detail else ""))
        self.closing = self.loop.create_task(self._close(reason))

    async def _close(self, reason: str) -> None:
        try:
            async with asyncio.timeout(self.limits.close_seconds):
                await self.ws.close(POLICY_VIOLATION, reason)
        except TimeoutError:
            self.ws.transport.abort()

    def lost(self, error: ConnectionClosed) -> None:
        """The connection ended with ``error``: log a close that websockets made for a message
        too large (the others are the client's doing, or logged when the server decided them)."""
        sent = error.sent
        if sent is not None and sent.code == MESSAGE_TOO_BIG and self.closing is None:
            self.log(f"closed: {self.who()}: a message over {MAX_MESSAGE_BYTES} bytes")

    def done(self) -> None:
        """The connection has ended: no more deadlines for it (nor a cycle left for the collector)."""
        self._hello.cancel()
        if isinstance(self.ws, GuardedConnection):
            self.ws.guard = None

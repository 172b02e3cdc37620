"""Hostile clients against a real game server on loopback (sim/net/host.py, sim/net/limits.py).

One server, in process, with short limits (so that a flood is closed in a second and a half, and
a silent connection in half a second): while three seats play a whole game, other clients send
wrong tokens, moves of another seat, what is not JSON, binary frames, a 10 MB message, a flood
of a thousand messages a second, and one never reads what it is sent. Each is refused to itself
alone or closed with the right code; the seats' game ends as a local game of the same seed and
moves; the server's memory stays bounded (tracemalloc: everything here, server and clients, is
one process). Then: a client that stops reading while the server keeps sending is closed once
too far behind, and `diplosim host` stopped by ctrl+c says so on stderr.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import struct
import subprocess
import sys
import tracemalloc
from typing import Any

import pytest
from shared import FIXTURE
from test_host import BALLOTS, MOVES, SEATS, SEED, WAIT, play_rounds, watch
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from sim.engine.moves import Lobby
from sim.errors import HostError
from sim.net.client import GameClient, encode_move
from sim.net.host import LOOPBACK, GameHost
from sim.net.limits import MAX_ERROR_CHARS, Guard, Limits
from sim.net.protocol import MAX_MESSAGE_BYTES, Error
from sim.play.game import Game

LIMITS = Limits(flood_seconds=1.5, hello_seconds=0.5, close_seconds=1.0)
"""The defaults' rate (20 a second, 50 at once), with short times."""
FLOODED = "too many messages (more than 20 a second): the rest are dropped until you send fewer"
OBSERVER_MOVE = encode_move(Lobby("united-states", "pakistan", "coercion", 0.2))
"""What the flooders send: a move, which an observer may not make (an error each, when handled)."""


def where(client: GameClient) -> str:
    """The client's address as the host's log names it."""
    host, port = client.connection.local_address[:2]
    return f"{host}:{port}"


async def messages_until_closed(client: GameClient) -> tuple[list[Any], ConnectionClosed]:
    seen = []
    try:
        while True:
            seen.append(await client.receive(WAIT))
    except ConnectionClosed as closed:
        return seen, closed


async def send_for(client: GameClient, seconds: float, frame: str, reader: asyncio.Task) -> None:
    """``frame`` ten times every hundredth of a second (a thousand a second) for ``seconds``, or
    until the server closes the connection."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    try:
        while loop.time() < end and not reader.done():
            for _ in range(10):
                await client.send_text(frame)
            await asyncio.sleep(0.01)
    except ConnectionClosed:
        pass


async def flooder(address: str) -> tuple[str, list[Any], ConnectionClosed]:
    """An observer that sends a thousand messages a second, for three seconds at most."""
    client = await GameClient.join(address)
    reader = asyncio.create_task(messages_until_closed(client))
    await send_for(client, 3, OBSERVER_MOVE, reader)
    seen, closed = await reader
    return where(client), seen, closed


async def short_bursts(address: str) -> tuple[str, list[Any]]:
    """An observer that sends 120 messages at once, waits, sends one, then 100 at once: two
    bursts of drops, each told once; the message between them is handled."""
    client = await GameClient.join(address)
    reader = asyncio.create_task(messages_until_closed(client))
    for _ in range(120):
        await client.send_text(OBSERVER_MOVE)
    await asyncio.sleep(1.6)  # the burst is over after a second without a drop (and some to spare)
    await client.send_text('{"type": "end_turn"')
    for _ in range(100):
        await client.send_text(OBSERVER_MOVE)
    await asyncio.sleep(0.2)
    await client.close()
    seen, _ = await reader
    return where(client), seen


async def silent(address: str, token: str | None) -> tuple[str, ConnectionClosed]:
    """A client that never joins: it says nothing, or hello with a wrong token."""
    client = await GameClient.open(address)
    if token is not None:
        with pytest.raises(HostError, match="no seat has that token"):
            await client.hello(token)
    with pytest.raises(ConnectionClosed) as closed:
        await client.receive(WAIT)
    return where(client), closed.value


async def ten_megabytes(address: str) -> tuple[str, ConnectionClosed]:
    """One text frame of 10 MB, written 64 KiB at a time (the client never holds it whole)."""
    client = await GameClient.join(address)
    assert (await client.receive(WAIT)).type in {"turn", "roll_call"}
    transport = client.connection.transport
    size = 10 * 1024 * 1024
    # FIN and text; masked, with a 64-bit length; the mask 0 leaves the payload as it is.
    transport.write(struct.pack("!BBQ", 0x81, 0x80 | 127, size) + bytes(4))
    chunk = memoryview(b"a" * 65536)
    for _ in range(size // len(chunk)):
        if transport.is_closing():
            break
        transport.write(chunk)
        while transport.get_write_buffer_size() > 256 * 1024 and not transport.is_closing():
            await asyncio.sleep(0.001)
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await client.receive(WAIT)
    return where(client), closed.value


async def refused(client: GameClient, frame: str | bytes) -> str:
    await client.send_text(frame)  # type: ignore[arg-type]  # a binary frame on purpose
    answer = await client.receive(WAIT)
    assert isinstance(answer, Error), answer
    return answer.message


def local_record(syria) -> dict:
    """The game the seats play, played without a server: each seat's move every round, its
    ballot at every roll call."""
    game = Game(syria, SEED, players=SEATS)
    while not game.over:
        for seat in SEATS:
            game.submit(MOVES[seat], seat=seat)
        while game.next_vote() is not None:
            game.cast(ballots={seat: BALLOTS[seat] for seat in SEATS if game.seat_votes(seat)})
    return json.loads(game.record.to_json())


async def test_hostile_clients_are_refused_while_the_seats_play_on(tmp_path, syria):
    game = Game(syria, SEED, players=SEATS)
    lines: list[str] = []
    host = GameHost(game, tmp_path / "game.json", log=lines.append)
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        async with asyncio.timeout(WAIT):
            server = await host.serve(limits=LIMITS)
            async with server:
                address = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
                seats = {seat: await GameClient.join(address, host.tokens[seat]) for seat in SEATS}
                observer = await GameClient.join(address)
                sleeper = await GameClient.join(address)
                for client in (*seats.values(), observer, sleeper):
                    assert (await client.receive(WAIT)).type == "turn"
                sleeper.connection.transport.pause_reading()  # reads nothing until the game is over
                abuse = asyncio.gather(
                    flooder(address),
                    short_bursts(address),
                    silent(address, None),
                    silent(address, "not-a-token"),
                    ten_megabytes(address),
                )

                # Wrong tokens, a seat's moves for others, what is not a message: refused, each
                # to its sender, before the seats play.
                for token in ("not-a-token", host.tokens["pakistan"][:-1], ""):
                    with pytest.raises(HostError, match="no seat has that token"):
                        await GameClient.join(address, token)
                async with await GameClient.join(address, host.tokens["pakistan"]) as forger:
                    assert (await forger.receive(WAIT)).type == "turn"
                    for actor in ("united-states", "turkey"):
                        move = encode_move(Lobby(actor, "togo", "mission", 0.05))
                        assert (
                            await refused(forger, move)
                            == f"the seat of pakistan cannot make a move of {actor}"
                        )
                async with await GameClient.join(address) as prankster:
                    assert (await prankster.receive(WAIT)).type == "turn"
                    assert (await refused(prankster, '{"type": "end_turn"')).startswith("not JSON")
                    assert await refused(prankster, "[" * 50_000) == (
                        "not JSON this server takes: nested too deeply"
                    )
                    assert "binary" in await refused(prankster, b'{"type": "end_turn"}')
                    long_key = "k" * 60_000
                    echoed = await refused(prankster, json.dumps({"type": "end_turn", long_key: 1}))
                    assert echoed.startswith("not a message: end_turn.kkk") and len(echoed) == MAX_ERROR_CHARS

                # The seats play the whole game while the flood goes on.
                await asyncio.sleep(0.1)
                records = await asyncio.gather(*(play_rounds(client) for client in seats.values()))
                watched = await watch(observer)
                flood, bursts, mute, wrong, huge = await abuse

                # The client that read nothing was not closed, and lost nothing.
                sleeper.connection.transport.resume_reading()
                assert [await sleeper.receive(WAIT) for _ in watched] == watched
                for client in (*seats.values(), observer, sleeper):
                    await client.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert all(record == local_record(syria) for record in records)
    assert watched[-1].record == records[0] and not any(isinstance(m, Error) for m in watched)
    # About 5 MiB here; a server that took the 10 MB message whole would hold twice that.
    assert peak - start < 20 * 1024 * 1024, f"{(peak - start) / 2**20:.1f} MiB"

    at, seen, closed = flood
    errors = [m.message for m in seen if isinstance(m, Error)]
    assert [error for error in errors if error == FLOODED] == [FLOODED]
    # Handled (an observer's move: an error each): the first 50, then 20 a second.
    handled = [error for error in errors if "observer makes no moves" in error]
    assert 50 <= len(handled) <= 50 + 20 * 2.5
    assert closed.rcvd.code == 1008 and closed.rcvd.reason.startswith("too many messages for 1.5 seconds")
    assert [line for line in lines if at in line and line.startswith("flood:")] == [
        f"flood: an observer at {at}: more than 20 messages a second; dropping the excess"
    ]

    at, seen = bursts
    errors = [m.message for m in seen if isinstance(m, Error)]
    told = [index for index, error in enumerate(errors) if error == FLOODED]
    between = [index for index, error in enumerate(errors) if error.startswith("not JSON")]
    assert len(told) == 2 and told[0] < between[0] < told[1]
    assert len([line for line in lines if at in line and line.startswith("flood:")]) == 2
    assert not [line for line in lines if at in line and line.startswith("closed:")]

    for at, closed in (mute, wrong):
        assert (closed.rcvd.code, closed.rcvd.reason) == (1008, 'no "hello" within 0.5 seconds of connecting')
        assert f'closed: a client at {at}: no "hello" within 0.5 seconds of connecting' in lines
    at, closed = huge
    assert closed.rcvd.code == 1009
    assert f"closed: an observer at {at}: a message over {MAX_MESSAGE_BYTES} bytes" in lines
    assert "refused: a client at" in "\n".join(lines) and "no seat has that token" in "\n".join(lines)
    assert all("\n" not in line for line in lines)


def noise(size: int) -> str:
    """Text that does not compress: what a server may send that the client cannot keep up with."""
    return base64.b64encode(os.urandom(size * 3 // 4)).decode()


async def test_a_client_that_stops_reading_is_closed_once_too_far_behind():
    """A server that sends faster than its clients read (with the limits' connection, as the game
    server's): each client is closed (1008) once more than ``behind_bytes`` wait for it, the
    unsent data never much past that. One then reads on and gets every message, then the close;
    the other never reads again, and the server drops it ``close_seconds`` later."""
    limits = Limits(behind_bytes=MAX_MESSAGE_BYTES, close_seconds=1.0)
    lines: list[str] = []
    sent: dict[int, int] = {}
    most: dict[int, int] = {}
    dropped: dict[int, float] = {}
    clients: dict[ServerConnection, str | None] = {}
    message = noise(16 * 1024)

    async def handler(ws: ServerConnection) -> None:
        guard = Guard(ws, limits, clients, lines.append)
        clients[ws] = None
        port = ws.remote_address[1]
        sent[port] = most[port] = 0
        try:
            while guard.closing is None:
                broadcast([ws], message)
                sent[port] += 1
                most[port] = max(most[port], ws.transport.get_write_buffer_size())
                await asyncio.sleep(0)
            closed_at = asyncio.get_running_loop().time()
            await ws.wait_closed()
            dropped[port] = asyncio.get_running_loop().time() - closed_at
        finally:
            guard.done()

    async with asyncio.timeout(WAIT):
        async with serve(handler, LOOPBACK, 0, compression=None, **limits.server_options()) as server:
            address = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
            reader = await connect(address, max_size=None, compression=None)
            sleeper = await connect(address, max_size=None, compression=None)
            for client in (reader, sleeper):
                client.transport.pause_reading()
            while len(lines) < 2:  # both too far behind
                await asyncio.sleep(0.01)
            reader.transport.resume_reading()
            received = 0
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    await reader.recv()
                    received += 1
            while len(dropped) < 2:
                await asyncio.sleep(0.01)
            sleeper.transport.abort()

    reader_port, sleeper_port = (client.local_address[1] for client in (reader, sleeper))
    assert received == sent[reader_port] > 100  # megabytes through the kernel's buffers first
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (
        1008,
        "too far behind: read the messages sent to you",
    )
    assert 0.9 < dropped[sleeper_port] < 5
    for port in (reader_port, sleeper_port):
        assert limits.behind_bytes < most[port] <= limits.behind_bytes + len(message) + 100
        assert any(f"127.0.0.1:{port}: too far behind" in line for line in lines)


def test_ctrl_c_stops_the_host_with_a_line_on_stderr(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "host", str(FIXTURE), "--seats", "pakistan", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        printed = ""
        while "Serving until" not in printed:
            line = process.stdout.readline()
            assert line, printed
            printed += line
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=WAIT)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 130 and out == ""
    assert err == (
        "diplosim: interrupted in round 1 of 8; diplosim-host-save.json holds the game at the start of "
        "that round: the same seats go on from there with diplosim host --resume diplosim-host-save.json\n"
    )

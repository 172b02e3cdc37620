"""Playing together: a real `diplosim host` on loopback, real protocol clients, a whole game.

The server runs as a user runs it (a subprocess, port 0); its clients are the protocol client
the terminal app will use (sim/net/client.py). Every wait is bounded: a server that hangs fails
the test in seconds instead of holding the suite.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from shared import FIXTURE
from terminal import diplosim
from websockets.exceptions import ConnectionClosed

from sim.engine.moves import Lobby, Statement
from sim.errors import HostError, ProtocolError
from sim.net.client import GameClient, encode_move, token_of
from sim.net.host import GameHost
from sim.net.protocol import MAX_MESSAGE_BYTES, Error, Over, parse_client
from sim.play.game import Game
from sim.scenario.loading import load_scenario

SEATS = ("united-states", "russian-federation", "pakistan")
BALLOTS = {"united-states": "yes", "russian-federation": "no", "pakistan": "abstain"}
NAMES = {"united-states": "United States", "russian-federation": "Russian Federation", "pakistan": "Pakistan"}
SEED = 3
WAIT = 30
"""Seconds any one step may take before the test fails (the whole game takes about one)."""
ADDRESS = re.compile(r"^  (\S+): (ws://127\.0\.0\.1:\d+/\S*)$", re.MULTILINE)


async def start_host(save: Path, *more: str) -> tuple[asyncio.subprocess.Process, dict[str, str]]:
    """`diplosim host` on the fixture with the three seats, and the addresses it printed."""
    return await spawn_host(
        str(FIXTURE), "--seats", ",".join(SEATS), "--seed", str(SEED), "--save", str(save), *more
    )


async def spawn_host(*arguments: str, port: int = 0) -> tuple[asyncio.subprocess.Process, dict[str, str]]:
    """`diplosim host ARGUMENTS --port PORT`, once it serves, and the addresses it printed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sim.cli",
        "host",
        *arguments,
        "--port",
        str(port),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    printed = ""
    try:
        async with asyncio.timeout(WAIT):
            while "Serving until" not in printed:
                line = await process.stdout.readline()
                assert line, f"the host exited before serving: {printed!r}"
                printed += line.decode()
    except BaseException:
        process.kill()
        await process.wait()
        raise
    return process, dict(ADDRESS.findall(printed))


async def play_seat(client: GameClient, ballot: str) -> list:
    """End each turn, send ``ballot`` at each roll call that waits for the seat; every message
    the seat received, to the game's ``over``."""
    seen = []
    await client.end_turn()
    while True:
        message = await client.receive(WAIT)
        seen.append(message)
        if message.type == "roll_call" and client.seat in message.seats:
            await client.ballot(message.draft, ballot)
        elif message.type == "round" and message.next is not None:
            await client.end_turn()
        elif message.type == "over":
            return seen


async def watch(client: GameClient) -> list:
    seen = []
    while not seen or seen[-1].type != "over":
        seen.append(await client.receive(WAIT))
    return seen


async def test_three_seats_play_a_game_that_the_save_replays_exactly(tmp_path):
    save = tmp_path / "game.json"
    process, addresses = await start_host(save)
    try:
        async with asyncio.timeout(WAIT):
            assert set(addresses) == {*SEATS, "observers"}
            # A wrong token is refused to that client alone; the seats join after it.
            with pytest.raises(HostError, match="no seat has that token"):
                await GameClient.join(addresses["observers"], token="not-a-token")
            clients = {seat: await GameClient.join(addresses[seat]) for seat in SEATS}
            observer = await GameClient.join(addresses["observers"])
            assert observer.seat is None and clients["pakistan"].seat == "pakistan"
            assert clients["pakistan"].welcome.seats == list(SEATS)
            for client in (*clients.values(), observer):
                assert (await client.receive(WAIT)).type == "turn"

            us, russia, pakistan = (clients[seat] for seat in SEATS)
            # Pakistan tries a move of the United States, Russia sends what is not JSON, then a
            # message with a field the protocol does not have: an error each, to them alone.
            await pakistan.move(Lobby("united-states", "togo", "coercion", 0.05))
            assert "cannot make a move of united-states" in (await pakistan.receive(WAIT)).message
            await russia.send_text('{"type": "end_turn"')
            assert (await russia.receive(WAIT)).message.startswith("not JSON")
            await russia.send_text('{"type": "end_turn", "now": true}')
            assert "now" in (await russia.receive(WAIT)).message
            # Then each seat makes a move, which the server takes.
            await us.move(Lobby("united-states", "pakistan", "coercion", 0.2))
            await russia.move(Statement("russian-federation", "united-states", -0.1))
            await pakistan.move(Lobby("pakistan", "togo", "mission", 0.05))
            for client in clients.values():
                assert (await client.receive(WAIT)).type == "ok"

            played = await asyncio.gather(
                *(play_seat(clients[seat], BALLOTS[seat]) for seat in SEATS), watch(observer)
            )
            for client in (*clients.values(), observer):
                await client.close()
            assert await process.wait() == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    # No seat saw another's errors, nor the observer any.
    assert all(not isinstance(m, Error) for seen in played for m in seen)
    ends = [seen[-1] for seen in played]
    assert all(isinstance(end, Over) and end.record == ends[0].record for end in ends)
    final = ends[0].record
    # Every roll call waited for the three seats, and took their ballots.
    votes = [m.record for m in played[-1] if m.type == "vote"]
    assert votes and votes == final["votes"]
    for vote in votes:
        assert {seat: vote["roll_call"][NAMES[seat]] for seat in SEATS} == BALLOTS

    # The save replays, in a game of the same scenario, seed and seats, to the very same record.
    data = json.loads(save.read_text())
    assert data["players"] == list(SEATS) and data["seed"] == SEED and data["pending"] == []
    # The moves of round 1 in the order of the seats' actor ids (sim/play/saves.py, version 2).
    assert [(m["actor"], m["kind"]) for m in data["rounds"][0]] == [
        ("pakistan", "lobby"),
        ("russian-federation", "statement"),
        ("united-states", "lobby"),
    ]
    replayed = Game.load(save, load_scenario(FIXTURE))
    assert replayed.players == SEATS and replayed.over
    assert json.loads(replayed.record.to_json()) == final
    fresh = Game(load_scenario(FIXTURE), SEED, players=SEATS)
    fresh.rewind_to_moves(replayed.rounds)
    assert fresh.record.to_json() == replayed.record.to_json()


async def test_the_clock_plays_on_for_seats_that_send_nothing(tmp_path, syria):
    """With ``turn_seconds``, a round (and a roll call) waits no longer: silent seats make no move
    and vote as their profiles lean, as in a game where they played nothing."""
    host = GameHost(Game(syria, SEED, players=SEATS), tmp_path / "game.json", turn_seconds=0.05, log=print)
    async with asyncio.timeout(WAIT):
        server = await host.serve()
        async with server:
            port = server.sockets[0].getsockname()[1]
            async with await GameClient.join(f"ws://127.0.0.1:{port}/") as observer:
                seen = await watch(observer)
    alone = Game(syria, SEED, players=SEATS)
    while not alone.over:
        alone.play_round()
    assert seen[-1].record == json.loads(alone.record.to_json())


def test_bad_messages_are_refused_with_the_reason():
    with pytest.raises(ProtocolError, match="binary"):
        parse_client(b'{"type": "end_turn"}')
    with pytest.raises(ProtocolError, match="at most"):
        parse_client('{"type": "end_turn", "x": "' + "a" * MAX_MESSAGE_BYTES + '"}')
    with pytest.raises(ProtocolError, match="NaN"):
        parse_client(
            '{"type": "move", "move": {"kind": "lobby", "actor": "a", "target": "b", '
            '"dimension": "c", "effort": NaN}}'
        )
    with pytest.raises(ProtocolError, match="type"):
        parse_client('{"type": "shout"}')
    with pytest.raises(ProtocolError, match="object"):
        parse_client("[1, 2]")
    with pytest.raises(ProtocolError, match="ballot"):
        parse_client('{"type": "ballot", "draft": "s-2012-538", "ballot": "maybe"}')
    assert parse_client('{"type": "hello"}').token is None


def test_an_unknown_seat_or_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    result = diplosim("host", FIXTURE, "--seats", "united-states,narnia", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert "unknown actor 'narnia'" in result.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = diplosim("host", FIXTURE, "--seats", "pakistan", "--port", port, cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"cannot listen on 127.0.0.1:{port}: the port is in use"
    assert not (tmp_path / "diplosim-host-save.json").exists()


async def test_what_a_seat_may_not_do_is_an_error_to_it_and_a_frame_too_large_closes_it(tmp_path, syria):
    """In process (the same server): an observer's move, a ballot with no vote waiting, a move
    after the seat's end of turn, a second hello, a binary frame; each an error to that client
    and nothing to the others. A frame over the limit closes that connection alone (1009)."""
    host = GameHost(Game(syria, SEED, players=SEATS), tmp_path / "game.json", log=lambda line: None)
    async with asyncio.timeout(WAIT):
        server = await host.serve()
        async with server:
            address = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
            us = await GameClient.join(address, host.tokens["united-states"])
            pakistan = await GameClient.join(address, host.tokens["pakistan"])
            observer = await GameClient.join(address)
            for client in (us, pakistan, observer):
                assert (await client.receive(WAIT)).type == "turn"

            async def refused(client: GameClient, frame: str | bytes) -> str:
                await client.send_text(frame)
                answer = await client.receive(WAIT)
                assert isinstance(answer, Error), answer
                return answer.message

            lobby = Lobby("united-states", "pakistan", "coercion", 0.2)
            assert "observer makes no moves" in await refused(observer, encode_move(lobby))
            assert await refused(us, '{"type": "ballot", "draft": "s-2012-538", "ballot": "yes"}') == (
                "no vote is waiting"
            )
            assert "joined already" in await refused(pakistan, '{"type": "hello"}')
            assert "binary" in await refused(pakistan, b"\x00")
            await pakistan.end_turn()
            assert (await pakistan.receive(WAIT)).type == "ok"
            waiting = await pakistan.receive(WAIT)
            assert waiting.type == "turn" and waiting.ended == ["pakistan"]
            assert "has ended its turn" in await refused(
                pakistan, encode_move(Lobby("pakistan", "togo", "mission", 0))
            )

            with pytest.raises(ConnectionClosed) as closed:
                await us.send_text('{"type": "end_turn", "x": "' + "a" * MAX_MESSAGE_BYTES + '"}')
                while True:  # past the turn of Pakistan's, sent before
                    await us.receive(WAIT)
            assert closed.value.rcvd.code == 1009
            # The others saw only the turn, and the game goes on: the United States joins again.
            assert (await observer.receive(WAIT)).type == "turn"
            again = await GameClient.join(address, host.tokens["united-states"])
            assert (await again.receive(WAIT)).waiting == ["united-states", "russian-federation"]
            for client in (again, pakistan, observer):
                await client.close()
    assert host.game.current == [] and not host.done.is_set()


MOVES = {
    "united-states": Lobby("united-states", "pakistan", "coercion", 0.2),
    "russian-federation": Statement("russian-federation", "united-states", -0.1),
    "pakistan": Lobby("pakistan", "togo", "mission", 0.05),
}
"""Each seat's move, every round."""


async def play_rounds(client: GameClient, until: int | None = None) -> Any:
    """Play the client's seat from the round it is in: its move, the end of its turn, its ballot
    at each roll call; to the end of round ``until`` (the next round, returned), or to ``over``
    (its record, returned)."""
    seat = client.seat
    while True:
        await client.move(MOVES[seat])
        await client.end_turn()
        oks = 0
        while True:
            message = await client.receive(WAIT)
            assert message.type != "error", message
            if message.type == "ok":
                oks += message.what != "ballot"
            elif message.type == "roll_call" and seat in message.seats:
                await client.ballot(message.draft, BALLOTS[seat])
            elif message.type == "over":
                assert oks >= 2
                return message.record
            elif message.type == "round" and message.next is not None:
                assert oks == 2  # the move and the end of the turn were taken
                if until is not None and message.next > until:
                    return message.next
                break


async def join_seats(addresses: dict[str, str], round: int) -> dict[str, GameClient]:
    """The three seats joined at their addresses, welcomed in ``round``, past its ``turn``."""
    clients = {seat: await GameClient.join(addresses[seat]) for seat in SEATS}
    for client in clients.values():
        assert client.welcome.round == round
        turn = await client.receive(WAIT)
        assert turn.type == "turn" and turn.round == round and turn.ended == []
    return clients


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.kill()
        await process.wait()


async def test_a_host_killed_mid_game_resumes_with_the_same_tokens_to_the_same_game(tmp_path):
    """Two rounds, SIGKILL, `--resume`: the seats join again with the addresses they had (a new
    port, the same tokens) and the game ends as the one played without a break, move for move."""
    save, whole = tmp_path / "game.json", tmp_path / "whole.json"
    process, addresses = await start_host(save)
    try:
        async with asyncio.timeout(WAIT * 2):
            tokens = json.loads((tmp_path / "game.json.tokens.json").read_text())["tokens"]
            assert tokens == {seat: token_of(addresses[seat]) for seat in SEATS}
            assert stat.S_IMODE(os.stat(tmp_path / "game.json.tokens.json").st_mode) == 0o600
            clients = await join_seats(addresses, 1)
            assert await asyncio.gather(*(play_rounds(c, until=2) for c in clients.values())) == [3] * 3
            # Round 2 is saved before its "round" goes out; round 3's moves were never sent.
            process.kill()
            assert await process.wait() == -signal.SIGKILL
            for client in clients.values():
                await client.close()
            assert len(json.loads(save.read_text())["rounds"]) == 2

            process, again = await spawn_host("--resume", str(save))
            assert {seat: token_of(again[seat]) for seat in SEATS} == tokens
            assert again["observers"] != addresses["observers"]  # another port
            # Each player's old address, on the new port.
            port = again["observers"]
            clients = await join_seats({seat: f"{port}?token={tokens[seat]}" for seat in SEATS}, 3)
            resumed = await asyncio.gather(*(play_rounds(c) for c in clients.values()))
            for client in clients.values():
                await client.close()
            assert await process.wait() == 0

            process, addresses = await start_host(whole)
            clients = await join_seats(addresses, 1)
            unbroken = await asyncio.gather(*(play_rounds(c) for c in clients.values()))
            for client in clients.values():
                await client.close()
            assert await process.wait() == 0
    finally:
        await stop(process)

    assert all(record == unbroken[0] for record in (*resumed, *unbroken))
    assert len(unbroken[0]["rounds"]) == 8 and unbroken[0]["votes"]
    for path in (save, whole):
        assert json.loads(Game.load(path).record.to_json()) == unbroken[0]


def test_resume_without_its_tokens_or_with_seats_is_one_line_and_exit_2(tmp_path):
    save = tmp_path / "game.json"
    Game(load_scenario(FIXTURE), SEED, players=SEATS).save(save)
    for arguments, words in (
        (("--resume", save), "no seat tokens next to the save"),
        (("--resume", save, "--seats", "pakistan"), "give no --seats"),
        (("--resume", save, FIXTURE), "give no a scenario"),
    ):
        result = diplosim("host", *arguments, "--port", "0", cwd=tmp_path, timeout=60)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
        assert words in result.stderr
    (tmp_path / "game.json.tokens.json").write_text('{"format": "diplosim-host-tokens", "tokens": {}}')
    result = diplosim("host", "--resume", save, "--port", "0", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "damaged seat tokens file" in result.stderr
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]


async def test_a_seat_that_joins_again_finds_its_turn_as_it_left_it(tmp_path, syria):
    """A seat that ended its turn and lost its connection joins again with its token: welcomed in
    the same round, its turn still ended; at a roll call, it is asked for its ballot again."""
    host = GameHost(Game(syria, SEED, players=SEATS), tmp_path / "game.json", log=lambda line: None)
    async with asyncio.timeout(WAIT):
        server = await host.serve()
        async with server:
            address = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
            pakistan = await GameClient.join(address, host.tokens["pakistan"])
            assert (await pakistan.receive(WAIT)).type == "turn"
            await pakistan.move(MOVES["pakistan"])
            await pakistan.end_turn()
            assert [(await pakistan.receive(WAIT)).type for _ in range(3)] == ["ok", "ok", "turn"]
            await pakistan.close()
            again = await GameClient.join(address, host.tokens["pakistan"])
            assert again.welcome.round == 1 and again.seat == "pakistan"
            turn = await again.receive(WAIT)
            assert turn.round == 1 and turn.ended == ["pakistan"]
            await again.send_text(encode_move(MOVES["pakistan"]))
            assert "has ended its turn for round 1" in (await again.receive(WAIT)).message
            await again.close()
    assert host.ended == {"pakistan"} and host.game.current == [MOVES["pakistan"]]

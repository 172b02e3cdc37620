"""Load on the game server (sim/net/host.py) on loopback: round latency, memory, and that no move
is lost or applied twice and no client misses a round.

    python benchmarks/net_load.py                         # both checks, 5 minutes each
    python benchmarks/net_load.py --minutes 1             # a minute each
    python benchmarks/net_load.py --only many --games 20 --think 0 --minutes 1   # flat out

(a) ``one``: one game of the default scenario with a person in each of its 15 Council seats (every
    seat a client) and 20 observers;
(b) ``many``: ``--games`` games (20) at once in one host process: that many GameHosts on one event
    loop, each on its own port, as one `diplosim host` process would hold them if it served
    several games. It is the hard case for latency: every game's rounds are played on the same
    thread, one at a time, so a round played blocks every other game meanwhile (20 `diplosim
    host` processes would share two cores the same way, each with an interpreter of its own).

Games restart when over, until the time is up. The host runs in a process of its own (this
script with ``--serve``), the clients (sim/net/client.py) all on one event loop in this one.
Each round, each seat waits a random time up to ``--think`` seconds, sends two statements (the
pressure of each its own) and ends its turn; at each roll call it sends a ballot at once.

Prints, for each check: rounds played; round latency, from the last ``end_turn`` sent to the
``round`` message received by each client (median, 99th percentile, largest; the target is a round
with 15 human seats played within 1 s of the last turn, at the 99th percentile); how late the
host's event loop ran a 5 ms timer (median, 99th percentile, largest: how long a round played, or
anything else, held up the other games); the host's CPU time and resident memory (at start, peak,
end: /proc/PID/status); the clients' CPU and their event loop's lateness (the latency is partly
theirs: a client late to read a round adds its delay); the machine's load average before and
after (it may be shared: a busy machine delays both processes).

Playing a round is not what holds the host's loop up: the engine plays a round of the default
scenario with 15 seats in about a millisecond (saving it, a few). What does is sending (each
message to each client, compressed for each) and the cyclic collector's full collections of a
large heap; a worker thread for the round would not help (the GIL), and would need the host to
refuse moves meanwhile. `diplosim host` freezes its imports and game before serving (gc.freeze),
and so does the host here.

Checks, and prints the count of failures (0 expected): every move sent is in the game's save and
in the round's record exactly once; every client got every round, in order, and the game's end;
every client of a game got the same final record; no move, end of turn or ballot was refused.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from websockets.exceptions import ConnectionClosed

from sim.engine.moves import Statement
from sim.errors import HostError
from sim.net.client import GameClient
from sim.net.host import LOOPBACK, GameHost
from sim.play.game import Game
from sim.scenario.loading import load_scenario
from sim.scenario.paths import default_scenario

WAIT = 60
"""Seconds any one message may take before the check gives up on that game."""
PRESSURES = (0.004, 0.005)
"""Each seat's two statements a round: 0.009 of capital, within the least a Council member has."""


def seats_of(game: Game) -> list[str]:
    return [actor for actor in game.scenario.spec.actors if game.model.actors[actor].on_council]


def token(slot: int, generation: int, seat: str) -> str:
    """The seat's token in a game: known to both processes, and another for each game."""
    return f"{slot}-{generation}-{seat}"


def seed_of(slot: int, generation: int) -> int:
    return slot * 1000 + generation


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def lateness(late: list[float]) -> None:
    """How late this event loop runs a 5 ms timer, again and again (cancel to stop): how long
    whatever runs on it holds up the rest."""
    loop = asyncio.get_running_loop()
    while True:
        began = loop.time()
        await asyncio.sleep(0.005)
        late.append(loop.time() - began - 0.005)


def summary(late: list[float]) -> dict[str, float]:
    return {"median": statistics.median(late), "p99": percentile(late, 0.99), "max": max(late)}


def figures(late: dict[str, float]) -> str:
    median, p99, most = (late[key] * 1000 for key in ("median", "p99", "max"))
    return f"median {median:.1f} ms, p99 {p99:.1f} ms, max {most:.0f} ms"


# -- the host process --------------------------------------------------------------------------


async def serve_games(games: int, saves: Path) -> None:
    """``games`` GameHosts on this event loop, each restarting with a new game when one is over,
    until standard input closes; then one JSON line of the loop's lateness."""
    loop = asyncio.get_running_loop()
    scenario = load_scenario(default_scenario())
    stop = asyncio.Event()
    loop.add_reader(sys.stdin.fileno(), stop.set)
    late: list[float] = []
    seats = seats_of(Game(scenario))
    gc.freeze()  # as `diplosim host` does once its game is loaded (sim/cli/host.py)

    async def slot(index: int) -> None:
        port, generation = 0, 0
        while not stop.is_set():
            game = Game(scenario, seed_of(index, generation), players=seats)
            tokens = {seat: token(index, generation, seat) for seat in game.players}
            save = saves / f"{index}-{generation}.json"
            host = GameHost(game, save, tokens=tokens, log=lambda line: None)
            server = await host.serve(LOOPBACK, port)
            async with server:
                if not port:
                    port = server.sockets[0].getsockname()[1]
                    print(json.dumps({"slot": index, "port": port}), flush=True)
                waits = [loop.create_task(host.done.wait()), loop.create_task(stop.wait())]
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
                for wait in waits:
                    wait.cancel()
            await server.wait_closed()
            generation += 1

    ticker = loop.create_task(lateness(late))
    slots = [loop.create_task(slot(index)) for index in range(games)]
    await stop.wait()
    for task in (ticker, *slots):
        task.cancel()
    print(json.dumps(summary(late)), flush=True)


# -- the clients -------------------------------------------------------------------------------


class Tally:
    """What the clients saw, over every game of one check."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.rounds = 0
        self.games = 0
        self.failures: Counter[str] = Counter()


async def join(port: int, seat_token: str | None, seed: int) -> GameClient:
    """Join the game of ``seed`` at ``port``: again until that game is up (the last one may still
    be closing, or its successor not listening yet)."""
    address = f"ws://{LOOPBACK}:{port}/"
    while True:
        try:
            client = await GameClient.join(address, seat_token, timeout=WAIT)
        except (HostError, ConnectionClosed, OSError, TimeoutError):
            await asyncio.sleep(0.05)
            continue
        if client.welcome.seed == seed and client.welcome.round == 1:
            return client
        await client.close()
        await asyncio.sleep(0.05)


async def play_seat(client: GameClient, rounds: int, think: float, rng: random.Random, ends: dict) -> dict:
    """The seat's game: per round its statements, the end of its turn (when, in ``ends``), a
    ballot at each roll call; returns what it sent, the rounds it got and when, and refusals."""
    seat = client.seat
    assert seat is not None
    target = "united-states" if seat != "united-states" else "russian-federation"
    loop = asyncio.get_running_loop()
    sent: dict[int, list[float]] = {}
    got: list[tuple[int, float]] = []
    refused = 0
    over = None
    for number in range(1, rounds + 1):
        await asyncio.sleep(rng.uniform(0, think))
        sent[number] = list(PRESSURES)
        for pressure in PRESSURES:
            await client.move(Statement(seat, target, pressure))
        ends.setdefault(number, []).append(loop.time())
        await client.end_turn()
        while True:
            message = await client.receive(WAIT)
            if message.type == "error":
                refused += 1
            elif message.type == "roll_call" and seat in message.seats:
                await client.ballot(message.draft, rng.choice(("yes", "no", "abstain")))
            elif message.type == "round":
                got.append((message.record["index"], loop.time()))
                break
    while over is None:
        message = await client.receive(WAIT)
        if message.type == "over":
            over = message.record
        elif message.type == "error":
            refused += 1
    return {"seat": seat, "sent": sent, "got": got, "refused": refused, "over": over}


async def watch(client: GameClient) -> dict:
    loop = asyncio.get_running_loop()
    got: list[tuple[int, float]] = []
    while True:
        message = await client.receive(WAIT)
        if message.type == "round":
            got.append((message.record["index"], loop.time()))
        elif message.type == "over":
            return {"seat": None, "got": got, "refused": 0, "over": message.record}


def check_game(played: list[dict], ends: dict, save: Path, names: dict[str, str], tally: Tally) -> None:
    """Tally one game's latencies, and count what went wrong in it. ``names``: the actors' names
    by id (the record names them)."""
    rounds = len(ends)
    for client in played:
        if [number for number, _ in client["got"]] != list(range(1, rounds + 1)):
            tally.failures["a client missed a round, or got one twice"] += 1
        for number, when in client["got"]:
            tally.latencies.append(when - max(ends[number]))
        tally.failures["a message refused"] += client["refused"]
        if client["over"] != played[0]["over"]:
            tally.failures["clients of one game got different records"] += 1
    saved = json.loads(save.read_text())["rounds"]
    record = played[0]["over"]["rounds"]
    for client in played:
        if client["seat"] is None:
            continue
        seat, name = client["seat"], names[client["seat"]]
        for number, pressures in client["sent"].items():
            in_save = sorted(m["pressure"] for m in saved[number - 1] if m["actor"] == seat)
            in_record = sorted(
                p["amount"]
                for p in record[number - 1]["pressure"]
                if p["actor"] == name and p["kind"] == "statement"
            )
            if in_save != sorted(pressures) or in_record != sorted(pressures):
                tally.failures["a move lost or applied twice"] += 1
    tally.rounds += rounds
    tally.games += 1
    save.unlink()


@dataclass(frozen=True)
class Plan:
    """What every game slot's clients do."""

    seats: list[str]
    names: dict[str, str]
    """The seats' actor names, by id: the record names them."""
    rounds: int
    observers: int
    think: float
    until: float
    """When (event loop time) to start no new game."""
    saves: Path
    """Where the host saves its games."""


async def table(slot: int, port: int, plan: Plan, tally: Tally) -> None:
    """One game slot's clients: game after game, until ``plan.until``."""
    loop = asyncio.get_running_loop()
    generation = 0
    while loop.time() < plan.until:
        seed = seed_of(slot, generation)
        clients = [await join(port, token(slot, generation, seat), seed) for seat in plan.seats]
        watchers = [await join(port, None, seed) for _ in range(plan.observers)]
        ends: dict[int, list[float]] = {}
        try:
            played = await asyncio.gather(
                *(
                    play_seat(client, plan.rounds, plan.think, random.Random(f"{seed}-{client.seat}"), ends)
                    for client in clients
                ),
                *(watch(client) for client in watchers),
            )
        except (TimeoutError, ConnectionClosed) as exc:
            tally.failures[f"a game broke off: {type(exc).__name__}"] += 1
        else:
            check_game(played, ends, plan.saves / f"{slot}-{generation}.json", plan.names, tally)
        for client in (*clients, *watchers):
            await client.close()
        generation += 1


def status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def cpu_seconds(pid: int) -> float:
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / 100  # utime, stime in clock ticks (100 a second)


async def check(name: str, games: int, observers: int, minutes: float, think: float) -> None:
    saves = Path(tempfile.mkdtemp(prefix="net-load-"))
    load_before = os.getloadavg()[0]
    host = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--serve",
        str(games),
        "--saves",
        str(saves),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert host.stdout is not None and host.stdin is not None
    ports = {}
    while len(ports) < games:
        line = json.loads(await host.stdout.readline())
        ports[line["slot"]] = line["port"]
    start = status(host.pid)["VmRSS"]
    cpu_start = cpu_seconds(host.pid)
    probe = Game(load_scenario(default_scenario()))
    seats = seats_of(probe)
    loop = asyncio.get_running_loop()
    began, mine = loop.time(), time.process_time()
    plan = Plan(
        seats=seats,
        names={seat: probe.model.actors[seat].name for seat in seats},
        rounds=len(probe.scenario.spec.schedule),
        observers=observers,
        think=think,
        until=began + minutes * 60,
        saves=saves,
    )
    tally = Tally()
    peak = start
    gc.freeze()  # this process's imports, as the host's: its collections are not the server's
    mine_late: list[float] = []
    ticker = loop.create_task(lateness(mine_late))
    tables = asyncio.gather(*(table(slot, port, plan, tally) for slot, port in ports.items()))
    while not tables.done():
        peak = max(peak, status(host.pid)["VmRSS"])
        await asyncio.wait([tables], timeout=0.5)
    await tables
    ticker.cancel()
    elapsed, mine = loop.time() - began, time.process_time() - mine
    memory = status(host.pid)
    cpu = cpu_seconds(host.pid) - cpu_start
    host.stdin.close()
    late = json.loads(await host.stdout.readline())
    await host.wait()
    shutil.rmtree(saves)  # the saves of games cut short (the others are checked and gone)

    lat = tally.latencies
    print(
        f"{name}: {games} game(s) of {len(seats)} seats and {observers} observers, {elapsed:.0f} s, "
        f"think up to {think:g} s"
    )
    print(f"  games played {tally.games}, rounds {tally.rounds} ({tally.rounds / elapsed:.1f}/s)")
    if lat:
        print(
            f"  round latency, last end_turn to each client's round ({len(lat)} samples): "
            f"median {statistics.median(lat) * 1000:.0f} ms, p99 {percentile(lat, 0.99) * 1000:.0f} ms, "
            f"max {max(lat) * 1000:.0f} ms"
        )
    print(f"  host event loop, a 5 ms timer late by: {figures(late)}")
    print(
        f"  host CPU {cpu:.1f} s ({cpu / elapsed:.0%} of one core); "
        f"{cpu / max(1, tally.rounds) * 1000:.1f} ms a round"
    )
    print(
        f"  host memory (RSS): start {start / 1024:.0f} MB, peak {max(peak, memory['VmHWM']) / 1024:.0f} MB "
        f"(sampled {peak / 1024:.0f}), end {memory['VmRSS'] / 1024:.0f} MB"
    )
    print(
        f"  clients' CPU {mine:.1f} s ({mine / elapsed:.0%} of one core); their event loop late by: "
        f"{figures(summary(mine_late))}"
    )
    failures = ", ".join(f"{what}: {count}" for what, count in tally.failures.items() if count) or "none"
    print(f"  failures: {sum(tally.failures.values())} ({failures})")
    after = os.getloadavg()[0]
    print(f"  load average (1 min) before {load_before:.2f}, after {after:.2f}, on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=5, help="how long each check plays (default 5)")
    parser.add_argument("--only", choices=("one", "many"), help="only this check (default: both)")
    parser.add_argument("--games", type=int, default=20, help="games at once in check many (default 20)")
    parser.add_argument("--observers", type=int, default=20, help="observers in check one (default 20)")
    parser.add_argument("--many-observers", type=int, default=2, help="observers a game in check many (2)")
    parser.add_argument("--think", type=float, default=2.0, help="most a seat waits each round (default 2 s)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--saves", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(serve_games(args.serve, args.saves))
        return
    if args.only in (None, "one"):
        asyncio.run(check("one game", 1, args.observers, args.minutes, args.think))
    if args.only in (None, "many"):
        asyncio.run(check("many games", args.games, args.many_observers, args.minutes, args.think))


if __name__ == "__main__":
    main()

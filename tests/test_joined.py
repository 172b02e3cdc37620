"""A game joined over the network and replayed here (sim/net/joined.py): three seats and an
observer against a real host on loopback, each client's own game checked against the server's
at every vote and round; a dropped connection joined again; the scenario not the host's.

The host runs in this test's event loop (the subprocess host is tests/test_host.py's); every
wait is bounded, so a client out of step fails the test in seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from pathlib import Path

import pytest
from shared import FIXTURE
from test_host import spawn_host, stop

from sim.engine.moves import Lobby, Statement, to_dict
from sim.errors import HostError, MoveError
from sim.net.host import GameHost, join_address
from sim.net.joined import (
    Dropped,
    GameOver,
    JoinedGame,
    Refused,
    Rejoined,
    RollCallOpened,
    RoundPlayed,
    TurnChanged,
    VoteTaken,
)
from sim.play.game import Game
from sim.scenario.loading import load_scenario

SEATS = ("united-states", "russian-federation", "pakistan")
BALLOTS = {"united-states": "yes", "russian-federation": "no", "pakistan": "abstain"}
MOVES = {
    "united-states": Lobby("united-states", "pakistan", "coercion", 0.2),
    "russian-federation": Statement("russian-federation", "united-states", -0.1),
    "pakistan": Lobby("pakistan", "togo", "mission", 0.05),
}
SEED = 3
WAIT = 30


async def play(joined: JoinedGame, drop_in_round: int | None = None) -> list:
    """Play the seat to the end: its move and the end of its turn each round, its ballot at each
    roll call that waits for it; drop the connection once, in round ``drop_in_round``, after its
    move. Every event seen, to ``GameOver``."""
    seen: list = []
    seat = joined.seat

    async def move_and_end() -> None:
        if drop_in_round == len(joined.game.rounds) + 1 and not any(isinstance(e, Rejoined) for e in seen):
            joined.submit(MOVES[seat])
            await asyncio.sleep(0.05)  # the move reaches the host before the connection drops
            await joined.client.close()
            return
        joined.submit(MOVES[seat])
        await joined.end_turn()

    await move_and_end()
    while True:
        event = await asyncio.wait_for(joined.next_event(), WAIT)
        seen.append(event)
        if isinstance(event, RollCallOpened) and seat in event.seats:
            await joined.ballot(event.draft.key, BALLOTS[seat])
        elif isinstance(event, RoundPlayed) and event.next is not None:
            await move_and_end()
        elif isinstance(event, TurnChanged) and any(isinstance(e, Rejoined) for e in seen[-2:]):
            if seat in event.waiting:  # joined again: its move is still queued there, and here
                assert joined.game.current == [MOVES[seat]]
                await joined.end_turn()
        elif isinstance(event, GameOver):
            return seen


@pytest.fixture
async def hosted(tmp_path, syria):
    host = GameHost(Game(syria, SEED, players=SEATS), tmp_path / "game.json", log=lambda line: None)
    server = await host.serve()
    async with server:
        yield host, server.sockets[0].getsockname()[1]


async def test_three_seats_and_an_observer_replay_the_hosted_game_exactly(hosted):
    host, port = hosted
    async with asyncio.timeout(WAIT):
        seats = [await JoinedGame.join(join_address("127.0.0.1", port, host.tokens[seat])) for seat in SEATS]
        observer = await JoinedGame.join(join_address("127.0.0.1", port))
        assert [j.seat for j in seats] == list(SEATS) and observer.seat is None
        assert seats[1].game.player == "russian-federation" and observer.game.player is None
        # A move the rules refuse is refused here, before it is sent.
        with pytest.raises(MoveError):
            seats[0].submit(Lobby("united-states", "pakistan", "coercion", 99.0))
        watched = asyncio.create_task(watch(observer))
        played = await asyncio.gather(*(play(j) for j in seats))
        watched_events = await watched
    final = host.game.record.to_json()
    for joined in (*seats, observer):
        assert joined.game.record.to_json() == final
        await joined.close()
    for seen in (*played, watched_events):
        assert not [e for e in seen if isinstance(e, Refused)]
        votes = [e.vote for e in seen if isinstance(e, VoteTaken)]
        assert votes and [v.symbol for v in votes] == [v["symbol"] for v in json.loads(final)["votes"]]
    # Each seat's ballots are in the record; the game equals one played here from the save.
    for vote in host.game.record.votes:
        for seat, ballot in BALLOTS.items():
            assert vote.roll_call[host.game.scenario.spec.actors[seat].name] == ballot
    alone = Game.load(host.save_path, load_scenario(FIXTURE))
    assert alone.record.to_json() == final


async def watch(joined: JoinedGame) -> list:
    seen = []
    while not seen or not isinstance(seen[-1], GameOver):
        seen.append(await asyncio.wait_for(joined.next_event(), WAIT))
    return seen


async def test_a_dropped_seat_joins_again_and_the_game_ends_the_same(hosted):
    """Russia's connection drops in round 2, after its move: it joins again with its token,
    finds its move still queued, and the game ends as if nothing had happened."""
    host, port = hosted
    async with asyncio.timeout(WAIT):
        seats = [await JoinedGame.join(join_address("127.0.0.1", port, host.tokens[seat])) for seat in SEATS]
        seats[1].retry = (0.05,) * 5
        played = await asyncio.gather(
            *(play(j, drop_in_round=2 if j.seat == SEATS[1] else None) for j in seats)
        )
    assert [type(e) for e in played[1] if isinstance(e, Dropped | Rejoined)] == [Dropped, Rejoined]
    final = host.game.record.to_json()
    assert all(j.game.record.to_json() == final for j in seats)
    assert [m for m in host.game.rounds[1] if m.actor == SEATS[1]] == [MOVES[SEATS[1]]]
    for joined in seats:
        await joined.close()


async def test_a_scenario_not_the_hosts_is_refused_in_one_line(tmp_path, scenario_copy):
    """The host plays a copy of the fixture; here that copy has another title."""
    hosted = load_scenario(scenario_copy)
    host = GameHost(Game(hosted, SEED, players=SEATS), tmp_path / "game.json", log=lambda line: None)
    async with asyncio.timeout(WAIT):
        server = await host.serve()
        async with server:
            port = server.sockets[0].getsockname()[1]
            scenario = scenario_copy / "scenario.yaml"
            scenario.write_text(scenario.read_text().replace('title: "Syria', 'title: "Changed: Syria', 1))
            with pytest.raises(HostError, match="in another version than this one") as caught:
                await JoinedGame.join(join_address("127.0.0.1", port))
            assert "\n" not in str(caught.value)
            with pytest.raises(HostError, match="no seat has that token"):
                await JoinedGame.join(join_address("127.0.0.1", port, "forged"))


def test_the_welcome_shows_a_seat_its_own_queued_moves_only(syria, tmp_path):
    host = GameHost(Game(syria, SEED, players=SEATS), Path(tmp_path) / "g.json", log=lambda line: None)
    for seat, move in MOVES.items():
        host.game.submit(move, seat=seat)
    assert host.visible_save("pakistan")["pending"] == [to_dict(MOVES["pakistan"])]
    assert host.visible_save(None)["pending"] == []


async def test_the_apps_clients_find_their_seats_again_after_the_host_is_killed_and_resumed(tmp_path):
    """`diplosim host` is SIGKILLed at the start of round 3 and resumed (`--resume`) on its port:
    each client joins again by itself, finds its seat, sends its lost move again, and the game
    ends as one played here without a break."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    save = tmp_path / "game.json"
    arguments = (str(FIXTURE), "--seats", ",".join(SEATS), "--seed", str(SEED), "--save", str(save))
    process, addresses = await spawn_host(*arguments, port=port)
    gate, waiting = asyncio.Event(), []
    try:
        async with asyncio.timeout(WAIT * 2):
            seats = [await JoinedGame.join(addresses[seat]) for seat in SEATS]
            for joined in seats:
                joined.retry = (0.1,) * 150
            playing = [asyncio.create_task(play_through(j, gate, waiting)) for j in seats]
            while len(waiting) < len(SEATS):  # every seat has seen round 2 played (and saved)
                await asyncio.sleep(0.02)
            process.kill()
            await process.wait()
            gate.set()
            process, again = await spawn_host("--resume", str(save), port=port)
            assert again == addresses  # the same port, the same tokens
            played = await asyncio.gather(*playing)
        assert await process.wait() == 0
    finally:
        await stop(process)
    alone = Game(load_scenario(FIXTURE), SEED, players=SEATS)
    while not alone.over:
        if alone.model.starts_a_round:
            for move in MOVES.values():
                alone.submit(move)
        if alone.next_vote() is not None:
            alone.cast(ballots={s: b for s, b in BALLOTS.items() if alone.seat_votes(s)})
    for joined, seen in zip(seats, played, strict=True):
        assert [type(e) for e in seen if isinstance(e, Dropped | Rejoined)][-1] is Rejoined
        assert joined.game.record.to_json() == alone.record.to_json()
        await joined.close()


async def play_through(joined: JoinedGame, gate: asyncio.Event, waiting: list) -> list:
    """Play the seat to the end (its move, its turn, its ballots), holding at the start of round 3
    until ``gate`` opens; a move or turn lost with the connection is made again once joined."""
    seat, seen = joined.seat, []

    async def my_turn() -> None:
        if MOVES[seat] not in joined.game.current:
            joined.submit(MOVES[seat])
        with contextlib.suppress(HostError):  # dropped: its turn comes again once joined (TurnChanged)
            await joined.end_turn()

    await my_turn()
    while True:
        event = await asyncio.wait_for(joined.next_event(), WAIT)
        seen.append(event)
        if isinstance(event, RollCallOpened) and seat in event.seats:
            await joined.ballot(event.draft.key, BALLOTS[seat])
        elif isinstance(event, RoundPlayed) and event.next is not None:
            if event.next == 3 and not gate.is_set():
                waiting.append(seat)
                await gate.wait()
            await my_turn()
        elif isinstance(event, TurnChanged) and seat in event.waiting and not joined.turn_ended:
            await my_turn()
        elif isinstance(event, GameOver):
            return seen

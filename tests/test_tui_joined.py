"""The terminal app in a seat of a hosted game (``diplosim join``), through pilots: a real host on
loopback in the test's event loop, the app in Russia's seat, two more seats played by the
protocol client the app uses (sim/net/joined.py). Keys only: ``n`` ends the turn, ``y``/``n``
answer the ballot, ``enter`` closes a roll call."""

from __future__ import annotations

import asyncio

import pytest
from test_joined import MOVES, SEATS, SEED, play

from sim.net.host import GameHost, join_address
from sim.net.joined import JoinedGame
from sim.play.game import Game
from tui import DiplosimApp
from tui.screens.ballot import BallotScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.connected import ConnectedChamberScreen
from tui.screens.join import JoinScreen
from tui.screens.rollcall import RollCallScreen
from tui.screens.summary import SummaryScreen
from tui.widgets.turn import TurnBar

APP_SEAT = "russian-federation"
WAIT = 60


@pytest.fixture
async def hosted(tmp_path, syria):
    """A host whose game has played rounds 1-5 already (no seat moved): the first vote is in
    round 7, and the app replays the five from its welcome."""
    game = Game(syria, SEED, players=SEATS)
    for _ in range(5):
        game.play_round()
    host = GameHost(game, tmp_path / "game.json", log=lambda line: None)
    server = await host.serve()
    async with server:
        yield host, server.sockets[0].getsockname()[1]


def bar_text(app) -> str:
    return str(app.screen.query_one(TurnBar).render())


async def test_a_seat_plays_a_hosted_game_to_the_end_with_keys(hosted):
    host, port = hosted
    address = {seat: join_address("127.0.0.1", port, token) for seat, token in host.tokens.items()}
    joined = await JoinedGame.join(address[APP_SEAT])
    others = [await JoinedGame.join(address[seat]) for seat in SEATS if seat != APP_SEAT]
    app = DiplosimApp(joined=joined, roll_call_delay=0, score_runs=4)
    async with app.run_test(size=(120, 40)) as pilot:
        playing = [asyncio.create_task(play(j)) for j in others]
        await pilot.pause()
        chamber = app.screen
        assert isinstance(chamber, ConnectedChamberScreen) and app.game.player == APP_SEAT
        # Undo and rewind belong to the host: not offered, and their keys do nothing.
        assert [chamber.check_action(a, ()) for a in ("undo", "rewind", "move")] == [False, False, True]
        await pilot.press("u")
        assert app.screen is chamber and len(app.game.rounds) == 5
        # The line over the keys says whom round 6 waits for.
        assert bar_text(app).startswith("Round 6 waits for") and "Russian Federation (you)" in bar_text(app)
        joined.submit(MOVES[APP_SEAT])
        ballots = confirmed = 0
        async with asyncio.timeout(WAIT):
            while not isinstance(app.screen, SummaryScreen):
                screen = app.screen
                if isinstance(screen, BallotScreen):
                    await pilot.press("n")  # Russia votes no
                    ballots += 1
                elif isinstance(screen, RollCallScreen):
                    await pilot.press("enter")
                elif isinstance(screen, ConfirmScreen):  # Russia's own draft is due: play on
                    await pilot.press("y")
                    confirmed += 1
                elif screen is chamber and "(you)" in bar_text(app) and not chamber.game.over:
                    await pilot.press("n")
                await pilot.pause(0.02)
        await asyncio.wait_for(asyncio.gather(*playing), WAIT)
        assert ballots == len(host.game.record.votes) > 0 and confirmed == 1
        assert app.game.record.to_json() == host.game.record.to_json()
        assert MOVES[APP_SEAT] in host.game.rounds[5]  # the move made in the app landed
        russia = host.game.scenario.spec.actors[APP_SEAT].name
        assert all(v.roll_call[russia] == "no" for v in host.game.record.votes)
    for other in others:
        assert other.game.record.to_json() == host.game.record.to_json()
        await other.close()
    await joined.close()


async def test_without_a_token_the_app_asks_for_one_and_says_why_one_is_refused(hosted):
    """``diplosim join ADDRESS`` (and each browser of ``serve --join``): a wrong token is said on
    the page; the right one opens the chamber in its seat."""
    host, port = hosted
    app = DiplosimApp(join_at=join_address("127.0.0.1", port), roll_call_delay=0, score_runs=4)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, JoinScreen)
        await pilot.click("#token")
        await pilot.press(*"forged", "enter")
        async with asyncio.timeout(WAIT):
            while "no seat has that token" not in str(app.screen.query_one("#join-error").render()):
                await pilot.pause(0.02)
        app.screen.query_one("#token").value = host.tokens["pakistan"]
        await pilot.press("enter")
        async with asyncio.timeout(WAIT):
            while not isinstance(app.screen, ConnectedChamberScreen):
                await pilot.pause(0.02)
        assert app.joined.seat == "pakistan" and app.game.player == "pakistan"
    await app.joined.close()

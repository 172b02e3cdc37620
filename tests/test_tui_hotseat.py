"""A hot-seat game (``diplosim play --as A --as B``) through pilots: each seat's turn behind a
hand-over page, each seat's own ballot, and the same game as one played without the app."""

from __future__ import annotations

from sim.engine.moves import Lobby, Statement
from sim.play.game import Game
from tui import DiplosimApp
from tui.screens.ballot import BallotScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.handover import HandOverScreen
from tui.screens.hotseat import HotSeatChamberScreen
from tui.screens.rollcall import RollCallScreen
from tui.widgets.status import StatusBar

US, RUSSIA = "united-states", "russian-federation"
SIZE = (80, 24)


def status(app) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def test_two_seats_take_turns_behind_a_hand_over_page(syria):
    game = Game(syria, 3, players=(US, RUSSIA))
    for _ in range(5):  # to round 6 without the app: the first vote is in round 7
        game.play_round()
    app = DiplosimApp(game=game, roll_call_delay=0, score_runs=4)
    async with app.run_test(size=SIZE) as pilot:
        chamber = app.screen
        assert isinstance(chamber, HotSeatChamberScreen) and app.game.player == US
        assert "hot seat 1 of 2" in app.sub_title and "United States" in app.sub_title
        chamber.submit_move(Lobby(US, "pakistan", "coercion", 0.2))  # what the move form calls
        capital = status(app)
        await pilot.press("n")
        await pilot.pause()
        # The page hides the chamber: the United States' view is not behind it.
        assert isinstance(app.screen, HandOverScreen) and app.screen.styles.background.a == 1
        assert len(app.game.rounds) == 5
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is chamber and app.game.player == RUSSIA and "hot seat 2 of 2" in app.sub_title
        assert status(app) != capital  # Russia's capital, all of it: the US spent some of its own
        chamber.submit_move(Statement(RUSSIA, US, -0.1))
        await pilot.press("n")
        await pilot.pause()
        # Round 6 is played; the keyboard goes back to the United States.
        assert len(app.game.rounds) == 6 and isinstance(app.screen, HandOverScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.player == US
        # Both pass to the vote; each casts its own ballot behind a hand-over page.
        ballots, handovers = [], 0
        for _ in range(100):
            screen = app.screen
            if isinstance(screen, RollCallScreen):
                break
            if isinstance(screen, BallotScreen):
                ballots.append(app.game.player)
                await pilot.press("y" if app.game.player == US else "n")
            elif isinstance(screen, HandOverScreen):
                handovers += 1
                await pilot.press("enter")
            elif isinstance(screen, ConfirmScreen):  # a seat's own draft is due: play on
                await pilot.press("y")
            elif screen is chamber and not chamber.workers:
                await pilot.press("v")
            await pilot.pause()
        assert isinstance(app.screen, RollCallScreen)
        vote = app.game.record.votes[0]
        assert ballots == [US, RUSSIA] and handovers >= 2
        assert (vote.roll_call["United States"], vote.roll_call["Russian Federation"]) == ("yes", "no")
        assert vote.result == "vetoed" and "Russian Federation" in vote.vetoed_by
    # The rounds played are those of the same moves played without the app.
    played = len(app.game.rounds)
    alone = Game(syria, 3, players=(US, RUSSIA))
    alone.rewind_to_moves(app.game.rounds)
    assert played >= 6 and alone.record.to_dict()["rounds"] == app.game.record.to_dict()["rounds"][:played]


async def test_undo_gives_every_seat_its_turn_again(syria):
    """The United States ends its turn, Russia undoes the last round: the turns start afresh, so
    Russia's n hands the keyboard to the United States instead of playing the round."""
    game = Game(syria, 3, players=(US, RUSSIA))
    for _ in range(2):
        game.play_round()
    app = DiplosimApp(game=game, roll_call_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("n", "enter", "u", "n"):
            await pilot.press(key)
            await pilot.pause()
        assert len(app.game.rounds) == 1 and isinstance(app.screen, HandOverScreen)
        assert "United States" in str(app.screen.query_one(".question").render())

"""The chamber of a game joined over the network (``diplosim join``): the same chamber, news,
moves, reasons, ballot and summary as a game played here, on the game the client replays
(sim/net/joined.py). The host plays the rounds when every seat has ended its turn: ``n`` ends
this seat's turn, ``v`` ends it round after round until a vote. Undo, rewind and loading belong
to the host.

One worker follows the server for as long as the screen lives; it only reads the joined game's
events and updates the view (and, at a roll call that waits for this seat, asks for its ballot).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from sim import DiplosimError
from sim.batch.score import RUNS as SCORE_RUNS
from sim.engine.moves import Move
from sim.net.joined import (
    Dropped,
    GameOver,
    JoinedGame,
    Lost,
    Refused,
    Rejoined,
    RollCallOpened,
    RoundPlayed,
    VoteTaken,
)

from ..format import escape
from ..widgets.news import NewsFeed
from ..widgets.turn import TurnBar
from .chamber import ChamberScreen, own_tabled


class ConnectedChamberScreen(ChamberScreen):
    BINDINGS = [
        Binding("n", "next_round", "End turn", id="chamber.next_round", tooltip="Your moves are made"),
        Binding("v", "next_vote", "To vote", id="chamber.next_vote", tooltip="End turns until a vote"),
    ]
    HOSTS_ACTIONS = ("undo", "rewind", "load")

    def __init__(
        self,
        joined: JoinedGame,
        roll_call_delay: float = 0.25,
        score_runs: int = SCORE_RUNS,
        notice_seconds: float = ChamberScreen.TOAST_SECONDS,
    ):
        super().__init__(joined.game, roll_call_delay, score_runs, notice_seconds)
        self.joined = joined
        self.to_vote = False
        """``v`` was pressed: end the turn each round until a vote is taken."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield TurnBar(id="turn")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_turn()
        self.follow()

    def names(self, seats: tuple[str, ...] | list[str]) -> list[str]:
        return [self.name_of(seat) for seat in seats]

    def show_turn(self) -> None:
        joined, bar = self.joined, self.query_one(TurnBar)
        you = self.name_of(joined.seat) if joined.seat else None
        if joined.roll_call is not None:
            call = joined.roll_call
            bar.waiting(f"The vote on {call.draft.symbol}", self.names(call.seats), you)
        elif joined.turn is not None:
            bar.waiting(f"Round {joined.turn.round}", self.names(joined.turn.waiting), you)
        elif self.game.over:
            bar.say("The game is over: e for the summary.")
        else:
            bar.say(f"Round {len(self.game.rounds) + 1} is being played.")

    # -- following the server --------------------------------------------------------------------

    @work(group="follow", exclusive=True)
    async def follow(self) -> None:
        """Apply the server's events as they come, for as long as the screen lives (or until the
        game is lost)."""
        while not isinstance(event := await self.joined.next_event(), Lost):
            if isinstance(event, RollCallOpened):
                await self.roll_call_opened(event)
            elif isinstance(event, VoteTaken):
                await self.vote_taken(event)
            elif isinstance(event, RoundPlayed):
                self.round_played(event)
            elif isinstance(event, GameOver):
                self.refresh_view()
                if not self.summary_shown:
                    self.summary_shown = True
                    self.action_summary()
            elif isinstance(event, Refused):
                self.notify(event.message, title="The host refused", severity="warning")
            elif isinstance(event, Dropped):
                lost = f"[$warning]Connection lost[/]: joining again (try {event.attempt})…"
                self.query_one(TurnBar).say(lost)
                continue
            elif isinstance(event, Rejoined):
                self.game = self.app.game = self.joined.game
                self.rebuild_news()
                self.refresh_view()
                self.notify("Joined again: the game is as the host has it.", title="Connection")
            self.show_turn()
        self.query_one(TurnBar).say(f"[$error]Disconnected[/]: {escape(event.why)}")
        self.notify(event.why, title="Disconnected", severity="error", timeout=30)

    async def roll_call_opened(self, event: RollCallOpened) -> None:
        self.to_vote = False
        self.refresh_view()  # the Council's leanings on the draft put to the vote
        self.show_turn()
        if self.joined.seat in event.seats:
            await self.cast_ballot(event)

    async def vote_taken(self, event: VoteTaken) -> None:
        self.refresh_view()
        self.show_turn()
        if await self.show_roll_call(event.vote):  # e: the summary now, the game where it stands
            self.action_summary()

    def round_played(self, event: RoundPlayed) -> None:
        votes = {v.draft: v for v in self.game.record.votes}
        self.query_one(NewsFeed).add_round(event.record, votes)
        self.refresh_view()
        self.played_on(event)

    async def cast_ballot(self, call: RollCallOpened) -> None:
        ballot = await self.ask_ballot(call.draft)
        try:
            await self.joined.ballot(call.draft.key, ballot)
        except DiplosimError as exc:
            self.notify(exc.message, title="Ballot not taken", severity="warning")

    def played_on(self, event: RoundPlayed) -> None:
        """After a round: with ``v`` pressed, end the next turn too, unless the seat's own draft
        was just tabled (new moves are open to it)."""
        if event.next is None or not self.to_vote:
            return
        tabled = own_tabled(event.record, self.game) if self.game.player else None
        if tabled:
            self.to_vote = False
            self.notify(f"{tabled} is tabled: you can amend it or call its vote (m).", title="Your draft")
            return
        self.end_turn()

    # -- this seat's turn -------------------------------------------------------------------------

    def action_next_round(self) -> None:
        self.to_vote = False
        self.end_turn()

    def action_next_vote(self) -> None:
        self.to_vote = self.joined.seat is not None
        self.end_turn()

    @work(group="turn", exclusive=True)
    async def end_turn(self) -> None:
        joined = self.joined
        if joined.seat is None:
            self.notify("An observer watches: the host plays the rounds as the seats end their turns.")
            return
        if self.game.over:
            self.notify("The schedule is over: press e for the summary.")
            return
        if joined.roll_call is not None:
            self.notify(f"The vote on {joined.roll_call.draft.symbol} is under way.", severity="warning")
            return
        if joined.turn_ended:
            others = [seat for seat in (joined.turn.waiting if joined.turn else ()) if seat != joined.seat]
            waits = f": the round waits for {', '.join(self.names(others))}" if others else ""
            self.notify(f"Your turn is ended{waits}.")
            return
        if not await self.due_draft_confirmed():
            self.to_vote = False
            return
        try:
            await joined.end_turn()
        except DiplosimError as exc:
            self.to_vote = False
            self.notify(exc.message, title="Turn not ended", severity="warning")

    def submit_move(self, move: Move) -> None:
        self.joined.submit(move)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo, rewind and loading belong to the host, and an observer has no turn: not
        offered (the help says so)."""
        if action in self.HOSTS_ACTIONS:
            return False
        if action in ("next_round", "next_vote") and self.joined.seat is None:
            return False  # an observer has no turn to end
        return super().check_action(action, parameters)

"""The chamber of a hot-seat game (``diplosim play --as A --as B``): several seats at one
keyboard. Each seat in turn makes its moves and ends its turn (``n``, or ``v`` to pass until the
next vote); a hand-over page between seats hides the last one's view. The round is played once
every seat has ended its turn; at a roll call each seat on the Council casts its own ballot, in
turn, behind a hand-over page too. Everything else is the chamber of a game of one seat, shown
as the seat at the keyboard sees it (:meth:`sim.play.game.Game.view_as`).
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from sim.engine.drafts import DraftState

from .chamber import ChamberScreen
from .handover import HandOverScreen


class HotSeatChamberScreen(ChamberScreen):
    BINDINGS = [
        Binding("n", "next_round", "End turn", id="chamber.next_round", tooltip="Your moves are made"),
        Binding("v", "next_vote", "To vote", id="chamber.next_vote", tooltip="Pass until the next vote"),
    ]

    def on_mount(self) -> None:
        self.ended: list[str] = []
        """The seats that have ended their turn in the round being prepared, in order."""
        self.passing: set[str] = set()
        """Those of them that pressed ``v``: with every seat passing, rounds play on to a vote."""
        self.turns_round: int | None = None
        """The round every seat has ended its turn for (its due drafts were asked about then)."""
        self.game.view_as(self.game.players[0])
        super().on_mount()

    def went_back(self) -> None:
        """Undo and rewind go back to the start of a round: every seat's turn is to come again."""
        self.ended, self.passing = [], set()
        super().went_back()

    def seat_label(self, name: str) -> str:
        at = self.game.players.index(self.game.player) + 1 if self.game.player else 0
        return f"{name} (hot seat {at} of {len(self.game.players)})"

    async def hand_over(self, seat: str, what: str) -> None:
        """Hide the view, wait for ``seat`` to be at the keyboard, then show it its own."""
        await self.app.push_screen_wait(HandOverScreen(self.name_of(seat), what))
        self.game.view_as(seat)
        self.refresh_bindings()
        self.refresh_view()

    async def hand_turn_to(self, seat: str) -> None:
        await self.hand_over(seat, f"Round {len(self.game.rounds) + 1}: {self.name_of(seat)}'s turn")

    def action_next_round(self) -> None:
        self.end_turn(to_vote=False)

    def action_next_vote(self) -> None:
        self.end_turn(to_vote=True)

    @work(exclusive=True)
    async def end_turn(self, to_vote: bool) -> None:
        """End the turn of the seat at the keyboard (asking first, as the chamber does, about a
        draft it leads that is due); hand over to the next seat, or after the last, play the
        round (with every seat passing, rounds to the next vote) and hand back to the first."""
        game, seat = self.game, self.game.player
        if game.over:
            self.notify("The schedule is over: press e for the summary, r to rewind.")
            return
        if seat is None or not await super().due_draft_confirmed():
            return
        self.ended.append(seat)
        if to_vote:
            self.passing.add(seat)
        waiting = [s for s in game.players if s not in self.ended]
        if waiting:
            await self.hand_turn_to(waiting[0])
            return
        self.turns_round = game.model.round_index
        everyone_passes = self.passing >= set(game.players)
        self.ended, self.passing = [], set()
        await self.play_on(everyone_passes)
        if not game.over:
            await self.hand_turn_to(game.players[0])

    async def due_draft_confirmed(self) -> bool:
        """Before each round played on: the round the turns were for goes ahead (each seat was
        asked at the end of its turn); past it, a due draft of any seat stops the play, so that
        the turns come back to the seats."""
        game = self.game
        if game.model.round_index == self.turns_round:
            return True
        due = next((d for s in game.players if (d := game.uncalled_due_draft(s)) is not None), None)
        if due is None:
            return True
        self.notify(f"{due.symbol} is due for its vote: the turns come back first.", title="Due draft")
        return False

    async def take_ballots(self, draft: DraftState) -> tuple[str | None, dict[str, str] | None]:
        """Each seat on the Council casts its ballot in turn, behind a hand-over page."""
        ballots: dict[str, str] = {}
        for seat in (s for s in self.game.players if self.game.seat_votes(s)):
            if seat != self.game.player or ballots:
                await self.hand_over(seat, f"The vote on {draft.symbol}: {self.name_of(seat)}'s ballot")
            else:
                self.refresh_view()
            ballots[seat] = await self.ask_ballot(draft)
        return None, ballots or None

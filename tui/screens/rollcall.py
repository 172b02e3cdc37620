"""A roll call: members' votes appear one after another, then the President announces the result.

A panel on the right, as the ballot is, so that the Council's leanings stay in view beside the
votes actually cast."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sim.engine.record import VoteRecord

from ..format import ballot_markup, draft_name, escape

RESULT_STYLE = {"adopted": "$success", "vetoed": "$error", "failed": "$warning"}


class RollCallScreen(ModalScreen[bool]):
    """``delay`` seconds between members; 0 shows everything at once (tests, impatient players).
    Dismisses with True when the player asked for the end (``e``), else False."""

    BINDINGS = [
        Binding("enter,escape,space", "close", "Continue", id="rollcall.close"),
        Binding("e", "end", "End", id="rollcall.end", tooltip="Close the roll call and show the summary"),
    ]

    def __init__(self, vote: VoteRecord, permanent: set[str], delay: float = 0.25) -> None:
        super().__init__(classes="beside")
        self.vote, self.permanent, self.delay = vote, permanent, delay
        self.order = list(vote.roll_call)
        self.shown = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog side", id="rollcall") as box:
            name = draft_name(self.vote.symbol, self.vote.title, adopted=False, width=28)
            box.border_title = f"Vote on {escape(name)}"
            box.border_subtitle = "enter to continue"
            yield Static(id="roll")
            yield Static(id="result")
            with VerticalScroll(id="announcement-box"):
                yield Static(id="announcement")

    def on_mount(self) -> None:
        if self.delay <= 0:
            self.shown = len(self.order)
            self._show_roll()
        else:
            self._timer = self.set_interval(self.delay, self._next)

    def _next(self) -> None:
        self.shown += 1
        self._show_roll()
        if self.shown >= len(self.order):
            self._timer.stop()

    def _show_roll(self) -> None:
        lines = []
        for index, name in enumerate(self.order):
            mark = "★" if name in self.permanent else " "
            ballot = ballot_markup(self.vote.roll_call[name]) if index < self.shown else ""
            lines.append(f"{mark} {escape(name[:18]):<18}  {ballot}")
        self.query_one("#roll", Static).update("\n".join(lines))
        if self.shown >= len(self.order):
            vote = self.vote
            result = vote.result.upper()
            if vote.result == "adopted" and vote.symbol.startswith("S/RES/"):
                result += f" as {escape(vote.symbol)}"
            elif vote.vetoed_by:
                result += f" by {escape(', '.join(vote.vetoed_by))}"
            self.query_one("#result", Static).update(f"[b {RESULT_STYLE[vote.result]}]{result}[/]")
            self.query_one("#announcement", Static).update(f"[b]The President:[/b] {escape(vote.statement)}")

    def _reveal(self) -> bool:
        """Show every vote at once; whether there were some left to show."""
        if self.shown >= len(self.order):
            return False
        self.shown = len(self.order)
        self._timer.stop()
        self._show_roll()
        return True

    def action_close(self) -> None:
        if not self._reveal():
            self.dismiss(False)

    def action_end(self) -> None:
        self.dismiss(True)

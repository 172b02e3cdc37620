"""A roll call: members' votes appear one after another, then the President announces the result."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from sim.engine.record import VoteRecord

from ..format import ballot_markup, escape


class RollCallScreen(ModalScreen[None]):
    """``delay`` seconds between members; 0 shows everything at once (tests, impatient players)."""

    BINDINGS = [
        Binding("enter,escape,space", "close", "Continue", id="rollcall.close"),
    ]

    def __init__(self, vote: VoteRecord, permanent: set[str], delay: float = 0.25) -> None:
        super().__init__()
        self.vote, self.permanent, self.delay = vote, permanent, delay
        self.order = list(vote.roll_call)
        self.shown = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="rollcall"):
            yield Label(
                f"[b]Vote on {escape(self.vote.symbol)}[/b] · {escape(self.vote.title)}", classes="question"
            )
            yield Static(id="roll")
            yield Static(id="announcement")
            yield Label("enter to continue", classes="hint")

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
        # Two columns, filled top to bottom, so fifteen names fit a 24-line terminal.
        cells = []
        for index, name in enumerate(self.order):
            mark = "★" if name in self.permanent else " "
            ballot = ballot_markup(self.vote.roll_call[name], 7) if index < self.shown else " " * 7
            cells.append(f"{mark} {escape(name):<19} {ballot}")
        rows = (len(cells) + 1) // 2
        lines = [
            cells[row] + ("   " + cells[row + rows] if row + rows < len(cells) else "") for row in range(rows)
        ]
        self.query_one("#roll", Static).update("\n".join(lines))
        if self.shown >= len(self.order):
            result = {"adopted": "$success", "vetoed": "$error", "failed": "$warning"}[self.vote.result]
            announcement = f"[b]The President:[/b] {escape(self.vote.statement)}"
            self.query_one("#announcement", Static).update(
                f"{announcement}\n[b {result}]{self.vote.result.upper()}[/]"
            )

    def action_close(self) -> None:
        if self.shown < len(self.order):
            self.shown = len(self.order)
            self._timer.stop()
            self._show_roll()
            return
        self.dismiss(None)

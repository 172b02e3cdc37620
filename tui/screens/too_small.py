"""Shown instead of a broken layout when the terminal is smaller than the app needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmallScreen(ModalScreen[None]):
    BINDINGS = [Binding("q", "app.request_quit", "Quit", id="too_small.quit")]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self.show(self.app.size.width, self.app.size.height)

    def show(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(
            f"The terminal is {width}×{height}.\ndiplosim needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n\n"
            "Enlarge the window to go on (q quits)."
        )

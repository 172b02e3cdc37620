"""Between two seats of a hot-seat game: a blank page that hides the last seat's view (its
capital, its objectives, the moves it queued) until the next seat is at the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..format import escape


class HandOverScreen(ModalScreen[None]):
    """Dismissed by the next seat's ``enter``; nothing of the game shows behind it."""

    BINDINGS = [Binding("enter,space", "dismiss", "I am ready", id="handover.ready")]

    def __init__(self, name: str, what: str) -> None:
        """``name``: the seat to hand over to; ``what``: what it is to do (its turn, a ballot)."""
        super().__init__(classes="handover")
        self.seat_name, self.what = name, what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="handover"):
            yield Label(f"[b]{escape(self.what)}[/b]", classes="question")
            yield Label(
                f"Pass the keyboard to {escape(self.seat_name)}. The others look away: what "
                f"follows is {escape(self.seat_name)}'s own view."
            )
            yield Label(f"[$text-muted]{escape(self.seat_name)}: press enter when you are ready.[/]")

"""The line over the footer in a joined game: whose turn the round waits for, and the connection."""

from __future__ import annotations

from textual.widgets import Static

from ..format import escape


class TurnBar(Static):
    """Who has ended the turn and who the round waits for, by name; or the roll call's wait, or
    the connection's state. Attributes down: the chamber calls :meth:`waiting` and :meth:`say`."""

    def waiting(self, what: str, names: list[str], mine: bool) -> None:
        """The round (or roll call) ``what`` waits for ``names``; ``mine``: the seat is among them."""
        if not names:
            self.say(f"{what}: every seat has answered; playing on.")
            return
        you = " [b](you)[/b]" if mine else ""
        self.say(f"{what} waits for {escape(', '.join(names))}{you}.")

    def say(self, markup: str) -> None:
        self.update(markup)

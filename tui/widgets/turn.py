"""The line over the footer in a joined game: whose turn the round waits for, and the connection."""

from __future__ import annotations

from textual.widgets import Static

from ..format import escape


class TurnBar(Static):
    """Who has ended the turn and who the round waits for, by name; or the roll call's wait, or
    the connection's state. Attributes down: the chamber calls :meth:`waiting` and :meth:`say`."""

    def waiting(self, what: str, names: list[str], you: str | None) -> None:
        """``what`` (the round, or a roll call) waits for ``names``; ``you``: the seat's own name,
        marked where it is among them."""
        if not names:
            self.say(f"{what}: every seat has answered; the host plays on.")
            return
        marked = [escape(name) + (" [b](you)[/b]" if name == you else "") for name in names]
        listed = marked[0] if len(marked) == 1 else f"{', '.join(marked[:-1])} and {marked[-1]}"
        self.say(f"{what} waits for {listed}.")

    def say(self, markup: str) -> None:
        self.update(markup)

"""Before a joined game: the seat's token, asked for (``diplosim join ADDRESS`` with no token, and
each browser of ``diplosim serve --join ADDRESS``). Empty joins as an observer."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label

from sim import DiplosimError
from sim.net.joined import JoinedGame

from ..format import escape


class JoinScreen(Screen):
    BINDINGS = [Binding("escape", "app.request_quit", "Quit", id="join.quit")]

    class Joined(Message):
        """Joined the game at the screen's address: the app shows its chamber."""

        def __init__(self, joined: JoinedGame) -> None:
            super().__init__()
            self.joined = joined

    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="dialog", id="join"):
            yield Label(f"[b]Join the game at {escape(self.address)}[/b]", classes="question")
            yield Label("Your seat's token, as the host gave it to you; leave it empty to watch.")
            yield Input(placeholder="token (empty: watch as an observer)", password=True, id="token")
            yield Label("", id="join-error")
            yield Label("enter to join, escape to quit", classes="hint")
        yield Footer(compact=True, show_command_palette=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#join-error", Label).update("Joining…")
        self.join(event.value.strip() or None)

    @work(exclusive=True)
    async def join(self, token: str | None) -> None:
        try:
            joined = await JoinedGame.join(self.address, token)
        except DiplosimError as exc:
            self.query_one("#join-error", Label).update(f"[$error]{escape(exc.message)}[/]")
            return
        self.post_message(self.Joined(joined))

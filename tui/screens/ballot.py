"""The player's own vote, when its draft comes to the vote."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from ..format import escape, leaning_markup


class BallotScreen(ModalScreen[str]):
    """Dismisses with "yes", "abstain" or "no"."""

    BINDINGS = [
        Binding("y", "vote('yes')", "Yes", id="ballot.yes"),
        Binding("a", "vote('abstain')", "Abstain", id="ballot.abstain"),
        Binding("n", "vote('no')", "No", id="ballot.no"),
    ]

    def __init__(self, symbol: str, title: str, member: str, leaning, veto: bool) -> None:
        super().__init__()
        self.symbol, self.title_text, self.member = symbol, title, member
        self.leaning, self.veto = leaning, veto

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"[b]The President puts {escape(self.symbol)} to the vote.[/b]", classes="question")
            yield Label(escape(self.title_text))
            yield Label(
                f"How {escape(self.member)} votes. Your instructions lean: {leaning_markup(self.leaning)}"
            )
            if self.veto:
                yield Label("[$error]As a permanent member, a no is a veto.[/]")
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", variant="success", id="yes")
                yield Button("Abstain (a)", variant="warning", id="abstain")
                yield Button("No (n)", variant="error", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_vote(self, ballot: str) -> None:
        self.dismiss(ballot)

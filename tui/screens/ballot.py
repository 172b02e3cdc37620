"""The player's own vote, when its draft comes to the vote: a panel on the right, over the draft
and the news, so that the Council's leanings stay in view while the player decides (whether
China will veto too, say, before Russia does)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from ..format import BALLOT_STYLE, BALLOTS, draft_name, escape, likely


class BallotScreen(ModalScreen[str]):
    """Dismisses with "yes", "abstain" or "no"."""

    BINDINGS = [
        Binding("y", "vote('yes')", "Yes", id="ballot.yes"),
        Binding("a", "vote('abstain')", "Abstain", id="ballot.abstain"),
        Binding("n", "vote('no')", "No", id="ballot.no"),
    ]

    def __init__(self, symbol: str, title: str, member: str, leaning, veto: bool) -> None:
        super().__init__(classes="beside")
        self.symbol, self.title_text, self.member = symbol, title, member
        self.leaning, self.veto = leaning, veto

    def compose(self) -> ComposeResult:
        name = draft_name(self.symbol, self.title_text, adopted=False)
        ballot, probability = likely(self.leaning)
        chances = " · ".join(
            f"[{BALLOT_STYLE[b]}]{b} {p:.0%}[/]" for b, p in zip(BALLOTS, self.leaning, strict=True)
        )
        with Vertical(classes="dialog side", id="ballot"):
            yield Label(f"[b]The President puts {escape(name)} to the vote.[/b]", classes="question")
            if name == self.symbol:
                yield Label(f"[$text-muted]{escape(self.title_text)}[/]")
            yield Label(
                f"How does {escape(self.member)} vote? Your instructions lean "
                f"[b {BALLOT_STYLE[ballot]}]{ballot}[/] ({probability:.0%}): {chances}."
            )
            if self.veto:
                yield Label("[$error]As a permanent member, a no is a veto.[/]")
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", variant="success", id="yes", compact=True)
                yield Button("Abstain (a)", variant="warning", id="abstain", compact=True)
                yield Button("No (n)", variant="error", id="no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_vote(self, ballot: str) -> None:
        self.dismiss(ballot)

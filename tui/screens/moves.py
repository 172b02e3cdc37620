"""Make a move: the moves open to the player's actor, as a small form."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from sim.engine.moves import Amend, CallVote, Inducement, Lobby, Move, Statement, Withdraw
from sim.play.view import GameView

from ..format import escape


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    fields: tuple[str, ...]
    amount: str = ""
    """What the amount field means for this kind of move."""


KINDS = {
    "lobby": Kind(
        "lobby", "Lobby a member on one issue", ("target", "dimension", "amount"), "capital to spend"
    ),
    "inducement": Kind(
        "inducement", "Offer an inducement for a yes", ("target", "amount"), "capital to spend"
    ),
    "statement": Kind(
        "statement",
        "Public statement on a veto",
        ("target", "amount"),
        "pressure: + raises its veto's price, - lowers it",
    ),
    "amend": Kind("amend", "Amend your draft", ("draft", "dimension", "amount"), "new value, 0-100"),
    "call": Kind("call", "Call the vote on your draft", ("draft",)),
    "withdraw": Kind("withdraw", "Withdraw your draft", ("draft",)),
}


class MoveScreen(ModalScreen[Move | None]):
    """Dismisses with the move, or None if cancelled; the chamber submits it to the game."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="move.cancel"),
        Binding("ctrl+s", "submit", "Make the move", id="move.submit"),
    ]

    def __init__(self, view: GameView) -> None:
        super().__init__()
        self.view = view
        self.lead_drafts = [d for d in view.drafts if d.status == "open" and view.player_name in d.sponsors]
        self.kinds = ["lobby", "inducement", "statement"] + (
            ["amend", "call", "withdraw"] if self.lead_drafts else []
        )

    def compose(self) -> ComposeResult:
        view = self.view
        members = [
            (m.name + (" ★" if m.permanent else ""), m.key) for m in view.members if m.key != view.player
        ]
        with Vertical(classes="dialog wide", id="move-form"):
            yield Label(
                f"[b]Your move as {escape(view.player_name)}[/b] · political capital left this round: "
                f"[b]{view.capital:.2f}[/b]",
                classes="question",
            )
            yield Select(
                [(KINDS[k].label, k) for k in self.kinds], value="lobby", allow_blank=False, id="kind"
            )
            yield Select(members, prompt="Which member?", id="target")
            yield Select(
                [(label, key) for key, label in view.dimensions.items()],
                prompt="Which issue?",
                id="dimension",
            )
            yield Select(
                [(f"{d.symbol}: {d.title}", d.key) for d in self.lead_drafts],
                prompt="Which draft?",
                id="draft",
            )
            yield Input(placeholder="amount", id="amount")
            yield Label("", id="move-hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Make the move (ctrl+s)", variant="primary", id="submit")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self._arrange("lobby")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind" and isinstance(event.value, str):
            self._arrange(event.value)
        elif event.select.id in ("draft", "dimension") and self._value("kind") == "amend":
            self._show_current_position()

    def _show_current_position(self) -> None:
        """An amendment starts from where the draft stands on the chosen issue."""
        draft = next((d for d in self.lead_drafts if d.key == self._value("draft")), None)
        dimension = self._value("dimension")
        amount = self.query_one("#amount", Input)
        if draft is None or dimension is None:
            amount.value = ""
            return
        now = draft.position[dimension]
        step = self.view.amendment_step
        amount.value = f"{now:g}"
        self.query_one("#move-hint", Label).update(
            f"New value: {escape(draft.symbol)} stands at {now:g} on this issue; one amendment moves it"
            f" at most {step:g} points ({max(0.0, now - step):g} to {min(100.0, now + step):g})"
        )

    def _arrange(self, kind: str) -> None:
        spec = KINDS[kind]
        for name in ("target", "dimension", "draft", "amount"):
            self.query_one(f"#{name}").display = name in spec.fields
        amount = self.query_one("#amount", Input)
        amount.placeholder = spec.amount
        if kind in ("lobby", "inducement", "statement"):
            amount.value = f"{min(self.view.capital, 0.3):.2f}"
        self.query_one("#move-hint", Label).update(spec.amount and f"Amount: {spec.amount}")
        if spec.key in ("amend", "call", "withdraw") and len(self.lead_drafts) == 1:
            self.query_one("#draft", Select).value = self.lead_drafts[0].key
        if spec.key == "amend":
            self._show_current_position()

    def _value(self, name: str) -> str | None:
        value = self.query_one(f"#{name}", Select).value
        return value if isinstance(value, str) else None

    def build(self) -> Move:
        """The move the form describes; ValueError says what is missing."""
        kind = self._value("kind") or "lobby"
        spec = KINDS[kind]
        player = self.view.player
        values = {name: self._value(name) for name in ("target", "dimension", "draft") if name in spec.fields}
        for name, value in values.items():
            if value is None:
                raise ValueError(f"choose the {name}")
        amount = 0.0
        if "amount" in spec.fields:
            try:
                amount = float(self.query_one("#amount", Input).value)
            except ValueError:
                raise ValueError(f"the amount must be a number ({spec.amount})") from None
        if kind == "lobby":
            return Lobby(player, values["target"], values["dimension"], amount)
        if kind == "inducement":
            return Inducement(player, values["target"], amount)
        if kind == "statement":
            return Statement(player, values["target"], amount)
        if kind == "amend":
            return Amend(player, values["draft"], values["dimension"], amount)
        if kind == "call":
            return CallVote(player, values["draft"])
        return Withdraw(player, values["draft"])

    def action_submit(self) -> None:
        try:
            move = self.build()
        except ValueError as exc:
            self.query_one("#move-hint", Label).update(f"[$error]{escape(str(exc))}[/]")
            return
        self.dismiss(move)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

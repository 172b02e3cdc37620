"""Make a move: the moves open to the player's actor, as a small form.

The form asks the game as the player fills it in: a lobby, an offer or a statement shows what it
would change if it landed now (``sim.engine.rules.preview``), and a move the rules refuse says
why beside the field to change, and the form stays open with what was typed. The statement's
list of targets holds only the permanent members (a statement moves the price of a veto)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from sim.engine.council import joined
from sim.engine.moves import (
    Amend,
    CallVote,
    Condition,
    Inducement,
    JointStatement,
    Lobby,
    Move,
    Statement,
    Withdraw,
)
from sim.engine.rules import Preview
from sim.errors import MoveError
from sim.play.view import DraftView, GameView

from ..format import draft_name, escape


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    fields: tuple[str, ...]
    amount: str = ""
    """What the amount field means for this kind of move."""
    named: str = "Amount"
    """What the form calls that field."""


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
        "+ raises its veto's price, - lowers it",
        "Pressure",
    ),
    "joint": Kind(
        "joint",
        "Joint statement on a veto, with all who agree",
        ("target", "draft", "amount"),
        "+ raises its veto's price, - lowers it",
        "Pressure",
    ),
    "amend": Kind("amend", "Amend your draft", ("draft", "dimension", "amount"), "0-100", "New value"),
    "call": Kind("call", "Call the vote on your draft", ("draft",)),
    "withdraw": Kind("withdraw", "Withdraw your draft", ("draft",)),
    "condition": Kind(
        "condition",
        "State a condition for your yes",
        ("draft", "dimension", "amount"),
        "'at most 55', 'at least 40' or '40-60' on that issue",
        "Range",
    ),
}


PRESSURE_KINDS = ("lobby", "inducement", "statement", "joint")
"""The moves that spend capital on another member, whose effect the form previews."""


class MoveScreen(ModalScreen[Move | None]):
    """Dismisses with the move, or None if cancelled; the chamber submits it to the game."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="move.cancel"),
        Binding("ctrl+s", "submit", "Make the move", id="move.submit"),
    ]

    def __init__(
        self,
        view: GameView,
        submit: Callable[[Move], None] | None = None,
        preview: Callable[[Move], Preview] | None = None,
    ) -> None:
        """``submit`` queues the move in the game (``Game.submit``) and raises MoveError when the
        rules refuse it; ``preview`` (``Game.preview``) says what a pressure move would change."""
        super().__init__()
        self.view = view
        self.submit, self.preview = submit, preview
        self.lead_drafts = [d for d in view.drafts if d.status == "open" and view.player_name in d.sponsors]
        seated = any(m.key == view.player for m in view.members)
        self.condition_drafts = [
            d for d in view.drafts if seated and d.upcoming and view.player_name not in d.sponsors
        ]
        """Drafts still to be voted on that the player may promise a yes on: a member's, not its own."""
        self.circulated_own = [
            d for d in view.drafts if d.status == "pending" and d.upcoming and view.player_name in d.sponsors
        ]
        """Drafts of the player's still to be tabled: no sponsor's move on them yet, and the form says so."""
        self.upcoming = [d for d in view.drafts if d.upcoming]
        """Drafts still to be voted on: what a joint statement may be about."""
        self.kinds = (
            ["lobby", "inducement", "statement"]
            + (["joint"] if self.upcoming else [])
            + (["amend", "call", "withdraw"] if self.lead_drafts else [])
            + (["condition"] if self.condition_drafts else [])
        )

    def targets(self, kind: str) -> list[tuple[str, str]]:
        """The members a move of ``kind`` may be aimed at: every other member, or for a statement
        (joint or not) the other permanent members, whose veto it prices (sim/engine/rules.allowed)."""
        view = self.view
        return [
            (m.name + (" ★" if m.permanent else ""), m.key)
            for m in view.members
            if m.key != view.player and (m.permanent or kind not in ("statement", "joint"))
        ]

    def compose(self) -> ComposeResult:
        view = self.view
        with Vertical(classes="dialog wide", id="move-form"):
            yield Label(
                f"[b]Your move as {escape(view.player_name)}[/b] · political capital left this round: "
                f"[b]{view.capital:.2f}[/b]",
                classes="question",
            )
            yield Select(
                [(KINDS[k].label, k) for k in self.kinds],
                value="lobby",
                allow_blank=False,
                id="kind",
                compact=True,
            )
            yield Select(self.targets("lobby"), prompt="Which member?", id="target", compact=True)
            yield Label("", id="target-why", classes="why-not")
            yield Select(
                [(label, key) for key, label in view.dimensions.items()],
                prompt="Which issue?",
                id="dimension",
                compact=True,
            )
            yield Label("", id="dimension-why", classes="why-not")
            yield Select(
                [(draft_label(d), d.key) for d in self.lead_drafts],
                prompt="Which draft?",
                id="draft",
                compact=True,
            )
            yield Label("", id="draft-why", classes="why-not")
            yield Input(placeholder="amount", id="amount", compact=True)
            yield Label("", id="amount-why", classes="why-not")
            yield Label("", id="move-hint", classes="hint")
            if self.circulated_own and not self.lead_drafts:
                names = ", ".join(escape(draft_name(d.symbol, d.title, False)) for d in self.circulated_own)
                one = len(self.circulated_own) == 1
                yield Label(
                    (f"Your draft {names} is" if one else f"Your drafts {names} are")
                    + " circulated, not yet tabled: you can amend, call the vote or withdraw from the"
                    " round a draft is tabled.",
                    id="move-later",
                    classes="hint",
                )
            yield Label("", id="move-preview")
            with Horizontal(classes="buttons"):
                yield Button("Make the move (ctrl+s)", variant="primary", id="submit", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._arrange("lobby")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind" and isinstance(event.value, str):
            self._arrange(event.value)
        elif self._value("kind") == "amend":
            self._show_current_position()
        else:
            self._show_hint()  # what was missing ("choose the draft") may be chosen now
        self.show_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._value("kind") != "amend":
            self._show_hint()
        self.show_preview()

    def _show_hint(self) -> None:
        """What the amount field means for the move chosen (in place of a message about what was
        missing, once the form has changed)."""
        spec = KINDS[self._value("kind") or "lobby"]
        self.query_one("#move-hint", Label).update(spec.amount and f"{spec.named}: {spec.amount}")

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
        target = self.query_one("#target", Select)
        chosen = target.value
        options = self.targets(kind)
        target.set_options(options)
        if chosen in [key for _, key in options]:
            target.value = chosen
        drafts = {"condition": self.condition_drafts, "joint": self.upcoming}.get(kind, self.lead_drafts)
        self.query_one("#draft", Select).set_options([(draft_label(d), d.key) for d in drafts])
        amount = self.query_one("#amount", Input)
        amount.placeholder = spec.amount
        if kind in PRESSURE_KINDS:
            amount.value = f"{min(self.view.capital, 0.3):.2f}"
        elif kind == "condition":
            amount.value = ""
        self._show_hint()
        if spec.key in ("amend", "call", "withdraw", "condition", "joint") and len(drafts) == 1:
            self.query_one("#draft", Select).value = drafts[0].key
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
        if kind == "condition":
            low, high = condition_range(self.query_one("#amount", Input).value)
            return Condition(player, values["draft"], values["dimension"], low, high)
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
        if kind == "joint":
            return JointStatement(player, values["target"], values["draft"], amount)
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
        if self.submit is not None:
            try:
                self.submit(move)
            except MoveError as exc:
                self.refused(move, str(exc))
                return
        self.dismiss(move)

    def refused(self, move: Move, reason: str, focus: bool = True) -> None:
        """Say why the rules refuse ``move``, beside the field to change (focused when ``focus``),
        and keep the form."""
        self.clear_refusal()
        field = field_of(move, reason)
        label = self.query_one(f"#{field}-why", Label)
        label.update(f"[$error]↑ {escape(reason)}[/]")
        label.display = True
        if focus:
            self.query_one(f"#{field}").focus()

    def clear_refusal(self) -> None:
        for label in self.query(".why-not"):
            label.display = False

    def show_preview(self) -> None:
        """What a lobby, an offer or a statement would change if it landed now; a refusal of the
        move as it stands is shown beside its field as soon as the form is complete."""
        shown = self.query_one("#move-preview", Label)
        self.clear_refusal()
        shown.update("")
        if self.preview is None or self._value("kind") not in PRESSURE_KINDS:
            return
        try:
            move = self.build()
        except ValueError:
            return
        try:
            effect = self.preview(move)
        except MoveError as exc:
            self.refused(move, str(exc), focus=False)
            return
        shown.update(preview_markup(self.view, move, effect))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def draft_label(draft: DraftView) -> str:
    """A draft in the form's list: its symbol and title, or, for one a scenario names by the
    resolution it would become, "draft" and its title until it is adopted."""
    name = draft_name(draft.symbol, draft.title, draft.status == "adopted", 60)
    return f"{draft.symbol}: {draft.title}" if name == draft.symbol else name


def field_of(move: Move, reason: str) -> str:
    """The field of the form a refusal is about (sim/engine/rules.allowed words them)."""
    if "capital" in reason or "amendment" in reason or "must spend" in reason:
        return "amount" if "amount" in KINDS[kind_of(move)].fields else "draft"
    if "at_least" in reason:
        return "amount"
    if "member of the Council" in reason or "no veto" in reason:
        return "target"
    if "dimension" in reason:
        return "dimension"
    if "amount" in KINDS[kind_of(move)].fields and "draft" not in KINDS[kind_of(move)].fields:
        return "amount"
    return "draft"


def kind_of(move: Move) -> str:
    return {
        "Lobby": "lobby",
        "Inducement": "inducement",
        "Statement": "statement",
        "JointStatement": "joint",
        "Amend": "amend",
        "CallVote": "call",
        "Withdraw": "withdraw",
        "Condition": "condition",
    }[type(move).__name__]


def condition_range(text: str) -> tuple[float, float]:
    """The range a condition typed in the form names: "at most 55" (or "<= 55", or "55"),
    "at least 40" (">= 40"), "40-60"; ValueError says how to write one."""
    words = text.strip().lower().replace("≤", "<=").replace("≥", ">=")
    try:
        for prefix, low in (("at most", None), ("<=", None), ("at least", 0.0), (">=", 0.0)):
            if words.startswith(prefix):
                value = float(words[len(prefix) :])
                return (value, 100.0) if low is not None else (0.0, value)
        if "-" in words.strip("-"):
            first, second = words.split("-", 1)
            return float(first), float(second)
        return 0.0, float(words)
    except ValueError:
        raise ValueError("write the condition as 'at most 55', 'at least 40' or '40-60'") from None


def preview_markup(view: GameView, move: Move, effect: Preview) -> str:
    """What the move would change if it landed now, in words, with the numbers that decide it."""
    names = {m.key: m.name for m in view.members}
    target = escape(names.get(getattr(move, "target", ""), ""))
    listens = f"it listens to you with receptivity {effect.receptivity:.2f}"
    if effect.quantity == "position":
        moved = effect.after - effect.before
        label = escape(effect.dimension or "")
        if abs(moved) < 0.05:  # shown as "0.0 points", and taken without a word before
            why = (
                f"it stands where you do ({effect.before:.0f})"
                if effect.toward is not None and abs(effect.toward - effect.before) < 0.5
                else f"{listens}"
            )
            return (
                f"[b]If it landed now:[/b] [$warning]{target} would not move on {label}[/]: {why}."
                " The capital would be spent for nothing: another member or issue will do more."
            )
        return (
            f"[b]If it landed now:[/b] {target} would move {abs(moved):.1f} points on {label}, from"
            f" {effect.before:.0f} to {effect.after:.0f}, toward where you stand now, {effect.toward:.0f}"
            f" ({listens}; a lobby moves a member part of the way, by the capital spent)."
        )
    if effect.quantity == "inducement":
        return (
            f"[b]If it landed now:[/b] a yes would be worth {effect.after - effect.before:+.3f} more to"
            f" {target} until its next vote ({listens})."
        )
    again = f"; your statement no. {effect.repeated + 1} about it counts less" if effect.repeated else ""
    joint = ""
    if isinstance(move, JointStatement):
        who = joined([escape(names.get(key, key)) for key in effect.signers])
        joint = (
            f" {who} would sign it with you, each adding {view.joint_weight:.0%} of your pressure."
            if effect.signers
            else " No other member would sign it now: it would be yours alone."
        )
    return (
        f"[b]If it landed now:[/b] the price of {target}'s veto would go from {effect.before:.2f} to"
        f" {effect.after:.2f} (of 1), fading as positions settle{again}.{joint}"
    )

"""Pick a round to go back to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sim.engine.record import RoundRecord

from ..format import day, escape


class RewindScreen(ModalScreen[int | None]):
    """Dismisses with the number of rounds to keep (0: back to the start)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="rewind.cancel")]

    def __init__(self, rounds: list[RoundRecord]) -> None:
        super().__init__()
        self.rounds = rounds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go back to the start of which round?", classes="question")
            yield OptionList(
                *[
                    Option(f"Round {r.index} · {day(r.date)} · {escape(r.label)}", id=str(r.index - 1))
                    for r in self.rounds
                ],
                id="rounds",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The actors outside the chamber and whom they pressed last round."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sim.play.view import OutsiderView

from ..format import escape
from .council import CouncilPanel


class OutsidersPanel(OptionList):
    """Selecting an actor asks for its reasons, like a Council seat."""

    BORDER_TITLE = "Outside the chamber"

    def show(self, outsiders: list[OutsiderView]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._line(o), id=o.key) for o in outsiders])
        self.highlighted = highlighted if highlighted is not None else 0

    @staticmethod
    def _line(actor: OutsiderView) -> str:
        doing = ("presses " + ", ".join(actor.pressed)) if actor.pressed else "[$text-muted]waits[/]"
        return f"{escape(actor.name)}: {doing}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(CouncilPanel.ActorChosen(event.option.id))

    @property
    def highlighted_actor(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

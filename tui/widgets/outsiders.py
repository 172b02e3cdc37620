"""The actors outside the chamber and whom they pressed last round.

At 80x24 only a few fit: the border says how many more there are above and below (``↓ 4 more``),
and the list scrolls to each of them (tab to it, then the arrows, or the mouse wheel)."""

from __future__ import annotations

from textual.events import Resize
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
        self.border_title = f"Outside the chamber ({len(outsiders)})"
        self.call_after_refresh(self.show_more)

    @staticmethod
    def _line(actor: OutsiderView) -> str:
        doing = ("presses " + ", ".join(actor.pressed)) if actor.pressed else "[$text-muted]waits[/]"
        return f"{escape(actor.name)}: {doing}"

    def show_more(self) -> None:
        """Name, in the bottom border, the actors scrolled out of view above and below."""
        shown = self.scrollable_content_region.height
        above = round(self.scroll_y)
        below = max(0, self.option_count - above - shown) if shown > 0 else 0
        hints = ([f"↑ {above} more"] if above > 0 else []) + ([f"↓ {below} more"] if below > 0 else [])
        self.border_subtitle = " · ".join(hints)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_more()

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self.show_more)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(CouncilPanel.ActorChosen(event.option.id))

    @property
    def highlighted_actor(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

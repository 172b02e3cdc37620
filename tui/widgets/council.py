"""The fifteen seats: veto marked, each member's leaning on the draft in focus, and its move."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sim.play.view import MemberView

from ..format import change_markup, escape, leaning_markup


class CouncilPanel(OptionList):
    """Selecting a seat asks for that member's reasons (``ActorChosen``)."""

    BORDER_TITLE = "Security Council"

    class ActorChosen(Message):
        def __init__(self, actor: str) -> None:
            super().__init__()
            self.actor = actor

    def show(self, members: list[MemberView]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._line(m), id=m.key) for m in members])
        self.highlighted = highlighted if highlighted is not None else 0

    @staticmethod
    def _line(member: MemberView) -> str:
        seat = "[b $accent]★[/]" if member.permanent else " "
        name = escape(member.name)[:18]
        moved = change_markup(member.leaning, member.previous)
        return f"{seat} {name:<18} {leaning_markup(member.leaning)} {moved}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ActorChosen(event.option.id))

    @property
    def highlighted_actor(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

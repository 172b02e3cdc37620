"""The fifteen seats: veto marked, each member's chances of yes, abstain and no on the draft in
focus, and how its leaning moved since the previous round (a change of its most likely ballot
marked as such). The columns are named in the panel's top border, which keeps every row of a
24-line terminal for the seats."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sim.play.view import MemberView

from ..format import LEANING_HEADER, escape, leaning_columns, moved_markup


class CouncilPanel(OptionList):
    """Selecting a seat asks for that member's reasons (``ActorChosen``)."""

    BORDER_TITLE = f"{'Security Council':<20}{LEANING_HEADER}"
    """The columns' names, aligned over them: the title starts one column right of the rows
    (chamber.tcss gives the rows no right padding, so that ``was abs`` fits 43 columns)."""
    BORDER_SUBTITLE = "% chance of each ballot"

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
        name = escape(member.name[:18])
        moved = moved_markup(member.leaning, member.previous)
        return f"{seat} {name:<18} {leaning_columns(member.leaning)} {moved}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ActorChosen(event.option.id))

    @property
    def highlighted_actor(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

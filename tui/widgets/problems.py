"""What is wrong with the edited text, in the engine's words; choosing a problem goes to its line."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sim.edit import Problem

from ..format import escape


class ProblemsPanel(OptionList):
    """Posts ``GoToLine`` when a problem with a line in the edited text is chosen."""

    BORDER_TITLE = "Problems"

    class GoToLine(Message):
        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def show(self, problems: list[Problem], note: str = "") -> None:
        self.clear_options()
        if not problems:
            self.add_option(Option(f"[$success]✓ valid[/] {escape(note)}", disabled=True))
            self.border_title = "Problems: none"
            self.remove_class("-invalid")
            return
        self.border_title = f"Problems: {len(problems)}"
        self.add_class("-invalid")
        for index, problem in enumerate(problems):
            where = f"line {problem.line}" if problem.line is not None else escape(problem.where)
            prompt = f"[$error]✗ {where}[/]: {escape(problem.message)}"
            self.add_option(Option(prompt, id=str(problem.line) if problem.line else f"elsewhere-{index}"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            self.post_message(self.GoToLine(int(event.option.id)))

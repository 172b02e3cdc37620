"""The profile's YAML in a text editor: highlighted, with the lines that have a problem marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea


class ProfileText(TextArea):
    """A ``TextArea`` for YAML (highlighted when tree-sitter's YAML grammar is installed) that
    tints each line holding a problem; the text itself is never altered by the marks."""

    COMPONENT_CLASSES = {"profile-text--problem"}
    BORDER_TITLE = "Profile"

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(
            text,
            show_line_numbers=True,
            soft_wrap=False,
            tab_behavior="focus",  # tab moves on (YAML is indented with spaces, typed)
            highlight_cursor_line=True,
            **kwargs,
        )
        if "yaml" in self.available_languages:
            self.language = "yaml"
        self.problem_lines: frozenset[int] = frozenset()

    def mark(self, lines: set[int]) -> None:
        """Mark these 1-based lines as holding a problem."""
        marked = frozenset(lines)
        if marked != self.problem_lines:
            self.problem_lines = marked
            self._line_cache.clear()  # rendered lines are cached without our marks in the key
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if line_index + 1 in self.problem_lines:
            line.stylize(self.get_component_rich_style("profile-text--problem", partial=True))
        return line

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of a 1-based line and show it."""
        row = max(0, min(line - 1, self.document.line_count - 1))
        self.move_cursor((row, 0), center=True)
        self.focus()

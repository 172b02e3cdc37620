"""The draft on the table: its clauses, sponsors and position, with its last change highlighted."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from sim.play.view import DraftView

from ..format import bar, day, escape


class DraftPanel(VerticalScroll):
    BORDER_TITLE = "Draft on the table"

    def compose(self):
        yield Static(id="draft-body")

    def show(self, draft: DraftView | None, dimensions: dict[str, str]) -> None:
        body = self.query_one("#draft-body", Static)
        if draft is None:
            self.border_subtitle = ""
            body.update("[$text-muted]No draft is on the table yet.[/]")
            return
        self.border_subtitle = draft.status
        lines = [
            f"[b]{escape(draft.symbol)}[/b]  {escape(draft.title)}",
            f"[$text-muted]Sponsors:[/] {escape(', '.join(draft.sponsors))}"
            f"   [$text-muted]Vote planned:[/] {day(draft.vote_on)}",
            "",
        ]
        for dim, value in draft.position.items():
            before = draft.previous.get(dim) if draft.previous else None
            changed = before is not None and abs(before - value) > 0.05
            note = f" [b $warning]was {before:.0f}[/]" if changed else ""
            style = "$warning" if changed else "$primary"
            lines.append(f"{dim:<10} [{style}]{bar(value, 16)}[/] {value:>3.0f}{note}")
        lines.append("")
        for index, (text, dimension) in enumerate(draft.clauses, start=1):
            tag = f" [$text-muted]({dimension})[/]" if dimension else ""
            lines.append(f"{index}. {escape(text)}{tag}")
        body.update("\n".join(lines))

"""The draft on the table: its clauses, sponsors and position, with its last change highlighted.

The clauses are the draft's text where it stands now, numbered as they would be in it; a clause
an amendment took out (its ``holds`` range no longer contains the position) stays in its place,
struck through and dimmed, with the range that would bring it back. Struck rather than hidden:
a paragraph that simply vanished would read as one the draft never had, while the struck text
shows what an amendment cost and how far to move to restore it, as a revised draft marks its
deletions in negotiations.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from sim.play.view import ClauseView, DraftView

from ..format import bar, day, draft_name, escape


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
        in_force = sum(clause.in_force for clause in draft.clauses)
        clauses = f"{in_force} clause{'s' if in_force != 1 else ''}"
        self.border_subtitle = f"{draft.status} · {clauses}" if draft.clauses else draft.status
        # A draft a scenario names by the resolution it became is a draft resolution until adopted.
        named = draft_name(draft.symbol, draft.title, draft.status == "adopted") == draft.symbol
        heading = escape(draft.symbol) if named else "Draft resolution"
        lines = [f"[b]{heading}[/b]  {escape(draft.title)}"]
        number = 0
        for clause in draft.clauses:  # the text first: what members vote on
            if clause.in_force:
                number += 1
                lines.append(f"{number}. {escape(clause.text)}{condition(clause)}")
            else:
                lines.append(
                    f"[$text-muted]–  [strike]{escape(clause.text)}[/strike] "
                    f"(dropped: needs {escape(clause.dimension or '')} {clause.holds})[/]"
                )
        lines.append("")
        for dim, value in draft.position.items():
            before = draft.previous.get(dim) if draft.previous else None
            changed = before is not None and abs(before - value) > 0.05
            note = f" [b $warning]was {before:.0f}[/]" if changed else ""
            style = "$warning" if changed else "$primary"
            lines.append(f"{dim:<10} [{style}]{bar(value, 16)}[/] {value:>3.0f}{note}")
        lines += [
            "",
            f"[$text-muted]Sponsors:[/] {escape(', '.join(draft.sponsors))}",
            f"[$text-muted]Vote planned:[/] {day(draft.vote_on)}",
        ]
        body.update("\n".join(lines))


def condition(clause: ClauseView) -> str:
    """`` (coercion ≥ 55)``: the dimension a clause is on and where it holds; empty if on none."""
    if not clause.dimension:
        return ""
    where = f" {clause.holds}" if clause.holds else ""
    return f" [$text-muted]({escape(clause.dimension)}{where})[/]"

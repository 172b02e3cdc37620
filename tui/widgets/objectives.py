"""A seat's objectives, ranked, in words (sim/play/objectives.py): on the start screen for the
highlighted role, and in the chamber's objectives dialog (key ``o``)."""

from __future__ import annotations

from textual.widgets import Static

from sim.play.objectives import Objectives

from ..format import escape

NOTE = (
    "From the actor's profile at the start (a range read at its middle; events may move it). "
    "Worth: the actor's utility, salience x points moved / 100."
)


def objectives_markup(found: Objectives, note: bool = True) -> str:
    """The name and seat, then each objective numbered, its verb in bold; an observer's one line."""
    if found.actor is None:
        return escape(found.lines[0])
    lines = [f"[b]{escape(found.name)}[/b] · {escape(found.role)}"]
    for number, said in enumerate(found.lines, start=1):
        verb, bracket, rest = said.partition(" (")
        lines.append(f"{number}. [b]{escape(verb)}[/b]{escape(bracket + rest)}")
    if note:
        lines.append(f"[$text-muted]{escape(NOTE)}[/]")
    return "\n".join(lines)


class ObjectivesView(Static):
    """The objectives of one seat; :meth:`show` another."""

    def show(self, found: Objectives) -> None:
        self.update(objectives_markup(found))

"""The line under the title: date, round, the player's capital, the next vote and deadlines."""

from __future__ import annotations

from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

from sim.play.view import GameView

from ..format import cut, draft_name, escape, short_day

SEPARATOR = " · "


class StatusBar(Static):
    """One line of parts in order of importance: the round and date, the seat and its capital,
    the next vote, the next deadline. A part that does not fit whole is left out (a deadline's
    label is first shortened at a word), so nothing is ever cut in the middle of a word or date."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: GameView | None = None

    def show(self, view: GameView) -> None:
        self.view = view
        self.update(self.fitted(view, self.room()))

    def on_resize(self, event: Resize) -> None:
        if self.view is not None:
            self.update(self.fitted(self.view, self.room()))

    def room(self) -> int:
        """Characters the line has (the bar's width less its padding; 78 before the first layout)."""
        width = self.content_region.width or self.size.width
        return width if width > 0 else 78

    @staticmethod
    def fitted(view: GameView, width: int) -> str:
        """The most that fits ``width``: the seat's name goes before the next vote does (the
        header names the seat too), the next deadline first of all."""
        if view.over:
            when = f"[b]Schedule over[/b] ({view.rounds_total} rounds)"
        else:
            when = f"[b]Round {view.round_no}/{view.rounds_total}[/b] {short_day(view.date)}"
        capital = f"capital {view.capital:.2f}" if view.player and not view.over else ""
        named = f"[b]{escape(view.player_name)}[/b]" + (f" {capital}" if capital else "")
        seats = [named, capital] if capital else [named]
        votes = []
        upcoming = [d for d in view.drafts if d.upcoming]
        if upcoming:
            nxt = min(upcoming, key=lambda d: d.vote_on)
            for room in (34, 24):  # a draft named by its title is shortened before it is left out
                name = draft_name(nxt.symbol, nxt.title, nxt.status == "adopted", room)
                votes.append(f"vote {escape(name)} {short_day(nxt.vote_on)}")
        tries = [[when, seat, vote] for vote in dict.fromkeys(votes) for seat in seats]
        tries += [[when, seat] for seat in seats]
        for parts in tries:
            line = SEPARATOR.join(parts)
            if length(line) <= width:
                return line + deadline(view, width - length(line))
        return when


def deadline(view: GameView, room: int) -> str:
    """The next deadline, its label shortened at a word to ``room``; empty if it does not fit."""
    if not view.deadlines or view.over:
        return ""
    date, label = view.deadlines[0]
    head = f"{SEPARATOR}deadline {short_day(date)} "
    room -= len(head)
    if room < 12:
        return ""
    return f"{SEPARATOR}[$error]deadline {short_day(date)}[/] {escape(cut(label, room))}"


def length(markup: str) -> int:
    """The cells ``markup`` takes on screen."""
    return Text.from_markup(markup.replace("$", "")).cell_len

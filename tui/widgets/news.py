"""The news feed: events (quoting the seed article), moves, and votes, newest last."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from sim.engine.record import RoundRecord, VoteRecord
from sim.play.news import NewsItem, round_items

from ..format import day, escape

TAG_STYLE = {
    "EVENT": "$warning",
    "DEADLINE": "$error",
    "TABLED": "$primary",
    "LOBBY": "$secondary",
    "AMEND": "$accent",
    "CALLED": "$primary",
    "VOTE": "$success",
    "WITHDREW": "$error",
    "LAPSED": "$text-muted",
    "STATES": "$secondary",
    "OFFERS": "$secondary",
    "LEFT": "$warning",
    "ACCEPTED": "$accent",
    "DECLINED": "$warning",
}


class NewsFeed(VerticalScroll):
    """One wrapped line per item; keeps to the newest unless the reader scrolled back."""

    BORDER_TITLE = "News"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines_written: list[str] = []

    def add_round(self, rnd: RoundRecord, votes: dict[str, VoteRecord]) -> None:
        # The label is the scenario's calendar for the day, written before anyone played.
        calendar = f"[$text-muted]calendar: {escape(rnd.label)}[/]"
        self._write(f"[b]Round {rnd.index} · {day(rnd.date)}[/b] {calendar}")
        for item in round_items(rnd):
            self.add_item(item)
            if item.vote and item.vote in votes:
                vote = votes[item.vote]
                self.add_item(NewsItem("VOTE", f"{vote.symbol}: {vote.statement}"))

    def add_item(self, item: NewsItem) -> None:
        tag = f"[{TAG_STYLE.get(item.tag, '$text')}]{item.tag}[/] " if item.tag else ""
        self._write(f"{tag}{escape(item.text)}")
        if item.quote:
            self._write(f"[i $text-muted]“{escape(item.quote)}”[/]")

    def _write(self, markup: str) -> None:
        self.lines_written.append(markup)
        self.mount(Static(markup, classes="news-line"))
        self.call_after_refresh(self.scroll_end, animate=False)

    def clear(self) -> None:
        self.lines_written.clear()
        self.remove_children()

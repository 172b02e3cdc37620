"""Small text helpers shared by the widgets: leanings, changes, dates, bars."""

from __future__ import annotations

import datetime as dt

BALLOT_STYLE = {"yes": "$success", "abstain": "$warning", "no": "$error", "absent": "$text-muted"}
BALLOTS = ("yes", "abstain", "no")


def day(date: dt.date | str | None) -> str:
    if date is None:
        return "—"
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return f"{date:%a} {date.day} {date:%b %Y}"


def short_day(date: dt.date | None) -> str:
    """``Thu 19 Jul``: the year is the scenario's."""
    return "—" if date is None else f"{date:%a} {date.day} {date:%b}"


def likely(leaning: tuple[float, float, float]) -> tuple[str, float]:
    """The most likely ballot and its probability."""
    probability, ballot = max(zip(leaning, BALLOTS, strict=True))
    return ballot, probability


def leaning_markup(leaning: tuple[float, float, float] | None) -> str:
    """``no 97%`` in the ballot's colour, or a dash when no draft is on the table."""
    if leaning is None:
        return "[$text-muted]—[/]"
    ballot, probability = likely(leaning)
    return f"[{BALLOT_STYLE[ballot]}]{ballot:<7} {probability:>4.0%}[/]"


def ballot_markup(ballot: str, width: int = 0) -> str:
    return f"[{BALLOT_STYLE.get(ballot, '$text')}]{ballot:<{width}}[/]"


def change_markup(now: tuple[float, float, float] | None, before: tuple[float, float, float] | None) -> str:
    """How a member's chance of voting yes moved since the previous round."""
    if now is None or before is None:
        return ""
    delta = now[0] - before[0]
    if abs(delta) < 0.005:
        return "[$text-muted]  ·[/]"
    arrow, style = ("▲", "$success") if delta > 0 else ("▼", "$error")
    return f"[{style}]{arrow}{abs(delta):>4.0%}[/]"


def bar(value: float, width: int = 20) -> str:
    """A 0-100 value as a bar of block characters."""
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def escape(text: str) -> str:
    """Text safe to put inside content markup."""
    return text.replace("[", "\\[")

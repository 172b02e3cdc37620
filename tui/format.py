"""Small text helpers shared by the widgets: leanings, changes, dates, bars."""

from __future__ import annotations

import datetime as dt

from sim.play.naming import cut, draft_name, resolution_number  # noqa: F401  (re-exported)

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


SHORT = {"yes": "yes", "abstain": "abs", "no": "no"}
"""A ballot in three letters or fewer, as the Council table's columns name them."""

LEANING_HEADER = "Yes Abs  No Moved"
"""The Council table's columns after the member's name (:func:`leaning_columns`, :func:`moved_markup`)."""


def leaning_columns(leaning: tuple[float, float, float] | None) -> str:
    """The chances of yes, abstain and no in percent, three columns of three characters; the most
    likely ballot's in bold in its colour, the others dimmed. A dash when no draft is on the table."""
    if leaning is None:
        return f"[$text-muted]{'—':>3} {'—':>3} {'—':>3}[/]"
    top, _ = likely(leaning)
    cells = []
    for ballot, probability in zip(BALLOTS, leaning, strict=True):
        style = f"b {BALLOT_STYLE[ballot]}" if ballot == top else "$text-muted"
        cells.append(f"[{style}]{round(probability * 100):>3}[/]")
    return " ".join(cells)


def moved_markup(now: tuple[float, float, float] | None, before: tuple[float, float, float] | None) -> str:
    """How a member's leaning moved since the previous round: ``was no`` (reversed, in the colour
    of the new most likely ballot) when its most likely ballot changed, else the change of that
    ballot's chance in points (``+7``, ``-3``, ``·`` under one point); empty without a previous round."""
    if now is None or before is None:
        return ""
    ballot, probability = likely(now)
    was, _ = likely(before)
    if ballot != was:
        return f"[b reverse {BALLOT_STYLE[ballot]}]was {SHORT[was]}[/]"
    delta = round((probability - before[BALLOTS.index(ballot)]) * 100)
    if delta == 0:
        return "[$text-muted]  ·[/]"
    return f"[$text-muted]{delta:>+3}[/]"


def bar(value: float, width: int = 20) -> str:
    """A 0-100 value as a bar of block characters."""
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def escape(text: str) -> str:
    """Text safe to put inside content markup."""
    return text.replace("[", "\\[")

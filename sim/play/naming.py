"""What to call a draft before and after the vote: a scenario may name a draft by the resolution
it became (its record does), which it is not until it is adopted. Views share these words."""

from __future__ import annotations


def resolution_number(symbol: str) -> bool:
    """Whether ``symbol`` is a resolution's (``S/RES/2059 (2012)``) rather than a draft's."""
    return symbol.startswith("S/RES/")


def draft_name(symbol: str, title: str, adopted: bool, width: int = 40) -> str:
    """What to call a draft: its symbol, unless that is the resolution it became (a scenario may
    name a draft by it), which it is not before it is adopted: then "the draft" and its title,
    cut at a word within ``width`` characters."""
    if adopted or not resolution_number(symbol):
        return symbol
    return f"draft “{cut(title, max(8, width - 8))}”"


def cut(text: str, width: int) -> str:
    """``text`` within ``width`` characters, cut after a whole word with an ellipsis."""
    if len(text) <= width:
        return text
    head = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return head + "…"

"""Plain-text tables for the terminal: left-aligned labels, right-aligned figures."""

from __future__ import annotations

from collections.abc import Sequence

DASH = "—"
"""What a cell shows when there is nothing to measure (a draft never voted on)."""
GAP = "  "


def figure(value: float | None, digits: int = 3) -> str:
    """A share or an index with ``digits`` decimals; a dash for no value."""
    return DASH if value is None else f"{value:.{digits}f}"


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    groups: Sequence[tuple[str, int]] = (),
    indent: str = "  ",
) -> list[str]:
    """Rows under a header, columns as wide as their widest cell; figures (cells that start with
    a digit, or a dash) right-aligned, words left-aligned, the first column always left.

    ``groups`` puts labels above the last columns, each ``(label, columns spanned)``, centred
    over its span and underlined.
    """
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    spanned = sum(span for _, span in groups)
    for index, (label, span) in enumerate(groups):
        start = len(widths) - spanned + sum(s for _, s in groups[:index])
        room = sum(widths[start : start + span]) + len(GAP) * (span - 1)
        if len(label) > room:
            widths[start + span - 1] += len(label) - room

    right = [
        index > 0 and all(str(row[index])[:1].isdigit() or row[index] == DASH for row in rows)
        for index in range(len(widths))
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [f"{c:>{w}}" if r else f"{c:<{w}}" for c, w, r in zip(cells, widths, right, strict=True)]
        return (indent + GAP.join(parts)).rstrip()

    above: list[str] = []
    if groups:
        plain = len(widths) - spanned
        labels, rules = [], []
        for index, (label, span) in enumerate(groups):
            start = plain + sum(s for _, s in groups[:index])
            room = sum(widths[start : start + span]) + len(GAP) * (span - 1)
            labels.append(label.center(room))
            rules.append("─" * room)
        lead = indent + " " * (sum(widths[:plain]) + len(GAP) * plain)
        above = [(lead + GAP.join(labels)).rstrip(), lead + GAP.join(rules)]
    return [*above, line(header), *(line(row) for row in rows)]

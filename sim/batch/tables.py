"""The batch summary as tables for the terminal (rich), built from the summary JSON alone."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

OUTCOME_LABELS = {
    "adopted": "adopted",
    "vetoed": "vetoed",
    "failed": "failed (fewer than 9 yes)",
    "withdrawn": "withdrawn",
    "not_voted": "never put to the vote",
}


def percent(p: float) -> str:
    return f"{100 * p:.1f}%"


def interval(cell: dict[str, Any]) -> str:
    return f"{percent(cell['low'])} – {percent(cell['high'])}"


def outcome_table(draft: dict[str, Any]) -> Table:
    table = Table(title=f"{draft['symbol']}: outcomes of {draft['runs']} runs", title_justify="left")
    table.add_column("outcome")
    table.add_column("runs", justify="right")
    table.add_column("probability", justify="right")
    table.add_column("95% interval (Wilson)", justify="right")
    for name, label in OUTCOME_LABELS.items():
        cell = draft["outcomes"][name]
        table.add_row(label, str(cell["count"]), percent(cell["p"]), interval(cell))
        if name == "vetoed":
            for who, veto in draft["vetoed_by"].items():
                table.add_row(
                    f"  by {who}", str(veto["count"]), percent(veto["p"]), interval(veto), style="dim"
                )
    return table


def vote_lines(draft: dict[str, Any]) -> Text:
    """Yes votes and the round of the vote, over the runs where the draft came to a vote."""
    voted = draft["voted"]
    if not voted:
        return Text("  never came to a vote", style="dim")
    yes = " · ".join(f"{k}: {percent(c / voted)}" for k, c in draft["yes_votes"].items())
    rounds = " · ".join(f"round {k}: {percent(c / voted)}" for k, c in draft["vote_round"].items())
    return Text(
        f"  yes votes ({voted} roll calls): {yes}\n  vote taken in {rounds} (mean {draft['mean_round']:.2f})"
    )


def roll_call_table(draft: dict[str, Any]) -> Table:
    table = Table(title=f"{draft['symbol']}: most frequent roll calls", title_justify="left")
    for column, justify in (("yes-no-abst.", "right"), ("result", "left"), ("against", "left")):
        table.add_column(column, justify=justify)
    table.add_column("abstaining")
    table.add_column("share", justify="right")
    for call in draft["roll_calls"]:
        table.add_row(
            call["tally"],
            call["result"],
            ", ".join(call["no"]) or "-",
            ", ".join(call["abstain"]) or "-",
            percent(call["share"]),
        )
    return table


def member_table(drafts: dict[str, dict[str, Any]]) -> Table:
    """Each member's yes / abstain / no shares on each draft that came to a vote."""
    voted = [d for d in drafts.values() if d["voted"]]
    table = Table(title="Vote shares by member (yes / abstain / no)", title_justify="left")
    table.add_column("member")
    for draft in voted:
        table.add_column(draft["symbol"], justify="right")
    members = list(voted[0]["members"]) if voted else []
    for member in members:
        cells = []
        for draft in voted:
            share = draft["members"][member]
            cells.append(" / ".join(f"{100 * share[b]:.0f}" for b in ("yes", "abstain", "no")))
        table.add_row(member, *cells)
    return table


def sweep_table(summary: dict[str, Any], key: str) -> Table:
    """One draft's outcome probabilities at every grid point (95% Wilson intervals)."""
    points = summary["points"]
    symbol = points[0]["drafts"][key]["symbol"]
    table = Table(title=f"{symbol}: outcome probabilities per grid point", title_justify="left")
    paths = [axis["path"] for axis in summary["batch"]["vary"]]
    for path in paths:
        table.add_column(path.removeprefix("actors."))
    table.add_column("runs", justify="right")
    shown = [n for n in OUTCOME_LABELS if any(p["drafts"][key]["outcomes"][n]["count"] for p in points)]
    for name in shown:
        table.add_column(name.replace("_", " "), justify="right")
    for point in points:
        draft = point["drafts"][key]
        cells = [f"{percent(draft['outcomes'][n]['p'])} ({interval(draft['outcomes'][n])})" for n in shown]
        table.add_row(
            *(
                f"{point['vary'][p]:g}" if isinstance(point["vary"][p], float) else str(point["vary"][p])
                for p in paths
            ),
            str(draft["runs"]),
            *cells,
        )
    return table


SKIPPED_SHOWN = 10
"""Refused moves listed in the seat's table; the summary JSON has them all."""


def seat_lines(summary: dict[str, Any]) -> list[Any]:
    """The scripted seat's utility of the outcome and the moves of its script the rules refused,
    per grid point (one table for a batch without --vary)."""
    seat = summary["batch"]["seat"]
    script = (
        "no moves (a passive seat)"
        if not seat["moves"]
        else f"{seat['moves']} moves over {seat['rounds']} rounds"
    )
    head = Text(
        f"Seat: {seat['name']} ({seat['actor']}), played from a script of {script} (script {seat['script']})"
    )
    paths = [axis["path"] for axis in summary["batch"]["vary"]]
    table = Table(title=f"{seat['name']}: utility of the outcome, moves skipped", title_justify="left")
    for path in paths:
        table.add_column(path.removeprefix("actors."))
    for column in ("runs", "mean utility", "95% interval", "sd", "moves skipped", "runs with a skip"):
        table.add_column(column, justify="right")
    for point in summary["points"]:
        cell = point["seat"]
        utility, skipped = cell["utility"], cell["skipped"]
        mean = "-" if utility["mean"] is None else f"{utility['mean']:+.4f}"
        span = "-" if utility["low"] is None else f"{utility['low']:+.4f} – {utility['high']:+.4f}"
        table.add_row(
            *(str(point["vary"][p]) for p in paths),
            str(cell["runs"]),
            mean,
            span,
            f"{utility['sd']:.4f}",
            str(skipped["moves"]),
            f"{skipped['runs']} ({percent(skipped['runs'] / cell['runs']) if cell['runs'] else '-'})",
        )
    parts: list[Any] = [head, table]
    if not paths and summary["points"][0]["seat"]["skipped"]["by_move"]:
        cell = summary["points"][0]["seat"]
        moves = Table(title=f"{seat['name']}: moves the rules refused", title_justify="left")
        for column, justify in (("round", "right"), ("move", "left"), ("reason", "left"), ("runs", "right")):
            moves.add_column(column, justify=justify)
        for skip in cell["skipped"]["by_move"][:SKIPPED_SHOWN]:
            moves.add_row(
                str(skip["round"]),
                skip["move"],
                skip["reason"],
                f"{skip['runs']} ({percent(skip['runs'] / cell['runs'])})",
            )
        parts.append(moves)
        more = len(cell["skipped"]["by_move"]) - SKIPPED_SHOWN
        if more > 0:
            parts.append(Text(f"  and {more} more (the summary JSON lists them all)", style="dim"))
    return parts


def render(summary: dict[str, Any]) -> Group:
    batch = summary["batch"]
    head = Text(
        f"{batch['scenario']} (hash {batch['scenario_hash']}) · {summary['runs']} runs"
        f" · root seed {batch['seed']}",
        style="bold",
    )
    if batch["vary"]:
        keys = list(summary["points"][0]["drafts"])
        seat = seat_lines(summary) if "seat" in batch else []
        return Group(head, *(sweep_table(summary, key) for key in keys), *seat)
    drafts = summary["points"][0]["drafts"]
    parts: list[Any] = [head]
    for draft in drafts.values():
        parts += [outcome_table(draft), vote_lines(draft)]
        if draft["roll_calls"]:
            parts.append(roll_call_table(draft))
    if any(d["voted"] for d in drafts.values()):
        parts.append(member_table(drafts))
    if "seat" in batch:
        parts += seat_lines(summary)
    return Group(*parts)


def show(summary: dict[str, Any], console: Console) -> None:
    console.print(render(summary))

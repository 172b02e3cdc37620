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


def render(summary: dict[str, Any]) -> Group:
    batch = summary["batch"]
    head = Text(
        f"{batch['scenario']} (hash {batch['scenario_hash']}) · {summary['runs']} runs"
        f" · root seed {batch['seed']}",
        style="bold",
    )
    if batch["vary"]:
        keys = list(summary["points"][0]["drafts"])
        return Group(head, *(sweep_table(summary, key) for key in keys))
    drafts = summary["points"][0]["drafts"]
    parts: list[Any] = [head]
    for draft in drafts.values():
        parts += [outcome_table(draft), vote_lines(draft)]
        if draft["roll_calls"]:
            parts.append(roll_call_table(draft))
    if any(d["voted"] for d in drafts.values()):
        parts.append(member_table(drafts))
    return Group(*parts)


def show(summary: dict[str, Any], console: Console) -> None:
    console.print(render(summary))

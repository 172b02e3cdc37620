"""Why an actor leans as it does: the engine's explanation, by dimension, lobbying and events."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..format import ballot_markup, escape


def explanation_markup(name: str, why: dict[str, Any] | None, votes: bool, about: str) -> str:
    if why is None:
        return f"[b]{escape(name)}[/b]\n\nNo draft is on the table yet: nothing to weigh."
    utility = why["utility"]
    net = utility["draft"] - utility["status_quo"]
    probs = "  ".join(f"{ballot_markup(k)} {v:.0%}" for k, v in why["probabilities"].items())
    lines = [f"[b]{escape(name)}[/b] on {escape(about)}"]
    lines.append(f"Leans: {probs}" if votes else "[$text-muted]Has no vote; lobbies for what it wants.[/]")
    lines += [
        "",
        f"[b]Utility[/b] of the draft {utility['draft']:+.3f}, "
        f"of the status quo {utility['status_quo']:+.3f}: net [b]{net:+.3f}[/b]",
    ]
    for dim, d in utility["by_dimension"].items():
        lines.append(
            f"  {dim:<11} draft {d['draft']:+.3f}  status quo {d['status_quo']:+.3f}   "
            f"stands at {d['position']:g} (ideal {d['ideal']:g}), salience {d['salience']:.2f}"
        )
    if why.get("sponsor"):
        lines.append("A sponsor of this draft: it votes yes while the text stays within its red lines.")
    against = why.get("weighed_against")
    if against:
        lines.append(f"[b]Against the agenda[/b]: {escape(against['said'])}")
    allies = ", ".join(f"{escape(n)} {p:+.3f}" for n, p in why["alignment"].items()) or "none"
    lines += ["", f"[b]Allies' pull[/b]: {allies}"]
    if votes:
        price = "a veto" if why["no_is_veto"] else "a vote against"
        share = why.get("veto_share", 1.0)
        shared = f" (its share with others likely to veto too: {share:.0%})" if share < 0.995 else ""
        lines.append(f"[b]Price of {price}[/b]: {why['cost_of_no']:.2f}{shared}")
        apart = why.get("abstain_price", 0.0)
        if apart >= 0.005:
            lines.append(f"[b]Price of abstaining[/b] on a text likely to pass: {apart:.2f}")
    if why.get("requested_by"):
        asked = ", ".join(f"{escape(n)} {v:+.3f}" for n, v in why["requested_by"].items())
        lines.append(f"[b]Requested by[/b]: {asked}")
    lobbied = sorted(why["lobbied_by"].items(), key=lambda item: -item[1])
    lines.append(
        "[b]Lobbied by[/b] (points moved): "
        + (", ".join(f"{escape(n)} {v:.1f}" for n, v in lobbied) or "nobody")
    )
    if why.get("offers_from"):
        lines.append("[b]Offers from[/b]: " + ", ".join(escape(n) for n in why["offers_from"]))
    if why.get("statements_from"):
        lines.append("[b]Statements about it[/b]: " + ", ".join(escape(n) for n in why["statements_from"]))
    events = "; ".join(f"{escape(e['event'])} ({e['field']} {e['change']:+g})" for e in why["events"])
    lines.append(f"[b]Events[/b]: {events or 'none'}")
    return "\n".join(lines)


class WhyScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,w", "dismiss", "Close", id="why.close")]

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.markup, id="why")

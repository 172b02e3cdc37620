"""The live preview: outcome probabilities and members' leanings, edited against saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ProgressBar, Static

from sim.edit import compare

from ..format import BALLOT_STYLE, escape

SHORT = {"yes": "yes", "abstain": "abst", "no": "no"}


def delta_markup(delta: float | None) -> str:
    if delta is None:
        return "[$text-muted]  new[/]"
    if abs(delta) < 0.005:
        return "[$text-muted]    ·[/]"
    arrow, style = ("▲", "$success") if delta > 0 else ("▼", "$error")
    return f"[{style}]{arrow}{abs(delta):>4.0%}[/]"


def ballot_share(ballot: str | None, share: float | None) -> str:
    if ballot is None or share is None:
        return "[$text-muted]   —    [/]"
    return f"[{BALLOT_STYLE[ballot]}]{SHORT[ballot]:<4} {share:>4.0%}[/]"


def preview_markup(saved: dict | None, edited: dict, runs: int, seed: int) -> str:
    """The preview's text: per draft, P(adopted), P(vetoed) and by whom, then each member's most
    likely ballot saved → edited (members whose leaning moved are in bold)."""
    lines = [f"[b]{runs} runs[/b], seed {seed}: saved → edited"]
    if saved is None:
        lines.append("[$warning]The saved files do not load: no comparison.[/]")
    for draft in compare(saved, edited):
        lines.append(f"\n[b]{escape(draft.symbol)}[/b]")
        for change in draft.outcomes:
            was = "  —" if change.saved is None else f"{change.saved:>4.0%}"
            label = escape(change.label[:20])
            lines.append(f" {label:<20} {was} → {change.edited:>4.0%} {delta_markup(change.delta)}")
        if not draft.leanings:
            lines.append(" [$text-muted]never put to the vote[/]")
            continue
        for name, old_ballot, old_share, ballot, share in draft.leanings:
            moved = old_ballot != ballot or old_share is None or abs(share - old_share) >= 0.005
            label = f"{escape(name)[:16]:<16}"
            label = f"[b]{label}[/b]" if moved else f"[$text-muted]{label}[/]"
            lines.append(f" {label} {ballot_share(old_ballot, old_share)} → {ballot_share(ballot, share)}")
    return "\n".join(lines)


class PreviewPanel(VerticalScroll):
    """Shows the running state, then the comparison; attributes down from the editor screen."""

    BORDER_TITLE = "Preview"

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="preview-progress", show_eta=False, classes="hidden")
        yield Static("Waiting for a valid profile…", id="preview-body")

    def running(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.remove_class("hidden")
        bar.update(total=total, progress=done)

    def show(self, saved: dict | None, edited: dict, runs: int, seed: int) -> None:
        self.query_one(ProgressBar).add_class("hidden")
        self.query_one("#preview-body", Static).update(preview_markup(saved, edited, runs, seed))
        self.border_subtitle = f"= diplosim batch --runs {runs} --seed {seed}"

    def stale(self, reason: str) -> None:
        self.query_one(ProgressBar).add_class("hidden")
        self.query_one("#preview-body", Static).update(f"[$text-muted]{escape(reason)}[/]")

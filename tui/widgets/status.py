"""The line under the title: date, round, the next vote, deadlines, and the player's capital."""

from __future__ import annotations

from textual.widgets import Static

from sim.play.view import GameView

from ..format import escape, short_day


class StatusBar(Static):
    """One line; long labels are cut rather than wrapped, so the layout never jumps."""

    def show(self, view: GameView) -> None:
        if view.over:
            parts = [f"[b]Schedule over[/b] ({view.rounds_total} rounds)"]
        else:
            parts = [f"[b]Round {view.round_no}/{view.rounds_total}[/b] {short_day(view.date)}"]
        who = f"[b]{escape(view.player_name)}[/b]"
        if view.player and not view.over:
            who += f" capital {view.capital:.2f}"
        parts.append(who)
        upcoming = [d for d in view.drafts if d.status in ("pending", "open")]
        if upcoming:
            nxt = min(upcoming, key=lambda d: d.vote_on)
            parts.append(f"vote {escape(nxt.symbol)} {short_day(nxt.vote_on)}")
        if view.deadlines:
            date, label = view.deadlines[0]
            parts.append(f"[$error]deadline {short_day(date)}[/] {escape(label)}")
        self.update(" · ".join(parts))

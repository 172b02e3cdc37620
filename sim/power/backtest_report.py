"""``diplosim backtest``'s text: per recorded vote, each member's odds and the outcome's scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .empirical import OUTCOMES
from .tables import figure, table


def _tally(recorded: dict[str, Any]) -> str:
    t = recorded["tally"]
    return f"{recorded['result']}, {t['yes']}-{t['no']}-{t['abstain']}"


def render_backtest(result: dict[str, Any]) -> str:
    scenario = result["scenario"]
    lines = [
        f"Backtest: {scenario['title']} ({scenario['id']})",
        f"against the roll calls recorded in {Path(result['record']).name} ({result['source']})",
    ]
    for vote in result["votes"]:
        members = vote["members"]
        ballots = list(next(iter(members.values()))["model"])
        rows = [
            [
                member,
                m["recorded"],
                figure(m["p_recorded"]),
                m["modal"],
                "yes" if m["match"] else "NO",
                *(figure(m["model"][b]) for b in ballots),
            ]
            for member, m in members.items()
        ]
        outcomes = "  ".join(f"{o} {figure(vote['outcomes'][o])}" for o in OUTCOMES)
        lines += [
            "",
            f"{vote['symbol']}: recorded {_tally(vote['recorded'])}",
            "",
            *table(
                ["member", "recorded", "P(recorded)", "modal", "match", *ballots],
                rows,
                [("model's ballots, share of runs", len(ballots))],
            ),
            "",
            f"  modal vote matches {vote['modal_matches']} of {len(members)} members; "
            f"mean P(recorded vote) {figure(vote['mean_p_recorded'])}",
            f"  outcome: {outcomes}",
            f"  Brier {figure(vote['brier'], 4)}   log-loss {figure(vote['log_loss'], 4)}",
        ]
    s = result["summary"]
    lines += [
        "",
        f"Overall: modal vote matches {s['modal_matches']} of {s['member_votes']} member votes "
        f"({s['modal_match_share']:.1%}); mean P(recorded vote) {figure(s['mean_p_recorded'])}",
        f"  mean Brier {figure(s['brier'], 4)} (0 perfect, 2 worst); "
        f"mean log-loss {figure(s['log_loss'], 4)} (a probability below {result['epsilon']} counts as "
        f"{result['epsilon']})",
    ]
    return "\n".join(lines) + "\n"

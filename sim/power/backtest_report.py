"""``diplosim backtest``'s text: per recorded vote, each member's odds and the outcome's scores;
with ``--all``, a line per scenario and the totals over them."""

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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _misses(scenario: dict[str, Any]) -> list[str]:
    lines = []
    for vote in scenario["votes"]:
        where = f"    {scenario['id']}, {vote['symbol']}:"
        if not vote["outcome_match"]:
            lines.append(
                f"{where} modal outcome {vote['modal_outcome']}, recorded {vote['recorded']} "
                f"(P(recorded) {figure(vote['p_recorded_outcome'])})"
            )
        lines += [
            f"{where} {m['member']} modal {m['modal']}, recorded {m['recorded']} "
            f"(P(recorded) {figure(m['p_recorded'])})"
            for m in vote["misses"]
        ]
    return lines


def render_backtest_all(result: dict[str, Any]) -> str:
    """``diplosim backtest --all``: a line per scored scenario, what the modal results miss, the
    scenarios left unscored, and the totals over all of them."""
    scenarios = result["scenarios"]
    rows = []
    for s in scenarios:
        summary = s["summary"]
        rows.append(
            [
                s["id"],
                str(summary["votes"]),
                f"{summary['modal_matches']}/{summary['member_votes']}",
                f"{summary['outcome_matches']}/{summary['votes']}",
                figure(summary["mean_p_recorded"]),
                figure(summary["brier"], 4),
            ]
        )
    lines = [
        f"Backtest of {_plural(len(scenarios), 'scenario')} against "
        f"{'its own record' if len(scenarios) == 1 else 'their own records'}, in {result['folder']}",
        f"({result['runs']} runs each, root seed {result['seed']})",
        "",
        *table(
            ["scenario", "votes", "members modal-right", "outcomes modal-right", "mean P(recorded)", "Brier"],
            rows,
        ),
    ]
    misses = [line for s in scenarios for line in _misses(s)]
    if misses:
        lines += ["", "  Modal results that are not the recorded ones:", *misses]
    if result["unscored"]:
        names = ", ".join(u["id"] for u in result["unscored"])
        lines += ["", f"Not scored (no record of their own): {names}"]
    t = result["totals"]
    lines += [
        "",
        f"Totals over {_plural(t['scenarios'], 'scenario')} and {_plural(t['votes'], 'recorded vote')}:",
        f"  member votes modal-right: {t['modal_matches']} of {t['member_votes']} "
        f"({t['modal_match_share']:.1%})",
        f"  recorded outcomes modal-right: {t['outcome_matches']} of {t['votes']}",
        f"  mean P(recorded vote) {figure(t['mean_p_recorded'])}; mean Brier {figure(t['brier'], 4)} "
        f"(0 perfect, 2 worst); mean log-loss {figure(t['log_loss'], 4)}",
    ]
    return "\n".join(lines) + "\n"

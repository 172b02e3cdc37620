"""The readable transcript of a run, built only from its run record."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import defaultdict
from typing import Any

from .record import RoundRecord, RunRecord, VoteRecord

WIDTH = 92
INDENT = " " * 11
MIN_SHOWN_SHIFT = 0.5


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day:%a} {day.day} {day:%B %Y}"


def _wrap(text: str, first: str, rest: str = INDENT) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]


def _tag(label: str) -> str:
    return f"  {label:<9}"


def render_round(rnd: RoundRecord, votes: dict[str, VoteRecord], explain: bool) -> list[str]:
    out = [f"── Round {rnd.index} · {_day(rnd.date)} · {rnd.label}".rstrip(" ·")]
    for deadline in rnd.deadlines:
        out += _wrap(deadline, _tag("DEADLINE"))
    for event in rnd.events:
        out += _wrap(event.title, _tag("EVENT"))
        if event.quote:
            out += _wrap(f"“{event.quote}”", INDENT)
        changes = "; ".join(
            f"{c['actor']} {c['field']} {c['before']:.3g} → {c['after']:.3g}" for c in event.changes
        )
        out += _wrap(changes, INDENT)
    for decision in rnd.decisions:
        if decision.action == "tabled":
            out += _wrap(f"{decision.symbol}, by {decision.actor}: {decision.reason}", _tag("TABLED"))
    out += _render_lobbying(rnd)
    for rev in rnd.revisions:
        out += _wrap(
            f"{rev.sponsor} amends {rev.symbol}: {rev.dimension} {rev.before:g} → {rev.after:g} "
            f"(chance of adoption {rev.adoption_before:.0%} → {rev.adoption_after:.0%})",
            _tag("AMEND"),
        )
    for decision in rnd.decisions:
        if decision.action == "called":
            out += _wrap(
                f"{decision.actor} calls the vote on {decision.symbol}: {decision.reason}", _tag("CALLED")
            )
            vote = votes.get(decision.draft)
            if vote is not None:
                out += render_vote(vote, explain)
        elif decision.action == "withdrawn":
            out += _wrap(f"{decision.actor} withdraws {decision.symbol}: {decision.reason}", _tag("WITHDREW"))
        elif decision.action == "lapsed":
            out += _wrap(f"{decision.symbol} lapses: {decision.reason}", _tag("LAPSED"))
    return out


def _render_lobbying(rnd: RoundRecord) -> list[str]:
    """One line per lobbyist that moved anyone noticeably, strongest first."""
    moves: dict[str, list] = defaultdict(list)
    for lobby in rnd.lobbying:
        moves[lobby.actor].append(lobby)
    total = {actor: sum(abs(m.shift) for m in ms) for actor, ms in moves.items()}
    shown = [a for a in sorted(total, key=lambda a: (-total[a], a)) if total[a] >= MIN_SHOWN_SHIFT]
    out = []
    for actor in shown:
        targets = ", ".join(f"{m.target} {m.dimension} {m.shift:+.1f}" for m in moves[actor])
        out += _wrap(f"{actor} → {targets}", _tag("LOBBY"))
    if len(shown) < len(moves):
        out += _wrap(f"and {len(moves) - len(shown)} others with slight effect", INDENT)
    return out


def render_vote(vote: VoteRecord, explain: bool) -> list[str]:
    out = _wrap(f"{vote.symbol}: {vote.title}", _tag("VOTE"))
    groups = (("In favour", "yes"), ("Against", "no"), ("Abstaining", "abstain"), ("Absent", "absent"))
    for label, ballot in groups:
        names = sorted(m for m, b in vote.roll_call.items() if b == ballot)
        if names:
            out += _wrap(f"{label}: {', '.join(names)}", INDENT)
    out += _wrap(vote.statement, INDENT)
    if explain:
        for member in sorted(vote.explanations):
            out += explain_member(member, vote.explanations[member])
    return out


def explain_member(member: str, why: dict[str, Any]) -> list[str]:
    probs = " / ".join(f"{k} {v:.2f}" for k, v in why["probabilities"].items())
    utility = why["utility"]
    net = utility["draft"] - utility["status_quo"]
    dims = "; ".join(
        f"{dim} {d['draft']:+.2f} vs {d['status_quo']:+.2f} "
        f"(stands at {d['position']:g}, ideal {d['ideal']:g})"
        for dim, d in utility["by_dimension"].items()
    )
    lines = _wrap(f"{member}: {why['vote']} ({probs})", INDENT + "· ", INDENT + "  ")
    body = INDENT + "  "
    lines += _wrap(
        f"utility of the draft {utility['draft']:+.3f}, of the status quo {utility['status_quo']:+.3f}, "
        f"net {net:+.3f}: {dims}",
        body,
        body + "  ",
    )
    allies = ", ".join(f"{name} {pull:+.3f}" for name, pull in why["alignment"].items()) or "none"
    price = "a veto" if why["no_is_veto"] else "a vote against"
    lines += _wrap(f"allies' pull: {allies}; price of {price}: {why['cost_of_no']:.2f}", body, body + "  ")
    ranked = sorted(why["lobbied_by"].items(), key=lambda item: (-item[1], item[0]))
    lobbied = ", ".join(f"{name} {shift:.1f}" for name, shift in ranked) or "nobody"
    lines += _wrap(f"lobbied by (points moved): {lobbied}", body, body + "  ")
    if why["events"]:
        events = "; ".join(f"{e['event']}: {e['field']} {e['change']:+g}" for e in why["events"])
        lines += _wrap(f"moved by events: {events}", body, body + "  ")
    return lines


def render(record: RunRecord, title: str, source: str, explain: bool = False) -> str:
    """The whole transcript of ``record``; ``explain`` adds every member's reasons to each vote."""
    votes = {v.draft: v for v in record.votes}
    out = [
        title,
        f"Source: {source}",
        f"Seed: {record.seed} · scenario {record.scenario['id']} ({record.scenario['digest']})",
        "",
    ]
    for rnd in record.rounds:
        out += render_round(rnd, votes, explain)
        out.append("")
    out.append("Outcome")
    for key, draft in record.drafts.items():
        vote = votes.get(key)
        if vote is None:
            out.append(f"  {draft['symbol']}: {draft['status']}, never put to the vote")
            continue
        tally = f"{vote.tally['yes']}-{vote.tally['no']}-{vote.tally['abstain']}"
        vetoes = f", vetoed by {', '.join(vote.vetoed_by)}" if vote.vetoed_by else ""
        out.append(f"  {vote.symbol}: {vote.result} {tally}{vetoes} ({_day(vote.date)})")
    return "\n".join(out) + "\n"

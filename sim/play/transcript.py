"""The readable transcript of a run, built only from its run record."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from typing import Any

from ..engine.record import RoundRecord, RunRecord, VoteRecord
from ..engine.scripted import SeatScript
from ..engine.scripted import label as move_label
from .news import round_items
from .reasons import side, verdict, vetoing

Sides = Mapping[str, Mapping[str, float]]
"""Each member's alignments by actor name (:func:`sim.play.reasons.scenario_sides`)."""

WIDTH = 92
INDENT = " " * 11


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day:%a} {day.day} {day:%B %Y}"


def _wrap(text: str, first: str, rest: str = INDENT) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]


def _tag(label: str) -> str:
    return f"  {label:<9}"


def render_round(
    rnd: RoundRecord,
    votes: dict[str, VoteRecord],
    explain: bool,
    rewritten: frozenset[str] = frozenset(),
    seat: list[str] | None = None,
    sides: Sides | None = None,
) -> list[str]:
    """One round; a vote on a draft in ``rewritten`` (ids) lists the clauses voted on; ``seat``:
    the lines of a scripted seat's moves, first; ``sides``: to name allies and foes as such."""
    out = [f"── Round {rnd.index} · {_day(rnd.date)} · {rnd.label}".rstrip(" ·")]
    out += seat or []
    for item in round_items(rnd):
        out += _wrap(item.text, _tag(item.tag) if item.tag else INDENT)
        if item.quote:
            out += _wrap(f"“{item.quote}”", INDENT)
        if item.detail:
            out += _wrap(item.detail, INDENT)
        if item.vote is not None and item.vote in votes:
            out += render_vote(votes[item.vote], explain, item.vote in rewritten, sides)
    return out


def rewritten_drafts(record: RunRecord) -> frozenset[str]:
    """The drafts whose text an amendment changed: one that dropped or brought back a clause."""
    return frozenset(
        rev.draft
        for rnd in record.rounds
        for rev in rnd.revisions
        if rev.clauses_dropped or rev.clauses_added
    )


def render_vote(vote: VoteRecord, explain: bool, text: bool = False, sides: Sides | None = None) -> list[str]:
    """A roll call; with ``text``, the clauses voted on first (for a draft whose text was amended);
    with ``explain``, each member's reasons, in words and then in numbers."""
    out = _wrap(f"{vote.symbol}: {vote.title}", _tag("VOTE"))
    if text:
        out += _wrap("The text voted on, as amended:", INDENT)
        for number, clause in enumerate(vote.clauses, start=1):
            out += _wrap(clause, f"{INDENT}{number}. ", INDENT + " " * (len(str(number)) + 2))
    groups = (("In favour", "yes"), ("Against", "no"), ("Abstaining", "abstain"), ("Absent", "absent"))
    for label, ballot in groups:
        names = sorted(m for m, b in vote.roll_call.items() if b == ballot)
        if names:
            out += _wrap(f"{label}: {', '.join(names)}", INDENT)
    out += _wrap(vote.statement, INDENT)
    if explain:
        for member in sorted(vote.explanations):
            words = verdict(
                vote.explanations[member],
                sides=(sides or {}).get(member),
                position=vote.position,
                vetoing=vetoing(vote.explanations, member),
            )
            out += explain_member(member, vote.explanations[member], words.text, (sides or {}).get(member))
    return out


def explain_member(
    member: str, why: dict[str, Any], words: str = "", sides: Mapping[str, float] | None = None
) -> list[str]:
    """A member's reasons: its ballot, ``words`` (:func:`sim.play.reasons.verdict`), then the
    numbers; ``sides`` (its alignments by actor name) marks each pull as an ally's or a foe's."""
    probs = " / ".join(f"{k} {v:.2f}" for k, v in why["probabilities"].items())
    utility = why["utility"]
    net = utility["draft"] - utility["status_quo"]
    dims = "; ".join(
        f"{dim} {d['draft']:+.2f} vs {d['status_quo']:+.2f} "
        f"(stands at {d['position']:g}, ideal {d['ideal']:g})"
        for dim, d in utility["by_dimension"].items()
    )
    sponsor = ", a sponsor" if why.get("sponsor") else ""
    lines = _wrap(f"{member}: {why['vote']} ({probs}){sponsor}", INDENT + "· ", INDENT + "  ")
    body = INDENT + "  "
    if words:
        lines += _wrap(words, body, body + "  ")
    lines += _wrap(
        f"utility of the draft {utility['draft']:+.3f}, of the status quo {utility['status_quo']:+.3f}, "
        f"net {net:+.3f}: {dims}",
        body,
        body + "  ",
    )
    allies = (
        ", ".join(f"{side(name, sides)} {pull:+.3f}" for name, pull in why["alignment"].items()) or "none"
    )
    price = "a veto" if why["no_is_veto"] else "a vote against"
    share = why.get("veto_share", 1.0)
    shared = f" (its share, with others likely to veto too: {share:.0%})" if share < 0.995 else ""
    apart = why.get("abstain_price", 0.0)
    abstaining = f"; price of abstaining on a text likely to pass: {apart:.2f}" if apart >= 0.005 else ""
    lines += _wrap(
        f"pull of allies and foes: {allies}; price of {price}: {why['cost_of_no']:.2f}{shared}{abstaining}",
        body,
        body + "  ",
    )
    if why.get("requested_by"):
        asked = ", ".join(f"{name} {value:+.3f}" for name, value in why["requested_by"].items())
        lines += _wrap(f"requested by: {asked}", body, body + "  ")
    if why.get("weighed_against"):
        lines += _wrap(f"against the agenda: {why['weighed_against']['said']}", body, body + "  ")
    ranked = sorted(why["lobbied_by"].items(), key=lambda item: (-item[1], item[0]))
    lobbied = ", ".join(f"{name} {shift:.1f}" for name, shift in ranked) or "nobody"
    lines += _wrap(f"lobbied by (points moved): {lobbied}", body, body + "  ")
    if why["events"]:
        events = "; ".join(f"{e['event']}: {e['field']} {e['change']:+g}" for e in why["events"])
        lines += _wrap(f"moved by events: {events}", body, body + "  ")
    return lines


def seat_moves(record: RunRecord, seat: SeatScript, name: str, round_no: int) -> list[str]:
    """The lines of the seat's moves in round ``round_no``: each move its script made there, and
    those the rules refused, with their reason."""
    played = seat.rounds[round_no - 1] if round_no <= len(seat.rounds) else ()
    refused = {s.index: s.reason for s in record.skipped if s.round == round_no}
    out: list[str] = []
    for index, move in enumerate(played):
        if index in refused:
            out += _wrap(f"{name}: {move_label(move)}: {refused[index]}", _tag("SKIPPED"))
        else:
            out += _wrap(f"{name}: {move_label(move)}", _tag("MOVE"))
    return out


def render(
    record: RunRecord,
    title: str,
    source: str,
    explain: bool = False,
    seat: SeatScript | None = None,
    seat_name: str = "",
    sides: Sides | None = None,
) -> str:
    """The whole transcript of ``record``; ``explain`` adds every member's reasons to each vote,
    in words (allies and foes named as such from ``sides``: :func:`sim.play.reasons.scenario_sides`),
    then in numbers. With ``seat`` (named ``seat_name``), the moves of its script, round by round,
    those the rules refused, and its utility of the outcome."""
    votes = {v.draft: v for v in record.votes}
    rewritten = rewritten_drafts(record)
    out = [
        title,
        f"Source: {source}",
        f"Seed: {record.seed} · scenario {record.scenario['id']} ({record.scenario['digest']})",
    ]
    if seat is not None:
        played = f"a script of {seat.moves} moves" if seat.moves else "no moves (a passive seat)"
        out.append(f"Seat: {seat_name} ({seat.actor}), played from {played}; {len(record.skipped)} skipped")
    out.append("")
    for rnd in record.rounds:
        moves = seat_moves(record, seat, seat_name, rnd.index) if seat is not None else None
        out += render_round(rnd, votes, explain, rewritten, moves, sides)
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
    if seat is not None and seat.actor in record.utility:
        out.append(f"  Utility of the outcome for {seat_name}: {record.utility[seat.actor]:+.4f}")
    return "\n".join(out) + "\n"

"""What happened in a round, as news items: the one wording shared by the transcript and the TUI."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..engine.council import joined
from ..engine.record import RevisionRecord, RoundRecord

MIN_SHOWN_SHIFT = 0.5
MIN_SHOWN_EFFECT = 0.005
"""Statements and offers that change a veto's price or a yes's value by less are counted, not shown."""


@dataclass(frozen=True)
class NewsItem:
    """One line of news: a tag (EVENT, LOBBY, VOTE...; empty for a continuation), its text, and
    optional detail."""

    tag: str
    text: str
    quote: str | None = None
    """Words of the seed article this item comes from."""
    detail: str | None = None
    vote: str | None = None
    """For a called vote: the draft's id, whose roll call follows."""


def round_items(rnd: RoundRecord) -> list[NewsItem]:
    """The round's news in the order things happened."""
    items = [NewsItem("DEADLINE", deadline) for deadline in rnd.deadlines]
    for event in rnd.events:
        changes = "; ".join(
            f"{c['actor']} {c['field']} {c['before']:.3g} → {c['after']:.3g}" for c in event.changes
        )
        items.append(NewsItem("EVENT", event.title, event.quote, changes))
    items += [
        NewsItem("TABLED", f"{d.symbol}, by {d.actor}: {d.reason}")
        for d in rnd.decisions
        if d.action == "tabled"
    ]
    items += lobbying_items(rnd)
    items += pressure_items(rnd)
    for rev in rnd.revisions:
        items.append(
            NewsItem(
                "AMEND",
                f"{rev.sponsor} amends {rev.symbol}: {rev.dimension} {rev.before:g} → {rev.after:g} "
                f"(chance of adoption {rev.adoption_before:.0%} → {rev.adoption_after:.0%})",
            )
        )
        items += clause_items(rev)
    for d in rnd.decisions:
        if d.action == "called":
            items.append(
                NewsItem("CALLED", f"{d.actor} calls the vote on {d.symbol}: {d.reason}", vote=d.draft)
            )
        elif d.action == "withdrawn":
            items.append(NewsItem("WITHDREW", f"{d.actor} withdraws {d.symbol}: {d.reason}"))
        elif d.action == "unheard":
            items.append(
                NewsItem("NOT VOTED", f"{d.actor}'s call for a vote on {d.symbol} is not heard: {d.reason}")
            )
        elif d.action == "lapsed":
            items.append(NewsItem("LAPSED", f"{d.symbol} lapses: {d.reason}"))
        elif d.action == "conditioned":
            items.append(NewsItem("CONDITION", f"{d.actor} on {d.symbol}: {d.reason}"))
        elif d.action == "left":
            items.append(NewsItem("LEFT", f"{d.actor} leaves the sponsors of {d.symbol}: {d.reason}"))
        elif d.action in ("accepted", "declined"):
            verb = "accepts" if d.action == "accepted" else "declines"
            items.append(
                NewsItem(d.action.upper(), f"{d.actor}, for the sponsors of {d.symbol}, {verb} {d.reason}")
            )
    return items


def pressure_items(rnd: RoundRecord) -> list[NewsItem]:
    """One item per actor's statements and one per actor's offers, strongest first; those with
    slight effect are counted."""
    items: list[NewsItem] = []
    for kind, tag, what in (
        ("statement", "STATES", "price of a veto"),
        ("inducement", "OFFERS", "value of a yes"),
    ):
        moves: dict[str, list] = defaultdict(list)
        for move in rnd.pressure:
            if move.kind == kind:
                moves[move.actor].append(move)
        total = {actor: sum(abs(m.effect) for m in ms) for actor, ms in moves.items()}
        shown = [a for a in sorted(total, key=lambda a: (-total[a], a)) if total[a] >= MIN_SHOWN_EFFECT]
        for actor in shown:
            answering = sorted({m.answers for m in moves[actor] if m.answers})
            signers = sorted({name for m in moves[actor] for name in m.signers})
            text = f"{actor}{' with ' + joined(signers) if signers else ''} → "
            text += ", ".join(f"{m.target} {m.effect:+.3f}" for m in moves[actor])
            text += f" ({what}{'; answering ' + ', '.join(answering) if answering else ''})"
            items.append(NewsItem(tag, text))
        if len(shown) < len(moves):
            items.append(NewsItem("", f"and {others(len(moves) - len(shown))} with slight effect"))
    return items


def clause_items(rev: RevisionRecord) -> list[NewsItem]:
    """What an amendment did to the draft's text: each clause it dropped or brought back, quoted."""
    return [NewsItem("", f"{rev.symbol} drops “{text}”") for text in rev.clauses_dropped] + [
        NewsItem("", f"{rev.symbol} restores “{text}”") for text in rev.clauses_added
    ]


def lobbying_items(rnd: RoundRecord) -> list[NewsItem]:
    """One item per lobbyist that moved anyone noticeably, strongest first."""
    moves: dict[str, list] = defaultdict(list)
    for lobby in rnd.lobbying:
        moves[lobby.actor].append(lobby)
    total = {actor: sum(abs(m.shift) for m in ms) for actor, ms in moves.items()}
    shown = [a for a in sorted(total, key=lambda a: (-total[a], a)) if total[a] >= MIN_SHOWN_SHIFT]
    items = [
        NewsItem(
            "LOBBY",
            f"{actor} → " + ", ".join(f"{m.target} {m.dimension} {m.shift:+.1f}" for m in moves[actor]),
        )
        for actor in shown
    ]
    if len(shown) < len(moves):
        items.append(NewsItem("", f"and {others(len(moves) - len(shown))} with slight effect"))
    return items


def others(count: int) -> str:
    """ "1 other", "3 others"."""
    return "1 other" if count == 1 else f"{count} others"

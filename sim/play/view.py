"""A plain-data picture of a game in progress, for views: the Council, the drafts, the schedule.

Built from the game's public API and records only; the TUI renders it and never reaches into
agents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..engine.agenda import can_come_up
from ..engine.clauses import is_in_force
from ..scenario.spec import Clause
from .game import Game, Leaning


@dataclass(frozen=True)
class MemberView:
    key: str
    name: str
    permanent: bool
    leaning: Leaning | None
    """(yes, abstain, no) probabilities on the draft in focus, now."""
    previous: Leaning | None
    """The same at the end of the previous round, if the same draft was in focus."""


@dataclass(frozen=True)
class OutsiderView:
    key: str
    name: str
    kind: str
    summary: str
    pressed: list[str]
    """Members it lobbied in the last round."""


@dataclass(frozen=True)
class ClauseView:
    """One clause of a draft, with whether the draft has it where it stands now."""

    text: str
    dimension: str | None
    in_force: bool
    """Whether the draft, where it stands now, has this clause (its ``holds`` range contains the position)."""
    holds: str | None
    """Where on its dimension the clause holds, e.g. ``≥ 55``, ``≤ 40``, ``45–70``; None: everywhere."""


def holds_text(clause: Clause) -> str | None:
    """A clause's range, in the fewest characters: ``≥ 55``, ``≤ 40``, ``45–70``."""
    bounds = clause.holds
    if bounds is None:
        return None
    if bounds.at_least is not None and bounds.at_most is not None:
        return f"{bounds.at_least:g}–{bounds.at_most:g}"
    if bounds.at_least is not None:
        return f"≥ {bounds.at_least:g}"
    return f"≤ {bounds.at_most:g}"


def clause_views(clauses: list[Clause], dims: list[str], position: list[float]) -> list[ClauseView]:
    """Every clause of a draft, each marked in force or not at ``position``."""
    return [ClauseView(c.text, c.dimension, is_in_force(c, dims, position), holds_text(c)) for c in clauses]


@dataclass(frozen=True)
class DraftView:
    key: str
    symbol: str
    title: str
    status: str
    sponsors: list[str]
    procedural: bool
    clauses: list[ClauseView]
    """All its clauses, in order, those out of force at its current position included."""
    position: dict[str, float]
    previous: dict[str, float] | None
    """Its position before its last amendment."""
    vote_on: dt.date
    upcoming: bool = False
    """Whether it can still come to the vote: on the table, or pending and still to be tabled (not
    pre-empted by an adopted draft, nor a rival of a draft that is no longer on the table)."""


@dataclass(frozen=True)
class GameView:
    title: str
    round_no: int
    """The round about to be played (1-based); ``rounds_total + 1`` once the schedule is over."""
    rounds_total: int
    date: dt.date | None
    label: str
    over: bool
    player: str | None
    player_name: str
    capital: float
    members: list[MemberView]
    outsiders: list[OutsiderView]
    drafts: list[DraftView]
    focus: str | None
    dimensions: dict[str, str]
    deadlines: list[tuple[dt.date, str]] = field(default_factory=list)
    """Deadlines still ahead."""
    amendment_step: float = 10.0
    """How far one amendment may move a draft on one issue (the scenario's parameter)."""
    joint_weight: float = 0.25
    """What each co-signer adds to a joint statement's pressure (the scenario's parameter)."""


def build(game: Game) -> GameView:
    """The current picture of ``game``."""
    model = game.model
    spec = game.scenario.spec
    snapshot = game.leanings()
    previous = game.previous_snapshot()
    if previous is not None and previous.focus != snapshot.focus:
        previous = None
    last_round = game.record.rounds[-1] if game.record.rounds else None
    pressed: dict[str, list[str]] = defaultdict(list)
    for lobby in last_round.lobbying if last_round else []:
        pressed[lobby.actor].append(lobby.target)
    council = set(spec.council.permanent) | set(spec.council.elected)
    members = [
        MemberView(
            key,
            spec.actors[key].name,
            key in spec.council.permanent,
            snapshot.leanings.get(key),
            previous.leanings.get(key) if previous else None,
        )
        for key in spec.council.permanent + spec.council.elected
    ]
    outsiders = [
        OutsiderView(key, a.name, a.kind.value, a.summary, pressed.get(a.name, []))
        for key, a in spec.actors.items()
        if key not in council
    ]
    drafts = [
        DraftView(
            key,
            state.symbol,
            state.title,
            state.status,
            [spec.actors[s].name for s in state.sponsors],
            state.procedural,
            clause_views(state.clauses, model.dims, state.position),
            dict(zip(model.dims, state.position, strict=True)),
            dict(zip(model.dims, state.history[-2], strict=True)) if len(state.history) > 1 else None,
            state.vote_on,
            can_come_up(key, model.drafts),
        )
        for key, state in model.drafts.items()
    ]
    today = model.date
    round_ = spec.schedule[model.round_index] if model.running else None
    return GameView(
        title=spec.title,
        round_no=model.round_index + 1,
        rounds_total=len(spec.schedule),
        date=today,
        label=round_.label if round_ else "The schedule is over",
        over=game.over,
        player=game.player,
        player_name=spec.actors[game.player].name if game.player else "Observer",
        capital=model.capital_left(game.player) if game.player and model.running else 0.0,
        members=members,
        outsiders=outsiders,
        drafts=drafts,
        focus=snapshot.focus,
        dimensions={key: dim.label for key, dim in spec.dimensions.items()},
        deadlines=[(d.date, d.label) for d in spec.deadlines if today is None or d.date >= today],
        amendment_step=spec.parameters.amendment_step,
        joint_weight=spec.parameters.joint_weight,
    )

"""The rules of moves: whether a move is allowed now (:func:`check`) and what it does
(:func:`apply`). The engine's actors and a player make the same moves through both.
:func:`preview` says what a pressure move would do if it landed now, without doing it."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MoveError
from .chamber import Chamber, Member
from .clauses import crossed
from .council import Ballot
from .drafts import DraftState, DraftStatus, red_line
from .fallback import reference as reference_of
from .landing import Landing, press
from .moves import (
    PRESSURE_MOVES,
    Amend,
    CallVote,
    Cast,
    Condition,
    Inducement,
    JointStatement,
    Lobby,
    Move,
    Statement,
    Withdraw,
    cost,
    from_dict,
    to_dict,
)
from .record import DecisionRecord, RevisionRecord, RoundRecord


def check(model: Chamber, move: Move, spent: float) -> None:
    """Raise :class:`MoveError` unless ``move`` is allowed now, with ``spent`` capital already used.

    Every move passes here first, so this is where a move built in code (not read from a file)
    gets the same checks of its types and numbers as one read from a save."""
    from_dict(to_dict(move))
    allowed(model, move, spent)


def allowed(model: Chamber, move: Move, spent: float) -> None:
    """The rules of :func:`check` without the check of types: for the moves the engine's actors
    build themselves, of the right types by construction."""
    actors = model.actors
    if move.actor not in actors:
        raise MoveError(f"unknown actor '{move.actor}'")
    actor = actors[move.actor]
    if isinstance(move, PRESSURE_MOVES):
        target = actors.get(move.target)
        if target is None or not target.on_council or target is actor:
            raise MoveError(f"'{move.target}' is not another member of the Council")
        amount = cost(move)
        if amount <= 0:
            raise MoveError("a move must spend some political capital")
        if spent + amount > actor.capability + 1e-9:
            raise MoveError(
                f"{actor.name} has {max(0.0, actor.capability - spent):.2f} political capital left this round"
            )
        if isinstance(move, Lobby) and move.dimension not in model.dims:
            raise MoveError(f"unknown dimension '{move.dimension}'")
        if isinstance(move, Statement | JointStatement) and not target.has_veto:
            raise MoveError(f"{target.name} has no veto to raise the price of")
        if isinstance(move, JointStatement):
            draft = model.drafts.get(move.draft)
            if draft is None:
                raise MoveError(f"unknown draft '{move.draft}'")
            if draft.status not in (DraftStatus.pending, DraftStatus.open):
                raise MoveError(f"{draft.symbol} is no longer to be voted on")
        return
    draft = model.drafts.get(move.draft)
    if draft is None:
        raise MoveError(f"unknown draft '{move.draft}'")
    if isinstance(move, Cast):
        if not actor.on_council:
            raise MoveError(f"{actor.name} has no seat on the Council")
        if move.ballot not in (Ballot.yes, Ballot.no, Ballot.abstain):
            raise MoveError("a ballot is yes, no or abstain")
        return
    if isinstance(move, Condition):
        _condition_allowed(model, actor, draft, move)
        return
    if draft.status != DraftStatus.open:
        raise MoveError(f"{draft.symbol} is not on the table")
    if move.actor not in draft.sponsors:
        raise MoveError(f"only a sponsor of {draft.symbol} can do that")
    if isinstance(move, Amend):
        if move.dimension not in model.dims:
            raise MoveError(f"unknown dimension '{move.dimension}'")
        current = draft.position[model.dims.index(move.dimension)]
        step = model.parameters.amendment_step
        if not 0 <= move.value <= 100 or abs(move.value - current) > step + 1e-9:
            raise MoveError(f"an amendment moves a draft at most {step:g} points, within 0-100")
        if move.actor == draft.sponsors[0]:  # a co-sponsor's is a proposal, which the lead may decline
            why = red_line(draft, move.dimension, move.value)
            if why is not None:
                raise MoveError(why)


def _condition_allowed(model: Chamber, actor: Member, draft: DraftState, move: Condition) -> None:
    """A member of the Council, not a sponsor, on a draft still to be voted on (circulated or on
    the table), once a round, with a range inside 0-100 on a dimension of the scenario."""
    if not actor.on_council:
        raise MoveError(f"{actor.name} has no seat on the Council: it has no vote to promise")
    if draft.status not in (DraftStatus.pending, DraftStatus.open):
        raise MoveError(f"{draft.symbol} is no longer to be voted on")
    if move.actor in draft.sponsors:
        raise MoveError(f"{actor.name} sponsors {draft.symbol}: it votes yes within its red lines already")
    if move.dimension not in model.dims:
        raise MoveError(f"unknown dimension '{move.dimension}'")
    if not 0 <= move.at_least <= move.at_most <= 100:
        raise MoveError("a condition is a range: 0 <= at_least <= at_most <= 100")
    stated = draft.conditions.get(move.actor)
    if stated is not None and stated[3] == model.round_index:
        raise MoveError(f"{actor.name} has already stated a condition on {draft.symbol} this round")


def apply(model: Chamber, move: Move, record: RoundRecord, reason: str = "") -> None:
    """Carry out a checked move, whoever made it, and write it into the round's record (and the
    public log of the round: sim/engine/tactics.py). ``reason``: why, for a sponsor's decision;
    for a statement or an offer, the id of the actor whose move it answers, if any."""
    if isinstance(move, PRESSURE_MOVES):
        target = model.actors[move.target]
        if isinstance(move, Lobby):
            target.receive(move, record)
            return
        landing = Landing(model, record)
        actor, answers = model.actors[move.actor].state, reason
        if isinstance(move, Inducement):
            landing.offer(actor, target.state, move.amount, target.receptivity(move.actor), answers)
        elif isinstance(move, JointStatement):
            names = [model.actors[key].name for key in signers(model, move)]
            pressure = move.pressure * (1.0 + model.parameters.joint_weight * len(names))
            landing.state(actor, target.state, pressure, answers, names)
        else:
            landing.state(actor, target.state, move.pressure, answers)
        return
    draft = model.drafts[move.draft]
    lead = model.actors[move.actor].name
    if isinstance(move, Condition):
        index = model.dims.index(move.dimension)
        draft.conditions[move.actor] = (index, float(move.at_least), float(move.at_most), model.round_index)
        model.picture.agenda_changed()  # the sponsors weigh the promise from now on
        said = condition_words(move.dimension, move.at_least, move.at_most)
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "conditioned", lead, said))
        return
    if isinstance(move, Amend):
        index = model.dims.index(move.dimension)
        before = draft.position[index]
        value = float(move.value)  # a position is a float, whatever number the move was given
        adoption_before = model.expected_outcome(draft)[0]
        draft.position[index] = value
        model.picture.agenda_changed()  # what failure of the other drafts would bring changed
        draft.revisions += 1
        draft.history.append(list(draft.position))
        adoption_after = model.expected_outcome(draft)[0]
        dropped, added = crossed(draft.clauses, move.dimension, before, value)
        record.revisions.append(
            RevisionRecord(
                draft.key,
                draft.symbol,
                lead,
                move.dimension,
                round(before, 1),
                round(value, 1),
                round(adoption_before, 3),
                round(adoption_after, 3),
                dropped,
                added,
            )
        )
    elif isinstance(move, CallVote):
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "called", lead, reason))
    elif isinstance(move, Withdraw):
        draft.status = DraftStatus.withdrawn
        model.picture.agenda_changed()  # what failure of the other drafts would bring changed
        record.decisions.append(DecisionRecord(draft.key, draft.symbol, "withdrawn", lead, reason))


def signers(model: Chamber, move: JointStatement) -> list[str]:
    """The Council members (ids, in Council order) that would sign ``move`` now: the rule by which
    the engine's actors choose to make a statement (sim/engine/tactics.plan), without the capital,
    and what their own vote would say too. Pressure on a veto is signed by those that want the
    draft adopted (they gain by it over what its failure brings), do not follow the target and
    lean yes; cover by those that want it to fail, follow the target and do not lean yes.
    Neither the convener, nor the target, nor a seat a person plays signs."""
    draft = model.drafts[move.draft]
    reference = reference_of(model, draft)
    picture = model.picture
    gains = picture.at(draft.position, reference)
    leanings = picture.members(picture.council, draft.position, reference)
    found: list[str] = []
    for seat, member in enumerate(picture.council):
        if member.key in (move.actor, move.target) or member.key in model.players:
            continue  # a seat a person plays signs nothing it was not asked about
        gain = gains.gain(member.index)
        follows = member.alignments.get(move.target, 0.0)
        yes, abstain, no = leanings[seat]
        leans_yes = yes >= abstain and yes >= no
        if move.pressure > 0:
            signs = gain > 0 and follows <= 0 and leans_yes
        else:
            signs = gain < 0 and follows > 0 and not leans_yes
        if signs:
            found.append(member.key)
    return found


def condition_words(dimension: str, at_least: float, at_most: float) -> str:
    """A condition as the news gives it: "a yes if coercion is at most 55"."""
    bound = condition_range(dimension, at_least, at_most)
    return "a yes, whatever the text" if bound is None else f"a yes if {bound}"


def condition_range(dimension: str, at_least: float, at_most: float) -> str | None:
    """The range of a condition in words, "coercion is at most 55"; None for the whole scale."""
    if at_least <= 0 and at_most >= 100:
        return None
    if at_least <= 0:
        return f"{dimension} is at most {at_most:g}"
    if at_most >= 100:
        return f"{dimension} is at least {at_least:g}"
    return f"{dimension} is between {at_least:g} and {at_most:g}"


@dataclass(frozen=True)
class Preview:
    """What a pressure move would change if it landed now (:func:`preview`)."""

    quantity: str
    """``position`` (a lobby: where the target stands on ``dimension``), ``veto_price`` (a
    statement: the price of the target's veto, 0 to 1) or ``inducement`` (an offer: what the
    target's yes is worth to it on top of its gain)."""
    before: float
    after: float
    receptivity: float
    """How far pressure from the mover gets with the target (its susceptibility, halved for a
    stranger); 1 for a statement, which moves a price, not the target."""
    dimension: str | None = None
    toward: float | None = None
    """Where the mover stands on ``dimension``: a lobby moves the target part of the way there."""
    repeated: int = 0
    """How many statements about the target the mover made before this one (each counts less)."""
    signers: tuple[str, ...] = ()
    """For a joint statement: the members (ids) that would sign it now."""


def preview(model: Chamber, move: Lobby | Inducement | Statement | JointStatement) -> Preview:
    """What ``move`` would change if it landed now, by the equations :class:`Landing` applies
    (docs/model.md, sections 4.4 and 4.6), reading the model and changing nothing. The move lands
    when the next round is played, after that round's events and drift, so the numbers there
    may differ a little. ``move`` must pass :func:`check`."""
    actors = model.actors
    target = actors[move.target].state
    mover = actors[move.actor].state
    tuning = model.picture.tuning
    if isinstance(move, Lobby):
        index = model.dims.index(move.dimension)
        receptivity = target.receptivity(move.actor)
        position = list(target.position)
        press(position, index, mover.position[index], tuning.persuasion * move.effort * receptivity)
        return Preview(
            "position",
            target.position[index],
            position[index],
            receptivity,
            move.dimension,
            mover.position[index],
        )
    if isinstance(move, Inducement):
        receptivity = target.receptivity(move.actor)
        bonus = tuning.inducement_rate * move.amount * receptivity
        return Preview("inducement", target.inducement, target.inducement + bonus, receptivity)
    said = target.heard.get(move.actor, 0)
    before = target.cost_of_no(False)
    signed = tuple(signers(model, move)) if isinstance(move, JointStatement) else ()
    voiced = move.pressure * (1.0 + model.parameters.joint_weight * len(signed))
    pressure = target.veto_pressure + tuning.statement_rate * voiced * tuning.statement_repeat**said
    after = min(1.0, max(0.0, target.cost_veto + pressure))
    return Preview("veto_price", before, after, 1.0, repeated=said, signers=signed)

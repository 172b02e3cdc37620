"""A round of lobbying: whom each actor presses and on what, then the pressure landing, then
everyone drifting back toward their own ideals (docs/model.md, section 4).

Everyone plans on the same picture of the Council, then the moves land in random order:
lobbying is simultaneous, and nobody gains from moving first. An actor presses the members
whose vote could still move its way (the swing), weighted by how receptive each is to it, best
first; on each, the dimension where pulling the member a quarter of the way toward the lobbyist
helps the lobbyist most.

This is the engine's hottest loop, so it works on plain lists by index. Like
:mod:`sim.engine.picture`, it is compiled with mypyc when the package is built (hatch_build.py); from a
source checkout it runs as the plain Python it is, with the same results to the last bit.
"""

from __future__ import annotations

import random
from typing import Final, NamedTuple, TypeVar

from .chamber import Chamber
from .fallback import reference as reference_of
from .moves import PRESSURE_MOVES, Move
from .picture import GainCache, GainsAtPoint
from .record import LobbyRecord, RoundRecord
from .rounding import rounded
from .rules import apply
from .sponsors import focus as focus_of
from .state import ActorState

T = TypeVar("T")
Pressure = tuple[ActorState, int, float]
"""A lobbying move the engine plans: (target, dimension index, effort)."""

SCORE_FLOOR: Final = 0.01
"""Members whose swing times receptivity is at most this are not worth pressing."""


class Swings(NamedTuple):
    """Per Council member (in Council order), how far its vote could still move: toward yes
    (1 - P(yes)), and against the draft (1 - P(no) where its "no" is a veto, else P(yes))."""

    toward_yes: list[float]
    against: list[float]


def swings(vetoes: list[bool], leanings: list[tuple[float, float, float]], procedural: bool) -> Swings:
    """The :class:`Swings` of the members (``vetoes``: per seat, a permanent member) from their
    (yes, abstain, no) probabilities."""
    toward_yes: list[float] = []
    against: list[float] = []
    for seat in range(len(leanings)):
        p_yes, _, p_no = leanings[seat]
        toward_yes.append(1.0 - p_yes)
        against.append(1.0 - p_no if vetoes[seat] and not procedural else p_yes)
    return Swings(toward_yes, against)


def lobby(model: Chamber, queued: list[Move], record: RoundRecord) -> None:
    """Every actor plans its lobbying on the focus draft, then the plans land in a random order
    (the player's own pressure moves at its place in that order)."""
    focus = focus_of(model)
    own = [m for m in queued if isinstance(m, PRESSURE_MOVES)]
    picture: GainCache = model.picture
    tuning = picture.tuning
    plans: list[tuple[ActorState | None, list[Pressure] | None]]
    if focus is None:
        plans = [(None, None)]  # only the player's own moves
    else:
        point = focus.position
        reference = reference_of(model, focus)
        swing = swings(picture.vetoes, picture.members(picture.council, point, reference), focus.procedural)
        # The same permutation as Mesa's ``model.agents.shuffle()`` (one random.shuffle of the
        # agents in the order they were created), without building a new AgentSet each round.
        order = list(picture.actors)
        shuffle(order, model.random)
        player = model.player
        targets = tuning.targets
        floor = tuning.min_capability
        quo = picture.status_quo
        gains = picture.at(point, reference)
        plans = [
            (actor, None if actor.key == player else plan(picture, actor, gains, quo, swing, targets, floor))
            for actor in order
        ]
    receptivity = picture.wiring.receptivity
    landing = Landing(model, record)
    for lobbyist, pressures in plans:
        if lobbyist is None or pressures is None:
            for move in own:
                apply(model, move, record)
            continue
        table = receptivity[lobbyist.index]
        for target, index, effort in pressures:
            landing.land(lobbyist, target, index, effort, table[target.seat])
    picture.forget()  # positions moved: once for all the moves above


class Landing:
    """Pressure landing on members in one round, whoever planned it (:func:`lobby`, or a player's
    Lobby move through ``ActorAgent.receive``): the model's switches read once for all of them."""

    def __init__(self, model: Chamber, record: RoundRecord) -> None:
        self.model = model
        self.strength: float = model.picture.tuning.persuasion
        self.explain: bool = model.explain
        self.log: bool = model.log_lobbying
        self.round_index: int = model.round_index
        self.dims: list[str] = model.dims
        self.lines: list[LobbyRecord] = record.lobbying

    def land(
        self, lobbyist: ActorState, target: ActorState, index: int, effort: float, receptivity: float
    ) -> float:
        """``target`` moves persuasion x ``effort`` x ``receptivity`` (its receptivity to
        ``lobbyist``) of the way toward ``lobbyist`` on dimension ``index`` (:func:`press`); it
        remembers who moved it for its explanations, and the round's record logs the move.
        Returns the shift. The caller forgets the picture (positions moved)."""
        shift = press(target.position, index, lobbyist.position[index], self.strength * effort * receptivity)
        if self.explain:  # the target keeps a history of pressure for its explanations
            self.model.actors[target.key].remember_pressure(lobbyist.name, index, shift, self.round_index)
        if self.log:
            self.lines.append(LobbyRecord(lobbyist.name, target.name, self.dims[index], rounded(shift, 2)))
        return shift


def shuffle(items: list[T], rng: random.Random) -> None:
    """``rng.shuffle(items)``: the same permutation from the same draws, as compiled code.

    CPython's Random.shuffle swaps each place i, from the last down, with a place below i + 1
    drawn by rejection from ``getrandbits(bit length of i + 1)``; tests/test_lobbying.py checks
    that this gives what ``random.shuffle`` gives. Kept for speed: compiled, 1.0 us for 20 actors
    against 3.7 us, about 16 us (3%) of a compiled batch run; pure Python, 2.2 us against 3.6.
    """
    getrandbits = rng.getrandbits
    for i in range(len(items) - 1, 0, -1):
        n = i + 1
        bits = n.bit_length()
        j: int = getrandbits(bits)
        while j >= n:
            j = getrandbits(bits)
        items[i], items[j] = items[j], items[i]


def press(position: list[float], index: int, toward: float, weight: float) -> float:
    """Move ``position[index]`` ``weight`` of the way to ``toward``, within 0..100; returns the
    shift. ``weight`` is strength x effort x receptivity, multiplied in that order."""
    here: float = position[index]
    shift = weight * (toward - here)
    position[index] = min(100.0, max(0.0, here + shift))  # mypyc compiles a two-argument min/max inline
    return shift


def settle(model: Chamber) -> None:
    """Everyone drifts back toward its own ideal: nobody moves far without continued pressure."""
    picture: GainCache = model.picture
    anchor = picture.tuning.anchor
    for actor in picture.actors:
        position = actor.position
        ideal = actor.ideal
        if position == ideal:
            continue  # p + anchor * 0 is p: nothing moves (most non-members, every round)
        actor.position = [position[d] + anchor * (ideal[d] - position[d]) for d in range(len(ideal))]
    picture.forget()


def plan(
    picture: GainCache,
    lobbyist: ActorState,
    gains: GainsAtPoint,
    status_quo: list[float],
    swing: Swings,
    targets: int,
    min_capability: float,
) -> list[Pressure]:
    """Press the members whose vote could still move the way ``lobbyist`` wants on the point of
    ``gains`` (over ``status_quo``): (target, dimension index, effort) for each, at most
    ``targets`` of them, effort shared equally. Members are ranked by swing x receptivity,
    best first, ties in Council order."""
    capability = lobbyist.capability
    if capability <= 0 or capability < min_capability:
        return []
    index = lobbyist.index
    gain = gains.gain(index)
    if gain == 0:
        return []  # indifferent: nothing to press for
    wants_yes = gain > 0
    movable = swing.toward_yes if wants_yes else swing.against
    receptivity = picture.wiring.receptivity[index]
    council = picture.council
    own = lobbyist.position
    point = gains.point
    chosen: list[tuple[ActorState, int]] = []
    taken = 0  # a bit per seat already ranked
    while len(chosen) < targets:
        # The next best: the highest swing x receptivity above the floor, ties in seat order.
        best = -1
        best_score = SCORE_FLOOR
        for seat in range(len(movable)):
            score = movable[seat] * receptivity[seat]
            if score > best_score and not taken & (1 << seat):
                best = seat
                best_score = score
        if best < 0:
            break
        taken |= 1 << best
        target = council[best]
        dimension = best_dimension(own, target.position, target.salience, point, status_quo, wants_yes)
        if dimension >= 0:
            chosen.append((target, dimension))
    if not chosen:
        return []
    effort = capability / float(len(chosen))  # float / int, as Python divides them
    return [(target, dimension, effort) for target, dimension in chosen]


def best_dimension(
    own: list[float],
    theirs: list[float],
    salience: list[float],
    point: list[float],
    status_quo: list[float],
    wants_yes: bool,
) -> int:
    """The dimension (index) on which pulling a member at ``theirs`` a quarter of the way toward
    ``own`` changes its gain from ``point`` most in the lobbyist's favour (only that dimension's
    term changes); -1 when no dimension helps."""
    best = 0.0
    best_index = -1
    for index in range(len(point)):
        here = theirs[index]
        there = here + 0.25 * (own[index] - here)
        if abs(there - here) < 1e-9:
            continue
        x = point[index]
        q = status_quo[index]
        change = salience[index] * ((abs(q - there) - abs(x - there)) - (abs(q - here) - abs(x - here)))
        benefit = change if wants_yes else -change
        if benefit > best + 1e-12:
            best = benefit
            best_index = index
    return best_index

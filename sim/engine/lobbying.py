"""A round of pressure: what each actor does to the members (planned in sim/engine/tactics.py),
then its landing, then everyone drifting back toward their own ideals (docs/model.md, section 4).

Everyone plans on the same picture of the Council, then the moves land in random order:
pressure is simultaneous, and nobody gains from moving first.

This is the engine's hottest loop, so it works on plain lists by index. Like
:mod:`sim.engine.picture`, it is compiled with mypyc when the package is built (hatch_build.py); from a
source checkout it runs as the plain Python it is, with the same results to the last bit.
"""

from __future__ import annotations

import random
from typing import TypeVar

from .chamber import Chamber
from .fallback import reference as reference_of
from .moves import PRESSURE_MOVES, Inducement, Move, Statement
from .picture import GainCache
from .public import LOBBIED
from .record import LobbyRecord, RoundRecord
from .rounding import rounded
from .rules import allowed, apply
from .sponsors import focus as focus_of
from .state import ActorState
from .tactics import LOBBY, STATEMENT, Answers, Pressure, aims, plan, swings

T = TypeVar("T")


def lobby(model: Chamber, queued: list[Move], record: RoundRecord) -> None:
    """Every actor plans its moves on the focus draft (sim/engine/tactics.py), all on the same
    picture of the Council, then the plans land in a random order (the player's own pressure
    moves at its place in that order)."""
    focus = focus_of(model)
    own = [m for m in queued if isinstance(m, PRESSURE_MOVES)]
    picture: GainCache = model.picture
    plans: list[tuple[ActorState | None, list[Pressure] | None]]
    aim: list[int] = []
    answers: Answers | None = None
    if focus is None:
        plans = [(None, None)]  # only the player's own moves
    else:
        point = focus.position
        reference = reference_of(model, focus)
        procedural = focus.procedural
        leanings = picture.members(picture.council, point, reference)
        swing = swings(picture.vetoes, leanings, procedural)
        # The same permutation as Mesa's ``model.agents.shuffle()`` (one random.shuffle of the
        # agents in the order they were created), without building a new AgentSet each round.
        order = list(picture.actors)
        shuffle(order, model.random)
        player = model.player
        floor = picture.tuning.min_capability
        gains = picture.at(point, reference)
        aim = aims(gains, picture.actors)
        answers = Answers(model.public.last, aim, picture.actors)
        schedule = model.schedule
        index: int = model.round_index
        due = schedule[index].date >= focus.vote_on or index == len(schedule) - 1
        plans = []
        for actor in order:
            if actor.key == player:
                plans.append((actor, None))
            elif actor.capability > 0 and actor.capability >= floor:
                plans.append((actor, plan(picture, actor, gains, leanings, swing, answers, procedural, due)))
    receptivity = picture.wiring.receptivity
    landing = Landing(model, record)
    for lobbyist, pressures in plans:
        if lobbyist is None or pressures is None:
            for move in own:
                apply(model, move, record)
            continue
        table = receptivity[lobbyist.index]
        wants_yes = aim[lobbyist.index] > 0
        spent = 0.0
        for target, instrument, dimension, effort in pressures:
            if instrument == LOBBY:
                landing.land(lobbyist, target, dimension, effort, table[target.seat])
                continue
            public: Statement | Inducement
            if instrument == STATEMENT:  # pressure on a veto, or cover for a friend's
                public = Statement(lobbyist.key, target.key, effort if wants_yes else -effort)
            else:
                public = Inducement(lobbyist.key, target.key, effort)
            allowed(model, public, spent)  # the player's rules, for the engine's actors too
            spent += effort
            opponent = -1 if answers is None else answers.opponent(target.index, wants_yes)
            apply(model, public, record, picture.actors[opponent].key if opponent >= 0 else "")
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
        self.public: list[tuple[int, int, int]] = model.public.now

    def land(
        self, lobbyist: ActorState, target: ActorState, index: int, effort: float, receptivity: float
    ) -> float:
        """``target`` moves persuasion x ``effort`` x ``receptivity`` (its receptivity to
        ``lobbyist``) of the way toward ``lobbyist`` on dimension ``index`` (:func:`press`); it
        remembers who moved it for its explanations, and the round's record logs the move.
        Returns the shift. The caller forgets the picture (positions moved)."""
        shift = press(target.position, index, lobbyist.position[index], self.strength * effort * receptivity)
        self.public.append((lobbyist.index, LOBBIED, target.index))
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
    """Everyone drifts back toward its own ideal, and what statements added to a veto's price
    fades at the same rate: nobody moves far without continued pressure."""
    picture: GainCache = model.picture
    anchor = picture.tuning.anchor
    for member in picture.council:
        if member.veto_pressure != 0.0:
            member.veto_pressure *= 1.0 - anchor
    for actor in picture.actors:
        position = actor.position
        ideal = actor.ideal
        if position == ideal:
            continue  # p + anchor * 0 is p: nothing moves (most non-members, every round)
        actor.position = [position[d] + anchor * (ideal[d] - position[d]) for d in range(len(ideal))]
    picture.forget()

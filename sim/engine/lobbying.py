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
from .landing import Landing
from .moves import PRESSURE_MOVES, Move
from .picture import GainCache
from .record import RoundRecord
from .rules import apply
from .sponsors import focus as focus_of
from .state import ActorState
from .tactics import LOBBY, STATEMENT, Answers, Pressure, aims, plan, swings

T = TypeVar("T")


def lobby(model: Chamber, queued: list[Move], record: RoundRecord) -> None:
    """Every actor plans its moves on the focus draft (sim/engine/tactics.py), all on the same
    picture of the Council, then the plans land in a random order (each human seat's own
    pressure moves at its place in that order, in the order the seat submitted them)."""
    focus = focus_of(model)
    own = [m for m in queued if isinstance(m, PRESSURE_MOVES)]
    picture: GainCache = model.picture
    plans: list[tuple[ActorState | None, list[Pressure] | None]]
    aim: list[int] = []
    answers: Answers | None = None
    if focus is None:
        plans = [(None, None)]  # only the human seats' own moves
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
        seats: tuple[str, ...] = model.players
        floor = picture.tuning.min_capability
        gains = picture.at(point, reference)
        aim = aims(gains, picture.actors)
        answers = Answers(model.public.last, aim, picture.actors)
        schedule = model.schedule
        index: int = model.round_index
        due = schedule[index].date >= focus.vote_on or index == len(schedule) - 1
        plans = []
        for actor in order:
            if actor.key in seats:
                plans.append((actor, None))  # a human seat: its own moves land here
            elif actor.capability > 0 and actor.capability >= floor:
                plans.append((actor, plan(picture, actor, gains, leanings, swing, answers, procedural, due)))
    receptivity = picture.wiring.receptivity
    landing = Landing(model, record)
    for lobbyist, pressures in plans:
        if lobbyist is None or pressures is None:
            for move in own:
                if lobbyist is None or move.actor == lobbyist.key:
                    apply(model, move, record)
            continue
        table = receptivity[lobbyist.index]
        wants_yes = aim[lobbyist.index] > 0
        for target, instrument, dimension, effort in pressures:
            reach = table[target.seat]
            if instrument == LOBBY:
                landing.land(lobbyist, target, dimension, effort, reach)
                continue
            opponent = -1 if answers is None else answers.opponent(target.index, wants_yes)
            answering = picture.actors[opponent].key if opponent >= 0 else ""
            if instrument == STATEMENT:  # pressure on a veto, or cover for a friend's
                landing.state(lobbyist, target, effort if wants_yes else -effort, answering)
            else:
                landing.offer(lobbyist, target, effort, reach, answering)
    picture.forget()  # positions moved: once for all the moves above


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

"""How an actor the engine plays spends its political capital each round (docs/model.md, 4.4):
the moves a player has (lobbying a member, a public statement about a permanent member, an offer
for a member's yes), with the same budget, its capability, and the same rules.

For every Council member an actor ranks the moves it could make there by *leverage*: how far a
unit of capital moves the member's values its way, times how far the member's vote could still
move. It keeps the best move per member, takes the best ``targets`` members and shares its
capital equally among them. Moves are public: a member its opponents worked on in the last
round counts twice (it answers them), and each statement about a member by the same actor gives
less than the one before, so capital goes elsewhere once pressure wears thin.

Compiled with mypyc when the package is built, like the rest of the hot path.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from .picture import GainCache, GainsAtPoint, Probabilities
from .public import PRESSED, PublicMove
from .state import ActorState

LOBBY: Final = 0
STATEMENT: Final = 1
OFFER: Final = 2
INSTRUMENTS: Final = ("lobby", "statement", "inducement")

SCORE_FLOOR: Final = 0.001
"""Moves whose leverage is at most this are not worth capital."""
SWING_FLOOR: Final = 0.01
"""Members whose swing times receptivity is at most this are not worth lobbying or an offer."""
ANSWER: Final = 2.0
"""How much more a member counts when an opponent worked on it in the last round."""

Pressure = tuple[ActorState, int, int, float]
"""A move the engine plans: (target, instrument, dimension index for lobbying, capital)."""


class Swings(NamedTuple):
    """Per Council member (in Council order), how far its vote could still move: toward yes
    (1 - P(yes)), against the draft (1 - P(no) where its "no" is a veto, else P(yes)), and its
    P(no) where that is a veto (else 0): the veto a statement could lift."""

    toward_yes: list[float]
    against: list[float]
    veto: list[float]


def swings(vetoes: list[bool], leanings: list[Probabilities], procedural: bool) -> Swings:
    """The :class:`Swings` of the members (``vetoes``: per seat, a permanent member) from their
    (yes, abstain, no) probabilities."""
    toward_yes: list[float] = []
    against: list[float] = []
    veto: list[float] = []
    for seat in range(len(leanings)):
        p_yes, _, p_no = leanings[seat]
        blocks = vetoes[seat] and not procedural
        toward_yes.append(1.0 - p_yes)
        against.append(1.0 - p_no if blocks else p_yes)
        veto.append(p_no if blocks else 0.0)
    return Swings(toward_yes, against, veto)


class Answers:
    """Who worked on each member in the last round, by aim: what an actor answers."""

    def __init__(self, last: list[PublicMove], aims: list[int], actors: list[ActorState]) -> None:
        self.by_yes: list[int] = [-1] * len(actors)
        """Per actor index of a target: the first actor for the draft that worked on it, or -1."""
        self.by_no: list[int] = [-1] * len(actors)
        """The same for actors against the draft."""
        self.pressed: list[bool] = [False] * len(actors)
        """Per actor index: the target of a statement by an actor for the draft."""
        for who, did, target in last:
            aim = aims[who]
            if did == PRESSED and aim > 0:
                self.pressed[target] = True
            if aim > 0 and self.by_yes[target] < 0:
                self.by_yes[target] = who
            elif aim < 0 and self.by_no[target] < 0:
                self.by_no[target] = who

    def opponent(self, target: int, wants_yes: bool) -> int:
        """The first actor of the other side that worked on ``target`` last round, or -1."""
        return self.by_no[target] if wants_yes else self.by_yes[target]


def likely_veto(probabilities: Probabilities) -> bool:
    """Its likeliest ballot is no (a veto, where this is called)."""
    yes, abstain, no = probabilities
    return no >= yes and no >= abstain


def leans_yes(probabilities: Probabilities) -> bool:
    """Its likeliest ballot is yes: an offer would buy nothing."""
    yes, abstain, no = probabilities
    return yes >= abstain and yes >= no


def aims(gains: GainsAtPoint, actors: list[ActorState]) -> list[int]:
    """Per actor index: +1 if it wants the focus draft adopted, -1 if it wants it to fail, else 0."""
    found: list[int] = []
    for actor in actors:
        gain = gains.gain(actor.index)
        found.append(1 if gain > 0 else -1 if gain < 0 else 0)
    return found


def plan(
    picture: GainCache,
    lobbyist: ActorState,
    gains: GainsAtPoint,
    leanings: list[Probabilities],
    swing: Swings,
    answers: Answers,
    procedural: bool,
    offers_open: bool,
) -> list[Pressure]:
    """The moves of ``lobbyist`` this round on the focus draft (the point of ``gains``):
    (target, instrument, dimension, capital) for each of at most ``targets`` members, its
    capability shared equally. ``offers_open``: the draft's vote may be called this round, when
    an offer (spent on the member's next vote) is worth making."""
    gain = gains.gain(lobbyist.index)
    if gain == 0:
        return []  # indifferent: nothing to press for
    wants_yes = gain > 0
    tuning = picture.tuning
    movable = swing.toward_yes if wants_yes else swing.against
    receptivity = picture.wiring.receptivity[lobbyist.index]
    council = picture.council
    own = lobbyist.position
    point = gains.point
    quo = picture.status_quo
    lobbying = 8.0 * tuning.persuasion  # x2: a gain moves yes up and no down; x4: a quarter pull
    candidates: list[tuple[float, int, int, int]] = []  # (-score, seat, instrument, dimension)
    for seat in range(len(council)):
        member = council[seat]
        if member is lobbyist:
            continue
        reach = receptivity[seat]
        best = SCORE_FLOOR
        instrument = -1
        dimension = -1
        reachable = movable[seat] * reach > SWING_FLOOR
        if reachable:
            index, change = best_dimension(own, member.position, member.salience, point, quo, wants_yes)
            score = movable[seat] * lobbying * reach * change
            if index >= 0 and score > best:
                best, instrument, dimension = score, LOBBY, index
        if member.has_veto and not procedural:
            follows = lobbyist.alignments.get(member.key, 0.0)
            # Pressure on a veto by one who does not follow the member; cover for a friend's
            # likely veto by one against the draft, when the other side pressed it last round.
            if (
                follows <= 0.0
                if wants_yes
                else follows > 0.0 and answers.pressed[member.index] and likely_veto(leanings[seat])
            ):
                said = member.heard.get(lobbyist.key, 0)
                score = swing.veto[seat] * tuning.statement_rate * tuning.statement_repeat**said
                if score > best:
                    best, instrument, dimension = score, STATEMENT, -1
        if offers_open and wants_yes and reachable and not member.has_veto and not leans_yes(leanings[seat]):
            score = movable[seat] * tuning.inducement_rate * reach
            if score > best:
                best, instrument, dimension = score, OFFER, -1
        if instrument < 0:
            continue
        if answers.opponent(member.index, wants_yes) >= 0:
            best *= ANSWER
        candidates.append((-best, seat, instrument, dimension))
    if not candidates:
        return []
    candidates.sort()
    # Capital spread thinner than min_capability would not register: fewer targets instead.
    most = tuning.targets
    if tuning.min_capability > 0:
        most = max(1, min(most, int(lobbyist.capability / tuning.min_capability + 1e-9)))
    chosen = candidates[:most]
    effort = lobbyist.capability / float(len(chosen))  # float / int, as Python divides them
    return [(council[seat], instrument, dimension, effort) for _, seat, instrument, dimension in chosen]


def best_dimension(
    own: list[float],
    theirs: list[float],
    salience: list[float],
    point: list[float],
    status_quo: list[float],
    wants_yes: bool,
) -> tuple[int, float]:
    """The dimension (index) on which pulling a member at ``theirs`` a quarter of the way toward
    ``own`` changes its gain from ``point`` most in the lobbyist's favour (only that dimension's
    term changes), and that change; (-1, 0) when no dimension helps."""
    best = 0.0
    best_index = -1
    for index in range(len(point)):
        here = theirs[index]
        there = here + 0.25 * (own[index] - here)
        if abs(there - here) < 1e-9:
            continue
        x = point[index]
        q = status_quo[index]
        change = (
            salience[index] * ((abs(q - there) - abs(x - there)) - (abs(q - here) - abs(x - here))) / 100.0
        )
        benefit = change if wants_yes else -change
        if benefit > best + 1e-12:
            best = benefit
            best_index = index
    return best_index, best

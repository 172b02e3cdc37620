"""A seat played from a move script: one run in which one actor makes the moves a script lists,
round by round, through the model's public API, as a player at the keyboard would.

Before round k the seat submits the script's moves for round k (``DiplomacyModel.submit``):
pressure and sponsors' moves for the round, and ballots (``Cast``), which wait for that round's
roll calls as they do in a game. A move the rules refuse in this run (a draft not on the table
yet, capital already spent, a draft already voted on...) is not played: it is written to the
record's ``skipped`` with the rules' reason, and the run goes on. Rounds the script does not
reach are played with no move: a script of no rounds is a passive seat, one that makes no move
at all (unlike a run with no player, where the engine plays that actor too).

The script is checked against the seat and the scenario before any run
(:func:`sim.play.script.read_script`): every move is the seat's, and the script has no more
rounds than the schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import MoveError
from .moves import (
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
    to_dict,
)
from .record import RunRecord, SkippedMove

if TYPE_CHECKING:
    from .model import DiplomacyModel


@dataclass(frozen=True)
class SeatScript:
    """An actor's seat and the moves it makes in each round (round 1 first)."""

    actor: str
    """The actor id of the seat."""
    rounds: tuple[tuple[Move, ...], ...] = ()
    """The moves of each round; none for rounds past its end."""

    @property
    def moves(self) -> int:
        """How many moves the script makes in all."""
        return sum(len(played) for played in self.rounds)


def play(model: DiplomacyModel, script: SeatScript) -> RunRecord:
    """Play ``model`` (built with ``player=script.actor``, or with the seat among its ``players``,
    the others then making no move) to the end of its schedule with the script's moves; returns
    its record, with the moves the rules refused in ``skipped``."""
    if script.actor not in model.players:
        seats = ", ".join(model.players) or "none"
        raise ValueError(f"the model's seats are {seats}, not the script's seat {script.actor!r}")
    while model.running:
        number = model.round_index + 1
        moves = script.rounds[number - 1] if number <= len(script.rounds) else ()
        for index, move in enumerate(moves):
            try:
                model.submit(move)
            except MoveError as exc:
                model.record.skipped.append(SkippedMove(number, index, to_dict(move), exc.message))
        model.play_round()
    return model.record


def label(move: Move) -> str:
    """A move in a few words, without its actor: ``lobby china coercion 0.5``."""
    if isinstance(move, Lobby):
        return f"lobby {move.target} {move.dimension} {move.effort:g}"
    if isinstance(move, Inducement):
        return f"inducement {move.target} {move.amount:g}"
    if isinstance(move, Statement):
        return f"statement {move.target} {move.pressure:+g}"
    if isinstance(move, JointStatement):
        return f"jointstatement {move.target} {move.draft} {move.pressure:+g}"
    if isinstance(move, Amend):
        return f"amend {move.draft} {move.dimension} {move.value:g}"
    if isinstance(move, CallVote):
        return f"callvote {move.draft}"
    if isinstance(move, Withdraw):
        return f"withdraw {move.draft}"
    if isinstance(move, Condition):
        return f"condition {move.draft} {move.dimension} {move.at_least:g}-{move.at_most:g}"
    if isinstance(move, Cast):
        return f"cast {move.draft} {move.ballot}"
    raise TypeError(f"not a move: {move!r}")

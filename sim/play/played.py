"""A game's moves as a move script: what ``diplosim score`` and the app's end summary replay in the
player's seat over many seeds (sim/batch/score.py).

A save's ``rounds`` is a move script (sim/play/script.py); the moves queued for the round not yet
played (``pending``) are the round after the last one played.
"""

from __future__ import annotations

from pathlib import Path

from ..engine.scripted import SeatScript
from ..errors import SaveError
from .game import Game
from .jsontext import line_of
from .saves import one_seat, read_save

OBSERVER_HAS_NO_SCORE = (
    "an observer's game has no seat to score: play a game in an actor's seat (`diplosim play --as "
    "ACTOR`), save it with `s`, then score that save"
)


def played_moves(game: Game) -> SeatScript:
    """The player's moves of ``game``, round by round, as its seat's script."""
    if game.player is None:
        raise ValueError("an observer's game has no seat")
    seat = game.player
    rounds = [tuple(m for m in played if m.actor == seat) for played in game.rounds]
    if game.current:
        rounds.append(tuple(m for m in game.current if m.actor == seat))
    return SeatScript(seat, tuple(rounds))


def load_played(path: Path) -> Game:
    """The game saved at ``path``, replayed, refused (as a :class:`SaveError` naming the file and
    line) if it is not a save, no longer matches its scenario, or is an observer's or of several
    seats."""
    data = one_seat(read_save(path), path)
    if data.player is None:
        text = path.read_text(encoding="utf-8")
        raise SaveError(OBSERVER_HAS_NO_SCORE, path, line_of(text, ("player",)))
    return Game.from_save(data, path)

"""A saved game on disk: standard JSON, size-capped, and checked field by field before a move of it
is replayed, so that no file, however it was edited or damaged, can crash the game or get past
its rules (a ``NaN`` effort would pass every comparison with the capital left).

Two versions, both read:

* version 1 (:class:`SaveFile`): a game of one seat (``player``, an actor id) or none (``player``:
  null, an observer's). Every such game is saved as version 1, as it always was;
* version 2 (:class:`SeatsSaveFile`): a game of several seats, people playing together. It has
  ``players`` (the actor ids of the seats, at least two, as the game was started with) in place
  of ``player``; each round in ``rounds`` holds the moves of every seat, in the order of the
  seats' actor ids (each move names its actor), and ``pending`` the moves queued for the round
  not yet played. The terminal app and ``diplosim score``, which play and score one seat,
  refuse it (:func:`one_seat`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from ..atomic import write_atomic
from ..engine.moves import WireMove
from ..engine.rng import SEED_MAX
from ..errors import SaveError
from ..scenario.spec import MAX_ROUNDS
from ..scenario.strict import Exact, first_error
from .jsontext import line_of, read_json

SAVE_FORMAT = "diplosim-save"
SAVE_VERSION = 1
SEATS_SAVE_VERSION = 2
"""The version of a save with several seats (``players``); one seat or none is version 1."""
MAX_SEATS = 64
"""More seats than any Council has members, and than any scenario has actors to fill them."""
MAX_SAVE_BYTES = 4_000_000
"""The largest save file read: a game of a few rounds is a few kilobytes."""


class SavedScenario(Exact):
    """Which scenario the game was played on."""

    id: str
    """The scenario's id, to find it again by name."""
    digest: str
    """The hash of its content when saved: a changed scenario would replay another game."""
    path: str
    """The folder it was loaded from."""


class SaveFile(Exact):
    """A game as saved: its scenario, seed and player, and the player's moves round by round, each
    checked as :data:`sim.engine.moves.WireMove` (the rules are checked when the game is replayed)."""

    format: Literal["diplosim-save"]
    """Always ``diplosim-save``."""
    version: Literal[1]
    """The version of this layout."""
    scenario: SavedScenario
    """The scenario played."""
    seed: int = Field(ge=0, le=SEED_MAX)
    """The game's seed."""
    player: str | None
    """The actor id of the player's seat, or null for an observer."""
    rounds: list[list[WireMove]] = Field(max_length=MAX_ROUNDS)
    """The player's moves in each round played."""
    pending: list[WireMove] = Field(default_factory=list)
    """Moves queued for the round not yet played."""

    @property
    def seats(self) -> tuple[str, ...]:
        """The actor ids of the human seats: the player's, or none."""
        return () if self.player is None else (self.player,)


class SeatsSaveFile(Exact):
    """A game of several seats as saved (version 2): :class:`SaveFile` with ``players`` for
    ``player``, and each round's moves of every seat."""

    format: Literal["diplosim-save"]
    """Always ``diplosim-save``."""
    version: Literal[2]
    """The version of this layout."""
    scenario: SavedScenario
    """The scenario played."""
    seed: int = Field(ge=0, le=SEED_MAX)
    """The game's seed."""
    players: list[str] = Field(min_length=2, max_length=MAX_SEATS)
    """The actor ids of the seats, as the game was started with (each once)."""
    rounds: list[list[WireMove]] = Field(max_length=MAX_ROUNDS)
    """Every seat's moves in each round played, in the order of the seats' actor ids."""
    pending: list[WireMove] = Field(default_factory=list)
    """Moves queued for the round not yet played."""

    @property
    def seats(self) -> tuple[str, ...]:
        """The actor ids of the human seats."""
        return tuple(self.players)


AnySave = SaveFile | SeatsSaveFile
"""A save of either version."""


def write_save(path: Path, data: dict[str, Any]) -> Path:
    """Write a save atomically, as standard JSON (no ``NaN``)."""
    text = json.dumps(data, indent=2, allow_nan=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise SaveError(f"cannot save: {exc.strerror}", path) from None
    return path


def read_save(path: Path) -> AnySave:
    """Read and check a save file of either version; every way it can be wrong is a
    :class:`SaveError` naming it (and the line, where one can be told)."""
    data, text = read_json(path, MAX_SAVE_BYTES, "not a diplosim save file", SaveError)
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("not a diplosim save file", path)
    version = data.get("version")
    if version != SAVE_VERSION and version != SEATS_SAVE_VERSION:
        raise SaveError(f"save format version {str(version)[:20]} is not supported", path)
    layout: type[SaveFile] | type[SeatsSaveFile] = SaveFile if version == SAVE_VERSION else SeatsSaveFile
    try:
        return layout.model_validate(data)
    except ValidationError as exc:
        where = line_of(text, exc.errors(include_url=False)[0]["loc"])
        raise SaveError(f"damaged save file: {first_error(exc)}", path, where) from None


SEVERAL_SEATS = (
    "a game of several seats (players): `diplosim score` scores one seat's play (`diplosim play "
    "--load` opens it, each seat in turn)"
)


def one_seat(data: AnySave, path: Path) -> SaveFile:
    """``data`` if it is a game of one seat or none (version 1), else a :class:`SaveError`
    naming the file: what plays or scores one seat cannot take a game of several."""
    if isinstance(data, SaveFile):
        return data
    raise SaveError(SEVERAL_SEATS, path)

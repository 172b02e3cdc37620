"""A saved game on disk: standard JSON, size-capped, and checked field by field before a move of it
is replayed, so that no file, however it was edited or damaged, can crash the game or get past
its rules (a ``NaN`` effort would pass every comparison with the capital left)."""

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


def write_save(path: Path, data: dict[str, Any]) -> Path:
    """Write a save atomically, as standard JSON (no ``NaN``)."""
    text = json.dumps(data, indent=2, allow_nan=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise SaveError(f"cannot save: {exc.strerror}", path) from None
    return path


def read_save(path: Path) -> SaveFile:
    """Read and check a save file; every way it can be wrong is a :class:`SaveError` naming it
    (and the line, where one can be told)."""
    data, text = read_json(path, MAX_SAVE_BYTES, "not a diplosim save file", SaveError)
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("not a diplosim save file", path)
    if data.get("version") != SAVE_VERSION:
        raise SaveError(f"save format version {str(data.get('version'))[:20]} is not supported", path)
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        where = line_of(text, exc.errors(include_url=False)[0]["loc"])
        raise SaveError(f"damaged save file: {first_error(exc)}", path, where) from None

"""Move scripts: a seat's moves round by round, as JSON, checked before any run.

A move script is the ``rounds`` of a save file: a list per round of the seat's moves, each as a
save writes it (``{"kind": "lobby", "actor": "united-states", "target": "china",
"dimension": "coercion", "effort": 0.5}``). The file may be

* a whole save file (``diplosim play``, key ``s``): its ``pending`` moves, if any, are the round
  after the last one played;
* an object with at least ``rounds``, and any other field of a save (``player``: the seat it is
  for; ``format``, ``version``, ``scenario``, ``seed``, ``pending``), plus ``description``, a
  line on what the script does;
* a bare list of rounds.

It is read as strictly as a save (:func:`sim.play.jsontext.read_json`: standard JSON, at most
4,000,000 bytes, each move checked as :data:`sim.engine.moves.WireMove`), then against the seat
and the scenario (:func:`seat_script`): every move is the seat's, names a draft, a dimension and
an actor the scenario has, and the script has no more rounds than the schedule. Whether each
move is allowed when its round comes is for the rules to say, run by run
(sim/engine/scripted.py). A scenario named in a save is not checked: a script is meant to be
played on variants of the scenario it was written for, and over many seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from ..engine import moves as move_codec
from ..engine.moves import WireMove
from ..engine.rng import SEED_MAX
from ..engine.scripted import SeatScript
from ..errors import MoveError, ScriptError
from ..scenario.loading import LoadedScenario
from ..scenario.spec import MAX_ROUNDS
from ..scenario.strict import Exact, first_error, suggestion
from .jsontext import line_of, read_json
from .saves import MAX_SAVE_BYTES, SavedScenario

MAX_SCRIPT_BYTES = MAX_SAVE_BYTES
"""The largest move script read, as for a save."""
NOT_A_SCRIPT = "not a move script"


class ScriptFile(Exact):
    """A move script written as an object: the fields of a save, of which only ``rounds`` is
    required, and a ``description``."""

    format: Literal["diplosim-save"] | None = None
    """``diplosim-save`` in a save file."""
    version: Literal[1] | None = None
    """The save layout's version, in a save file."""
    scenario: SavedScenario | None = None
    """The scenario a save was played on (not checked: a script may be played on any)."""
    seed: int | None = Field(default=None, ge=0, le=SEED_MAX)
    """A save's seed (not used: the command's ``--seed`` chooses the runs)."""
    player: str | None = None
    """The actor id of the seat the script is for; the seat played must be it."""
    description: str | None = Field(default=None, max_length=2000)
    """What the script does, in a line."""
    rounds: list[list[WireMove]] = Field(max_length=MAX_ROUNDS)
    """The seat's moves in each round, round 1 first."""
    pending: list[WireMove] = Field(default_factory=list)
    """A save's moves queued for the round after the last one played: played as that round."""


@cache
def _bare() -> TypeAdapter[Any]:
    """A script written as a bare list of rounds; built on first use, as moves' own adapter."""
    return TypeAdapter(Annotated[list[list[WireMove]], Field(max_length=MAX_ROUNDS)])


@dataclass(frozen=True)
class MoveScript:
    """A move script as read, before it is checked against a seat and a scenario."""

    path: Path
    text: str
    """The file's text, to find the line of a move."""
    player: str | None
    description: str | None
    rounds: list[list[Any]]
    """Each round's moves, as checked :data:`WireMove` values."""
    where: list[tuple[str | int, ...]]
    """Where each round's list is in the file (a pydantic location: ``("rounds", 2)``), for messages."""

    def line(self, location: tuple[str | int, ...]) -> int | None:
        return line_of(self.text, location)


def read_script(path: Path) -> MoveScript:
    """Read and check a move script as JSON; every way it can be wrong is a :class:`ScriptError`
    naming the file, and the line where one can be told."""
    data, text = read_json(path, MAX_SCRIPT_BYTES, NOT_A_SCRIPT, ScriptError)
    if not isinstance(data, dict | list):
        raise ScriptError(f"{NOT_A_SCRIPT}: expected an object with 'rounds', or a list of rounds", path, 1)
    if isinstance(data, dict) and "rounds" not in data:
        raise ScriptError(f"{NOT_A_SCRIPT}: it has no 'rounds' (a list per round of moves)", path, 1)
    try:
        if isinstance(data, list):
            rounds = _bare().validate_python(data)
            return MoveScript(path, text, None, None, rounds, [(k,) for k in range(len(rounds))])
        read = ScriptFile.model_validate(data)
    except ValidationError as exc:
        location = exc.errors(include_url=False)[0]["loc"]
        raise ScriptError(first_error(exc), path, line_of(text, location)) from None
    rounds = [list(played) for played in read.rounds]
    where: list[tuple[str | int, ...]] = [("rounds", k) for k in range(len(rounds))]
    if read.pending:
        rounds.append(list(read.pending))
        where.append(("pending",))
    return MoveScript(path, text, read.player, read.description, rounds, where)


def check_seat(scenario: LoadedScenario, actor: str) -> None:
    """Refuse a seat (``--as``) the scenario has no actor for."""
    if actor not in scenario.spec.actors:
        known = ", ".join(scenario.spec.actors)
        raise MoveError(f"unknown actor '{actor}' (expected one of: {known})")


def seat_script(script: MoveScript, scenario: LoadedScenario, actor: str) -> SeatScript:
    """The script as the moves of ``actor``'s seat in ``scenario``, checked: its ``player`` (if
    any) is the seat, every move is the seat's and names what the scenario has, and it has no
    more rounds than the schedule."""
    check_seat(scenario, actor)
    path = script.path
    if script.player is not None and script.player != actor:
        raise ScriptError(
            f"the script is for '{script.player}', not for the seat played (--as {actor})",
            path,
            script.line(("player",)),
        )
    schedule = len(scenario.spec.schedule)
    if len(script.rounds) > schedule:
        raise ScriptError(
            f"the script has {len(script.rounds)} rounds, but the scenario's schedule has {schedule}",
            path,
            script.line(script.where[schedule]),
        )
    rounds: list[tuple[move_codec.Move, ...]] = []
    for played, where in zip(script.rounds, script.where, strict=True):
        for index, wire in enumerate(played):
            problem = _problem(wire, scenario, actor)
            if problem is not None:
                field, what = problem
                location = (*where, index, field)
                dotted = ".".join(str(part) for part in location)
                raise ScriptError(f"{dotted}: {what}", path, script.line(location))
        rounds.append(tuple(move_codec.from_wire(wire) for wire in played))
    return SeatScript(actor, tuple(rounds))


def _problem(wire: Any, scenario: LoadedScenario, actor: str) -> tuple[str, str] | None:
    """What of the move no run could allow: another actor's move, or a name the scenario lacks."""
    spec = scenario.spec
    if wire.actor != actor:
        return "actor", f"a move of '{wire.actor}', not of the seat played (--as {actor})"
    names = (
        ("target", spec.actors, "actor"),
        ("draft", spec.drafts, "draft"),
        ("dimension", spec.dimensions, "dimension"),
    )
    for field, known, kind in names:
        value = getattr(wire, field, None)
        if value is not None and value not in known:
            return field, f"unknown {kind} '{value}'{suggestion(value, set(known))}"
    return None


def load_script(path: Path, scenario: LoadedScenario, actor: str) -> SeatScript:
    """:func:`read_script` then :func:`seat_script`."""
    return seat_script(read_script(path), scenario, actor)


def seat_of(scenario: LoadedScenario, actor: str | None, moves: Path | None) -> SeatScript | None:
    """The seat of ``--as ACTOR`` and ``--moves FILE``: the script's moves, or no move at all
    (a passive seat) without ``--moves``; None without ``--as`` (the engine plays every actor)."""
    if actor is None:
        if moves is not None:
            raise ScriptError(f"--moves {moves} needs --as ACTOR: the actor whose seat the script plays")
        return None
    check_seat(scenario, actor)
    return load_script(moves, scenario, actor) if moves is not None else SeatScript(actor)

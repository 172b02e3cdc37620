"""The roll calls of many runs: run on the spot, or read from saved run records (JSON Lines).

Both sources give the same thing, a :class:`Batch`: how many runs there were and every roll
call they held, each checked against the scenario's Council and against Article 27.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..batch.progress import Progress
from ..batch.runner import run_each
from ..engine.council import decide
from ..engine.record import RunRecord
from ..errors import RunsFileError
from ..scenario.loading import LoadedScenario


@dataclass(frozen=True)
class RollCall:
    """One simulated vote: which run, which draft, and how every member voted."""

    run: int
    draft: str
    symbol: str
    procedural: bool
    result: str
    roll_call: dict[str, str]


@dataclass(frozen=True)
class Batch:
    """The roll calls of ``runs`` runs of one scenario; a draft may come to a vote in only some."""

    runs: int
    roll_calls: tuple[RollCall, ...]
    source: str
    """Where the runs come from, for a reader: ``"500 runs, root seed 0"`` or a file name."""


class _Vote(BaseModel):
    """The part of a run record's vote that power and backtests read; other fields are ignored,
    since a batch row may carry more (or less) than ``diplosim run --json`` prints."""

    draft: str
    """Id of the draft voted on."""
    symbol: str
    """Its UN document symbol."""
    procedural: bool
    """Whether no veto applied."""
    result: str
    """``adopted``, ``vetoed`` or ``failed``."""
    roll_call: dict[str, str]
    """Each member's ballot, by display name."""


class _Row(BaseModel):
    """One line of a JSON Lines file of run records."""

    votes: list[_Vote]
    """Every roll call of the run."""
    scenario: dict[str, Any] | None = None
    """The scenario's id, title and digest, when the row carries them."""


def council_names(loaded: LoadedScenario) -> tuple[list[str], list[str]]:
    """Display names of the permanent and of the elected members."""
    spec = loaded.spec
    return (
        [spec.actors[m].name for m in spec.council.permanent],
        [spec.actors[m].name for m in spec.council.elected],
    )


def simulate(loaded: LoadedScenario, runs: int, root: int, progress: Progress | None = None) -> Batch:
    """The roll calls of the runs of ``diplosim batch --runs RUNS --seed ROOT`` (the batch's own
    loop, :func:`sim.batch.runner.run_each`), made without the per-ballot explanations nobody
    reads here; the votes are the same as with them. ``progress`` is told of each chunk of runs."""
    calls = [
        RollCall(index, *vote)
        for index, votes in enumerate(run_each(loaded, runs, root, _votes, progress))
        for vote in votes
    ]
    return Batch(runs, tuple(calls), f"{runs} runs, root seed {root}")


def _votes(record: RunRecord) -> list[tuple[str, str, bool, str, dict[str, str]]]:
    """What a :class:`RollCall` holds of each vote of a run, but the run's index."""
    return [(v.draft, v.symbol, v.procedural, v.result, dict(v.roll_call)) for v in record.votes]


def read_runs(path: Path, loaded: LoadedScenario) -> Batch:
    """Roll calls from a file of run records: JSON Lines (one record or batch row per line), or
    records one after another as ``diplosim run --json`` prints them.

    Each record needs a ``votes`` list shaped as in ``diplosim run --json``. Records of another
    scenario, roll calls of another Council, and results that Article 27 contradicts are refused.
    """
    permanent, elected = council_names(loaded)
    members = set(permanent) | set(elected)
    scenario_id = loaded.spec.id
    calls: list[RollCall] = []
    runs = 0
    for line, data in _documents(path):
        row = _row(data, path, line)
        shown = (row.scenario or {}).get("id")
        if shown is not None and shown != scenario_id:
            raise RunsFileError(
                f"a run of scenario '{shown}', not '{scenario_id}': name the scenario the runs come from",
                path,
                line,
            )
        for vote in row.votes:
            _check(vote, members, permanent, path, line)
            calls.append(
                RollCall(runs, vote.draft, vote.symbol, vote.procedural, vote.result, vote.roll_call)
            )
        runs += 1
    if runs == 0:
        raise RunsFileError("no run records in the file", path)
    return Batch(runs, tuple(calls), f"{runs} runs from {path.name}")


def _documents(path: Path) -> Iterator[tuple[int, Any]]:
    """Each JSON value in the file, one after another, with the line it starts on."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RunsFileError("not UTF-8 text", path) from None
    except OSError as exc:
        raise RunsFileError(f"cannot read: {exc.strerror or exc}".lower(), path) from None
    decoder = json.JSONDecoder()
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return
        line = text.count("\n", 0, at) + 1
        try:
            data, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            raise RunsFileError(f"not JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from None
        except RecursionError:
            # Python's JSON parser recurses once per nesting level: no run record nests so deep.
            raise RunsFileError("not a run record: JSON nested too deeply", path, line) from None
        yield line, data


def _row(data: Any, path: Path, line: int) -> _Row:
    if not isinstance(data, dict) or "votes" not in data:
        raise RunsFileError("not a run record: expected a JSON object with a 'votes' list", path, line)
    try:
        return _Row.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RunsFileError(f"{where}: {first['msg']}", path, line) from None


def _check(vote: _Vote, members: set[str], permanent: list[str], path: Path, line: int) -> None:
    cast = set(vote.roll_call)
    if cast != members:
        strangers = sorted(cast - members)
        what = (
            f"names {', '.join(strangers)}, not on"
            if strangers
            else f"lacks {', '.join(sorted(members - cast))} of"
        )
        raise RunsFileError(f"the roll call on {vote.symbol} {what} the scenario's Council", path, line)
    try:
        outcome = decide(vote.roll_call, permanent, vote.procedural)
    except ValueError:
        bad = sorted({b for b in vote.roll_call.values() if b not in ("yes", "no", "abstain", "absent")})
        raise RunsFileError(
            f"the roll call on {vote.symbol} has unknown ballot(s) {', '.join(bad)}", path, line
        ) from None
    if outcome.result.value != vote.result:
        raise RunsFileError(
            f"the roll call on {vote.symbol} says '{vote.result}', "
            f"but Article 27 gives '{outcome.result.value}'",
            path,
            line,
        )

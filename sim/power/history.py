"""Recorded roll calls, to set simulated votes beside what really happened.

A record is a CSV file with one row per member and roll call, under exactly this header::

    vote_id,date,symbol,member,permanent,vote
    V05_SYR_2012-07-19,2012-07-19,S/2012/538,China,yes,N

``vote_id`` names the roll call, ``date`` is its day (YYYY-MM-DD), ``symbol`` the draft's UN
document symbol as the scenario gives it, ``member`` the member's display name, ``permanent``
``yes`` or ``no``, and ``vote`` ``Y``, ``N``, ``A`` (abstained) or ``X`` (absent). A scenario names
its own with ``record:`` (:mod:`sim.scenario.record`; :func:`own_roll_calls` reads it); the July
2012 votes sit beside the default scenario. The model never reads a record: records are for
comparison only (summary screen, calibration, backtests).

Reading is strict and bounded: at most :data:`MAX_RECORD_BYTES` of UTF-8 text, every row complete
and well formed, one ballot per member and roll call; anything else is an
:class:`~sim.errors.InputFileError` naming the file and the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputFileError
from ..scenario.loading import LoadedScenario
from ..scenario.paths import DEFAULT_SCENARIO, shipped_scenarios
from ..scenario.record import own_record
from ..scenario.yamlsafe import read_text

JULY_2012 = shipped_scenarios() / DEFAULT_SCENARIO / "unsc-votes-july-2012.csv"
"""The votes of July 2012 on Syria, the default scenario's record."""
MAX_RECORD_BYTES = 1_000_000
"""The largest record read (about 20,000 rows)."""
BALLOTS = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}
COLUMNS = ("vote_id", "date", "symbol", "member", "permanent", "vote")
PERMANENT = {"yes": True, "no": False}


@dataclass
class RecordedRollCall:
    """One recorded roll call: its rows of a record, and the line of each."""

    symbol: str
    vote_id: str
    date: dt.date
    line: int
    """The line of its first row."""
    ballots: dict[str, str] = field(default_factory=dict)
    """Each member's ballot, by display name: ``yes``, ``no``, ``abstain`` or ``absent``."""
    permanent: dict[str, bool] = field(default_factory=dict)
    """Whether the record calls each member permanent."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each member's row."""


def _header(row: list[str], path: Path) -> list[str]:
    names = [name.strip() for name in row]
    seen = set()
    for name in names:
        if name in seen:
            raise InputFileError(f"column '{name}' twice in the header", path, 1)
        seen.add(name)
    missing = [c for c in COLUMNS if c not in seen]
    unknown = [n for n in names if n not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(repr(n) for n in unknown)}")
        raise InputFileError(f"{'; '.join(problems)} (a record has {','.join(COLUMNS)})", path, 1)
    return names


def _value(row: dict[str, str], column: str, path: Path, line: int) -> str:
    value = row[column]
    if not value:
        raise InputFileError(f"{column}: empty", path, line)
    return value


def _date(text: str, path: Path, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputFileError(f"date: '{text}' is not a date (YYYY-MM-DD)", path, line) from None


def _rows(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """Every non-blank row of the CSV with the line it starts on; the header first."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputFileError(f"not CSV: {exc}", path, start) from None
    return rows


def read_record(path: Path) -> list[RecordedRollCall]:
    """The roll calls of a record, in the order they first appear."""
    text = read_text(path, MAX_RECORD_BYTES, kind="CSV").removeprefix("\ufeff")
    rows = _rows(text, path)
    if not rows:
        raise InputFileError(f"empty; a record starts with the header {','.join(COLUMNS)}", path, 1)
    (_, first), body = rows[0], rows[1:]
    names = _header(first, path)
    calls: dict[str, RecordedRollCall] = {}
    for line, cells in body:
        if len(cells) != len(names):
            raise InputFileError(
                f"{len(cells)} fields, expected {len(names)} ({','.join(names)})", path, line
            )
        row = {name: cell.strip() for name, cell in zip(names, cells, strict=True)}
        vote_id, symbol, member = (_value(row, c, path, line) for c in ("vote_id", "symbol", "member"))
        day = _date(_value(row, "date", path, line), path, line)
        permanent = PERMANENT.get(row["permanent"].lower())
        if permanent is None:
            raise InputFileError(f"permanent: '{row['permanent']}' is not yes or no", path, line)
        ballot = BALLOTS.get(row["vote"].upper())
        if ballot is None:
            raise InputFileError(f"vote: '{row['vote']}' is not one of Y, N, A, X", path, line)
        call = calls.setdefault(symbol, RecordedRollCall(symbol, vote_id, day, line))
        if (vote_id, day) != (call.vote_id, call.date):
            raise InputFileError(
                f"the roll call on {symbol} is '{call.vote_id}' of {call.date} (line {call.line}), "
                f"not '{vote_id}' of {day}",
                path,
                line,
            )
        if member in call.ballots:
            raise InputFileError(
                f"a second ballot of {member} on {symbol} (the first is on line {call.lines[member]})",
                path,
                line,
            )
        call.ballots[member] = ballot
        call.permanent[member] = permanent
        call.lines[member] = line
    return list(calls.values())


def recorded_votes(path: Path = JULY_2012) -> dict[str, dict[str, str]]:
    """Roll calls by document symbol: ``{symbol: {member name: "yes" | "no" | "abstain" | "absent"}}``."""
    return {call.symbol: call.ballots for call in read_record(path)}


def own_roll_calls(loaded: LoadedScenario) -> list[RecordedRollCall]:
    """The roll calls of the scenario's own record (``record:``), in order; none when its own file
    names none, as a what-if variant does (it does not take its base's record)."""
    record = own_record(loaded)
    return read_record(record.path) if record is not None else []

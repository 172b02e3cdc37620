"""Recorded roll calls, to set simulated votes beside what really happened.

The model never reads these: they are for comparison only (summary screen, calibration, backtest).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputFileError

JULY_2012 = Path(__file__).parent / "data" / "unsc-votes-july-2012.csv"
BALLOTS = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}
COLUMNS = {"vote_id", "date", "symbol", "member", "permanent", "vote"}


def recorded_votes(path: Path = JULY_2012) -> dict[str, dict[str, str]]:
    """Roll calls by document symbol: ``{symbol: {member name: "yes" | "no" | "abstain"}}``."""
    votes: dict[str, dict[str, str]] = {}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = COLUMNS - set(reader.fieldnames or [])
            if missing:
                raise InputFileError(f"missing column(s): {', '.join(sorted(missing))}", path, 1)
            for line, row in enumerate(reader, start=2):
                ballot = BALLOTS.get(row["vote"].strip().upper())
                if ballot is None:
                    raise InputFileError(f"vote '{row['vote']}' is not one of Y, N, A, X", path, line)
                votes.setdefault(row["symbol"], {})[row["member"]] = ballot
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except UnicodeDecodeError:
        raise InputFileError("not UTF-8 text", path) from None
    return votes

"""Backtests: a scenario's simulated roll calls set against a recorded roll call.

For each recorded vote (matched to a draft by its ``symbol``) and each member (by display
name), over all N runs: the probability the model gave to the ballot actually cast (a run in
which the draft never came to a vote gives it none) and the member's modal ballot. For the
outcome, with p the model's shares of adopted / vetoed / failed / not voted and o the one-hot
recorded outcome:

    Brier    = Σ_k (p_k - o_k)²                 (0 is perfect, 2 the worst)
    log-loss = -ln max(p_recorded, EPSILON)     (0 is perfect)

EPSILON keeps an outcome the runs never produced from scoring infinity; a finite batch cannot
tell a probability below about 1/N from zero anyway. The modal outcome, the most frequent over
the runs, is right when it is the recorded one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.council import Ballot, decide
from ..errors import RecordMismatchError
from ..scenario.loading import LoadedScenario
from ..scenario.strict import suggestion
from .empirical import NOT_VOTED, OUTCOMES
from .history import read_record
from .runs import Batch, council_names

EPSILON = 0.001
"""Smallest probability the log-loss gives an outcome (see the module's docstring)."""
BALLOT_ORDER = (Ballot.yes.value, Ballot.abstain.value, Ballot.no.value, Ballot.absent.value, NOT_VOTED)
"""Modal ballots are chosen in this order when runs tie."""


def brier(shares: dict[str, float], actual: str) -> float:
    """Brier score of a distribution over outcomes against the one that happened."""
    return sum((p - (outcome == actual)) ** 2 for outcome, p in shares.items())


def log_loss(shares: dict[str, float], actual: str) -> float:
    return 0.0 - math.log(max(shares.get(actual, 0.0), EPSILON))  # 0.0 - 0.0 is 0.0, not -0.0


def modal(counts: Mapping[str, int]) -> str:
    """The most frequent ballot; ties go to the first in :data:`BALLOT_ORDER`."""
    return max(BALLOT_ORDER, key=lambda b: (counts.get(b, 0), -BALLOT_ORDER.index(b)))


def modal_outcome(shares: Mapping[str, float]) -> str:
    """The most frequent outcome; ties go to the first in ``OUTCOMES`` (adopted, vetoed, failed,
    not voted), as ballots' ties do."""
    return max(OUTCOMES, key=lambda o: (shares.get(o, 0.0), -OUTCOMES.index(o)))


@dataclass(frozen=True)
class RecordedVote:
    """One recorded roll call matched to a draft of the scenario."""

    symbol: str
    draft: str
    procedural: bool
    ballots: dict[str, str]


def match_record(path: Path, loaded: LoadedScenario) -> list[RecordedVote]:
    """The recorded roll calls in ``path``, each matched to a draft and checked against the
    Council: every member on it has one ballot, no one else has any, and the record calls
    permanent exactly the permanent members. A mismatch names the line of the record."""
    spec = loaded.spec
    by_symbol = {draft.symbol: key for key, draft in spec.drafts.items()}
    permanent, elected = council_names(loaded)
    members = set(permanent) | set(elected)
    matched = []
    for call in read_record(path):
        symbol = call.symbol
        if symbol not in by_symbol:
            raise RecordMismatchError(
                f"symbol '{symbol}' names no draft of scenario '{spec.id}'"
                f"{suggestion(symbol, set(by_symbol))}",
                path,
                call.line,
            )
        for member, line in call.lines.items():
            if member not in members:
                raise RecordMismatchError(
                    f"'{member}' (on {symbol}) is not on the Council of scenario '{spec.id}'"
                    f"{suggestion(member, members)}",
                    path,
                    line,
                )
            if call.permanent[member] != (member in permanent):
                seat = "a permanent" if member in permanent else "an elected"
                raise RecordMismatchError(
                    f"permanent: {member} is {seat} member of the Council of scenario '{spec.id}'",
                    path,
                    line,
                )
        missing = sorted(members - set(call.ballots))
        if missing:
            raise RecordMismatchError(
                f"the roll call on {symbol} lacks {', '.join(missing)}", path, call.line
            )
        key = by_symbol[symbol]
        matched.append(RecordedVote(symbol, key, spec.drafts[key].procedural, call.ballots))
    if not matched:
        raise RecordMismatchError("no recorded votes in the file", path)
    return matched


def backtest(loaded: LoadedScenario, batch: Batch, record: list[RecordedVote], source: str) -> dict[str, Any]:
    """Scores of ``batch`` against ``record`` (read by :func:`match_record` from ``source``)."""
    permanent, elected = council_names(loaded)
    votes = []
    for recorded in record:
        calls = [c for c in batch.roll_calls if c.symbol == recorded.symbol]
        outcome = decide(recorded.ballots, permanent, recorded.procedural)
        counts = Counter(c.result for c in calls)
        counts[NOT_VOTED] = batch.runs - len(calls)
        shares = {o: counts[o] / batch.runs for o in OUTCOMES}
        members = {}
        for member in permanent + elected:
            cast = Counter(c.roll_call[member] for c in calls)
            cast[NOT_VOTED] = batch.runs - len(calls)
            actual = recorded.ballots[member]
            mode = modal(cast)
            members[member] = {
                "recorded": actual,
                "p_recorded": cast[actual] / batch.runs,
                "modal": mode,
                "match": mode == actual,
                "model": {b: cast[b] / batch.runs for b in BALLOT_ORDER if cast[b] or b != Ballot.absent},
            }
        votes.append(
            {
                "symbol": recorded.symbol,
                "draft": recorded.draft,
                "recorded": {
                    "result": outcome.result.value,
                    "tally": {"yes": outcome.yes, "no": outcome.no, "abstain": outcome.abstain},
                },
                "outcomes": shares,
                "modal_outcome": modal_outcome(shares),
                "outcome_match": modal_outcome(shares) == outcome.result.value,
                "brier": brier(shares, outcome.result.value),
                "log_loss": log_loss(shares, outcome.result.value),
                "modal_matches": sum(m["match"] for m in members.values()),
                "mean_p_recorded": sum(m["p_recorded"] for m in members.values()) / len(members),
                "members": members,
            }
        )
    member_votes = sum(len(v["members"]) for v in votes)
    matches = sum(v["modal_matches"] for v in votes)
    spec = loaded.spec
    return {
        "scenario": {"id": spec.id, "title": spec.title, "digest": loaded.digest},
        "record": source,
        "runs": batch.runs,
        "source": batch.source,
        "epsilon": EPSILON,
        "votes": votes,
        "summary": {
            "votes": len(votes),
            "outcome_matches": sum(v["outcome_match"] for v in votes),
            "member_votes": member_votes,
            "modal_matches": matches,
            "modal_match_share": matches / member_votes,
            "mean_p_recorded": sum(v["mean_p_recorded"] * len(v["members"]) for v in votes) / member_votes,
            "brier": sum(v["brier"] for v in votes) / len(votes),
            "log_loss": sum(v["log_loss"] for v in votes) / len(votes),
        },
    }

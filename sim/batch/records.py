"""One run of a batch as one flat output row, and the few facts the summary counts from it.

A row holds: ``run`` (index), ``point`` (grid point, in a sweep), ``seed`` (the run's child
seed), ``scenario_hash`` (digest of the scenario run), ``vary.<path>`` (the grid point's values),
``sampled.<path>`` (every uncertain number as drawn), ``draft.<id>.status`` / ``.<dimension>`` /
``.revisions`` (each draft's final state) and ``votes`` (the run record's roll calls, as
``diplosim run --json`` prints them, without the per-member explanations). A batch with a
scripted seat (``--as``) adds ``seat.utility`` (the seat's utility of the outcome, the run
record's ``utility``) and ``seat.skipped`` (the moves of its script the rules refused in the run,
the record's ``skipped``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from ..engine.record import RunRecord
from ..scenario.loading import LoadedScenario

BALLOT_CODES = {"yes": "Y", "abstain": "A", "no": "N", "absent": "-"}
CODE_BALLOTS = {code: ballot for ballot, code in BALLOT_CODES.items()}
NOT_VOTED = "not_voted"
OUTCOMES = ("adopted", "vetoed", "failed", "withdrawn", NOT_VOTED)
"""Every way a draft can end, as the summary names them; ``not_voted``: it lapsed or never came up."""
SEAT_UTILITY = "seat.utility"
SEAT_SKIPPED = "seat.skipped"
JSON_COLUMNS = ("votes", SEAT_SKIPPED)
"""Columns holding lists: lists in JSON Lines, JSON text in CSV and Parquet."""


@dataclass(frozen=True)
class Layout:
    """What every row of one batch holds, in column order; the same for every run and worker."""

    sweep: bool
    vary: tuple[str, ...]
    sampled: tuple[str, ...]
    drafts: tuple[tuple[str, str], ...]
    """(id, symbol) of each draft, in scenario order."""
    dims: tuple[str, ...]
    members: tuple[str, ...]
    """Display names of the Council's members, in the order roll-call keys use."""
    permanent: tuple[bool, ...]
    seat: str | None = None
    """The actor id of the seat a script plays (``--as``), if any."""

    @property
    def columns(self) -> list[str]:
        head = ["run", "point", "seed", "scenario_hash"] if self.sweep else ["run", "seed", "scenario_hash"]
        drafts = [
            column
            for key, _ in self.drafts
            for column in (
                f"draft.{key}.status",
                *(f"draft.{key}.{d}" for d in self.dims),
                f"draft.{key}.revisions",
            )
        ]
        return [
            *head,
            *(f"vary.{p}" for p in self.vary),
            *(f"sampled.{p}" for p in self.sampled),
            *drafts,
            "votes",
            *((SEAT_UTILITY, SEAT_SKIPPED) if self.seat is not None else ()),
        ]


def layout_of(scenarios: list[LoadedScenario], vary: list[str], seat: str | None = None) -> Layout:
    """The layout of a batch over ``scenarios`` (one per grid point), with ``seat`` played from a
    script: sampled numbers are the union over the points, in order of first appearance (a
    varied distribution becomes a plain number)."""
    from ..engine.model import DiplomacyModel  # here: commands that never run a model skip mesa's import

    sampled: dict[str, None] = {}
    for scenario in scenarios:
        sampled.update(dict.fromkeys(DiplomacyModel(scenario, 0, explain=False).record.sampled))
    spec = scenarios[0].spec
    council = sorted(spec.council.permanent + spec.council.elected)
    return Layout(
        sweep=bool(vary),
        vary=tuple(vary),
        sampled=tuple(sampled),
        drafts=tuple((key, d.symbol) for key, d in spec.drafts.items()),
        dims=tuple(spec.dimensions),
        members=tuple(spec.actors[m].name for m in council),
        permanent=tuple(m in spec.council.permanent for m in council),
        seat=seat,
    )


def vote_dicts(record: RunRecord) -> list[dict[str, Any]]:
    """The record's roll calls as ``diplosim run --json`` shows them, explanations and clauses left
    out: a row would carry the words of every clause voted on, which follow from the position
    voted on and the scenario's ``holds``."""
    return [
        {
            "draft": v.draft,
            "symbol": v.symbol,
            "title": v.title,
            "date": v.date,
            "round": v.round,
            "procedural": v.procedural,
            "result": v.result,
            "vetoed_by": v.vetoed_by,
            "roll_call": v.roll_call,
            "tally": v.tally,
            "statement": v.statement,
            "position": v.position,
        }
        for v in record.votes
    ]


def flatten(
    layout: Layout, record: RunRecord, run: int, point: int, values: dict[str, Any], digest: str
) -> dict[str, Any]:
    """The output row of one run (``votes`` as a list; writers encode it for flat formats)."""
    row: dict[str, Any] = {"run": run, "point": point} if layout.sweep else {"run": run}
    row["seed"] = record.seed
    row["scenario_hash"] = digest
    for path in layout.vary:
        row[f"vary.{path}"] = values[path]
    sampled = record.sampled
    for path in layout.sampled:
        row[f"sampled.{path}"] = sampled.get(path)
    for key, _ in layout.drafts:
        final = record.drafts[key]
        row[f"draft.{key}.status"] = final["status"]
        position = final["position"]
        for dim in layout.dims:
            row[f"draft.{key}.{dim}"] = position[dim]
        row[f"draft.{key}.revisions"] = final["revisions"]
    row["votes"] = vote_dicts(record)
    if layout.seat is not None:
        row[SEAT_UTILITY] = record.utility[layout.seat]
        row[SEAT_SKIPPED] = [asdict(skipped) for skipped in record.skipped]
    return row


RunOutcome = tuple[tuple[str, str, int], ...]
"""Per draft, in layout order: (outcome, roll-call key, round of the vote); key "" and round 0
when it never came to a vote. A roll-call key has one letter per member: Y, A, N or - (absent)."""


def outcome_of(layout: Layout, row: dict[str, Any]) -> RunOutcome:
    """What the summary counts of one row; works on rows read back from any output format."""
    votes = row["votes"]
    if isinstance(votes, str):
        votes = json.loads(votes)
    by_draft = {v["draft"]: v for v in votes}
    facts = []
    for key, _ in layout.drafts:
        vote = by_draft.get(key)
        status = row[f"draft.{key}.status"]
        if vote is None:
            facts.append((status if status == "withdrawn" else NOT_VOTED, "", 0))
            continue
        roll_call = vote["roll_call"]
        code = "".join(BALLOT_CODES[roll_call[m]] for m in layout.members)
        facts.append((vote["result"], code, int(vote["round"])))
    return tuple(facts)

"""Run records written by hand, in the shape of ``diplosim run --json``, for power and backtests."""

import json

from shared import E10, P5


def roll_call(**ballots):
    """Everyone yes unless named: ``roll_call(China="no")``; underscores stand for spaces."""
    votes = dict.fromkeys(P5 + E10, "yes")
    for member, ballot in ballots.items():
        votes[member.replace("_", " ")] = ballot
    return votes


def vote(symbol, result, votes, draft=None, procedural=False):
    drafts = {"S/2012/538": "s-2012-538", "S/RES/2059 (2012)": "res-2059"}
    return {
        "draft": draft or drafts[symbol],
        "symbol": symbol,
        "procedural": procedural,
        "result": result,
        "roll_call": votes,
    }


def record(*votes, scenario="syria-2012-07"):
    return {"scenario": {"id": scenario}, "seed": 0, "votes": list(votes)}


THREE_RUNS = [
    # 1: as in July 2012: double veto 11-2-2, then resolution 2059 15-0-0.
    record(
        vote(
            "S/2012/538",
            "vetoed",
            roll_call(China="no", Russian_Federation="no", Pakistan="abstain", South_Africa="abstain"),
        ),
        vote("S/RES/2059 (2012)", "adopted", roll_call()),
    ),
    # 2: Russia vetoes alone, China abstains; 2059 adopted with Russia abstaining.
    record(
        vote(
            "S/2012/538",
            "vetoed",
            roll_call(China="abstain", Russian_Federation="no", South_Africa="abstain"),
        ),
        vote("S/RES/2059 (2012)", "adopted", roll_call(Russian_Federation="abstain")),
    ),
    # 3: both abstain, the draft passes 11-0-4, and 2059 is never needed.
    record(
        vote(
            "S/2012/538",
            "adopted",
            roll_call(
                China="abstain", Russian_Federation="abstain", Pakistan="abstain", South_Africa="abstain"
            ),
        ),
    ),
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path

"""A player's score: what its play in a seat changed, against the engine playing that seat.

Two batches of the same runs (run i has child seed i of the root seed, sim/batch/runner.py) are
compared, and so is the game's own seed:

* the engine in the seat: every actor played by the engine, as ``diplosim batch`` plays them;
* the player's play: the player's moves replayed in the seat, round by round, as ``diplosim
  batch --as ACTOR --moves SAVE`` plays them (sim/engine/scripted.py). A move the rules refuse in
  some run (a draft not on the table there, capital already spent) is skipped there and counted.

Both batches count each run's outcome per draft and the seat's utility of the outcome (the run
record's ``utility``), with the batch's own tallies (sim/batch/summary.py, sim/batch/seats.py),
so the score is the same on any number of workers. :func:`score` returns it as plain JSON data,
with its sentences in ``lines``; ``diplosim score`` and the app's end summary show the same.
"""

from __future__ import annotations

from typing import Any

from ..engine import scripted
from ..engine.council import joined
from ..engine.record import RunRecord
from ..engine.scripted import SeatScript
from ..scenario.loading import LoadedScenario
from .progress import NoProgress, Progress
from .records import OUTCOMES, Layout, flatten, layout_of, outcome_of

RUNS = 300
"""Seeds a score compares over, unless told otherwise."""
OUTCOME_WORDS = {
    "adopted": "adopted",
    "vetoed": "vetoed",
    "failed": "failed (under nine votes)",
    "withdrawn": "withdrawn",
    "not_voted": "never put to the vote",
}


class _Leg(NoProgress):
    """One of the two batches, reported to the score's progress as part of its whole."""

    def __init__(self, whole: Progress) -> None:
        self.whole = whole

    def advance(self, runs: int) -> None:
        self.whole.advance(runs)


def score(
    scenario: LoadedScenario,
    script: SeatScript,
    seed: int,
    runs: int = RUNS,
    root: int | None = None,
    workers: int | None = 1,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The score of ``script`` (the player's moves in its seat) in ``scenario``: over ``runs``
    seeds from the root seed ``root`` (None: the game's ``seed``) and at the game's own
    ``seed``. Rounds the script does not reach are played with no move from the seat (a game
    ended early). Interrupted (Ctrl-C), it raises KeyboardInterrupt."""
    from .session import Plan, execute  # here: `diplosim score` reads its default RUNS at start

    root = seed if root is None else root
    actor = script.actor
    layout = layout_of([scenario], [], actor)
    engine_plan = Plan(scenario, [], [{}], [scenario], layout, root, runs, None)
    player_plan = Plan(scenario, [], [{}], [scenario], layout, root, runs, script)
    progress = progress or NoProgress()
    progress.start(2 * runs, 0)
    try:
        game = _own_seed(scenario, script, seed, layout)
        summaries = []
        for plan in (engine_plan, player_plan):
            ended = execute(plan, workers=workers, progress=_Leg(progress))
            if not ended.complete:
                raise KeyboardInterrupt
            summaries.append(ended.summary["points"][0])
    finally:
        progress.stop()
    engine, player = summaries
    spec = scenario.spec
    drafts = {
        key: {
            "symbol": symbol,
            "player": {name: player["drafts"][key]["outcomes"][name]["p"] for name in OUTCOMES},
            "engine": {name: engine["drafts"][key]["outcomes"][name]["p"] for name in OUTCOMES},
        }
        for key, symbol in layout.drafts
    }
    mine, theirs = player["seat"], engine["seat"]
    result: dict[str, Any] = {
        "scenario": {"id": spec.id, "digest": scenario.digest},
        "seat": {"actor": actor, "name": spec.actors[actor].name},
        "seed": seed,
        "root": root,
        "runs": runs,
        "moves": script.moves,
        "rounds": len(script.rounds),
        "drafts": drafts,
        "utility": {
            "player": mine["utility"],
            "engine": theirs["utility"],
            "difference": mine["utility"]["mean"] - theirs["utility"]["mean"],
        },
        "skipped": {
            "moves": mine["skipped"]["moves"],
            "runs": mine["skipped"]["runs"],
            "by_reason": mine["skipped"]["by_reason"],
        },
        "game": game,
    }
    result["lines"] = lines(result)
    return result


def _own_seed(scenario: LoadedScenario, script: SeatScript, seed: int, layout: Layout) -> dict[str, Any]:
    """The game's own seed, played both ways: each draft's outcome, the seat's utility, and the
    moves refused (none, for a game played to its end: the rules allowed each move then)."""
    from ..engine.model import DiplomacyModel  # here: commands that never run a model skip mesa's import

    engine = DiplomacyModel(scenario, seed, None, explain=False, log_lobbying=False).run()
    seat = DiplomacyModel(scenario, seed, script.actor, explain=False, log_lobbying=False)
    player = scripted.play(seat, script)

    def facts(record: RunRecord) -> dict[str, Any]:
        row = flatten(layout, record, 0, 0, {}, scenario.digest)
        outcomes = outcome_of(layout, row)
        by_draft = {v.draft: v for v in record.votes}
        return {
            "drafts": {
                key: {
                    "outcome": outcome,
                    "vetoed_by": list(by_draft[key].vetoed_by) if key in by_draft else [],
                }
                for (key, _), (outcome, _, _) in zip(layout.drafts, outcomes, strict=True)
            },
            "utility": record.utility[script.actor],
            "skipped": len(record.skipped),
        }

    return {"seed": seed, "player": facts(player), "engine": facts(engine)}


def _percent(p: float) -> str:
    return f"{100 * p:.0f}%"


def _outcome_words(fact: dict[str, Any]) -> str:
    words = OUTCOME_WORDS[fact["outcome"]]
    if fact["outcome"] == "vetoed" and fact["vetoed_by"]:
        words += " by " + joined(list(fact["vetoed_by"]))
    return words


def lines(result: dict[str, Any]) -> list[str]:
    """The score in words: per draft, how the player's play moved its odds of adoption (and the
    outcome that moved most besides); the seat's utility against the engine's; the moves refused;
    the game's own seed."""
    runs = result["runs"]
    said = [
        f"Your play in the seat of {result['seat']['name']} against the engine in it, over {runs} seeds "
        f"(root seed {result['root']}):"
    ]
    for draft in result["drafts"].values():
        symbol, mine, theirs = draft["symbol"], draft["player"], draft["engine"]
        before, after = theirs["adopted"], mine["adopted"]
        if _percent(before) == _percent(after):
            line = f"{symbol}: adopted in {_percent(after)} of seeds either way"
        else:
            verb = "raised" if after > before else "lowered"
            line = f"{symbol}: your play {verb} its adoption from {_percent(before)} to {_percent(after)}"
        others = sorted(
            (name for name in OUTCOMES if name != "adopted"),
            key=lambda name: (-abs(mine[name] - theirs[name]), OUTCOMES.index(name)),
        )
        other = others[0]
        if _percent(mine[other]) != _percent(theirs[other]):
            line += f" ({OUTCOME_WORDS[other]}: {_percent(theirs[other])} → {_percent(mine[other])})"
        said.append(line)
    utility = result["utility"]
    difference = utility["difference"]
    relation = "over" if difference >= 0 else "under"
    skipped = result["skipped"]
    refused = (
        f"{skipped['moves']} of your moves refused in {skipped['runs']} seeds"
        if skipped["moves"]
        else "no move refused"
    )
    said.append(
        f"Utility {difference:+.3f} {relation} the engine in your seat "
        f"(yours {utility['player']['mean']:+.3f}, the engine's {utility['engine']['mean']:+.3f}; "
        f"{runs} seeds; {refused})"
    )
    if round(difference, 3) == 0 and all(
        _percent(d["player"][name]) == _percent(d["engine"][name])
        for d in result["drafts"].values()
        for name in OUTCOMES
    ):
        said.append(
            "Nothing you did changed an outcome the engine in your seat would not have reached: "
            "the votes turned on what the other members wanted, not on the moves open to you"
        )
    game = result["game"]
    outcomes = "; ".join(
        f"{result['drafts'][key]['symbol']} {_outcome_words(fact)}"
        + (
            ""
            if _outcome_words(fact) == _outcome_words(game["engine"]["drafts"][key])
            else f" (the engine in your seat: {_outcome_words(game['engine']['drafts'][key])})"
        )
        for key, fact in game["player"]["drafts"].items()
    )
    mine, theirs = game["player"]["utility"], game["engine"]["utility"]
    said.append(
        f"In this game (seed {game['seed']}): {outcomes}; your utility {mine:+.3f}, "
        f"the engine's in your seat {theirs:+.3f} ({mine - theirs:+.3f})"
    )
    if result["moves"] == 0:
        said.append("You made no move: your seat was played as a passive one (ballots as it leans).")
    return said

"""A backtest across the file: every scenario of a folder that names its own record, each run
and scored against it as ``diplosim backtest SCENARIO`` does, then totals over all of them.

Every scenario is loaded and its record matched to its drafts and Council before any run, so a
bad file stops the command at once. Each scenario is run ``runs`` times from the same root seed.
Totals weigh each member vote alike (modal right, mean P(recorded vote)) and each recorded roll
call alike (modal outcome right, mean Brier, mean log-loss), whichever scenario it belongs to. A
scenario without a record of its own (a variant: :mod:`sim.scenario.record`) is listed, unscored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..batch.progress import Progress
from ..errors import InputFileError, RecordChoiceError
from ..scenario.loading import SCENARIO_FILE, LoadedScenario, load_scenario
from ..scenario.record import NamedRecord, own_record
from .backtest import EPSILON, RecordedVote, backtest, match_record
from .runs import simulate


@dataclass(frozen=True)
class Scored:
    """A scenario with a record of its own, matched to it."""

    loaded: LoadedScenario
    record: NamedRecord
    votes: list[RecordedVote]


def scenario_folders(folder: Path) -> list[Path]:
    """The scenario folders directly inside ``folder`` (those holding a ``scenario.yaml``), by
    name; ``folder`` alone when it is a scenario folder itself."""
    if not folder.is_dir():
        raise InputFileError("no such folder" if not folder.exists() else "not a folder", folder)
    if (folder / SCENARIO_FILE).is_file():
        return [folder]
    found = sorted(path for path in folder.iterdir() if (path / SCENARIO_FILE).is_file())
    if not found:
        raise InputFileError("no scenario folders in it (folders holding a scenario.yaml)", folder)
    return found


def gather(folder: Path) -> tuple[list[Scored], list[LoadedScenario]]:
    """The scenarios of ``folder`` with a record of their own, matched, and those without one."""
    scored, unscored = [], []
    for path in scenario_folders(folder):
        loaded = load_scenario(path)
        record = own_record(loaded)
        if record is None:
            unscored.append(loaded)
        else:
            scored.append(Scored(loaded, record, match_record(record.path, loaded)))
    if not scored:
        names = ", ".join(loaded.spec.id for loaded in unscored)
        raise RecordChoiceError(f"none of its scenarios names a record of its own ({names})", folder)
    return scored, unscored


def vote_summary(vote: dict[str, Any]) -> dict[str, Any]:
    """What the cross-file summary keeps of one vote's backtest: its scores, and the members
    whose modal ballot is not the one they cast."""
    members = vote["members"]
    return {
        "symbol": vote["symbol"],
        "draft": vote["draft"],
        "recorded": vote["recorded"]["result"],
        "modal_outcome": vote["modal_outcome"],
        "outcome_match": vote["outcome_match"],
        "p_recorded_outcome": vote["outcomes"][vote["recorded"]["result"]],
        "members": len(members),
        "modal_matches": vote["modal_matches"],
        "mean_p_recorded": vote["mean_p_recorded"],
        "brier": vote["brier"],
        "log_loss": vote["log_loss"],
        "misses": [
            {"member": name, "recorded": m["recorded"], "modal": m["modal"], "p_recorded": m["p_recorded"]}
            for name, m in members.items()
            if not m["match"]
        ],
    }


def totals(scenarios: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over the scenarios' votes: every member vote and every roll call weighs alike."""
    votes = [vote for scenario in scenarios for vote in scenario["votes"]]
    member_votes = sum(v["members"] for v in votes)
    matches = sum(v["modal_matches"] for v in votes)
    return {
        "scenarios": len(scenarios),
        "votes": len(votes),
        "outcome_matches": sum(v["outcome_match"] for v in votes),
        "member_votes": member_votes,
        "modal_matches": matches,
        "modal_match_share": matches / member_votes,
        "mean_p_recorded": sum(v["mean_p_recorded"] * v["members"] for v in votes) / member_votes,
        "brier": sum(v["brier"] for v in votes) / len(votes),
        "log_loss": sum(v["log_loss"] for v in votes) / len(votes),
    }


def backtest_all(
    folder: Path,
    runs: int,
    root: int,
    progress: Callable[[str, int, int], Progress] | None = None,
) -> dict[str, Any]:
    """Every scenario of ``folder`` with a record of its own, run ``runs`` times from root seed
    ``root`` and scored; ``progress(scenario id, index, count)`` gives each batch its progress."""
    scored, unscored = gather(folder)
    scenarios = []
    for index, entry in enumerate(scored):
        spec = entry.loaded.spec
        bar = progress(spec.id, index, len(scored)) if progress is not None else None
        batch = simulate(entry.loaded, runs, root, bar)
        result = backtest(entry.loaded, batch, entry.votes, str(entry.record.path))
        scenarios.append(
            {
                **result["scenario"],
                "folder": str(entry.loaded.folder),
                "record": str(entry.record.path),
                "votes": [vote_summary(vote) for vote in result["votes"]],
                "summary": result["summary"],
            }
        )
    return {
        "folder": str(folder),
        "runs": runs,
        "seed": root,
        "epsilon": EPSILON,
        "scenarios": scenarios,
        "unscored": [{"id": u.spec.id, "folder": str(u.folder)} for u in unscored],
        "totals": totals(scenarios),
    }

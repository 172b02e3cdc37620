"""The ``diplosim power`` and ``diplosim backtest`` commands (registered in :mod:`sim.cli`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import CouncilChangeError, RunsFileError
from ..power.backtest import backtest as score_backtest
from ..power.backtest import match_record
from ..power.backtest_report import render_backtest
from ..power.counterfactual import parse_replacement, with_council
from ..power.history import JULY_2012
from ..power.report import power_report, render, render_comparison
from ..power.runs import Batch, read_runs, simulate
from ..scenario.loading import LoadedScenario, load_scenario
from ..scenario.paths import resolve_scenario
from .options import RootSeed, ScenarioArg, json_option, runs_option
from .progress import Bar

POWER_RUNS = 200
BACKTEST_RUNS = 200

RunsFile = Annotated[
    Path | None,
    typer.Option(
        "--runs-file",
        help="Read run records instead of running the model: a JSON Lines file of a batch, or records "
        "of `diplosim run --json` one after another (each needs its `votes` list).",
        show_default=False,
    ),
]
AsJson = Annotated[bool, json_option("Print one JSON object instead of tables.")]


def _runs(
    loaded: LoadedScenario, runs: int, root: int, runs_file: Path | None, label: str | None = None
) -> Batch | None:
    """The batch to read: a file of run records, or ``runs`` fresh runs (none if ``runs`` is 0)."""
    if runs_file is not None:
        return read_runs(runs_file, loaded)
    if runs == 0:
        return None
    return simulate(loaded, runs, root, progress=Bar(label or loaded.spec.id))


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def power(
    scenario: ScenarioArg = None,
    as_json: AsJson = False,
    runs: Annotated[
        int | None,
        runs_option(
            f"Runs for the empirical figures [default: {POWER_RUNS}]; 0 for the a-priori indices only.",
            least=0,
            show_default=False,
        ),
    ] = None,
    seed: RootSeed = 0,
    runs_file: RunsFile = None,
    replace: Annotated[
        list[str] | None,
        typer.Option(
            "--replace",
            "-r",
            help="OLD=NEW: give elected member OLD's seat to actor NEW (actor ids); repeatable. "
            "The report then compares the Council as written with the changed one.",
            show_default=False,
        ),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            help="Another scenario (e.g. a variant with another Council) to set beside this one.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Who holds the power in the Council: a-priori indices, and who was decisive in simulated votes.

    A-priori: the Shapley-Shubik and Banzhaf (absolute and normalised) indices of every member,
    computed exactly, for the classical yes/no game and for Article 27 as practised, where
    abstention is a third ballot that does not block. Empirical: over a batch of runs, how often
    each member's ballot alone decided whether a draft was adopted, how often each permanent
    member vetoed and how often its veto decided the outcome, and each draft's outcomes.

    Examples:

    * `diplosim power` prints both for the July 2012 Council (200 runs, root seed 0).

    * `diplosim power --runs 0 --json` prints the exact a-priori indices as JSON.

    * `diplosim power --runs-file runs.jsonl` reads the runs of a batch instead of running them.

    * `diplosim power --replace azerbaijan=turkey` compares with Turkey in Azerbaijan's seat.

    * `diplosim power --compare syria-2012-07-council-2011` compares with the Council of 2011.
    """
    replacements = [parse_replacement(r) for r in replace or []]
    if replacements and compare is not None:
        raise CouncilChangeError("--replace and --compare: give one or the other")
    if runs_file is not None and (compare is not None or replacements):
        raise RunsFileError("--runs-file holds the runs of one Council; it cannot be compared with another")
    count = POWER_RUNS if runs is None else runs
    path = resolve_scenario(scenario)
    base = load_scenario(path)
    report = power_report(base, _runs(base, count, seed, runs_file))
    other = None
    if replacements:
        other = with_council(path, replacements)
    elif compare is not None:
        other = load_scenario(resolve_scenario(compare))
    if other is None:
        if as_json:
            _print_json(report.to_dict())
        else:
            typer.echo(render(report), nl=False)
        return
    label = " ".join([other.spec.id, *(f"{old}={new}" for old, new in replacements)])
    second = power_report(other, _runs(other, count, seed, None, label), replacements)
    if as_json:
        _print_json({"base": report.to_dict(), "compare": second.to_dict()})
        return
    typer.echo(render(report) + "\n" + render(second) + "\n" + render_comparison(report, second), nl=False)


def backtest(
    scenario: ScenarioArg = None,
    record: Annotated[
        Path,
        typer.Option(
            "--record",
            help="A recorded roll call as CSV, with columns vote_id, date, symbol, member, permanent, "
            "vote (Y, N, A or X) [default: the July 2012 votes that ship with diplosim].",
            show_default=False,
        ),
    ] = JULY_2012,
    runs: Annotated[int, runs_option("Runs to score.")] = BACKTEST_RUNS,
    seed: RootSeed = 0,
    runs_file: RunsFile = None,
    as_json: AsJson = False,
) -> None:
    """How well a scenario reproduces a recorded roll call.

    Drafts are matched by their UN symbol and members by name. For every member: the share of
    runs in which it cast the ballot it really cast, and its most frequent (modal) ballot. For
    the outcome (adopted, vetoed, failed, or never put to the vote): the Brier score and the
    log-loss of the runs' shares. The model never reads the record; only this command does.

    Examples:

    * `diplosim backtest` scores 500 runs of the July 2012 scenario against the July 2012 votes.

    * `diplosim backtest syria-2012-07-china-abstains --json` scores a variant, as JSON.

    * `diplosim backtest --record my-votes.csv --runs-file runs.jsonl` scores saved runs.
    """
    loaded = load_scenario(resolve_scenario(scenario))
    recorded = match_record(record, loaded)
    batch = _runs(loaded, runs, seed, runs_file)
    if batch is None:
        raise RunsFileError("a backtest needs at least one run")
    result = score_backtest(loaded, batch, recorded, str(record))
    if as_json:
        _print_json(result)
    else:
        typer.echo(render_backtest(result), nl=False)

"""The ``diplosim power`` and ``diplosim backtest`` commands (registered in :mod:`sim.cli`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import CouncilChangeError, RecordChoiceError, RunsFileError
from ..scenario.loading import SCENARIO_FILE, LoadedScenario, load_scenario
from ..scenario.paths import DEFAULT_SCENARIO, resolve_scenario, shipped_scenarios
from ..scenario.record import inherited_record, own_record
from .options import RootSeed, ScenarioArg, json_option, runs_option

if TYPE_CHECKING:
    from ..power.runs import Batch
    from .progress import Bar

# sim.power (numpy, the batch runner) is imported by the commands, not by every command of
# sim.cli at start (sim/cli/main.py).

POWER_RUNS = 200
BACKTEST_RUNS = 200
BACKTEST_ALL_RUNS = 500
"""Runs per scenario of ``backtest --all``: as many as the calibration test and the cross-file
check of issue 17 use."""

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
    from ..power.runs import read_runs, simulate
    from .progress import Bar

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
    from ..power.counterfactual import parse_replacement, with_council
    from ..power.report import power_report, render, render_comparison

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


def _record_of(loaded: LoadedScenario, given: Path | None) -> Path:
    """The record a backtest scores against: the one given, else the scenario's own."""
    if given is not None:
        return given
    own = own_record(loaded)
    if own is not None:
        return own.path
    base = inherited_record(loaded)
    if base is None:
        why = f"scenario '{loaded.spec.id}' names no record (`record:`); give one with --record FILE"
    else:
        why = (
            f"scenario '{loaded.spec.id}' names no record of its own, and a variant does not take its "
            f"base's: its runs are a counterfactual. To score them against it anyway: --record {base.path}"
        )
    raise RecordChoiceError(why, loaded.folder / SCENARIO_FILE)


def _progress(scenario: str, index: int, count: int) -> Bar:
    from .progress import Bar

    typer.echo(f"backtest {index + 1} of {count}: {scenario}", err=True)
    return Bar(scenario)


def backtest(
    scenario: Annotated[
        str | None,
        typer.Argument(
            help="A scenario folder, its scenario.yaml, or the name of a shipped scenario "
            f"[default: {DEFAULT_SCENARIO}]; with --all, a folder of scenario folders, or one "
            "[default: the shipped scenarios].",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Score every scenario that names a record of its own (the shipped ones, or those in "
            "the folder given) and print a line for each, then the totals over all of them.",
        ),
    ] = False,
    record: Annotated[
        Path | None,
        typer.Option(
            "--record",
            help="A recorded roll call as CSV, with columns vote_id, date, symbol, member, permanent, "
            "vote (Y, N, A or X) [default: the scenario's own, named by `record:` in its scenario.yaml].",
            show_default=False,
        ),
    ] = None,
    runs: Annotated[
        int | None,
        runs_option(
            f"Runs to score, per scenario [default: {BACKTEST_RUNS}; {BACKTEST_ALL_RUNS} with --all].",
            show_default=False,
        ),
    ] = None,
    seed: RootSeed = 0,
    runs_file: RunsFile = None,
    as_json: AsJson = False,
) -> None:
    """How well a scenario reproduces the roll calls recorded for it.

    Drafts are matched by their UN symbol and members by name. For every member: the share of
    runs in which it cast the ballot it really cast, and its most frequent (modal) ballot. For
    the outcome (adopted, vetoed, failed, or never put to the vote): the modal outcome, the Brier
    score and the log-loss of the runs' shares. The model never reads the record; only this
    command (and `diplosim validate`) does.

    A scenario names its record with `record:` in its scenario.yaml (a CSV beside it). A variant
    does not take its base's: its runs are a counterfactual, so scoring them needs `--record`.

    Examples:

    * `diplosim backtest` scores 200 runs of the July 2012 scenario against its record, the
      July 2012 votes.

    * `diplosim backtest --all` scores every shipped scenario that has a record (500 runs each)
      and prints a line per scenario, then the totals: member votes whose modal ballot is right,
      recorded outcomes whose modal result is right, mean P(recorded vote) and mean Brier.

    * `diplosim backtest --all scenarios --runs 200 --json` does the same for your folder of
      scenarios, as one JSON object.

    * `diplosim backtest syria-2012-07-china-abstains --record votes.csv --json` scores a
      variant against the votes in votes.csv, as JSON.

    * `diplosim backtest --record my-votes.csv --runs-file runs.jsonl` scores saved runs.
    """
    from ..power.backtest import backtest as score_backtest
    from ..power.backtest import match_record
    from ..power.backtest_all import backtest_all
    from ..power.backtest_report import render_backtest, render_backtest_all

    if every:
        if record is not None or runs_file is not None:
            given = "--record" if record is not None else "--runs-file"
            raise RecordChoiceError(
                f"--all runs each scenario and scores it against its own record; {given} is for one"
            )
        folder = Path(scenario) if scenario is not None else shipped_scenarios()
        result = backtest_all(folder, BACKTEST_ALL_RUNS if runs is None else runs, seed, _progress)
        if as_json:
            _print_json(result)
        else:
            typer.echo(render_backtest_all(result), nl=False)
        return
    loaded = load_scenario(resolve_scenario(scenario))
    path = _record_of(loaded, record)
    recorded = match_record(path, loaded)
    batch = _runs(loaded, BACKTEST_RUNS if runs is None else runs, seed, runs_file)
    if batch is None:
        raise RunsFileError("a backtest needs at least one run")
    result = score_backtest(loaded, batch, recorded, str(path))
    if as_json:
        _print_json(result)
    else:
        typer.echo(render_backtest(result), nl=False)

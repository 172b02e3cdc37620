"""The ``diplosim batch`` and ``diplosim sensitivity`` commands (registered in :mod:`sim.cli`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..scenario.loading import load_scenario
from ..scenario.paths import resolve_scenario
from .options import (
    EXIT_INTERRUPTED,
    MovesOption,
    RootSeed,
    ScenarioArg,
    Scheduler,
    SeatOption,
    Workers,
    json_option,
    runs_option,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..batch.session import Plan

# The batch machinery (numpy, pyarrow, the runner, plots) is imported by the commands that run a
# batch, not by every command of sim.cli at start (sim/cli/main.py).


def wide_console() -> Console:
    """Stdout; when it is not a terminal, wide enough that tables keep one line per row."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=140)


def batch(
    scenario: ScenarioArg = None,
    runs: Annotated[int, runs_option("Runs (per grid point with --vary).")] = 1000,
    seed: RootSeed = 0,
    workers: Workers = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Stream one row per run to FILE (.parquet, .csv or .jsonl); the summary JSON goes "
            "beside it (FILE.summary.json). A missing folder for it is created.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Complete a partial --out file: only the missing runs are run.")
    ] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing --out file.")] = False,
    vary: Annotated[
        list[str] | None,
        typer.Option(
            "--vary",
            help="PATH=VALUES: run the batch at each value, e.g. "
            "actors.russian-federation.costs.veto=0.1,0.3 or parameters.noise=0.04:0.12:5 "
            "(start:stop:count). Several --vary form a grid.",
            show_default=False,
        ),
    ] = None,
    scheduler: Scheduler = None,
    plot_to: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Draw outcome probabilities with their intervals to a PNG file (or .svg, .pdf).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, json_option("Print the summary as JSON instead of tables.")] = False,
    actor: SeatOption = None,
    moves: MovesOption = None,
) -> None:
    """Run a scenario many times and report how likely each outcome is.

    Run i is seeded with child seed i of `--seed`, so the same scenario, seed and number of runs
    give the same records and summary on any number of workers or machines.

    `--out` creates its folder when it does not exist yet (as `mkdir -p`). If the output cannot be
    written (read-only folder, full disk), the batch stops with the rows written so far kept
    whole; the same command with `--resume` completes it.

    Examples:

    * `diplosim batch --runs 10000` estimates each draft's outcome probabilities (95% Wilson intervals).

    * `diplosim batch --runs 10000 --out runs.parquet` also keeps one row per run; after Ctrl-C or a
      crash, the same command with `--resume` completes it.

    * `diplosim batch --runs 2000 --vary actors.russian-federation.costs.veto=0.1:0.9:5 --plot veto.png`
      sweeps the price of Russia's veto.

    * `diplosim batch --as united-states --moves benchmarks/strategies/amend-inside.json --runs 200`
      plays the United States' seat from a move script in every run: the same tables, then the
      seat's mean utility of the outcome and the moves the rules refused, in how many runs and why.

    With `--as` the seat makes the script's moves (none without `--moves`) in every run instead of
    the engine; rows (`--out`) get `seat.utility` and `seat.skipped`.
    """
    from ..batch.plots import check_plot, plot
    from ..batch.session import execute
    from ..batch.session import plan as make_plan
    from ..batch.tables import show
    from ..batch.writers import check_output, format_of, summary_of
    from ..play.script import seat_of
    from .progress import Bar

    if out is not None:
        format_of(out)  # an unknown extension, or a folder, is refused before any run
        check_output(out)
    if plot_to is not None:
        check_plot(plot_to)
    path = resolve_scenario(scenario)
    seat = seat_of(load_scenario(path), actor, moves) if actor is not None or moves is not None else None
    plan = make_plan(path, runs, seed, vary or [], seat)
    bar = Bar(f"{plan.base.spec.id}")
    ended = execute(plan, out, workers, scheduler, resume, overwrite, bar)
    if not ended.complete:
        where = f"; the same command with --resume completes {out}" if out else ""
        typer.echo(f"diplosim: interrupted after {ended.done} of {ended.total} runs{where}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    if ended.resumed_from == ended.total:
        typer.echo(f"{out} already holds all {ended.total} runs", err=True)
    elif ended.resumed_from:
        typer.echo(f"resumed {out} at run {ended.resumed_from}", err=True)
    if plot_to is not None:
        plot(ended.summary, plot_to)
    if as_json:
        typer.echo(json.dumps(ended.summary, indent=1, ensure_ascii=False))
    else:
        show(ended.summary, wide_console())
        if out is not None:
            typer.echo(f"\nrows: {out}\nsummary: {summary_of(out)}")


def sensitivity(
    scenario: ScenarioArg = None,
    runs: Annotated[int, runs_option("Runs to learn from.", least=20)] = 2000,
    seed: RootSeed = 0,
    workers: Workers = None,
    scheduler: Scheduler = None,
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            help="What to explain: adopted, vetoed, failed, withdrawn, not_voted, or veto:MEMBER "
            "(that permanent member's veto, e.g. veto:china).",
        ),
    ] = "adopted",
    top: Annotated[int, typer.Option("--top", min=1, help="Numbers to list per draft.")] = 10,
    as_json: Annotated[bool, json_option("Print the ranking as JSON instead of tables.")] = False,
) -> None:
    """Rank the scenario's uncertain numbers by how much each moves an outcome.

    Runs a batch, then, per draft, splits each uncertain number into tenths and measures the
    share of the outcome's variance that lies between them (a first-order variance
    decomposition); the sign of its regression coefficient gives the direction.

    Example: `diplosim sensitivity syria-2012-07-china-abstains --outcome veto:china` shows what
    China's veto hinges on in that what-if (in the default scenario China vetoes in almost every
    run).
    """
    from ..batch.sensitivity import rank, target_test
    from ..batch.session import plan as make_plan

    plan = make_plan(resolve_scenario(scenario), runs, seed, [])
    names = {key: actor.name for key, actor in plan.base.spec.actors.items()}
    test = target_test(plan.layout, outcome, names)
    samples, outcomes = _collect(plan, workers, scheduler)
    ranking = rank(plan.layout, samples, outcomes, test, list(plan.layout.drafts))
    result = {
        "batch": {**plan.meta(), "outcome": outcome, "runs_done": len(outcomes)},
        "drafts": {k: {**v, "ranking": v["ranking"][:top]} for k, v in ranking.items()},
    }
    if as_json:
        typer.echo(json.dumps(result, indent=1, ensure_ascii=False))
        return
    _show_ranking(result, wide_console())


def _collect(plan: Plan, workers: int | None, scheduler: str | None):
    from ..batch.runner import Job, results
    from .progress import Bar

    job = Job(tuple(plan.scenarios), tuple(plan.grid), plan.root, plan.layout, sampled=True)
    samples, outcomes = [], []
    with Bar(f"{plan.base.spec.id}: sensitivity").over(plan.total) as bar:
        for chunk in results(job, 0, plan.total, workers, scheduler):
            for result in chunk:
                samples.append(result.sampled)
                outcomes.append(result.outcome)
            bar.advance(len(chunk))
    return samples, outcomes


def _show_ranking(result: dict, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    outcome = result["batch"]["outcome"]
    for draft in result["drafts"].values():
        share = f"{100 * draft['p']:.1f}%"
        head = f"{draft['symbol']}: {outcome} in {draft['count']} of {draft['runs']} runs ({share})"
        if not draft["ranking"]:
            console.print(Text(f"{head}: the same in every run, nothing to rank", style="dim"))
            continue
        table = Table(title=head, title_justify="left")
        for column, justify in (
            ("", "right"),
            ("uncertain number", "left"),
            ("share of variance", "right"),
            ("direction", "left"),
            ("P in lowest → highest tenth", "right"),
        ):
            table.add_column(column, justify=justify)
        for place, row in enumerate(draft["ranking"], start=1):
            direction = "raises" if row["coefficient"] > 0 else "lowers"
            table.add_row(
                str(place),
                row["parameter"],
                f"{100 * row['share']:.1f}%",
                direction,
                f"{100 * row['p_lowest_tenth']:.1f}% → {100 * row['p_highest_tenth']:.1f}%",
            )
        console.print(table)

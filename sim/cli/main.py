"""The ``diplosim`` command: the boundary where errors become ``file:line: message`` and exit 2."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DiplosimError, InputFileError, MoveError
from ..play.saves import read_save
from ..play.script import seat_of
from ..scenario.loading import (
    SCENARIO_FILE,
    is_shared_folder,
    load_profile,
    load_scenario,
    load_shared,
    scenario_file,
)
from ..scenario.paths import DEFAULT_SCENARIO, resolve_scenario
from .authoring import register as register_authoring
from .batch import batch, sensitivity
from .host import host_command
from .join import join_command
from .options import MovesOption, ScenarioArg, SeatOption, json_option, runs_option, seed_option
from .power import backtest, power
from .score import score_command
from .serve import serve_command

EXIT_BAD_INPUT = 2

# What only some commands need is imported in those commands: every command, and every refusal
# of bad input, starts by importing this module, so it imports little (tests/test_architecture.py).

app = typer.Typer(
    name="diplosim",
    help=(
        "Simulate diplomacy and votes at the UN Security Council.\n\n"
        f"The default scenario, {DEFAULT_SCENARIO}, is the Council on Syria in July 2012: "
        "the sanctions draft S/2012/538 and the renewal of the observer mission.\n\n"
        "With no command, `diplosim` opens the terminal game (as `diplosim play`)."
    ),
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command()
def run(
    scenario: ScenarioArg = None,
    seed: Annotated[int, seed_option("Seed of the run's RNG: the same seed, the same run.")] = 0,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Give each member's reasons after each vote.")
    ] = False,
    as_json: Annotated[bool, json_option("Print the run record as one JSON object instead.")] = False,
    actor: SeatOption = None,
    moves: MovesOption = None,
) -> None:
    """Run one simulation headless and print its transcript.

    With `--as ACTOR --moves FILE`, that actor's seat makes the moves of the script, round by
    round, instead of the engine's; a move the rules refuse in this run is skipped, and the
    transcript shows it with the reason (the record's `skipped`). The record's `utility` gives
    every actor's utility of the outcome.

    Examples:

    * `diplosim run --seed 1` plays the July 2012 scenario with seed 1.

    * `diplosim run --seed 1 --explain` adds why every member voted as it did.

    * `diplosim run scenarios/syria-2012-07 --json` prints the run record (its `votes` list holds
      each roll call).

    * `diplosim run --as united-states --moves benchmarks/strategies/amend-inside.json --seed 1`
      plays the United States' seat from a move script (one of the repository's strategies).

    * `diplosim run --as russian-federation --seed 1` leaves Russia's seat passive: it makes no move.
    """
    loaded = load_scenario(resolve_scenario(scenario))
    seat = seat_of(loaded, actor, moves)
    from ..engine import scripted  # here: mesa takes ~0.6 s to import, validate needs none of it
    from ..engine.model import DiplomacyModel, run_scenario
    from ..play.reasons import scenario_sides
    from ..play.transcript import render

    if seat is None:
        record = run_scenario(loaded, seed)
    else:
        record = scripted.play(DiplomacyModel(loaded, seed, seat.actor), seat)
    if as_json:
        typer.echo(record.to_json())
        return
    spec = loaded.spec
    name = spec.actors[seat.actor].name if seat is not None else ""
    source = spec.source.title or spec.source.seed or ", ".join(spec.source.records)
    sides = scenario_sides(spec, record.sampled) if explain else None
    transcript = render(record, spec.title, source, explain=explain, seat=seat, seat_name=name, sides=sides)
    typer.echo(transcript, nl=False)


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless n is 1."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Scenario folders, scenario files, folders of shared profiles or actor profile files.",
            show_default=False,
        ),
    ],
) -> None:
    """Check scenarios and actor profiles; exit 0 when all are valid, 2 at the first problem.

    A scenario is checked whole: its profiles, the folders it includes, its shared profiles
    (`profiles:`) and the dated reason of each change it makes to one, every reference between
    them, every quote it cites from its seed article (which must occur there; a scenario that
    rests on UN records alone, `records:` and no `seed:`, quotes nothing, and its profiles' quotes
    are found in the article of their folder's `source.yaml`), and the record of votes it names
    (`record:`), which must be a well-formed CSV whose roll calls are on the scenario's drafts, by
    symbol, with a ballot for each member of its Council. A profile file on its own is checked
    against the profile schema, and its quotes against the seed article of the scenario whose
    `actors/` holds it. A folder of shared profiles (`actors/` and no `scenario.yaml`) has each of
    its profiles checked so, none of them with a seat, their quotes against the article its
    `source.yaml` names (if any); their quotes are checked in each scenario that uses them too.

    Examples: `diplosim validate scenarios/syria-2012-07`, `diplosim validate scenarios/syria-actors`
    """
    from ..power.backtest import match_record
    from ..scenario.record import own_record

    for path in paths:
        if is_shared_folder(path):
            shared = load_shared(path)
            typer.echo(f"ok: {path} (shared profiles: {len(shared)} actors)")
        elif path.is_dir() or path.name == SCENARIO_FILE:
            loaded = load_scenario(path)
            spec = loaded.spec
            record = own_record(loaded)
            calls = len(match_record(record.path, loaded)) if record is not None else 0
            votes = f", a record of {_count(calls, 'roll call')}" if record is not None else ""
            typer.echo(
                f"ok: {path} (scenario '{spec.id}': {_count(len(spec.actors), 'actor')}, "
                f"{_count(len(spec.drafts), 'draft')}, {_count(len(spec.events), 'event')}{votes})"
            )
        else:
            profile = load_profile(path)
            seat = profile.seat.value if profile.seat is not None else "from the council lists"
            typer.echo(f"ok: {path} (actor '{profile.id}', seat {seat})")


@app.callback()
def start(ctx: typer.Context) -> None:
    """With no command, open the terminal game (as `diplosim play`)."""
    if ctx.invoked_subcommand is None:
        play()


@app.command()
def play(
    scenario: ScenarioArg = None,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--as",
            help="Take this actor's seat (its id, e.g. `russian-federation`), or `observer`. "
            "Given more than once, several people play at this one terminal, in turn (hot seat). "
            "Without it, pick a scenario and a role on the start screen.",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[int, seed_option("Seed of the game: the same seed gives the same game.")] = 0,
    load: Annotated[
        Path | None, typer.Option("--load", help="Resume a game saved with `s` in the app.")
    ] = None,
) -> None:
    """Play a scenario in the terminal: step through the negotiation and watch the Council vote.

    Examples:

    * `diplosim play` opens the start screen: pick a scenario, then a role.

    * `diplosim play --as russian-federation` plays the July 2012 scenario in Russia's seat.

    * `diplosim play --as observer --seed 7` watches the engine play everyone.

    * `diplosim play --as united-states --as russian-federation` seats two people at this
      terminal, in turn: a hand-over page between them hides the last one's view.

    * `diplosim play --load diplosim-save.json` resumes a saved game.

    Keys are shown at the bottom of the screen; `?` opens the help, `ctrl+p` lists every action.
    """
    # Every input is read and checked before the game and the TUI are imported (mesa, textual:
    # a second): a bad one is refused at once. A save is replayed once Game is imported.
    data = read_save(load) if load is not None else None
    loaded = None
    extra = None
    seats: tuple[str, ...] = ()
    if load is None and actors:
        loaded = load_scenario(resolve_scenario(scenario))
        for actor in actors:
            if actor != "observer" and actor not in loaded.spec.actors:
                known = ", ".join(["observer", *loaded.spec.actors])
                raise MoveError(f"unknown actor '{actor}' (expected one of: {known})")
        if len(actors) > 1 and "observer" in actors:
            raise MoveError("an observer watches alone: give --as observer, or --as each seat played")
        if len(set(actors)) < len(actors):
            raise MoveError("each seat is taken once: an actor is named twice in --as")
        seats = tuple(a for a in actors if a != "observer")
    elif load is None and scenario is not None:
        extra = [load_scenario(resolve_scenario(scenario)).folder]
    from ..play.game import Game

    saved = Game.from_save(data, load) if load is not None and data is not None else None
    # Imported here: the engine never imports the TUI at import time.
    from tui import DiplosimApp
    from tui.catalog import load_catalog

    if saved is not None:
        app = DiplosimApp(game=saved, seed=seed)
    elif loaded is not None:
        app = DiplosimApp(game=Game(loaded, seed, players=seats), seed=seed)
    else:
        app = DiplosimApp(catalog=load_catalog(extra), seed=seed)
    app.run()


@app.command()
def edit(
    scenario: ScenarioArg = None,
    actor: Annotated[
        str | None, typer.Option("--actor", "-a", help="Open this actor's profile (its id).")
    ] = None,
    runs: Annotated[int, runs_option("Runs of the live preview.")] = 200,
    seed: Annotated[int, seed_option("Root seed of the live preview.")] = 0,
) -> None:
    """Edit a scenario's actor profiles in the terminal app, with checks while typing and a live
    preview of the outcome (the same numbers as `diplosim batch --runs N --seed S`).

    An actor whose profile is shared (`profiles:`) opens in its shared file, which every
    scenario naming that folder uses; one the scenario changes in a file of its own in
    `actors/` opens in that file. A shipped file is saved to a working copy in `./scenarios`.

    Example: `diplosim edit syria-2012-07 --actor russian-federation`
    """
    from ..edit import editable

    folder = resolve_scenario(scenario)
    if not scenario_file(folder).is_file():
        raise InputFileError("no such file", scenario_file(folder))
    # A scenario that does not load still opens, with its problem shown, so that it can be fixed.
    known = sorted(editable(folder)[1])
    if actor is not None and known and actor not in known:
        raise MoveError(f"unknown actor '{actor}' (expected one of: {', '.join(known)})")
    from tui import DiplosimApp  # checked first; the engine never imports the TUI at import time

    DiplosimApp(edit=folder, actor=actor, preview_runs=runs, preview_seed=seed).run()


app.command()(power)
app.command()(backtest)
app.command()(batch)
app.command()(sensitivity)
app.command("score")(score_command)
app.command("host")(host_command)
app.command("join")(join_command)
app.command("serve")(serve_command)
register_authoring(app)


def main() -> None:
    """Entry point: runs the app and turns a :class:`DiplosimError` into one line and exit 2."""
    try:
        app()
    except DiplosimError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(EXIT_BAD_INPUT)
    except OSError as exc:  # the file system refused (read-only, full, not a folder): not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"{where}{exc.strerror or exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        typer.echo("diplosim: interrupted", err=True)
        sys.exit(130)
    finally:
        # The interpreter's collections at exit would walk every object the imports made (mesa
        # brings pandas and scipy): half a second after each command. Frozen, they are skipped;
        # objects are still freed as their modules go. (What diplosim writes is closed before.)
        gc.freeze()


if __name__ == "__main__":
    main()

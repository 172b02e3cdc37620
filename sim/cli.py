"""The ``diplosim`` command: the boundary where errors become ``file:line: message`` and exit 2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import DiplosimError
from .loading import SCENARIO_FILE, load_profile, load_scenario
from .model import run_scenario
from .paths import DEFAULT_SCENARIO, resolve_scenario
from .transcript import render

EXIT_BAD_INPUT = 2

app = typer.Typer(
    name="diplosim",
    help=(
        "Simulate diplomacy and votes at the UN Security Council.\n\n"
        f"The default scenario, {DEFAULT_SCENARIO}, is the Council on Syria in July 2012: "
        "the sanctions draft S/2012/538 and the renewal of the observer mission."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        help="A scenario folder, its scenario.yaml, or the name of a shipped scenario "
        f"[default: {DEFAULT_SCENARIO}].",
        show_default=False,
    ),
]


@app.command()
def run(
    scenario: ScenarioArg = None,
    seed: Annotated[
        int, typer.Option("--seed", "-s", help="Seed of the run's RNG: the same seed gives the same run.")
    ] = 0,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Give each member's reasons after each vote.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the run record as one JSON object instead.")
    ] = False,
) -> None:
    """Run one simulation headless and print its transcript.

    Examples:

    * `diplosim run --seed 1` plays the July 2012 scenario with seed 1.

    * `diplosim run --seed 1 --explain` adds why every member voted as it did.

    * `diplosim run scenarios/syria-2012-07 --json` prints the run record (its `votes` list holds
      each roll call).
    """
    loaded = load_scenario(resolve_scenario(scenario))
    record = run_scenario(loaded, seed)
    if as_json:
        typer.echo(record.to_json())
        return
    spec = loaded.spec
    typer.echo(render(record, spec.title, spec.source.title or spec.source.seed, explain=explain), nl=False)


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Scenario folders, scenario files or actor profile files.", show_default=False),
    ],
) -> None:
    """Check scenarios and actor profiles; exit 0 when all are valid, 2 at the first problem.

    A scenario is checked whole: its profiles, the folders it includes, and every reference
    between them. A profile file on its own is checked against the profile schema.

    Example: `diplosim validate scenarios/syria-2012-07`
    """
    for path in paths:
        if path.is_dir() or path.name == SCENARIO_FILE:
            loaded = load_scenario(path)
            spec = loaded.spec
            typer.echo(
                f"ok: {path} (scenario '{spec.id}': {len(spec.actors)} actors, "
                f"{len(spec.drafts)} drafts, {len(spec.events)} events)"
            )
        else:
            profile = load_profile(path)
            typer.echo(f"ok: {path} (actor '{profile.id}', seat {profile.seat.value})")


def main() -> None:
    """Entry point: runs the app and turns a :class:`DiplosimError` into one line and exit 2."""
    try:
        app()
    except DiplosimError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        typer.echo("diplosim: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()

"""The commands for writing scenarios: ``schema``, ``new-actor``, ``new-scenario``, ``new-variant``,
and ``overrides``, the list of changes scenarios make to their shared profiles.

Registered in :mod:`sim.cli`; the work is done in :mod:`sim.scenario.schema` and :mod:`sim.scenario.scaffold`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..scenario.override_list import override_table
from ..scenario.paths import resolve_scenario
from ..scenario.profiles import Kind, Seat
from ..scenario.scaffold import new_actor as write_actor
from ..scenario.scaffold import new_scenario as write_scenario
from ..scenario.scaffold import new_variant as write_variant
from ..scenario.schema import SCHEMA_DIR, write_schemas

KindChoice = StrEnum("KindChoice", {k.value: k.value for k in Kind})
SeatChoice = StrEnum("SeatChoice", {s.value: s.value for s in Seat})


def schema(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the schemas into (made if missing).")
    ] = Path(SCHEMA_DIR),
) -> None:
    """Write the JSON Schemas of scenario and profile files, for editors.

    Writes `diplosim-scenario.schema.json` (a `scenario.yaml`, or a variant with `include`),
    `diplosim-profile.schema.json` (an `actors/<id>.yaml`) and `diplosim-source.schema.json` (the
    `source.yaml` of a folder of shared profiles, naming the article they quote). An editor with
    the YAML language server (VS Code's YAML extension, Neovim, Helix...) reads the first line of a file,

        # yaml-language-server: $schema=../schemas/diplosim-profile.schema.json

    and then checks and completes fields as you type, with each field's meaning on hover. The
    shipped files and those of `new-actor`, `new-scenario` and `new-variant` start with it.

    Examples:

    * `diplosim schema` writes them into `schemas/` here (beside your scenario folders).

    * `diplosim schema --out scenarios/schemas` refreshes them for a folder of scenarios.
    """
    for path in write_schemas(out):
        typer.echo(f"wrote {path}")


def new_actor(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help="The new actor's id, e.g. `turkey`.")],
    scenario: Annotated[
        Path, typer.Option("--scenario", "-s", help="The scenario folder to add it to.")
    ] = Path("."),
    name: Annotated[
        str | None, typer.Option(help="Display name [default: the id, capitalised].", show_default=False)
    ] = None,
    kind: Annotated[KindChoice, typer.Option(help="What the actor is.")] = KindChoice.state,
    seat: Annotated[
        SeatChoice,
        typer.Option(
            help="Seat on the Council; a member must also be listed under `council` in scenario.yaml."
        ),
    ] = SeatChoice.none,
    shared: Annotated[
        bool,
        typer.Option(
            "--shared",
            help="Write it into the scenario's folder of shared profiles (`profiles:`), without a seat.",
        ),
    ] = False,
) -> None:
    """Write a new actor profile, `actors/ID.yaml`, with every field present and explained.

    Its `ideal` and `salience` list the scenario's own dimensions; the numbers are neutral
    placeholders to replace. An existing file is never overwritten.

    It goes to the scenario's own `actors/`: an actor of that scenario alone. When the scenario
    takes its profiles from a folder of shared profiles (`profiles:`), an actor that folder
    already has is refused (edit its shared profile, or change a field under `actors:` with a
    dated reason); `--shared` writes the new profile into that folder instead, without a seat,
    for every scenario that names it in its council lists or under `outside:`.

    Examples:

    * `diplosim new-actor iran --scenario scenarios/my-crisis --name "Iran (Islamic Republic of)"`

    * `diplosim new-actor arab-league --kind organisation` in a scenario folder.

    * `diplosim new-actor qatar --scenario scenarios/syria-2012-07 --shared` into `scenarios/syria-actors`.
    """
    path = write_actor(actor_id, scenario, name, kind.value, seat.value, shared)
    typer.echo(f"wrote {path}")
    if shared:
        typer.echo(
            f"next: name '{actor_id}' in the council lists or under outside: of the scenarios that have it"
        )
    elif seat.value != "none":
        typer.echo(f"next: list '{actor_id}' under council.{seat.value} in {scenario / 'scenario.yaml'}")


def new_scenario(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="The folder to create; its name is the scenario's id.")
    ],
    date: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="The day it starts [default: today].", show_default=False),
    ] = None,
) -> None:
    """Write a new scenario folder that validates and runs as it is, every field explained.

    It holds `scenario.yaml` (two dimensions, one draft, three rounds, one event), `seed.txt`
    (paste the source article there) and fifteen profiles in `actors/`: the five permanent
    members and ten elected placeholders (`elected-01`...) to rename. The JSON Schemas go to
    `schemas/` beside the folder.

    Examples:

    * `diplosim new-scenario scenarios/libya-2011 --date 2011-03-17`

    * then `diplosim validate scenarios/libya-2011` and `diplosim run scenarios/libya-2011`.
    """
    day = (date or dt.datetime.now()).date()
    written = write_scenario(folder, day)
    typer.echo(f"wrote {folder}: {len(written)} files (scenario.yaml, seed.txt, actors/*.yaml)")


def new_variant(
    base: Annotated[
        str,
        typer.Argument(
            metavar="BASE", help="The scenario to vary: a folder, or the name of a shipped scenario."
        ),
    ],
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="The variant's folder to create; its name is its id.")
    ],
) -> None:
    """Write a variant: a scenario that includes BASE and overrides a few of its fields.

    The new `FOLDER/scenario.yaml` includes BASE by a relative path and overrides nothing yet;
    a commented example shows how to change a profile's number or a model parameter. Mappings
    merge key by key, so the variant names only what it changes.

    Examples:

    * `diplosim new-variant syria-2012-07 scenarios/syria-2012-07-dear-veto`

    * `diplosim new-variant scenarios/my-crisis scenarios/my-crisis-no-mission`
    """
    path = write_variant(resolve_scenario(base), folder)
    typer.echo(f"wrote {path}")


def overrides(
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SCENARIO]...",
            help="Scenario folders or names [default: every shipped scenario].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List every change the scenarios make to their shared profiles, as a Markdown table.

    A scenario that takes its profiles from a folder of shared profiles (`profiles:`) may change
    a field of one only with a dated reason: a provenance entry, in the file that makes the
    change, with a `date:` and the field under `supports:`. Each row gives the file, the actor,
    the field, the shared value, the value here, the date and the reason. docs/model.md lists
    the shipped scenarios' changes, as this command prints them.

    Examples:

    * `diplosim overrides` lists the shipped scenarios' changes.

    * `diplosim overrides scenarios/my-crisis-2013` lists one scenario's.
    """
    folders = None if not scenarios else [resolve_scenario(name) for name in scenarios]
    typer.echo(override_table(folders))


COMMANDS = {
    "schema": schema,
    "new-actor": new_actor,
    "new-scenario": new_scenario,
    "new-variant": new_variant,
    "overrides": overrides,
}


def register(app: typer.Typer) -> None:
    """Add the authoring commands to the ``diplosim`` app."""
    for name, command in COMMANDS.items():
        app.command(name)(command)

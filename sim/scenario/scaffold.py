"""New files for a scenario author: an actor profile, a scenario folder, a variant.

Every file written names every field with a comment on what it means, starts with the modeline
that points the YAML language server at diplosim's JSON Schema, and validates as written. The
schemas are written to ``schemas/`` beside the scenario folder, as in the shipped layout
(``scenarios/schemas/``), so the modelines are relative paths.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from ..errors import ScaffoldError, ScenarioPathError
from .loading import ACTORS_DIR, INCLUDE_PLACES, SCENARIO_FILE, is_shared_folder, load_scenario, read_raw
from .paths import contained, include_roots
from .schema import PROFILE_SCHEMA, SCENARIO_SCHEMA, SCHEMA_DIR, modeline, render, schemas
from .spec import Parameters

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PERMANENT = ("china", "france", "russian-federation", "united-kingdom", "united-states")
PERMANENT_NAMES = ("China", "France", "Russian Federation", "United Kingdom", "United States")
ELECTED = 10
SEED_FILE = "seed.txt"
MAX_UP = 2
"""A variant includes its base by a relative path that climbs at most this many folders, else
by its absolute path (a shipped scenario inside the installed package)."""


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    low: str
    high: str


def _template(name: str) -> Template:
    return Template(resources.files("sim.scenario").joinpath("templates", name).read_text(encoding="utf-8"))


def _text(value: str) -> str:
    """A YAML scalar for any text: JSON's double-quoted strings are YAML too."""
    return json.dumps(value, ensure_ascii=False)


def check_id(value: str, what: str) -> str:
    if not ID.match(value):
        raise ScaffoldError(f"'{value}' cannot be {what}: use lower case letters, digits and hyphens")
    return value


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise ScaffoldError(
            "already exists; diplosim never overwrites a file (move it or pick another name)", path
        )


def ensure_schemas(workspace: Path) -> Path:
    """``workspace/schemas`` holding the current schemas (written or refreshed when they differ)."""
    folder = workspace / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        path = folder / name
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return folder


SEAT = """\
# Seat on the Security Council: permanent (with the veto), elected, or none (lobbies, never
# votes). It must agree with the council lists in scenario.yaml.
seat: {seat}"""
NO_SEAT = """\
# No seat: each scenario gives it by its council lists (permanent, elected, or none when
# the actor is not listed), since the same state is elected one year and absent the next."""


def actor_text(
    actor_id: str,
    name: str,
    kind: str,
    seat: str | None,
    dimensions: list[Dimension],
    file: Path,
    schema_dir: Path,
    capability: float = 0.1,
    forcing: float = 0.0,
) -> str:
    """A profile with every field, placeholder numbers, and the scenario's own dimensions; with
    ``seat`` None, a shared profile, which leaves the seat to each scenario's council lists."""
    width = max(len(d.id) for d in dimensions) + 1
    ideal = "\n".join(f"  {d.id + ':':<{width}} 50   # 0: {d.low}; 100: {d.high}" for d in dimensions)
    salience = "\n".join(f"  {d.id + ':':<{width}} 0.5  # {d.label}" for d in dimensions)
    return _template("actor.yaml").substitute(
        modeline=modeline(file, schema_dir / PROFILE_SCHEMA),
        id=actor_id,
        name=_text(name),
        kind=kind,
        seat=NO_SEAT if seat is None else SEAT.format(seat=seat),
        ideal=ideal,
        salience=salience,
        capability=capability,
        forcing=forcing,
        example=dimensions[0].id,
    )


def _dimensions(raw: dict, where: Path) -> list[Dimension]:
    dims = raw.get("dimensions")
    if not isinstance(dims, dict) or not dims:
        raise ScaffoldError("the scenario has no dimensions to give the new actor", where)
    return [
        Dimension(str(key), *(str(value.get(part, "")) for part in ("label", "low", "high")))
        for key, value in dims.items()
        if isinstance(value, dict)
    ]


def new_actor(
    actor_id: str, scenario: Path, name: str | None, kind: str, seat: str, shared: bool = False
) -> Path:
    """Write a profile for the scenario in the folder ``scenario``; the file written.

    It goes to the scenario's own ``actors/<id>.yaml``: an actor of this scenario alone, refused
    when the scenario's folder of shared profiles already has that actor (a whole new profile
    would change every field of the shared one). With ``shared``, it goes to that folder instead
    (``profiles:``), without a seat: each scenario gives it by its council lists.
    """
    check_id(actor_id, "an actor id")
    file = scenario / SCENARIO_FILE
    if not file.is_file():
        if is_shared_folder(scenario):
            raise ScaffoldError(
                "a folder of shared profiles: give a scenario that uses it with --scenario, and --shared",
                scenario,
            )
        raise ScaffoldError(f"no {SCENARIO_FILE} here; give the scenario folder with --scenario", scenario)
    raw = read_raw(scenario)
    if shared:
        if raw.shared_folder is None:
            raise ScaffoldError("names no folder of shared profiles (profiles:); leave out --shared", file)
        if seat != "none":
            raise ScaffoldError(
                f"--seat {seat}: a shared profile has no seat; list it in the council instead"
            )
        target = raw.shared_folder / ACTORS_DIR / f"{actor_id}.yaml"
    else:
        if actor_id in raw.shared:
            where = next(iter(raw.shared[actor_id].roots))
            raise ScaffoldError(
                f"'{actor_id}' has a shared profile ({where}): edit it there, or change its fields "
                "under actors: in scenario.yaml, each with a dated reason in its provenance",
                file,
            )
        target = scenario / ACTORS_DIR / f"{actor_id}.yaml"
    _refuse_existing(target)
    dims = _dimensions(raw.data, file)
    schema_dir = ensure_schemas(target.parent.parent.resolve().parent)
    target.parent.mkdir(exist_ok=True)
    label = name or actor_id.replace("-", " ").title()
    text = actor_text(actor_id, label, kind, None if shared else seat, dims, target, schema_dir)
    target.write_text(text, encoding="utf-8")
    return target


def _parameters() -> str:
    """Every model parameter at its default, each with its meaning above it."""
    lines = []
    for name, field in Parameters.model_fields.items():
        meaning = " ".join((field.description or "").split())  # a docstring may run over lines
        lines += [f"  # {meaning}", f"  {name}: {field.default}"]
    return "\n".join(lines)


def new_scenario(folder: Path, date: dt.date) -> list[Path]:
    """Write a runnable scenario folder: scenario.yaml, a seed article to replace, and fifteen
    Council members (the five permanent members and ten elected placeholders); the files written."""
    scenario_id = check_id(folder.name, "a scenario id (the folder's name)")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError("already exists and is not empty; diplosim never overwrites files", folder)
    schema_dir = ensure_schemas(folder.resolve().parent)
    (folder / ACTORS_DIR).mkdir(parents=True, exist_ok=True)
    dims = [
        Dimension(
            "measures", "Measures against the parties", "The Council only calls on them", "Sanctions at once"
        ),
        Dimension(
            "mission", "A UN mission on the ground", "No mission", "A large mission with a strong mandate"
        ),
    ]
    elected = [f"elected-{n:02d}" for n in range(1, ELECTED + 1)]
    members = [(a, n, "permanent") for a, n in zip(PERMANENT, PERMANENT_NAMES, strict=True)]
    members += [(a, f"Elected member {i}", "elected") for i, a in enumerate(elected, 1)]
    written = []
    for actor_id, name, seat in members:
        target = folder / ACTORS_DIR / f"{actor_id}.yaml"
        sponsor = actor_id == "united-states"
        text = actor_text(
            actor_id,
            name,
            "state",
            seat,
            dims,
            target,
            schema_dir,
            0.5 if sponsor else 0.1,
            0.3 if sponsor else 0.0,
        )
        target.write_text(text, encoding="utf-8")
        written.append(target)
    file = folder / SCENARIO_FILE
    days = [date + dt.timedelta(days=n) for n in range(3)]
    file.write_text(
        _template("scenario.yaml").substitute(
            modeline=modeline(file, schema_dir / SCENARIO_SCHEMA),
            id=scenario_id,
            title=_text(scenario_id.replace("-", " ").capitalize()),
            seed=SEED_FILE,
            day0=days[0],
            day1=days[1],
            day2=days[2],
            year=date.year,
            parameters=_parameters(),
            permanent=", ".join(PERMANENT),
            elected=", ".join(elected),
        ),
        encoding="utf-8",
    )
    (folder / SEED_FILE).write_text(_template("seed.txt").template, encoding="utf-8")
    return [file, folder / SEED_FILE, *written]


def new_variant(base: Path, folder: Path) -> Path:
    """Write ``folder/scenario.yaml``: a variant that includes ``base`` and overrides nothing yet
    (a commented example shows how); the file written."""
    variant_id = check_id(folder.name, "a scenario id (the folder's name)")
    loaded = load_scenario(base)  # a broken base is reported as itself, not as the new variant
    file = folder / SCENARIO_FILE
    _refuse_existing(file)
    try:  # a variant may include only what its own loading will accept
        contained(str(loaded.folder), folder, include_roots(folder), INCLUDE_PLACES)
    except ScenarioPathError as exc:
        raise ScaffoldError(f"cannot include {base}: {exc.message}", file) from None
    schema_dir = ensure_schemas(folder.resolve().parent)
    folder.mkdir(parents=True, exist_ok=True)
    include = Path(os.path.relpath(loaded.folder, folder.resolve()))
    if include.parts.count("..") > MAX_UP:  # e.g. a shipped scenario inside site-packages
        include = loaded.folder
    spec = loaded.spec
    member = spec.council.permanent[0]
    veto = spec.actors[member].costs.veto
    shown_veto = veto if isinstance(veto, float | int) else veto.model_dump()
    file.write_text(
        _template("variant.yaml").substitute(
            modeline=modeline(file, schema_dir / SCENARIO_SCHEMA),
            base=spec.id,
            include=include.as_posix(),
            id=variant_id,
            title=_text(f"{spec.title} (variant: {variant_id})"),
            member=member,
            veto=json.dumps(shown_veto).replace('"', ""),
            noise=spec.parameters.noise,
            date=spec.date.isoformat(),
        ),
        encoding="utf-8",
    )
    return file

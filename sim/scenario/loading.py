"""Loading a scenario folder: its file, its actor profiles, the folders it includes, and the
shared profiles it names.

YAML -> merged raw mapping (every key remembers its file and line) -> validated ``Scenario``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import (
    DiplosimError,
    IncludeCycleError,
    ScenarioPathError,
    ScenarioReferenceError,
    SchemaError,
)
from . import yamlsafe
from .checks import check_overrides, check_references
from .merging import ACTORS_DIR, SCENARIO_FILE, actor_files, document, merge_into
from .overrides import Layer, Override, find, layers
from .paths import contained, include_roots, real
from .profiles import ActorProfile
from .provenance import (
    NO_SEED,
    NO_SHARED_SEED,
    actor_quotes,
    check_quotes,
    no_article,
    own_quotes,
    profile_quotes,
    scenario_quotes,
    seed_article,
)
from .shared import (
    OUTSIDE_KEY,
    PROFILES_KEY,
    SOURCE_FILE,
    beneath,
    check_no_seat,
    is_shared_folder,
    read_shared,
    shared_folder,
)
from .spec import Scenario, SharedSource, with_seats
from .yamlsafe import Document

__all__ = [
    "ACTORS_DIR",
    "SCENARIO_FILE",
    "LoadedScenario",
    "ScenarioDocument",
    "is_shared_folder",
    "load_profile",
    "load_scenario",
    "load_shared",
    "merge_into",
    "shared_article",
    "shared_folder_on_disk",
]

MAX_INCLUDES = 16
"""How many scenarios one may stack by ``include:``; a longer chain is refused at its top."""
INCLUDE_PLACES = "a scenario folder of the same project (beside this one) or a shipped scenario"


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from and a hash of its content."""

    spec: Scenario
    folder: Path
    document: Document
    digest: str
    shared: Path | None = None
    """Its folder of shared profiles (``profiles:``), if it names one."""
    overrides: tuple[Override, ...] = ()
    """Each field of a shared profile that one of its files changes, with the dated reason."""

    def locate(self, *path: str | int) -> tuple[Path | None, int | None]:
        return self.document.locate(tuple(path))


def scenario_file(path: Path) -> Path:
    """``path`` itself if it is a file, else the scenario file inside the folder."""
    return path / SCENARIO_FILE if path.is_dir() else path


@dataclass
class ScenarioDocument(Document):
    """A merged, unvalidated scenario, with what the checks of its shared profiles need."""

    shared: dict[str, Document] = field(default_factory=dict)
    """The profiles of its folder of shared profiles (``profiles:``), by id, as written."""
    shared_folder: Path | None = None
    """That folder, if it names one."""
    layers: list[Layer] = field(default_factory=list)
    """Every profile of its own and included files, and every ``actors:`` entry, in merge order."""


def _read_actors(target: Document, folder: Path, texts: Mapping[Path, str], found: list[Layer]) -> None:
    """Merge all ``actors/*.yaml`` of one folder into ``target`` under ``actors.<id>``."""
    for actor_id, doc in actor_files(folder, texts).items():
        merge_into(target, doc, ("actors", actor_id))
        found.extend(layers(doc, actor_id))


def _shown(file: Path) -> str:
    return str(file.parent if file.name == SCENARIO_FILE else file)


def read_raw(path: Path, texts: Mapping[Path, str] | None = None) -> ScenarioDocument:
    """The merged, unvalidated scenario: its shared profiles first, then included folders, then
    this folder's files.

    ``texts`` gives the text of some files (by resolved path) instead of reading them from disk:
    the editor checks what is being typed exactly as a run would load it once saved.
    """
    texts = texts or {}
    found: list[Layer] = []
    tree = _read_tree(path, texts, (), found)
    folder = shared_folder(tree)
    shared = read_shared(folder, texts) if folder is not None else {}
    merged = beneath(tree, shared, found) if folder is not None else tree
    return ScenarioDocument(merged.data, merged.lines, merged.roots, shared, folder, found)


def _read_tree(
    path: Path, texts: Mapping[Path, str], stack: tuple[Path, ...], found: list[Layer]
) -> Document:
    """Included folders first, then this folder's files. ``stack`` holds the scenario files being
    read, by resolved path, so that a folder named two ways (``../a`` and ``../a/scenario.yaml``)
    is still seen as the same step of a cycle; ``found`` collects the profiles read, as layers."""
    file = real(scenario_file(path))
    own = document(file, texts)
    folder = file.parent
    include = own.data.get("include")
    merged = Document({})
    if include is not None:
        where = own.locate(("include",))
        base = _included(include, folder, where)
        if base in (*stack, file):
            chain = " -> ".join(_shown(p) for p in (*stack, file, base))
            raise IncludeCycleError(f"include: cycle {chain}", *where)
        if len(stack) + 1 >= MAX_INCLUDES:
            top = stack[0] if stack else file
            raise IncludeCycleError(
                f"include: more than {MAX_INCLUDES} scenarios deep ({_shown(top)} -> ... -> {_shown(base)})",
                top,
            )
        merged = _read_tree(base, texts, (*stack, file), found)
    _read_actors(merged, folder, texts, found)
    merge_into(merged, own)
    found.extend(layers(own))
    return merged


def shared_folder_on_disk(path: Path) -> Path | None:
    """The folder of shared profiles the scenario at ``path`` names, found by reading only its
    scenario file and those it includes; None when they name none or cannot be read. For an
    editor that lists the profiles of a scenario that does not load, to let them be fixed."""
    file = scenario_file(Path(path))
    try:
        for _ in range(MAX_INCLUDES):
            file = real(file)
            doc = yamlsafe.load(file)
            if doc.data.get(PROFILES_KEY) is not None:
                return shared_folder(doc)
            include = doc.data.get("include")
            if include is None:
                return None
            file = _included(include, file.parent, doc.locate(("include",)))
    except DiplosimError:
        return None
    return None


def _included(include: Any, folder: Path, where: tuple[Path | None, int | None]) -> Path:
    """The scenario file an ``include:`` names, checked to be a scenario of the project or a
    shipped one."""
    if not isinstance(include, str):
        raise SchemaError("include: must be a relative folder path", *where)
    try:
        target = contained(include, folder, include_roots(folder), INCLUDE_PLACES)
    except ScenarioPathError as exc:
        raise ScenarioPathError(f"include: {exc.message}", *where) from None
    base = target if target.name == SCENARIO_FILE else target / SCENARIO_FILE
    if not base.is_file():
        raise ScenarioReferenceError(f"include: no scenario at {_shown(base)}", *where)
    return base


def _where(doc: Document, loc: tuple) -> tuple[Path | None, int | None, str]:
    """Map a pydantic error location onto the raw data, skipping pydantic's own labels.

    The field is named as it reads in its own file: ``ideal.coercion`` in an actor file.
    """
    node: Any = doc.data
    path: list[str | int] = []
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
            path.append(part)
    file, line = doc.locate(tuple(path))
    return file, line, doc.dotted(tuple(path))


def validation_error(doc: Document, exc: ValidationError) -> SchemaError:
    """The first of pydantic's errors as ``file:line: field: message``."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    if first["type"] == "unknown_field":
        loc = loc + (first["ctx"]["field"],)
    file, line, dotted = _where(doc, loc)
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        message = f"missing required field '{loc[-1]}'"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    text = f"{dotted}: {message}{more}" if dotted else f"{message}{more}"
    return SchemaError(text, file, line)


UNHASHED = ("record", PROFILES_KEY, OUTSIDE_KEY)
"""Fields no run reads: the recorded votes (kept for backtests), and the keys that only say where
the profiles come from (what they bring is in ``actors``). Changing them changes no run, so they
stay out of the digest, and saves and batches made before remain valid; moving profiles into a
folder of shared profiles, with the same numbers, changes no digest."""


def digest_of(data: dict) -> str:
    """A stable hash of a scenario's content, so saves and batches can tell if it changed: the
    merged scenario and profiles, each seat as its Council lists give it, whichever files they
    came from, less :data:`UNHASHED`."""
    content = {key: value for key, value in with_seats(data).items() if key not in UNHASHED}
    blob = json.dumps(content, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def validate(doc: Document, folder: Path) -> LoadedScenario:
    """Type-check the merged scenario, then what spans files: ids, the Council, the changes made
    to shared profiles and their dated reasons, the seed article and every quote taken from it.

    A scenario without a seed article (one that rests on UN records) quotes nothing itself; its
    actors' provenance quotes are found in the article its folder of shared profiles names
    (``source.yaml``), and with none either, a quote is an error."""
    try:
        spec = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None
    check_references(spec, doc)
    shared = doc if isinstance(doc, ScenarioDocument) else ScenarioDocument({})
    overrides = tuple(find(shared.shared, shared.layers))
    check_overrides(overrides)
    if spec.source.seed is None:
        no_article(own_quotes(spec), doc, NO_SEED)
        article = shared_article(shared.shared_folder) if shared.shared_folder is not None else None
        if article is None:
            no_article(actor_quotes(spec), doc, NO_SHARED_SEED)
        else:
            check_quotes(actor_quotes(spec), doc, article)
        return LoadedScenario(spec, folder, doc, digest_of(doc.data), shared.shared_folder, overrides)
    seed = seed_article(doc, spec.source.seed)
    if seed is not None:
        if not seed.exists():  # anything else that is not a text file is named by read_text
            raise ScenarioReferenceError(
                f"source.seed: no file at {spec.source.seed}", *doc.locate(("source", "seed"))
            )
        check_quotes(scenario_quotes(spec), doc, seed)
    return LoadedScenario(spec, folder, doc, digest_of(doc.data), shared.shared_folder, overrides)


SHARED_SEED_PLACES = "in this folder, in the project's seeds/ folder, or a shipped seed article"


def shared_article(folder: Path) -> Path | None:
    """The real path of the article a folder of shared profiles quotes, as its ``source.yaml``
    names it (checked as a scenario's seed article is: in its tree, an existing file); None when
    the folder has no ``source.yaml``."""
    file = folder / SOURCE_FILE
    if not file.exists():
        return None
    doc = yamlsafe.load(file)
    try:
        source = SharedSource.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None
    seed = seed_article(doc, source.seed, ("seed",), SHARED_SEED_PLACES)
    if seed is not None and not seed.exists():
        raise ScenarioReferenceError(f"seed: no file at {source.seed}", *doc.locate(("seed",)))
    return seed


def load_scenario(path: Path | str, overrides: Document | None = None) -> LoadedScenario:
    """Read, merge and validate the scenario at ``path`` (a folder or its ``scenario.yaml``)."""
    path = Path(path)
    doc = read_raw(path)
    if overrides is not None:
        merge_into(doc, overrides)
    return validate(doc, scenario_file(path).resolve().parent)


def load_profile(path: Path | str) -> ActorProfile:
    """Validate one actor profile file on its own; when it sits in a readable scenario's
    ``actors/``, also find its provenance quotes in that scenario's seed article (or, for a
    scenario without one, in its folder of shared profiles' article). A profile in a folder of
    shared profiles may not give a seat, and its quotes are found in the article the folder's
    ``source.yaml`` names, if it names one (and in each scenario that uses it)."""
    path = Path(path)
    doc = yamlsafe.load(path)
    folder = path.resolve().parent
    shared = folder.name == ACTORS_DIR and is_shared_folder(folder.parent)
    if shared:
        check_no_seat(doc)
    try:
        profile = ActorProfile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None
    seed = shared_article(folder.parent) if shared else _seed_beside(path)
    if seed is not None:
        check_quotes(profile_quotes(profile), doc, seed)
    return profile


def load_shared(folder: Path | str) -> dict[str, ActorProfile]:
    """Validate every profile of a folder of shared profiles, by id, and find their provenance
    quotes in the article its ``source.yaml`` names, if it names one."""
    folder = Path(folder).resolve()
    seed = shared_article(folder)
    profiles = {}
    for actor_id, doc in read_shared(folder).items():
        try:
            profiles[actor_id] = ActorProfile.model_validate(doc.data)
        except ValidationError as exc:
            raise validation_error(doc, exc) from None
        if seed is not None:
            check_quotes(profile_quotes(profiles[actor_id]), doc, seed)
    return profiles


def _seed_beside(profile: Path) -> Path | None:
    """The seed article of the scenario whose ``actors/`` holds ``profile`` (for one without,
    its folder of shared profiles' article), if it can be read; a broken scenario is reported
    when the scenario is validated, not the profile alone."""
    folder = profile.resolve().parent
    if folder.name != ACTORS_DIR or not (folder.parent / SCENARIO_FILE).is_file():
        return None
    try:
        doc = read_raw(folder.parent)
        source = doc.data.get("source")
        seed = source.get("seed") if isinstance(source, dict) else None
        if isinstance(seed, str):
            path = seed_article(doc, seed)
        else:
            path = shared_article(doc.shared_folder) if doc.shared_folder is not None else None
    except DiplosimError:
        return None
    return path if path is not None and path.is_file() else None

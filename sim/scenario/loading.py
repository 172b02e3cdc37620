"""Loading a scenario folder: its file, its actor profiles, the folders it includes.

YAML -> merged raw mapping (every key remembers its file and line) -> validated ``Scenario``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
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
from .checks import check_references
from .paths import contained, include_roots, real
from .profiles import ActorProfile
from .provenance import check_quotes, profile_quotes, scenario_quotes, seed_article
from .spec import Scenario
from .yamlsafe import Document

SCENARIO_FILE = "scenario.yaml"
ACTORS_DIR = "actors"
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

    def locate(self, *path: str | int) -> tuple[Path | None, int | None]:
        return self.document.locate(tuple(path))


def scenario_file(path: Path) -> Path:
    """``path`` itself if it is a file, else the scenario file inside the folder."""
    return path / SCENARIO_FILE if path.is_dir() else path


def merge_into(target: Document, over: Document, prefix: tuple = ()) -> None:
    """Deep-merge ``over`` into ``target`` in place, at ``prefix``. Linear in the size of ``over``
    (and of what it replaces), however large ``target`` already is."""
    target.roots.update({file: prefix + root for file, root in over.roots.items()})
    data = target.data
    for key in prefix:
        data = data.setdefault(key, {})
    _merge_into(data, over.data, prefix, target.lines)
    for path, where in over.lines.items():
        target.lines[prefix + path] = where


def _merge_into(target: dict, source: dict, path: tuple, lines: dict) -> None:
    for key, value in source.items():
        old = target.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            _merge_into(old, value, path + (key,), lines)
        else:
            if key in target:
                _forget(lines, path + (key,), old)
            target[key] = copy.deepcopy(value)


def _forget(lines: dict, path: tuple, value: Any) -> None:
    """Drop the lines of ``value`` (at ``path``) and everything under it: it is being replaced."""
    lines.pop(path, None)
    if isinstance(value, dict):
        for key, item in value.items():
            _forget(lines, path + (key,), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _forget(lines, path + (index,), item)


def _document(file: Path, texts: Mapping[Path, str]) -> Document:
    text = texts.get(file)
    return yamlsafe.load(file) if text is None else yamlsafe.parse(text, file)


def _read_actors(target: Document, folder: Path, texts: Mapping[Path, str]) -> None:
    """Merge all ``actors/*.yaml`` of one folder into ``target`` under ``actors.<id>``, refusing
    duplicate ids and files that lead out of the folder (a link to a file elsewhere)."""
    seen: dict[str, Path] = {}
    actors = real(folder / ACTORS_DIR)
    for file in sorted((folder / ACTORS_DIR).glob("*.yaml")):
        if not real(file).is_relative_to(actors):
            raise ScenarioPathError("a link to a file outside the scenario's actors/ folder", file)
        doc = _document(file, texts)
        actor_id = doc.data.get("id", file.stem)
        if not isinstance(actor_id, str):
            raise SchemaError("id: must be a string", file, doc.locate(("id",))[1])
        if actor_id in seen:
            raise ScenarioReferenceError(
                f"id: duplicate actor id '{actor_id}' (also in {seen[actor_id]})",
                file,
                doc.locate(("id",))[1],
            )
        seen[actor_id] = file
        merge_into(target, doc, ("actors", actor_id))


def _shown(file: Path) -> str:
    return str(file.parent if file.name == SCENARIO_FILE else file)


def read_raw(path: Path, texts: Mapping[Path, str] | None = None, _stack: tuple[Path, ...] = ()) -> Document:
    """The merged, unvalidated scenario: included folders first, then this folder's files.

    ``texts`` gives the text of some files (by resolved path) instead of reading them from disk:
    the editor checks what is being typed exactly as a run would load it once saved.
    ``_stack`` holds the scenario files being read, by resolved path, so that a folder named
    two ways (``../a`` and ``../a/scenario.yaml``) is still seen as the same step of a cycle.
    """
    texts = texts or {}
    file = real(scenario_file(path))
    own = _document(file, texts)
    folder = file.parent
    include = own.data.get("include")
    merged = Document({})
    if include is not None:
        where = own.locate(("include",))
        base = _included(include, folder, where)
        if base in (*_stack, file):
            chain = " -> ".join(_shown(p) for p in (*_stack, file, base))
            raise IncludeCycleError(f"include: cycle {chain}", *where)
        if len(_stack) + 1 >= MAX_INCLUDES:
            top = _stack[0] if _stack else file
            raise IncludeCycleError(
                f"include: more than {MAX_INCLUDES} scenarios deep ({_shown(top)} -> ... -> {_shown(base)})",
                top,
            )
        merged = read_raw(base, texts, (*_stack, file))
    _read_actors(merged, folder, texts)
    merge_into(merged, own)
    return merged


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


UNHASHED = ("record",)
"""Fields no run reads (the recorded votes, kept for backtests): changing them changes no run, so
they stay out of the digest, and saves and batches made before remain valid."""


def digest_of(data: dict) -> str:
    """A stable hash of a scenario's content, so saves and batches can tell if it changed."""
    read = {key: value for key, value in data.items() if key not in UNHASHED}
    blob = json.dumps(read, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def validate(doc: Document, folder: Path) -> LoadedScenario:
    """Type-check the merged scenario, then what spans files: ids, the Council, the seed article
    and every quote taken from it."""
    try:
        spec = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None
    check_references(spec, doc)
    seed = seed_article(doc, spec.source.seed)
    if seed is not None:
        if not seed.exists():  # anything else that is not a text file is named by read_text
            raise ScenarioReferenceError(
                f"source.seed: no file at {spec.source.seed}", *doc.locate(("source", "seed"))
            )
        check_quotes(scenario_quotes(spec), doc, seed)
    return LoadedScenario(spec, folder, doc, digest_of(doc.data))


def load_scenario(path: Path | str, overrides: Document | None = None) -> LoadedScenario:
    """Read, merge and validate the scenario at ``path`` (a folder or its ``scenario.yaml``)."""
    path = Path(path)
    doc = read_raw(path)
    if overrides is not None:
        merge_into(doc, overrides)
    return validate(doc, scenario_file(path).resolve().parent)


def load_profile(path: Path | str) -> ActorProfile:
    """Validate one actor profile file on its own; when it sits in a readable scenario's
    ``actors/``, also find its provenance quotes in that scenario's seed article."""
    path = Path(path)
    doc = yamlsafe.load(path)
    try:
        profile = ActorProfile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None
    seed = _seed_beside(path)
    if seed is not None:
        check_quotes(profile_quotes(profile), doc, seed)
    return profile


def _seed_beside(profile: Path) -> Path | None:
    """The seed article of the scenario whose ``actors/`` holds ``profile``, if it can be read;
    a broken scenario is reported when the scenario is validated, not the profile alone."""
    folder = profile.resolve().parent
    if folder.name != ACTORS_DIR or not (folder.parent / SCENARIO_FILE).is_file():
        return None
    try:
        doc = read_raw(folder.parent)
        source = doc.data.get("source")
        seed = source.get("seed") if isinstance(source, dict) else None
        path = seed_article(doc, seed) if isinstance(seed, str) else None
    except DiplosimError:
        return None
    return path if path is not None and path.is_file() else None

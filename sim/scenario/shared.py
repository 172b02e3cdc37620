"""Shared profiles: one profile per actor across scenarios.

A folder of shared profiles holds ``actors/*.yaml`` and no ``scenario.yaml``
(``scenarios/syria-actors/``). A scenario names it with ``profiles: ../syria-actors`` and takes
from it the profile of each of its actors: its Council members, those it lists under
``outside:``, and any other it gives a file in ``actors/`` or an entry under ``actors:``. Those
profiles are merged first, beneath the profiles of an included scenario and the scenario's own,
which override them field by field (each change with a dated reason: :mod:`.overrides`); the
provenance of an override is added to the shared profile's, not put in its place.

The folder may hold a ``source.yaml`` naming the article its profiles quote (``seed:``, relative
to the folder, and ``title:``): a scenario without a seed article of its own, one that rests on UN
records, finds its shared profiles' quotes there.

A shared profile has no ``seat``: the same state is elected one year and absent the next, so each
scenario gives the seat by its ``council:`` lists. An alignment of a shared profile with another
actor of the folder that a scenario leaves out is left out with it (it would pull nothing); one
with an actor the folder does not hold is still an unknown actor.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import ScenarioPathError, ScenarioReferenceError, SchemaError
from .merging import ACTORS_DIR, SCENARIO_FILE, actor_files, forget, merge_into
from .overrides import Layer
from .paths import contained, include_roots
from .yamlsafe import Document

PROFILES_KEY = "profiles"
SOURCE_FILE = "source.yaml"
"""The file of a folder of shared profiles that names the article their quotes come from."""
OUTSIDE_KEY = "outside"
PROFILES_PLACES = "a folder of shared profiles of the same project (beside this scenario) or a shipped one"
WHOSE = "the shared profiles'"


def is_shared_folder(folder: Path) -> bool:
    """A folder of shared profiles: ``actors/`` and no ``scenario.yaml``."""
    return folder.is_dir() and (folder / ACTORS_DIR).is_dir() and not (folder / SCENARIO_FILE).exists()


def shared_folder(doc: Document) -> Path | None:
    """The real path of the folder a merged scenario's ``profiles:`` names (relative to the file
    that names it), checked to be a folder of shared profiles in the scenario's tree; None when no
    file names one."""
    named = doc.data.get(PROFILES_KEY)
    if named is None:
        return None
    file, line = doc.locate((PROFILES_KEY,))
    if not isinstance(named, str) or file is None:
        raise SchemaError(f"{PROFILES_KEY}: must be a relative folder path", file, line)
    try:
        folder = contained(named, file.parent, include_roots(file.parent), PROFILES_PLACES)
    except ScenarioPathError as exc:
        raise ScenarioPathError(f"{PROFILES_KEY}: {exc.message}", file, line) from None
    if not folder.is_dir():
        raise ScenarioReferenceError(f"{PROFILES_KEY}: no folder at {named}", file, line)
    if (folder / SCENARIO_FILE).exists():
        raise ScenarioReferenceError(
            f"{PROFILES_KEY}: {named} is a scenario, not a folder of shared profiles "
            "(a scenario is named with include:)",
            file,
            line,
        )
    if not (folder / ACTORS_DIR).is_dir():
        raise ScenarioReferenceError(f"{PROFILES_KEY}: no {ACTORS_DIR}/ folder in {named}", file, line)
    return folder


def read_shared(folder: Path, texts: Mapping[Path, str] | None = None) -> dict[str, Document]:
    """Every profile of a folder of shared profiles, by actor id; a ``seat`` in one is refused."""
    profiles = actor_files(folder, texts or {}, WHOSE)
    for doc in profiles.values():
        check_no_seat(doc)
    return profiles


def check_no_seat(doc: Document) -> None:
    """A shared profile gives no seat."""
    if "seat" in doc.data:
        file, line = doc.locate(("seat",))
        raise SchemaError(
            "seat: a shared profile has no seat; each scenario gives it by its council lists "
            "(the same state is elected one year and absent the next)",
            file,
            line,
        )


def _ids(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def actors_named(data: dict) -> set[str]:
    """The actors a merged scenario has: its Council members, those under ``outside:``, and every
    actor it already holds a profile or an entry for. Malformed lists are the schema's to report."""
    council = data.get("council")
    council = council if isinstance(council, dict) else {}
    actors = data.get("actors")
    named = set(_ids(council.get("permanent"))) | set(_ids(council.get("elected")))
    named |= set(_ids(data.get(OUTSIDE_KEY)))
    return named | (set(actors) if isinstance(actors, dict) else set())


def beneath(tree: Document, shared: dict[str, Document], files: Iterable[Layer] = ()) -> Document:
    """The merged scenario ``tree`` with the shared profiles of its actors beneath it: a new
    document, the shared profiles merged first (by id), then ``tree`` over them. ``files`` are the
    profiles ``tree`` was merged from: the provenance each gives a shared actor is added after the
    shared profile's, in their order."""
    named = actors_named(tree.data)
    left_out = set(shared) - named
    dimensions = tree.data.get("dimensions")
    dims = set(dimensions) if isinstance(dimensions, dict) else None
    merged = Document({})
    for actor_id in sorted(named & set(shared)):
        merge_into(merged, _without(shared[actor_id], left_out, dims), ("actors", actor_id))
    under = {
        actor_id: copy.deepcopy(profile.get("provenance"))
        for actor_id, profile in merged.data.get("actors", {}).items()
    }
    lines = dict(merged.lines)
    merge_into(merged, tree)
    files = list(files)
    for actor_id, sources in under.items():
        _add_provenance(merged, actor_id, sources, lines, [f for f in files if f.actor == actor_id])
    return merged


def _without(doc: Document, left_out: set[str], dims: set[str] | None) -> Document:
    """``doc`` without its alignments with (and deference to) the actors in ``left_out`` and,
    when the scenario declares its ``dims``, without the positions and saliences of the dimensions it does not
    bargain over (a shared profile holds every dimension of the file; a draft that leaves one
    where it stands makes it count for nothing), nor the provenance that supports only those."""
    data = dict(doc.data)
    lines = dict(doc.lines)
    changed = False
    for field in ("alignments", "deference"):
        others = data.get(field)
        if isinstance(others, dict) and left_out & set(others):
            data[field] = {k: v for k, v in others.items() if k not in left_out}
            for key in left_out & set(others):
                forget(lines, (field, key), others[key])
            changed = True
    for field in ("ideal", "salience") if dims is not None else ():
        mapping = data.get(field)
        if isinstance(mapping, dict) and set(mapping) - dims:
            data[field] = {k: v for k, v in mapping.items() if k in dims}
            for key in set(mapping) - dims:
                forget(lines, (field, key), mapping[key])
            changed = True
    if changed and dims is not None:
        _drop_support(data, lines, dims)
    return Document(data, lines, dict(doc.roots)) if changed else doc


def _unused(field: object, dims: set[str]) -> bool:
    """A ``supports`` entry naming a dimension the scenario does not declare."""
    if not isinstance(field, str):
        return False
    head, _, key = field.partition(".")
    return head in ("ideal", "salience") and bool(key) and key not in dims


def _drop_support(data: dict, lines: dict, dims: set[str]) -> None:
    """Provenance entries that support only dropped dimensions go; the others lose those names
    (their lines renumbered with them)."""
    sources = data.get("provenance")
    if not isinstance(sources, list):
        return
    kept: list[tuple[int, Any]] = []
    for index, source in enumerate(sources):
        supports = source.get("supports") if isinstance(source, dict) else None
        if isinstance(supports, list) and any(_unused(f, dims) for f in supports):
            left = [f for f in supports if not _unused(f, dims)]
            if not left:
                continue
            source = {**source, "supports": left}
        kept.append((index, source))
    path = ("provenance",)
    old = {key: where for key, where in lines.items() if key[:1] == path and len(key) > 1}
    for key in old:
        del lines[key]
    for new_index, (index, _) in enumerate(kept):
        for key, where in old.items():
            if key[1] == index and not (len(key) > 3 and key[2] == "supports"):
                lines[(*path, new_index, *key[2:])] = where
    data["provenance"] = [source for _, source in kept]


def _add_provenance(merged: Document, actor_id: str, shared: Any, lines: dict, files: list[Layer]) -> None:
    """The provenance of each file that changes a shared profile goes after the shared profile's
    (the merge put the last one in its place): the entries, and the lines they were written on,
    numbered on after those before."""
    given = [
        (f, f.data["provenance"])
        for f in files
        if isinstance(f.data, dict) and isinstance(f.data.get("provenance"), list)
    ]
    if not isinstance(shared, list) or not given:
        return
    path = ("actors", actor_id, "provenance")
    inside = len(path)
    for key in [k for k in merged.lines if k[:inside] == path and len(k) > inside]:
        del merged.lines[key]
    merged.lines.update({k: where for k, where in lines.items() if k[:inside] == path and len(k) > inside})
    sources = list(shared)
    for layer, entries in given:
        start = (*layer.prefix, "provenance")
        for key, where in layer.doc.lines.items():
            if key[: len(start)] == start and len(key) > len(start):
                merged.lines[(*path, key[len(start)] + len(sources), *key[len(start) + 1 :])] = where
        sources += copy.deepcopy(entries)
    merged.data["actors"][actor_id]["provenance"] = sources

"""Shared profiles: one profile per actor across scenarios.

A folder of shared profiles holds ``actors/*.yaml`` and no ``scenario.yaml``
(``scenarios/syria-actors/``). A scenario names it with ``profiles: ../syria-actors`` and takes
from it the profile of each of its actors: its Council members, those it lists under
``outside:``, and any other it gives a file in ``actors/`` or an entry under ``actors:``. Those
profiles are merged first, beneath the profiles of an included scenario and the scenario's own,
which override them field by field (each change with a dated reason: :mod:`.overrides`); the
provenance of an override is added to the shared profile's, not put in its place.

A shared profile has no ``seat``: the same state is elected one year and absent the next, so each
scenario gives the seat by its ``council:`` lists. An alignment of a shared profile with another
actor of the folder that a scenario leaves out is left out with it (it would pull nothing); one
with an actor the folder does not hold is still an unknown actor.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ScenarioPathError, ScenarioReferenceError, SchemaError
from .merging import ACTORS_DIR, SCENARIO_FILE, actor_files, forget, merge_into
from .paths import contained, include_roots
from .yamlsafe import Document

PROFILES_KEY = "profiles"
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


def beneath(tree: Document, shared: dict[str, Document]) -> Document:
    """The merged scenario ``tree`` with the shared profiles of its actors beneath it: a new
    document, the shared profiles merged first (by id), then ``tree`` over them."""
    named = actors_named(tree.data)
    left_out = set(shared) - named
    merged = Document({})
    for actor_id in sorted(named & set(shared)):
        merge_into(merged, _without(shared[actor_id], left_out), ("actors", actor_id))
    under = {
        a: copy.deepcopy(merged.data["actors"][a].get("provenance")) for a in merged.data.get("actors", {})
    }
    lines = dict(merged.lines)
    merge_into(merged, tree)
    for actor_id, sources in under.items():
        _add_provenance(merged, tree, actor_id, sources, lines)
    return merged


def _without(doc: Document, left_out: set[str]) -> Document:
    """``doc`` without its alignments with the actors in ``left_out``."""
    alignments = doc.data.get("alignments")
    if not isinstance(alignments, dict) or not left_out & set(alignments):
        return doc
    data = dict(doc.data)
    data["alignments"] = {k: v for k, v in alignments.items() if k not in left_out}
    lines = dict(doc.lines)
    for key in left_out & set(alignments):
        forget(lines, ("alignments", key), alignments[key])
    return Document(data, lines, dict(doc.roots))


def _add_provenance(merged: Document, tree: Document, actor_id: str, shared: Any, lines: dict) -> None:
    """An override's provenance goes after the shared profile's (the merge put it in its place):
    the entries, and the lines they were written on, renumbered after the shared ones."""
    actors = tree.data.get("actors")
    over = actors.get(actor_id) if isinstance(actors, dict) else None
    added = over.get("provenance") if isinstance(over, dict) else None
    if not isinstance(shared, list) or not shared or not isinstance(added, list):
        return
    path = ("actors", actor_id, "provenance")
    merged.data["actors"][actor_id]["provenance"] = shared + copy.deepcopy(added)
    for key in [k for k in merged.lines if k[: len(path)] == path and len(k) > len(path)]:
        del merged.lines[key]
    count = len(shared)
    for key, where in lines.items():
        if key[: len(path)] == path and len(key) > len(path):
            merged.lines[key] = where
    for key, where in tree.lines.items():
        if key[: len(path)] == path and len(key) > len(path):
            merged.lines[(*path, key[len(path)] + count, *key[len(path) + 1 :])] = where

"""Merging YAML documents, and reading a folder's ``actors/*.yaml``: what every source of profiles
(a scenario folder, an included one, a folder of shared profiles) is read and merged with.

Mappings merge key by key; anything else (a number, a list) replaces what was there. Every key
keeps the file and line it was written on, so later checks can point at ``file:line``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ScenarioPathError, ScenarioReferenceError, SchemaError
from . import yamlsafe
from .paths import real
from .yamlsafe import Document, Path_

SCENARIO_FILE = "scenario.yaml"
ACTORS_DIR = "actors"


def merge_into(target: Document, over: Document, prefix: Path_ = ()) -> None:
    """Deep-merge ``over`` into ``target`` in place, at ``prefix``. Linear in the size of ``over``
    (and of what it replaces), however large ``target`` already is."""
    target.roots.update({file: prefix + root for file, root in over.roots.items()})
    data = target.data
    for key in prefix:
        data = data.setdefault(key, {})
    _merge_into(data, over.data, prefix, target.lines)
    for path, where in over.lines.items():
        target.lines[prefix + path] = where


def _merge_into(target: dict, source: dict, path: Path_, lines: dict) -> None:
    for key, value in source.items():
        old = target.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            _merge_into(old, value, path + (key,), lines)
        else:
            if key in target:
                forget(lines, path + (key,), old)
            target[key] = copy.deepcopy(value)


def forget(lines: dict, path: Path_, value: Any) -> None:
    """Drop the lines of ``value`` (at ``path``) and everything under it: it is being replaced."""
    lines.pop(path, None)
    if isinstance(value, dict):
        for key, item in value.items():
            forget(lines, path + (key,), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            forget(lines, path + (index,), item)


def document(file: Path, texts: Mapping[Path, str]) -> Document:
    """The parsed file, or the text given for it in ``texts`` (what an editor holds)."""
    text = texts.get(file)
    return yamlsafe.load(file) if text is None else yamlsafe.parse(text, file)


def actor_files(
    folder: Path, texts: Mapping[Path, str], whose: str = "the scenario's"
) -> dict[str, Document]:
    """Every ``actors/*.yaml`` of ``folder``, by actor id (the file's ``id``, else its name), in
    order of file name; refuses duplicate ids, and an ``actors/`` folder or a file that leads out
    of where it sits (a link elsewhere). ``whose`` names the folder in messages."""
    place = folder / ACTORS_DIR
    actors = real(place)
    if place.is_dir() and not actors.is_relative_to(real(folder)):
        raise ScenarioPathError(f"a link to a folder outside {whose} folder", place)
    found: dict[str, Document] = {}
    for file in sorted(place.glob("*.yaml")):
        if not real(file).is_relative_to(actors):
            raise ScenarioPathError(f"a link to a file outside {whose} actors/ folder", file)
        doc = document(file, texts)
        actor_id = doc.data.get("id", file.stem)
        if not isinstance(actor_id, str):
            raise SchemaError("id: must be a string", file, doc.locate(("id",))[1])
        if actor_id in found:
            other = next(iter(found[actor_id].roots), None)
            raise ScenarioReferenceError(
                f"id: duplicate actor id '{actor_id}' (also in {other})", file, doc.locate(("id",))[1]
            )
        found[actor_id] = doc
    return found

"""Where a scenario changes a shared profile, and the dated reason it gives for each change.

A scenario takes its actors' profiles from a folder of shared profiles (:mod:`.shared`) and may
change them: in a file of its own in ``actors/``, or under ``actors:`` in its ``scenario.yaml``
(or in those of a scenario it includes). Each field such a file sets to another value than the
shared profile's is an override, and must be supported by a dated entry of that file's provenance
for the actor: ``date:`` given, and the field (or its group: ``ideal`` for ``ideal.coercion``)
under ``supports``. The seat is not an override (each scenario gives it by its council lists);
neither is the provenance (added to the shared profile's) nor the ``id``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .profiles import NUMBERS
from .yamlsafe import Document, Path_

GROUPS = frozenset(number.path[0] for number in NUMBERS if number.keyed or len(number.path) > 1)
"""Fields whose keys are overridden one by one: ``ideal.coercion``, ``costs.veto``."""
NOT_OVERRIDES = frozenset({"id", "seat", "provenance"})


@dataclass(frozen=True)
class Layer:
    """One file's profile of an actor: a whole ``actors/`` file, or an entry under ``actors:``."""

    actor: str
    doc: Document
    prefix: Path_
    """Where the profile sits in ``doc``: ``()`` for an actor file, ``("actors", id)`` for an entry."""

    @property
    def data(self) -> Any:
        node: Any = self.doc.data
        for key in self.prefix:
            node = node.get(key) if isinstance(node, dict) else None
        return node


def layers(doc: Document, actor: str | None = None) -> list[Layer]:
    """The layers of one file: the file itself for an actor file (its ``actor`` given), or each
    entry under ``actors:`` for a scenario file."""
    if actor is not None:
        return [Layer(actor, doc, ())]
    actors = doc.data.get("actors")
    if not isinstance(actors, dict):
        return []
    return [Layer(actor_id, doc, ("actors", actor_id)) for actor_id in actors]


@dataclass(frozen=True)
class Override:
    """A field of a shared profile that a scenario's file changes, with its dated reason if any."""

    actor: str
    field: str
    """Dotted, as ``supports`` names it: ``costs.veto``, ``ideal.coercion``, ``capability``."""
    shared: Any
    """The shared profile's value (None when it leaves the field out), as written."""
    value: Any
    """The value the file gives, as written."""
    file: Path | None
    line: int | None
    date: dt.date | None
    """The date of the first dated provenance entry of the file that supports the field."""
    reason: str = ""
    """That entry's reference (or quote) and reasoning."""


def changed(shared: dict, over: dict) -> Iterator[tuple[str, Path_, Any, Any]]:
    """(field, its key path, shared value, new value) for each field ``over`` changes."""
    for key, value in over.items():
        if key in NOT_OVERRIDES:
            continue
        old = shared.get(key)
        if key in GROUPS and isinstance(value, dict):
            old = old if isinstance(old, dict) else {}
            for sub, item in value.items():
                if sub not in old or old[sub] != item:
                    yield f"{key}.{sub}", (key, sub), old.get(sub), item
        elif key not in shared or old != value:
            yield key, (key,), old, value


def _supports(entry: dict, field: str) -> bool:
    named = entry.get("supports")
    names = [s for s in named if isinstance(s, str)] if isinstance(named, list) else []
    return any(field == name or field.startswith(name + ".") for name in names)


def _reason(entry: dict) -> str:
    what = entry.get("reference") or (f'"{entry["quote"]}"' if entry.get("quote") else "")
    parts = [str(part).strip() for part in (what, entry.get("reasoning")) if part]
    return " ".join(parts)


def find(shared: dict[str, Document], files: Iterable[Layer]) -> list[Override]:
    """Every override of a shared profile by the layers ``files``, in their order."""
    found = []
    for layer in files:
        base, over = shared.get(layer.actor), layer.data
        if base is None or not isinstance(over, dict):
            continue
        sources = over.get("provenance")
        dated = (
            [e for e in sources if isinstance(e, dict) and e.get("date")] if isinstance(sources, list) else []
        )
        for field, path, old, new in changed(base.data, over):
            file, line = layer.doc.locate(layer.prefix + path)
            entry = next((e for e in dated if _supports(e, field)), None)
            date = entry.get("date") if entry is not None else None
            reason = _reason(entry) if entry is not None else ""
            found.append(Override(layer.actor, field, old, new, file, line, date, reason))
    return found


def shown(value: Any) -> str:
    """A value as YAML's flow style writes it: ``0.75``, ``{low: 0.2, high: 0.4}``, ``(none)``."""
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {shown(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


HEADER = (
    "| file | actor | field | shared | here | date | reason |",
    "| --- | --- | --- | --- | --- | --- | --- |",
)
NONE = "No scenario changes a shared profile."


def table(rows: Iterable[tuple[str, Override]]) -> str:
    """The overrides as a Markdown table, one row per (file as shown, override)."""
    lines = [
        "| "
        + " | ".join(
            cell.replace("|", "\\|").replace("\n", " ")
            for cell in (
                f"`{file}`",
                override.actor,
                f"`{override.field}`",
                f"`{shown(override.shared)}`",
                f"`{shown(override.value)}`",
                str(override.date or "(none)"),
                override.reason or "(none)",
            )
        )
        + " |"
        for file, override in rows
    ]
    return "\n".join([*HEADER, *lines]) if lines else NONE

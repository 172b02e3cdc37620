"""Sweeps: ``--vary PATH=VALUES`` turns one scenario into a grid of scenarios.

A path is dotted into the merged scenario document, profiles included
(``actors.russian-federation.ideal.coercion``, ``parameters.noise``,
``drafts.s-2012-538.position.coercion``). Any number the validated scenario holds can be
varied, defaults included, and so can a distribution as a whole (``actors.china.costs.veto``,
replaced by a plain number) or one of its ends (``actors.china.costs.veto.high``).
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DiplosimError, VaryError
from ..scenario.loading import LoadedScenario, load_scenario
from ..scenario.uncertain import finite_number
from ..scenario.yamlsafe import Document

MAX_POINTS = 10_000


@dataclass(frozen=True)
class Axis:
    """One ``--vary``: a path and the values it takes."""

    path: str
    values: tuple[Any, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "values": list(self.values)}


def variable_paths(loaded: LoadedScenario) -> list[str]:
    """Every path a ``--vary`` may name: each number, flag or distribution of the scenario."""
    found: list[str] = []

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, dict):
            if set(node) in ({"low", "high"}, {"mean", "sd"}):
                found.append(prefix)  # a distribution: vary it whole, or one of its ends
            for key, value in node.items():
                walk(value, f"{prefix}.{key}" if prefix else str(key))
        elif isinstance(node, bool | int | float) and prefix:
            found.append(prefix)

    walk(loaded.spec.model_dump(mode="python", exclude={"source", "include"}, warnings=False), "")
    return found


def closest(path: str, valid: list[str]) -> str | None:
    """The valid path nearest to ``path``: fix the first unknown segment (a prefix match first,
    ``russia`` -> ``russian-federation``), keep the rest if it then fits, else the nearest whole path."""
    parts = path.split(".")
    for depth in range(len(parts)):
        head = ".".join(parts[:depth])
        children = sorted(
            {v.split(".")[depth] for v in valid if v.startswith(head) and v.count(".") >= depth}
        )
        if depth and not any(v.startswith(head + ".") for v in valid):
            break
        if parts[depth] in children:
            continue
        starts = [c for c in children if c.startswith(parts[depth]) or parts[depth].startswith(c)]
        near = starts or difflib.get_close_matches(parts[depth], children, n=1, cutoff=0.5)
        if near:
            fixed = ".".join([*parts[:depth], near[0], *parts[depth + 1 :]])
            if fixed in valid:
                return fixed
        break
    matches = difflib.get_close_matches(path, valid, n=1, cutoff=0.0)
    return matches[0] if matches else None


def parse_values(text: str, path: str) -> tuple[Any, ...]:
    """``0.1,0.2,0.5`` or ``[0.1, 0.2]`` (a list) or ``0:1:5`` (start:stop:count, both ends in)."""
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    if ":" in body:
        parts = body.split(":")
        if len(parts) != 3:
            raise VaryError(f"--vary {path}: a range is start:stop:count, e.g. 0:1:5 (got '{text}')")
        start, stop = (_number(p, path) for p in parts[:2])
        count = _number(parts[2], path)
        if count != int(count) or count < 1:
            raise VaryError(f"--vary {path}: the count in start:stop:count must be a whole number >= 1")
        return tuple(round(float(v), 12) for v in np.linspace(start, stop, int(count)))
    items = [item.strip() for item in body.split(",")]
    if not body or any(not item for item in items):
        raise VaryError(f"--vary {path}: give values, e.g. {path}=0.1,0.2 or {path}=0:1:5")
    return tuple(_scalar(item, path) for item in items)


def _number(text: str, path: str, what: str = "a number") -> float:
    try:
        return finite_number(text)
    except ValueError as exc:
        reason = str(exc) if "finite" in str(exc) else f"'{text}' is not {what}"
        raise VaryError(f"--vary {path}: {reason}") from None


def _scalar(text: str, path: str) -> Any:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    number = _number(text, path, "a number (or true/false)")
    return int(number) if number.is_integer() and "." not in text and "e" not in lowered else number


def parse_axes(specs: list[str], loaded: LoadedScenario) -> list[Axis]:
    """Check every ``PATH=VALUES`` against the scenario; an unknown path names the closest valid one."""
    valid = variable_paths(loaded)
    known = set(valid)
    axes: list[Axis] = []
    for spec in specs:
        path, sep, values = spec.partition("=")
        path = path.strip()
        if not sep or not path:
            raise VaryError(f"--vary '{spec}': write PATH=VALUES, e.g. parameters.noise=0.04,0.06,0.08")
        if path not in known:
            near = closest(path, valid)
            hint = f"; did you mean '{near}'?" if near else ""
            raise VaryError(f"--vary {path}: no such number in scenario '{loaded.spec.id}'{hint}")
        if any(a.path == path for a in axes):
            raise VaryError(f"--vary {path}: given twice")
        axes.append(Axis(path, parse_values(values, path)))
    return axes


def grid(axes: list[Axis]) -> list[dict[str, Any]]:
    """Every combination of the axes' values, the last axis varying fastest; ``[{}]`` for none."""
    paths = [a.path for a in axes]
    points = [dict(zip(paths, combo, strict=True)) for combo in itertools.product(*(a.values for a in axes))]
    if len(points) > MAX_POINTS:
        raise VaryError(f"--vary: {len(points)} grid points; at most {MAX_POINTS} in one batch")
    return points


def overrides(point: dict[str, Any]) -> Document:
    """The grid point as a document to merge over the scenario."""
    data: dict[str, Any] = {}
    for path, value in point.items():
        node = data
        *parents, leaf = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return Document(data)


def scenario_at(path: Path, point: dict[str, Any]) -> LoadedScenario:
    """The scenario with the grid point's values, validated like any scenario."""
    if not point:
        return load_scenario(path)
    try:
        return load_scenario(path, overrides=overrides(point))
    except DiplosimError as exc:
        shown = ", ".join(f"{k}={v}" for k, v in point.items())
        message = exc.message.split(": ", 1)[-1] if ": " in exc.message else exc.message
        raise VaryError(f"--vary {shown}: {message}") from None

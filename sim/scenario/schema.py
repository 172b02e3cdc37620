"""JSON Schemas of the scenario and profile files, for editors with the YAML language server.

Generated from the same pydantic models that validate a load, so the editor and ``diplosim
validate`` agree on names, types and ranges. Written as draft-07, the newest draft the YAML
language server (VS Code, Neovim, Helix...) fully supports. What spans files (ids that must
exist, the Council's fifteen seats, quotes found in the seed article) only ``validate`` checks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .profiles import ActorProfile
from .spec import Scenario, SharedSource
from .uncertain import Normal, Range

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"
"""Where the shipped schemas sit, beside the shipped scenarios (``scenarios/schemas/``)."""
SCENARIO_SCHEMA = "diplosim-scenario.schema.json"
PROFILE_SCHEMA = "diplosim-profile.schema.json"
SOURCE_SCHEMA = "diplosim-source.schema.json"
MODELINE = "# yaml-language-server: $schema="

_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf")
_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")
_SCHEMA_ONE = ("additionalProperties", "items", "not", "if", "then", "else", "propertyNames")


class _Generator(GenerateJsonSchema):
    """pydantic's generator without the titles it derives from field names (``"title": "Noise"``)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _walk(node: Any, visit: Callable[[dict], dict]) -> Any:
    """Apply ``visit`` to every subschema, children first; the keys of mappings are left alone."""
    if isinstance(node, list):
        return [_walk(item, visit) for item in node]
    if not isinstance(node, dict):
        return node
    out = dict(node)
    for key in _SCHEMA_MAPS:
        if isinstance(out.get(key), dict):
            out[key] = {name: _walk(sub, visit) for name, sub in out[key].items()}
    for key in (*_SCHEMA_LISTS, "prefixItems"):
        if isinstance(out.get(key), list):
            out[key] = [_walk(sub, visit) for sub in out[key]]
    for key in _SCHEMA_ONE:
        if isinstance(out.get(key), dict | list):
            out[key] = _walk(out[key], visit)
    return visit(out)


def _shown(bound: float) -> str:
    return ("Minus" if bound < 0 else "") + f"{abs(bound):g}"


def _number_def(lo: float, hi: float) -> dict:
    """A number in ``[lo, hi]``, or a distribution of one: what ``uncertain(lo, hi)`` accepts."""
    bounded = {"type": "number", "minimum": lo, "maximum": hi}

    def described(model: type, name: str, schema: dict) -> dict:
        return {**schema, "description": model.model_fields[name].description}

    return {
        "title": f"Number from {lo:g} to {hi:g}, or a distribution",
        "description": f"A number from {lo:g} to {hi:g}, or a distribution each run draws from: "
        "`{low: ..., high: ...}` (uniform) or `{mean: ..., sd: ...}` (normal, clipped to the range).",
        "anyOf": [
            bounded,
            {
                "type": "object",
                "title": "Range",
                "description": (Range.__doc__ or "").replace("``", "`"),
                "additionalProperties": False,
                "required": ["low", "high"],
                "properties": {name: described(Range, name, bounded) for name in ("low", "high")},
            },
            {
                "type": "object",
                "title": "Normal",
                "description": Normal.__doc__,
                "additionalProperties": False,
                "required": ["mean", "sd"],
                "properties": {
                    "mean": described(Normal, "mean", bounded),
                    "sd": described(Normal, "sd", {"type": "number", "minimum": 0}),
                },
            },
        ],
    }


def _base(model: type) -> dict:
    """The model's schema with bounded uncertain numbers."""
    raw = json.loads(json.dumps(model.model_json_schema(schema_generator=_Generator)))
    defs: dict[str, dict] = raw.pop("$defs", {})
    numbers: dict[str, dict] = {}

    def visit(node: dict) -> dict:
        if "x-range" in node:
            lo, hi = node.pop("x-range")
            name = f"Number{_shown(lo)}to{_shown(hi)}"
            numbers.setdefault(name, _number_def(lo, hi))
            for key in ("oneOf", "anyOf"):
                node.pop(key, None)
            node["$ref"] = f"#/$defs/{name}"
        if isinstance(node.get("description"), str):
            node["description"] = node["description"].replace("``", "`")
        return node

    root = _walk({**raw, "$defs": defs}, visit)
    root["$defs"].update(numbers)
    for unused in ("Range", "Normal"):
        root["$defs"].pop(unused, None)
    return root


def _partial(root: dict, name: str) -> str:
    """Add to ``root["$defs"]`` an override form of definition ``name``: nothing required, at any
    depth, except inside lists (an override replaces a list whole). A number's distribution is
    loosened too: ``{high: 0.9}`` merges into a base's ``{low, high}`` (the loader says so if
    the base holds a plain number instead). Returns the new name."""
    defs = root["$defs"]
    new = f"{name}Override"
    mapping = "properties" in defs.get(name, {}) or name.startswith("Number")
    if name.endswith("Override") or not mapping:
        return name
    if new in defs:
        return new
    defs[new] = {}  # claimed first: a definition may refer to itself

    def loosen(node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        out = {key: value for key, value in node.items() if key != "required"}
        ref = out.get("$ref", "")
        if ref.startswith("#/$defs/"):
            out["$ref"] = "#/$defs/" + _partial(root, ref.removeprefix("#/$defs/"))
        if isinstance(out.get("properties"), dict):
            out["properties"] = {key: loosen(sub) for key, sub in out["properties"].items()}
        if isinstance(out.get("additionalProperties"), dict):
            out["additionalProperties"] = loosen(out["additionalProperties"])
        for key in _SCHEMA_LISTS:
            if isinstance(out.get(key), list):
                out[key] = [loosen(sub) for sub in out[key]]
        return out

    defs[new] = loosen(defs[name])
    return new


def _draft_07(root: dict) -> dict:
    """2020-12 as pydantic writes it, rewritten as draft-07: ``definitions``, tuple ``items``, and
    ``$ref`` wrapped in ``allOf`` where it has siblings (draft-07 ignores a ``$ref``'s siblings)."""

    def visit(node: dict) -> dict:
        if "$defs" in node:
            node["definitions"] = node.pop("$defs")
        if "prefixItems" in node:
            node["items"] = node.pop("prefixItems")
            node["additionalItems"] = False
        ref = node.get("$ref")
        if isinstance(ref, str):
            node["$ref"] = ref.replace("#/$defs/", "#/definitions/")
            if len(node) > 1:
                node["allOf"] = [{"$ref": node.pop("$ref")}]
        return node

    return _walk(root, visit)


def _prune(root: dict) -> dict:
    """Drop definitions nothing refers to."""
    defs = root["definitions"]
    used: set[str] = set()
    todo = [{k: v for k, v in root.items() if k != "definitions"}]
    while todo:
        text = json.dumps(todo.pop())
        for name in defs:
            if name not in used and f'"#/definitions/{name}"' in text:
                used.add(name)
                todo.append(defs[name])
    root["definitions"] = {name: sub for name, sub in sorted(defs.items()) if name in used}
    return root


def _finish(root: dict, title: str, description: str) -> dict:
    head = {"$schema": DRAFT_07, "title": title, "description": description}
    return _prune(_draft_07({**head, **{k: v for k, v in root.items() if k not in head}}))


def profile_schema() -> dict:
    """The schema of one ``actors/<id>.yaml`` file."""
    root = _base(ActorProfile)
    root.pop("title", None)
    return _finish(
        root,
        "diplosim actor profile",
        "One actor of a diplosim scenario (`actors/<id>.yaml`): what it wants, how hard it pushes, "
        "and what a negative vote costs it. See docs/model.md for the equations.",
    )


def source_schema() -> dict:
    """The schema of a folder of shared profiles' ``source.yaml``."""
    root = _base(SharedSource)
    root.pop("title", None)
    return _finish(
        root,
        "diplosim source of shared profiles",
        "The article the profiles of a folder of shared profiles quote (`source.yaml` beside its "
        "`actors/`): a scenario without a seed article of its own finds their quotes there.",
    )


def scenario_schema() -> dict:
    """The schema of a ``scenario.yaml``: a whole scenario, or a variant (with ``include``) that
    overrides only some fields of the scenario it includes."""
    root = _base(Scenario)
    defs = root["$defs"]
    whole = {k: v for k, v in root.items() if k not in ("$defs", "title")}
    # Profiles in scenario.yaml override those read from actors/*.yaml, field by field.
    actors = whole["properties"]["actors"]
    actors["additionalProperties"] = {"$ref": "#/$defs/" + _partial(root, "ActorProfile")}
    defs["Scenario"] = whole
    defs["Variant"] = {**defs[_partial(root, "Scenario")], "required": ["include"]}
    defs["Variant"]["description"] = (
        "A variant: the scenario named by `include`, with the fields given here overriding its own "
        "(mappings merge key by key; lists and numbers replace). No field but `include` is required."
    )
    del defs["ScenarioOverride"]
    return _finish(
        {
            "$defs": defs,
            "if": {"required": ["include"]},
            "then": {"$ref": "#/$defs/Variant"},
            "else": {"$ref": "#/$defs/Scenario"},
        },
        "diplosim scenario",
        "A diplosim scenario file (`scenario.yaml`): dimensions, the Council, the status quo, the drafts, "
        "the schedule, events and model parameters. The actors' profiles are in `actors/*.yaml`. "
        "With `include`, a variant of another scenario.",
    )


def schemas() -> dict[str, dict]:
    """Every schema, by file name."""
    return {
        SCENARIO_SCHEMA: scenario_schema(),
        PROFILE_SCHEMA: profile_schema(),
        SOURCE_SCHEMA: source_schema(),
    }


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (made if missing); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def modeline(file: Path, schema: Path) -> str:
    """The first line that points the YAML language server at ``schema``, relative to ``file``
    when they share a root, else absolute."""
    start = file.resolve().parent
    target = schema.resolve()
    try:
        shown = Path(os.path.relpath(target, start)).as_posix()
    except ValueError:  # another drive on Windows
        shown = target.as_posix()
    return f"{MODELINE}{shown}"

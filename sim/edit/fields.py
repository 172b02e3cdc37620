"""Changing one number of a profile's YAML text without touching any other byte of it.

A number that is already written is replaced in place: the text is parsed only to find where
its characters start and end, and only those characters change, so every comment, blank line,
quote and indentation stays byte for byte. A field the profile leaves out (a default) is added
by ruamel.yaml's round-trip dumper, which keeps comments and key order; the result is accepted
only if it adds lines and changes none of the old ones, else the user is asked to add the field
in the text view.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..scenario.profiles import profile_number
from ..scenario.uncertain import finite_number

FieldPath = tuple[str, ...]

LABELS: tuple[tuple[FieldPath, str], ...] = (
    (("capability",), "capability"),
    (("susceptibility",), "susceptibility"),
    (("costs", "veto"), "price of a veto"),
    (("costs", "against"), "cost of a no"),
)
"""The single numbers the form shows, in its order, with their labels."""
SCALARS: tuple[tuple[FieldPath, str, float | None], ...] = tuple(
    (path, label, profile_number(".".join(path)).default) for path, label in LABELS
)
"""The same with the default each takes when left out (the profile model's: profiles.NUMBERS)."""
PER_DIMENSION = (("ideal", "ideal"), ("salience", "salience"))
PARTS = (("low", "high"), ("mean", "sd"))
"""The numbers of a distribution, each shown and changed on its own."""


class FieldError(ValueError):
    """A form value that cannot be written: not a number, or a field the form cannot reach."""


@dataclass(frozen=True)
class FormField:
    """One number of the form: where it is, what to call it, and its text as written."""

    path: FieldPath
    label: str
    text: str | None
    """The characters written in the file, or None when the field is left out (its default)."""
    default: float | None = None


def _compose(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(node, yaml.MappingNode):
        raise FieldError("the profile is not a mapping of fields")
    return node


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _find(root: yaml.Node, path: FieldPath) -> yaml.Node | None:
    node: yaml.Node | None = root
    for key in path:
        node = _child(node, key)
    return node


def number_text(value: str | float) -> str:
    """The characters to write for ``value``: a number as typed, refusing anything else."""
    shown = value.strip() if isinstance(value, str) else repr(float(value)).removesuffix(".0")
    try:
        finite_number(shown)
    except ValueError as exc:
        raise FieldError(str(exc)) from None
    loaded = yaml.safe_load(f"v: {shown}")["v"]
    if isinstance(loaded, bool) or not isinstance(loaded, int | float):
        raise FieldError(f"'{shown}' does not read as a number in YAML")
    return shown


def set_field(text: str, path: FieldPath, value: str | float) -> str:
    """``text`` with the number at ``path`` (e.g. ``("ideal", "coercion")``) set to ``value``."""
    written = number_text(value)
    try:
        root = _compose(text)
    except yaml.YAMLError as exc:
        raise FieldError(f"the text is not valid YAML ({exc.problem or exc})") from None
    node = _find(root, path)
    if isinstance(node, yaml.ScalarNode):
        start, end = node.start_mark.index, node.end_mark.index
        return text[:start] + written + text[end:]
    if node is not None:
        raise FieldError(f"{'.'.join(path)} is not a single number; change it in the text view")
    return _insert(text, path, written)


def _round_trip() -> YAML:
    dumper = YAML()
    dumper.preserve_quotes = True
    dumper.width = 4096
    dumper.indent(mapping=2, sequence=4, offset=2)
    return dumper


def _insert(text: str, path: FieldPath, written: str) -> str:
    """Add a field the profile leaves out, keeping every existing line as it is."""
    dumper = _round_trip()
    data = dumper.load(text)
    target = data
    for key in path[:-1]:
        if key not in target:
            target[key] = CommentedMap()
        target = target[key]
        if not isinstance(target, dict):
            raise FieldError(f"{'.'.join(path)}: its parent is not a mapping; change it in the text view")
    target[path[-1]] = yaml.safe_load(f"v: {written}")["v"]
    out = io.StringIO()
    dumper.dump(data, out)
    new = out.getvalue()
    old_lines, new_lines = text.splitlines(keepends=True), new.splitlines(keepends=True)
    changes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    if any(tag not in ("equal", "insert") for tag, *_ in changes):
        raise FieldError(f"cannot add {'.'.join(path)} without changing the layout; add it in the text view")
    return new


def form_fields(text: str, dimensions: list[str]) -> list[FormField]:
    """The numbers the form shows, as written in ``text``: capability and the like, then the ideal
    position and salience on each dimension; a distribution gives one field per number."""
    root = _compose(text)
    fields: list[FormField] = []
    wanted = [(path, label, default) for path, label, default in SCALARS]
    wanted += [((group, dim), f"{label} {dim}", None) for group, label in PER_DIMENSION for dim in dimensions]
    for path, label, default in wanted:
        node = _find(root, path)
        if isinstance(node, yaml.ScalarNode):
            fields.append(FormField(path, label, text[node.start_mark.index : node.end_mark.index], default))
        elif isinstance(node, yaml.MappingNode):
            keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
            parts = next((p for p in PARTS if keys & set(p)), ())
            for part in parts:
                sub = _child(node, part)
                shown = (
                    text[sub.start_mark.index : sub.end_mark.index]
                    if isinstance(sub, yaml.ScalarNode)
                    else None
                )
                fields.append(FormField((*path, part), f"{label} {part}", shown))
        else:
            fields.append(FormField(path, label, None, default))
    return fields

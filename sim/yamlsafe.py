"""Reading YAML that a user wrote: safe loader only, bounded size, nesting and alias expansion.

Every value keeps the line it came from, so later checks can point at ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputFileError, YamlSyntaxError

MAX_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML mapping and, for every key path in it, the file and line it was written on."""

    data: dict[str, Any]
    lines: dict[Path_, tuple[Path, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[Path | None, int | None]:
        """The file and line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            hit = self.lines.get(tuple(path[:end]))
            if hit is not None:
                return hit
        return None, None


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise YamlSyntaxError("a mapping key must be a plain value", line=_line(key_node)) from None
            if first is not None:
                raise YamlSyntaxError(
                    f"duplicate key '{key}' (first given on line {first})", line=_line(key_node)
                )
            seen[key] = _line(key_node)
        return super().construct_mapping(node, deep=deep)


def _line(node: yaml.Node | yaml.Event | yaml.Mark) -> int:
    mark = node if isinstance(node, yaml.Mark) else node.start_mark
    return mark.line + 1


def read_text(path: Path) -> str:
    """The file's text, refusing what is missing, too large, binary or not UTF-8."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except IsADirectoryError:
        raise InputFileError("is a folder, not a file", path) from None
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror}", path) from None
    if len(raw) > MAX_BYTES:
        raise InputFileError(f"file is larger than {MAX_BYTES:,} bytes", path)
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise InputFileError("binary file (contains a NUL byte), expected YAML text", path, line)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})", path, line
        ) from None


def _check_shape(text: str) -> None:
    """Walk the event stream once, refusing deep nesting and alias bombs before building anything."""
    depth = 0
    sizes: list[int] = [0]
    anchored: list[str | None] = [None]
    anchor_sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(f"nested deeper than {MAX_DEPTH} levels", line=_line(event))
            sizes.append(1)
            anchored.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            size = sizes.pop()
            anchor = anchored.pop()
            if anchor:
                anchor_sizes[anchor] = size
            sizes[-1] += size
        elif isinstance(event, yaml.ScalarEvent):
            sizes[-1] += 1
            if event.anchor:
                anchor_sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            sizes[-1] += anchor_sizes.get(event.anchor, 1)
        if sizes[-1] > MAX_NODES or sum(sizes) > MAX_NODES:
            raise YamlSyntaxError(
                f"document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                line=_line(event),
            )


def _record_lines(node: yaml.Node, path: Path_, file: Path, out: dict) -> None:
    out[path] = (file, _line(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            out[path + (key,)] = (file, _line(key_node))
            if isinstance(value_node, yaml.CollectionNode):
                _record_lines(value_node, path + (key,), file, out)
                out[path + (key,)] = (file, _line(key_node))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), file, out)


def parse(text: str, path: Path) -> Document:
    """Parse one YAML document that must be a mapping."""
    try:
        _check_shape(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except YamlSyntaxError as exc:
        exc.path = path
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem = (
                f"tag {problem.split('tag')[-1].strip().split()[0]} is not allowed here (plain YAML only)"
            )
        raise YamlSyntaxError(problem, path, _line(mark) if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise YamlSyntaxError("nested too deeply", path) from None
    if data is None:
        raise YamlSyntaxError("the file is empty; expected a mapping of fields", path, 1)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise YamlSyntaxError(f"expected a mapping of fields, found {kind}", path, _line(node))
    lines: dict[Path_, tuple[Path, int]] = {}
    _record_lines(node, (), path, lines)
    return Document(data, lines)


def load(path: Path) -> Document:
    """Read and parse ``path``; every failure is a :class:`DiplosimError` naming file and line."""
    return parse(read_text(path), path)

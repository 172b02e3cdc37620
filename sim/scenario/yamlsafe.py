"""Reading YAML that a user wrote: safe loader only, bounded size, nesting and alias expansion.

Every value keeps the line it came from, so later checks can point at ``file:line``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from ..errors import InputFileError, YamlSyntaxError

MAX_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]

# libyaml parses about five times faster than the pure-Python parser; both are safe.
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
# Characters YAML does not allow in a stream (its "printable" set, inverted).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Document:
    """A parsed YAML mapping and, for every key path in it, the file and line it was written on."""

    data: dict[str, Any]
    lines: dict[Path_, tuple[Path, int]] = field(default_factory=dict)
    roots: dict[Path, Path_] = field(default_factory=dict)
    """Where each file's content sits in ``data`` (an actor file under ``actors.<id>``)."""

    def locate(self, path: Path_) -> tuple[Path | None, int | None]:
        """The file and line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            hit = self.lines.get(tuple(path[:end]))
            if hit is not None:
                return hit
        return None, None

    def dotted(self, path: Path_) -> str:
        """``path`` dotted as it reads in the file it was located in, so the reader can find it there."""
        file, _ = self.locate(path)
        root = self.roots.get(file, ()) if file is not None else ()
        if tuple(path[: len(root)]) == root:
            path = path[len(root) :]
        return ".".join(str(part) for part in path)


def _problem(message: str, node: yaml.Node) -> ConstructorError:
    return ConstructorError(None, None, message, node.start_mark)


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _reads_as(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return "a date"
    return f"the number {value}" if isinstance(value, int | float) else f"a {type(value).__name__}"


class _Loader(_Base):
    """Safe loader that also refuses what plain data should not hold: duplicate or non-text keys,
    merge keys, and tags beyond text, numbers, booleans, null, dates, lists and mappings."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[str, int] = {}
        for key_node, _ in node.value if isinstance(node, yaml.MappingNode) else ():
            if key_node.tag == _CORE + "merge":
                raise _problem("merge keys ('<<') are not supported; write the fields out", key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem("a key must be a plain name, not a list or a mapping", key_node)
            key = self.construct_object(key_node)
            if not isinstance(key, str):
                raise _problem(
                    f"key reads as {_reads_as(key)}, not as the name '{key_node.value}'; put it in quotes",
                    key_node,
                )
            if key in seen:
                raise _problem(f"duplicate key (first given on line {seen[key]})", key_node)
            seen[key] = _line(key_node)
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Turn a scalar that matches a type but does not convert (``2012-07-32``) into a YAML error."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            kind = {"timestamp": "date", "int": "integer", "float": "number"}.get(
                node.tag.removeprefix(_CORE), "value"
            )
            shown = str(node.value) if len(str(node.value)) <= 40 else str(node.value)[:37] + "..."
            reason = str(exc).split(";")[0]
            raise _problem(f"'{shown}' is not a valid {kind} ({reason})", node) from None

    def refuse_tag(self, node: yaml.Node) -> Any:
        raise _problem(f"tag '{_tag_name(node.tag)}' is not allowed (plain YAML only)", node)


for _tag in (None, *(_CORE + name for name in ("binary", "omap", "pairs", "set"))):
    _Loader.add_constructor(_tag, _Loader.refuse_tag)
# YAML 1.1 reads ``1e-3`` as text (its floats need a dot); people mean a number, as in YAML 1.2.
_Loader.add_implicit_resolver(
    _CORE + "float", re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"), list("-+0123456789")
)


def _line(node: Any) -> int:
    """The 1-based line of a node, an event or a mark."""
    mark = node.start_mark if hasattr(node, "start_mark") else node
    return mark.line + 1


def read_start(path: Path, limit: int) -> tuple[bytes, int]:
    """At most ``limit + 1`` bytes of the file, and its size; refuses what is missing or not a
    regular file (a folder, a FIFO, a device: opened without waiting for a writer)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except IsADirectoryError:
        raise InputFileError("is a folder, not a file", path) from None
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror}", path) from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError("is a folder, not a file", path)
        raise InputFileError("not a regular file (a FIFO or a device?), expected a text file", path)
    with os.fdopen(handle, "rb") as file:
        try:
            return file.read(limit + 1), info.st_size
        except OSError as exc:
            raise InputFileError(f"cannot read: {exc.strerror}", path) from None


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, as :func:`read_start` reads them, refusing one larger than ``limit``."""
    raw, _ = read_start(path, limit)
    if len(raw) > limit:
        raise InputFileError(f"file is larger than {limit:,} bytes", path)
    return raw


def read_text(path: Path, limit: int = MAX_BYTES, kind: str = "YAML") -> str:
    """The file's text, refusing what is missing, too large, binary or not UTF-8 (``kind`` names
    what was expected, for the message)."""
    raw = read_bytes(path, limit)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError("UTF-16 text; save the file as UTF-8", path, 1)
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise InputFileError(f"binary file (contains a NUL byte), expected {kind} text", path, line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})", path, line
        ) from None
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputFileError(f"control character U+{ord(bad.group()):04X}, expected {kind} text", path, line)
    return text


def _check_shape(text: str) -> None:
    """Walk the event stream once, refusing deep nesting, alias bombs and self-containing aliases
    before anything is built from it."""
    depth = 0
    sizes: list[int] = [0]
    anchored: list[str | None] = [None]
    anchor_sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_Base):
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
            if event.anchor in anchored:
                raise YamlSyntaxError(
                    f"alias '*{event.anchor}' is inside the very value it names (a loop)", line=_line(event)
                )
            sizes[-1] += anchor_sizes.get(event.anchor, 1)
        if sizes[-1] > MAX_NODES or sum(sizes) > MAX_NODES:
            raise YamlSyntaxError(
                f"document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                line=_line(event),
            )


def _key_path(node: yaml.Node, index: int, path: Path_ = ()) -> Path_ | None:
    """The key path of the key or value that starts at character ``index``, to name it in an error."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key_node.start_mark.index == index:
                return path if key is None else path + (key,)
            found = _key_path(value_node, index, path + (key,))
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            found = _key_path(item, index, path + (position,))
            if found is not None:
                return found
    return path if node.start_mark.index == index else None


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


def _char_at(text: str, mark: Any) -> str:
    lines = text.split("\n")
    return lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""


_KINDS = {list: "a list", str: "a single text value", int: "a number", float: "a number", bool: "a boolean"}


def parse(text: str, path: Path) -> Document:
    """Parse one YAML document that must be a mapping."""
    node: yaml.Node | None = None
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
        mark, start = exc.problem_mark or exc.context_mark, exc.context_mark
        context = exc.context
        if context and start is not None and mark is not None and start.line != mark.line:
            if "end of stream" in (exc.problem or ""):
                mark = start  # an unclosed quote or bracket: where it opens is what needs fixing
            else:
                context = f"{context} (from line {_line(start)})"
        problem = ", ".join(part for part in (context, exc.problem) if part) or "invalid YAML"
        if mark is not None and _char_at(text, mark) == "\t":
            problem += " (a tab: YAML is indented with spaces)"
        key = _key_path(node, mark.index) if node is not None and mark is not None else None
        if key:
            problem = f"{'.'.join(str(part) for part in key)}: {problem}"
        raise YamlSyntaxError(problem, path, _line(mark) if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"invalid YAML: {exc}".replace("\n", " "), path) from None
    except RecursionError:
        raise YamlSyntaxError("nested too deeply", path) from None
    if data is None:
        raise YamlSyntaxError("the file is empty; expected a mapping of fields", path, 1)
    if not isinstance(data, dict):
        kind = _KINDS.get(type(data), f"a {type(data).__name__}")
        raise YamlSyntaxError(f"expected a mapping of fields, found {kind}", path, _line(node))
    lines: dict[Path_, tuple[Path, int]] = {}
    _record_lines(node, (), path, lines)
    return Document(data, lines, {path: ()})


def load(path: Path) -> Document:
    """Read and parse ``path``; every failure is a :class:`DiplosimError` naming file and line."""
    return parse(read_text(path), path)

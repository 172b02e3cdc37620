"""Reading the JSON files a player writes or edits (saves, move scripts): standard JSON only,
size-capped, and every problem named with its file and, where one can be told, its line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import DiplosimError, InputFileError
from ..scenario.yamlsafe import read_bytes

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _not_json(constant: str) -> Any:
    raise ValueError(f"'{constant}' is not a number in standard JSON")


def read_json(path: Path, limit: int, refused: str, error: type[DiplosimError]) -> tuple[Any, str]:
    """The JSON value in ``path`` and its text. Every way the file can fail to be standard JSON
    (too large, not UTF-8, a syntax error, ``NaN``, nested too deeply) is an ``error`` naming the
    file that starts with ``refused`` (e.g. "not a diplosim save file")."""
    try:
        raw = read_bytes(path, limit)
    except InputFileError as exc:
        raise error(exc.message, path) from None
    try:
        text = raw.decode("utf-8")
        return json.loads(text, parse_constant=_not_json), text
    except UnicodeDecodeError:
        raise error(f"{refused} (not UTF-8 text)", path) from None
    except json.JSONDecodeError as exc:
        raise error(f"{refused} (not JSON: {exc.msg})", path, exc.lineno) from None
    except ValueError as exc:  # a NaN, or an integer of thousands of digits
        raise error(f"{refused} ({exc})", path) from None
    except RecursionError:
        raise error(f"{refused} (nested too deeply)", path) from None


def line_of(text: str, where: Sequence[str | int]) -> int | None:
    """The line of ``text`` (valid JSON) where the value at ``where`` starts: keys of objects and
    indices of arrays, as pydantic's error locations give them. A part that names nothing in the
    value reached (a missing field, the tag pydantic adds for a union) leaves it at that value.
    None if the text cannot be walked (it is not the JSON it was read as)."""
    try:
        at = _skip(text, 0)
        for part in where:
            found = _child(text, at, part)
            if found is not None:
                at = found
        return text.count("\n", 0, at) + 1
    except (ValueError, IndexError, RecursionError):
        return None


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _child(text: str, at: int, part: str | int) -> int | None:
    """Where the element ``part`` of the array or object starting at ``at`` starts, if it has one."""
    opening = text[at]
    if opening == "[" and isinstance(part, int):
        at = _skip(text, at + 1)
        for _ in range(part):
            if text[at] == "]":
                return None
            _, at = _DECODER.raw_decode(text, at)
            at = _skip(text, at)
            at = _skip(text, at + 1) if text[at] == "," else at
        return None if text[at] == "]" else at
    if opening == "{" and isinstance(part, str):
        at = _skip(text, at + 1)
        while text[at] != "}":
            key, at = _DECODER.raw_decode(text, at)
            at = _skip(text, _skip(text, at) + 1)  # past the colon
            if key == part:
                return at
            _, at = _DECODER.raw_decode(text, at)
            at = _skip(text, at)
            at = _skip(text, at + 1) if text[at] == "," else at
    return None

"""What is on disk now: a content fingerprint of a file, to tell whether another program changed it.

A file's modification time and size do not say that: an edit that keeps the size and lands
within the same tick of the clock (or a program that restores the time) leaves both as they
were. The fingerprint is a SHA-256 of the bytes, so the editor compares content, both while it
watches the open file and at the moment it saves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputFileError
from ..scenario.yamlsafe import MAX_BYTES, read_start

Fingerprint = str | None
"""The SHA-256 (hex) of a file's bytes; None when there is no regular file to read there."""


def digest(content: str | bytes) -> str:
    """The fingerprint a file holding exactly ``content`` (text as UTF-8) has."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def fingerprint(file: Path) -> Fingerprint:
    """The fingerprint of ``file`` as it is on disk now; None when it is missing, unreadable, or not a
    regular file. Never blocks on a FIFO or reads a device, and reads at most ``MAX_BYTES`` + 1 bytes
    (a larger file gets its size added, so it never matches the digest of a text)."""
    try:
        data, size = read_start(file, MAX_BYTES)
    except InputFileError:
        return None
    return digest(data) if len(data) <= MAX_BYTES else f"{digest(data)}:{size}"

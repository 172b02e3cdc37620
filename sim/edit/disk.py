"""What is on disk now: a content fingerprint of a file, to tell whether another program changed it.

A file's modification time and size do not say that: an edit that keeps the size and lands
within the same tick of the clock (or a program that restores the time) leaves both as they
were. The fingerprint is a SHA-256 of the bytes, so the editor compares content, both while it
watches the open file and at the moment it saves.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..scenario.yamlsafe import MAX_BYTES

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
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return None
        chunks, left = [], MAX_BYTES + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    return digest(data) if len(data) <= MAX_BYTES else f"{digest(data)}:{info.st_size}"

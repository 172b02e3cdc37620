"""Writing a file atomically: readers see the old file or the new one, never half of either.

The text goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed and synced to disk, then renamed over the target with ``os.replace``. If
anything fails on the way (a full disk, a crash, an interrupt), the temporary file is removed
and the target keeps its old content byte for byte. A process killed outright (SIGKILL, a power
cut) cannot clean up: the next write of the same file removes what it left.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
import stat
from pathlib import Path

_STALE = re.compile(r"\.[0-9a-f]{8}\.tmp")


def write_atomic(path: Path | str, data: str | bytes, mode: int | None = None) -> Path:
    """Replace ``path`` with ``data`` (text is written as UTF-8, exactly as given).

    An existing file keeps its permissions; a new one gets the usual ones (0666 less the umask).
    With ``mode`` (e.g. 0o600 for a secret), the file has that mode whatever it had, from the
    moment it is created: no other user can read it in between.
    Raises ``OSError`` with the target untouched when the write cannot complete.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _remove_stale(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode & 0o600)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(handle, view) :]
            if mode is not None:
                os.fchmod(handle, mode)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)
    return path


def _remove_stale(path: Path) -> None:
    """Remove temporary files an earlier write of ``path`` left behind when it was killed (SIGKILL
    or a power cut run no clean-up). They are hidden (``.name.XXXXXXXX.tmp``) and named for this
    one target, so nothing else is touched."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        if _STALE.fullmatch(stale.name[len(path.name) + 1 :]):
            with contextlib.suppress(OSError):
                stale.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)

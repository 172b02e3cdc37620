"""Run `diplosim` as its users do: as a command (``diplosim``), or in a real pseudo-terminal,
reading what it draws (``terminal``)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import resource
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class Terminal:
    """A child process on a pty: ``expect`` text on its screen, ``press`` keys."""

    def __init__(self, fd: int, child: subprocess.Popen) -> None:
        self.fd = fd
        self.child = child
        self.raw = b""

    @property
    def text(self) -> str:
        """Everything drawn so far, with the escape sequences taken out."""
        return ESCAPES.sub(b"", self.raw).decode("utf-8", "replace")

    def expect(self, needle: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; the screen ended {self.text[-600:]!r}")
            if self.child.poll() is not None and not self._read(0):
                code = self.child.returncode
                raise AssertionError(f"exited ({code}) before {needle!r}: {self.text[-600:]!r}")
            self._read(0.5)

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.child.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        return self.child.wait(timeout=timeout)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child closed its side
            return False
        self.raw += chunk
        return bool(chunk)


def diplosim(
    *args: object, cwd: Path | None = None, timeout: float = 300, file_size: int | None = None
) -> subprocess.CompletedProcess:
    """``python -m sim.cli ARGS`` to the end, its output captured: the CLI as a script runs it.
    With ``file_size``, no file it writes may grow past that many bytes (RLIMIT_FSIZE, SIGXFSZ
    ignored): a write then fails as on a full disk."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "sim.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        preexec_fn=limit if file_size is not None else None,
    )


@contextmanager
def terminal(*args: str, cwd: Path | None = None, size: tuple[int, int] = (100, 30)) -> Iterator[Terminal]:
    """``python -m sim.cli ARGS`` on a ``size`` (columns, lines) pseudo-terminal."""
    primary, secondary = pty.openpty()
    columns, lines = size
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    child = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=cwd,
        close_fds=True,
    )
    os.close(secondary)
    try:
        yield Terminal(primary, child)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(primary)

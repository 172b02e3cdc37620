"""How a batch reports its progress: ``start`` once, ``advance`` after each chunk of runs, ``stop``
at the end (also when the batch fails or is interrupted). The command line's bar
(:class:`sim.cli.progress.Bar`) is one; :class:`Reporter` hands the count to a function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Progress(Protocol):
    def start(self, total: int, done: int) -> None: ...
    def advance(self, runs: int) -> None: ...
    def stop(self) -> None: ...


class NoProgress:
    def start(self, total: int, done: int) -> None:
        pass

    def advance(self, runs: int) -> None:
        pass

    def stop(self) -> None:
        pass


class Reporter(NoProgress):
    """Calls ``report(done, total)`` after each chunk; what ``report`` raises stops the batch
    there (the editor's preview gives up a stale run so)."""

    def __init__(self, report: Callable[[int, int], object]):
        self.report = report
        self.total = self.done = 0

    def start(self, total: int, done: int) -> None:
        self.total, self.done = total, done

    def advance(self, runs: int) -> None:
        self.done += runs
        self.report(self.done, self.total)

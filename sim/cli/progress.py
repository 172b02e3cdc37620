"""The progress bar of every command that runs a batch (``batch``, ``sensitivity``, ``power``,
``backtest``): rich, on stderr, only on a terminal; a line with the runs and their rate after."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TextColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text


class RunsPerSecond(ProgressColumn):
    """Runs per second since the start, and the time left at that rate: steadier than rich's
    windowed speed when results arrive a chunk at a time."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if not task.completed or elapsed <= 0:
            return Text("- runs/s", style="cyan")
        rate = task.completed / elapsed
        left = (task.remaining or 0) / rate
        return Text(f"{rate:,.0f} runs/s · {_clock(left)} left", style="cyan")


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Bar:
    """A progress bar on stderr (only on a terminal) with runs/s and time left."""

    def __init__(self, label: str):
        self.console = Console(stderr=True)
        self.label = label
        self.bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            RunsPerSecond(),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self.started = 0.0
        self.runs = 0

    def start(self, total: int, done: int) -> None:
        self.started = time.perf_counter()
        self.task = self.bar.add_task(self.label, total=total - done)
        self.bar.start()

    def advance(self, runs: int) -> None:
        self.runs += runs
        self.bar.advance(self.task, runs)

    def stop(self) -> None:
        self.bar.stop()
        elapsed = time.perf_counter() - self.started
        if self.runs:
            rate = self.runs / elapsed if elapsed else 0.0
            typer.echo(f"{self.runs} runs in {elapsed:.1f} s ({rate:,.0f} runs/s)", err=True)

    @contextlib.contextmanager
    def over(self, total: int) -> Iterator[Bar]:
        """Shown while the block makes ``total`` runs (each reported with :meth:`advance`)."""
        self.start(total, 0)
        try:
            yield self
        finally:
            self.stop()

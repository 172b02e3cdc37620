"""Running a batch's runs: seeded by index, on local processes or a Dask cluster, in index order.

Run ``i`` of a batch over ``P`` grid points is grid point ``i % P`` with the child seed
``child_seed(root, i // P)`` of the root seed: a run depends on nothing but the scenario, the
root seed and its index, so the records are the same on one process, many, or a cluster.
Workers run chunks of consecutive runs and hand back, per run, the encoded output line and the
few facts the summary counts; chunks are consumed in order, so output is written in run order.

This is the one loop that runs a scenario many times: ``diplosim batch`` and ``sensitivity``
(through :func:`results`), and ``diplosim power``, ``backtest``, the editor's preview and the
game's end-of-game odds (through :func:`run_each` or :func:`sim.batch.execute`).
"""

from __future__ import annotations

import contextlib
import gc
import math
import multiprocessing
import os
import signal
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ..engine import scripted
from ..engine.record import RunRecord
from ..engine.rng import child_seed
from ..engine.scripted import SeatScript
from ..errors import SchedulerError
from ..scenario.loading import LoadedScenario
from .progress import NoProgress, Progress
from .records import Layout, RunOutcome, flatten, layout_of, outcome_of
from .seats import SeatOutcome, seat_outcome_of
from .writers import encode

T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    """What every worker needs: the scenario of each grid point and how to report a run."""

    scenarios: tuple[LoadedScenario, ...]
    grid: tuple[dict[str, Any], ...]
    root: int
    layout: Layout
    fmt: str | None = None
    """Output format to encode rows in; None when no file is written."""
    sampled: bool = False
    """Also hand back each run's sampled numbers (for sensitivity analysis)."""
    keep: Callable[[RunRecord], Any] | None = None
    """Also hand back ``keep(record)`` of each run: what a caller wants of the records besides the
    batch's row (a module-level function, so that a worker process can be given it)."""
    seat: SeatScript | None = None
    """A seat played from a script in every run (``--as``); None: the engine plays every actor."""


@dataclass(frozen=True)
class RunResult:
    """One run, as a worker hands it back."""

    index: int
    point: int
    outcome: RunOutcome
    line: str | None
    sampled: tuple[float | None, ...] | None
    kept: Any = None
    """``job.keep(record)``, when the job has a ``keep``."""
    seat: SeatOutcome | None = None
    """What the seat's statistics count of the run, when the job has a seat."""


def run_one(job: Job, index: int, models: dict[int, Any]) -> RunResult:
    """Run ``index`` of the batch; ``models`` keeps a model per grid point to restart for the
    next run instead of building a new one (the same record either way)."""
    run, point = divmod(index, len(job.scenarios))
    seed = child_seed(job.root, run)
    model = models.get(point)
    if model is None:
        from ..engine.model import DiplomacyModel  # here: commands that never run a model skip mesa's import

        player = job.seat.actor if job.seat is not None else None
        model = DiplomacyModel(job.scenarios[point], seed, player, explain=False, log_lobbying=False)
        models[point] = model
    else:
        model.restart(seed)
    record = model.run() if job.seat is None else scripted.play(model, job.seat)
    row = flatten(job.layout, record, run, point, job.grid[point], job.scenarios[point].digest)
    line = encode(row, job.fmt, job.layout.columns) if job.fmt else None
    sampled = tuple(record.sampled.get(p) for p in job.layout.sampled) if job.sampled else None
    kept = job.keep(record) if job.keep is not None else None
    seat = seat_outcome_of(job.layout, row)
    return RunResult(index, point, outcome_of(job.layout, row), line, sampled, kept, seat)


def run_chunk(job: Job, start: int, stop: int) -> list[RunResult]:
    """Runs ``start`` .. ``stop - 1``; the task a worker or a Dask worker runs. Its runs share a
    model per grid point, restarted for each run."""
    models: dict[int, Any] = {}
    with _collecting_after_the_chunk() as collect:
        results = [run_one(job, index, models) for index in range(start, stop)]
        models.clear()  # each model is a cycle with its agents
        collect()
    return results


@contextlib.contextmanager
def _collecting_after_the_chunk() -> Iterator[Callable[[], object]]:
    """No garbage collection during a chunk, one at its end.

    A run leaves no reference cycles behind (its model is restarted, not rebuilt, and nothing
    else of it refers back to itself; tests/test_batch_runner.py checks), so reference counting
    frees it as the next run starts, and a collection during the chunk would only walk the live
    run's objects again and again. Only on the main thread, since turning collection off holds
    for the whole process: threads (Dask's) keep Python's default.
    """
    if threading.current_thread() is not threading.main_thread() or not gc.isenabled():
        yield lambda: None
        return
    gc.disable()
    try:
        yield gc.collect
    finally:
        gc.enable()


def chunks(start: int, stop: int, size: int) -> Iterator[tuple[int, int]]:
    for first in range(start, stop, size):
        yield first, min(stop, first + size)


def chunk_size(runs: int, slots: int, most: int) -> int:
    """Enough chunks to keep every slot busy and the progress bar moving, few enough to be cheap."""
    return max(1, min(most, math.ceil(runs / (slots * 8))))


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def results(
    job: Job, start: int, stop: int, workers: int | None = None, scheduler: str | None = None
) -> Iterator[list[RunResult]]:
    """Chunks of the results of runs ``start`` .. ``stop - 1``, in run order: from the Dask cluster
    at ``scheduler``, else from ``workers`` local processes (None: one per core; 1: this process)."""
    if start >= stop:
        return iter(())
    if scheduler:
        return run_dask(job, start, stop, scheduler)
    return run_local(job, start, stop, workers or default_workers())


def run_each(
    scenario: LoadedScenario,
    runs: int,
    root: int,
    keep: Callable[[RunRecord], T],
    progress: Progress | None = None,
    workers: int = 1,
) -> Iterator[T]:
    """``keep(record)`` of each run of ``diplosim batch SCENARIO --runs RUNS --seed ROOT``, in run
    order (run ``i`` has child seed ``i`` of ``root``), for a caller that wants something of every
    record rather than the batch's summary. ``progress`` is told of each chunk of runs; with one
    worker (the default) the runs are made in the caller's thread."""
    job = Job((scenario,), ({},), root, layout_of([scenario], []), keep=keep)
    progress = progress or NoProgress()
    progress.start(runs, 0)
    try:
        for chunk in results(job, 0, runs, workers):
            for result in chunk:
                yield result.kept
            progress.advance(len(chunk))
    finally:
        progress.stop()


# -- local processes -----------------------------------------------------------------------------

_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    """Load the job once per worker; leave Ctrl-C to the parent; die with the parent."""
    global _JOB
    _JOB = job
    gc.freeze()  # the modules and the scenario stay: keep them out of every garbage collection
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError):  # PR_SET_PDEATHSIG: a killed batch leaves no orphans
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


def _local_chunk(bounds: tuple[int, int]) -> list[RunResult]:
    assert _JOB is not None
    return run_chunk(_JOB, *bounds)


def run_local(job: Job, start: int, stop: int, workers: int) -> Iterator[list[RunResult]]:
    """Chunks of results in run order, from ``workers`` processes (1: in this process)."""
    if workers <= 1:
        gc.freeze()  # as in a worker: what is loaded now stays out of the collections meanwhile
        try:
            for first, last in chunks(start, stop, chunk_size(stop - start, 1, 64)):
                yield run_chunk(job, first, last)
        finally:
            gc.unfreeze()  # a long-lived caller (the app's previews) gets its collections back
        return
    # Mesa sets "spawn" globally; fork starts workers at once and shares the loaded scenario.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    size = chunk_size(stop - start, workers, 64)
    with context.Pool(workers, _start_worker, (job,)) as pool:
        yield from pool.imap(_local_chunk, chunks(start, stop, size))


# -- Dask ----------------------------------------------------------------------------------------


def connect(address: str):
    """A client of the Dask scheduler at ``address``, or a :class:`SchedulerError` saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(
            "--scheduler needs the 'distributed' package: pip install 'diplosim[dask]'"
        ) from None
    _probe(address)
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"--scheduler {address}: no Dask scheduler answered ({exc})") from None


def _probe(address: str) -> None:
    """Fail at once when nothing listens on a TCP address (Dask itself retries until its timeout)."""
    scheme, _, rest = address.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp") or not port.isdigit():
        return
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=10).close()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise SchedulerError(f"--scheduler {address}: no Dask scheduler answered ({reason})") from None


def run_dask(job: Job, start: int, stop: int, address: str) -> Iterator[list[RunResult]]:
    """Chunks of results in run order from a Dask cluster; a few chunks per worker thread are
    in flight at a time, so memory stays flat however many runs there are."""
    client = connect(address)
    try:
        shared = client.scatter(job, broadcast=True)
        workers = client.scheduler_info()["workers"].values()
        slots = max(1, sum(w.get("nthreads", 1) for w in workers))
        pending = chunks(start, stop, chunk_size(stop - start, slots, 256))
        window: deque = deque()

        def submit() -> None:
            bounds = next(pending, None)
            if bounds is not None:
                window.append(client.submit(run_chunk, shared, *bounds, pure=False))

        for _ in range(slots * 4):
            submit()
        while window:
            results = window.popleft().result()
            submit()
            yield results
    finally:
        client.close()

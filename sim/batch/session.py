"""One batch from start to finish: plan the grid, check what an output already holds, run the
missing runs, stream their rows, count their outcomes, and leave a summary beside the output.

A summary JSON is written as soon as the batch starts (``complete: false``) and again at the end,
so a killed batch leaves behind what ``--resume`` needs to check that it continues the same
batch: scenario hash, root seed and grid.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import OutputExistsError, ResumeError
from ..loading import LoadedScenario, load_scenario
from ..seeds import child_seed
from .records import Layout, layout_of, outcome_of
from .runner import Job, Result, default_workers, run_dask, run_local
from .summary import Tally, summarise
from .sweep import Axis, grid, parse_axes, scenario_at
from .writers import RowSink, format_of, read_rows, spool_of, summary_of


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


@dataclass
class Plan:
    """A batch's grid and scenarios, ready to run."""

    base: LoadedScenario
    axes: list[Axis]
    grid: list[dict[str, Any]]
    scenarios: list[LoadedScenario]
    layout: Layout
    root: int
    runs: int
    """Runs per grid point."""

    @property
    def total(self) -> int:
        return self.runs * len(self.grid)

    def meta(self) -> dict[str, Any]:
        """What identifies the batch; ``--resume`` refuses an output whose batch differs."""
        return {
            "scenario": self.base.spec.id,
            "scenario_hash": self.base.digest,
            "seed": self.root,
            "runs": self.runs,
            "points": len(self.grid),
            "vary": [a.as_dict() for a in self.axes],
            "columns": self.layout.columns,
        }


def plan(path: Path, runs: int, root: int, vary: list[str]) -> Plan:
    base = load_scenario(path)
    axes = parse_axes(vary, base)
    points = grid(axes)
    scenarios = [scenario_at(path, point) for point in points] if axes else [base]
    layout = layout_of(scenarios, [a.path for a in axes])
    return Plan(base, axes, points, scenarios, layout, root, runs)


@dataclass
class BatchResult:
    """How a batch ended: the summary, and whether every run is in."""

    summary: dict[str, Any]
    complete: bool
    done: int
    total: int
    resumed_from: int = 0
    interrupted: bool = False


def execute(
    plan_: Plan,
    out: Path | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Run the batch (or what an output lacks of it); Ctrl-C stops it cleanly with rows kept."""
    progress = progress or NoProgress()
    tally = Tally(plan_.layout, len(plan_.grid))
    meta = plan_.meta()
    done = 0
    sink = None
    if out is not None:
        meta["format"] = format_of(out)
        done = _prepare_output(plan_, out, meta, tally, resume, overwrite)
        _write_summary(out, summarise(tally, {**meta, "complete": False}, plan_.grid))
        sink = RowSink(out, plan_.layout, plan_.grid, resume=done > 0)
    job = Job(tuple(plan_.scenarios), tuple(plan_.grid), plan_.root, plan_.layout, meta.get("format"))
    complete = False
    resumed_from = done
    stop = _Interrupts()
    try:
        progress.start(plan_.total, done)
        with stop:
            for chunk in _results(job, done, plan_.total, workers, scheduler):
                for result in chunk:
                    if sink is not None:
                        sink.write(result.line)
                    tally.add(result.point, result.outcome)
                done += len(chunk)
                progress.advance(len(chunk))
                if stop.requested:
                    break
        complete = done >= plan_.total
    except KeyboardInterrupt:
        pass
    finally:
        progress.stop()
        if sink is not None:
            sink.close(complete)
    summary = summarise(tally, {**meta, "complete": complete}, plan_.grid)
    if out is not None:
        _write_summary(out, summary)
    return BatchResult(summary, complete, done, plan_.total, resumed_from, stop.requested)


class _Interrupts:
    """The first Ctrl-C asks the batch to stop after the chunk at hand, so no row is cut in
    half; a second one stops it at once."""

    def __init__(self):
        self.requested = False
        self._previous = None

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _results(
    job: Job, start: int, stop: int, workers: int | None, scheduler: str | None
) -> Iterator[list[Result]]:
    if start >= stop:
        return iter(())
    if scheduler:
        return run_dask(job, start, stop, scheduler)
    return run_local(job, start, stop, workers or default_workers())


def _prepare_output(plan_: Plan, out: Path, meta: dict, tally: Tally, resume: bool, overwrite: bool) -> int:
    """Start the output afresh, or check and count what it holds; returns the runs already done."""
    summary_path = summary_of(out)
    present = [p for p in (out, spool_of(out)) if p.exists()]
    if present and not resume:
        if not overwrite:
            raise OutputExistsError(
                f"{out} already exists: add --resume to complete it, or --overwrite to start again"
            )
        for stale in (*present, summary_path):
            stale.unlink(missing_ok=True)
        return 0
    if not present:
        return 0
    if summary_path.exists():
        _check_meta(out, summary_path, meta)
    return _count_existing(plan_, out, tally)


def _check_meta(out: Path, summary_path: Path, meta: dict) -> None:
    try:
        before = json.loads(summary_path.read_text(encoding="utf-8"))["batch"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ResumeError(f"{summary_path}: not a batch summary; cannot tell what {out.name} holds") from None
    if before.get("scenario_hash") != meta["scenario_hash"]:
        raise ResumeError(
            f"{out} holds runs of scenario '{before.get('scenario')}' (hash {before.get('scenario_hash')}), "
            f"not of '{meta['scenario']}' (hash {meta['scenario_hash']}): resume it with the same scenario"
        )
    if before.get("seed") != meta["seed"]:
        raise ResumeError(f"{out} was started with --seed {before.get('seed')}, not --seed {meta['seed']}")
    if before.get("vary") != meta["vary"]:
        raise ResumeError(
            f"{out} was started with another --vary grid; resume it with the same --vary options"
        )
    if before.get("format") != meta["format"] or before.get("columns") != meta["columns"]:
        raise ResumeError(f"{out}: its columns are not those of this batch; cannot resume it")


def _count_existing(plan_: Plan, out: Path, tally: Tally) -> int:
    """Check every row already written belongs to this batch, in order, and count it."""
    points = len(plan_.grid)
    digests = [s.digest for s in plan_.scenarios]
    done = 0
    for row in read_rows(out):
        run, point = divmod(done, points)
        if row.get("run") != run or row.get("point", 0) != point:
            raise ResumeError(
                f"{out}: row {done + 1} is run {row.get('run')}, expected run {run}; cannot resume"
            )
        if row.get("seed") != child_seed(plan_.root, run):
            raise ResumeError(f"{out}: run {run} was made with another root seed than --seed {plan_.root}")
        if row.get("scenario_hash") != digests[point]:
            raise ResumeError(
                f"{out}: run {run} was made from another scenario (hash {row.get('scenario_hash')})"
            )
        if done >= plan_.total:
            raise ResumeError(f"{out} already holds more than the {plan_.total} runs asked for")
        tally.add(point, outcome_of(plan_.layout, row))
        done += 1
    return done


def _write_summary(out: Path, summary: dict[str, Any]) -> None:
    """Replace the summary file whole, so a crash never leaves half of one."""
    path = summary_of(out)
    temporary = path.with_name(path.name + ".writing")
    temporary.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)

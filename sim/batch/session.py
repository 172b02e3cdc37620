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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.rng import child_seed
from ..engine.scripted import SeatScript
from ..errors import MoveError, OutputExistsError, ResumeError
from ..scenario.loading import LoadedScenario, load_scenario
from .progress import NoProgress, Progress
from .records import Layout, layout_of, outcome_of
from .runner import Job, results
from .seats import seat_meta, seat_outcome_of
from .summary import Tally, summarise
from .sweep import Axis, grid, parse_axes, scenario_at
from .writers import (
    RowSink,
    cannot_write,
    check_output,
    format_of,
    make_parent,
    numbered_rows,
    spool_of,
    summary_of,
    temporary_of,
)


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
    seat: SeatScript | None = None
    """A seat played from a script in every run (``--as``)."""

    @property
    def total(self) -> int:
        return self.runs * len(self.grid)

    def meta(self) -> dict[str, Any]:
        """What identifies the batch; ``--resume`` refuses an output whose batch differs."""
        meta = {
            "scenario": self.base.spec.id,
            "scenario_hash": self.base.digest,
            "seed": self.root,
            "runs": self.runs,
            "points": len(self.grid),
            "vary": [a.as_dict() for a in self.axes],
            "columns": self.layout.columns,
        }
        if self.seat is not None:
            meta["seat"] = seat_meta(self.seat, self.base.spec.actors[self.seat.actor].name)
        return meta


def plan(path: Path, runs: int, root: int, vary: list[str], seat: SeatScript | None = None) -> Plan:
    """The batch of ``runs`` runs (per grid point) of the scenario at ``path`` from the root seed
    ``root``, over the grid of ``vary``, with ``seat`` played from its script in every run."""
    base = load_scenario(path)
    axes = parse_axes(vary, base)
    points = grid(axes)
    scenarios = [scenario_at(path, point) for point in points] if axes else [base]
    layout = layout_of(scenarios, [a.path for a in axes], seat.actor if seat is not None else None)
    return Plan(base, axes, points, scenarios, layout, root, runs, seat)


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
        check_output(out)
        done = _prepare_output(plan_, out, meta, tally, resume, overwrite)
        try:
            _write_summary(out, summarise(tally, {**meta, "complete": False}, plan_.grid))
            sink = RowSink(out, plan_.layout, plan_.grid, resume=done > 0)
        except OSError as exc:
            raise cannot_write(exc, out) from None
    scenarios, grid_ = tuple(plan_.scenarios), tuple(plan_.grid)
    job = Job(scenarios, grid_, plan_.root, plan_.layout, meta.get("format"), seat=plan_.seat)
    complete = False
    resumed_from = done
    failed: OSError | None = None
    stop = _Interrupts()
    try:
        progress.start(plan_.total, done)
        with stop:
            for chunk in results(job, done, plan_.total, workers, scheduler):
                kept = 0
                for result in chunk:
                    if sink is not None:
                        try:
                            sink.write(result.line)
                        except OSError as exc:
                            failed = exc
                            break
                    tally.add(result.point, result.outcome, result.seat)
                    kept += 1
                done += kept
                progress.advance(kept)
                if stop.requested or failed is not None:
                    break
        complete = done >= plan_.total
    except KeyboardInterrupt:
        pass
    finally:
        progress.stop()
        if sink is not None and failed is not None:
            sink.abort()
        elif sink is not None:
            try:
                sink.close(complete)
            except OSError as exc:
                failed = exc
    summary = summarise(tally, {**meta, "complete": complete}, plan_.grid)
    if out is not None:
        try:
            _write_summary(out, summary)
        except OSError as exc:
            failed = failed or exc
    if failed is not None:
        assert out is not None
        kept = f"{done} of {plan_.total} runs" if done else "no run"
        then = f"; {kept} kept: once it can be written, the same command with --resume completes it"
        raise cannot_write(failed, out, after=then)
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


def _prepare_output(plan_: Plan, out: Path, meta: dict, tally: Tally, resume: bool, overwrite: bool) -> int:
    """Start the output afresh, or check and count what it holds; returns the runs already done.
    A missing folder for it is created."""
    summary_path = summary_of(out)
    make_parent(out)
    present = [p for p in (out, spool_of(out)) if p.exists()]
    try:
        for stale in (temporary_of(out), temporary_of(summary_path)):
            stale.unlink(missing_ok=True)  # left by a batch killed while it replaced the file
        if present and not resume:
            if not overwrite:
                raise OutputExistsError(
                    f"{out} already exists: add --resume to complete it, or --overwrite to start again"
                )
            for stale in (*present, summary_path):
                stale.unlink(missing_ok=True)
            return 0
    except OSError as exc:
        raise cannot_write(exc, out, f"cannot remove {Path(str(exc.filename)).name}") from None
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
    if before.get("seat") != meta.get("seat"):
        raise ResumeError(
            f"{out} was started with another scripted seat (--as, --moves); resume it with the same ones"
        )
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
    source = spool_of(out) if format_of(out) == "parquet" and spool_of(out).exists() else out
    lines = source != out or format_of(out) != "parquet"
    done = 0
    for number, row in numbered_rows(out):
        line = number if lines else None
        where = "" if lines else f"row {number}: "
        run, point = divmod(done, points)
        if row.get("run") != run or row.get("point", 0) != point:
            raise ResumeError(
                f"{where}row {done + 1} is run {row.get('run')}, expected run {run}; cannot resume",
                source,
                line,
            )
        if row.get("seed") != child_seed(plan_.root, run):
            raise ResumeError(
                f"{where}run {run} was made with another root seed than --seed {plan_.root}", source, line
            )
        if row.get("scenario_hash") != digests[point]:
            raise ResumeError(
                f"{where}run {run} was made from another scenario (hash {row.get('scenario_hash')})",
                source,
                line,
            )
        if done >= plan_.total:
            raise ResumeError(f"{out} already holds more than the {plan_.total} runs asked for")
        try:
            outcome = outcome_of(plan_.layout, row)
            seat = seat_outcome_of(plan_.layout, row)
        except (KeyError, TypeError, ValueError, MoveError, RecursionError) as exc:
            # A row whose draft columns, roll calls or seat columns are missing or malformed
            # (KeyError names what is missing; TypeError and ValueError: a value of the wrong
            # kind; MoveError: a refused move that is not a move; RecursionError: JSON too deep).
            what = f"no {exc}" if isinstance(exc, KeyError) else str(exc) or type(exc).__name__
            raise ResumeError(f"{where}its drafts or votes are malformed ({what})", source, line) from None
        tally.add(point, outcome, seat)
        done += 1
    return done


def _write_summary(out: Path, summary: dict[str, Any]) -> None:
    """Replace the summary file whole, so a crash never leaves half of one."""
    path = summary_of(out)
    temporary = temporary_of(path)
    try:
        temporary.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if exc.filename is None:  # a failed write names no file; the message should
            exc.filename = str(path)
        raise

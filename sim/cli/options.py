"""The arguments and options several commands share, defined once: the scenario argument, the
seed, the runs, workers and scheduler of a batch, and ``--json``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..engine.rng import SEED_MAX
from ..scenario.paths import DEFAULT_SCENARIO

EXIT_INTERRUPTED = 130
"""The exit status of a command stopped by ctrl+c (128 + SIGINT), after the line that says so."""

ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        help="A scenario folder, its scenario.yaml, or the name of a shipped scenario "
        f"[default: {DEFAULT_SCENARIO}].",
        show_default=False,
    ),
]


def seed_option(help: str) -> Any:
    """``--seed``/``-s``: any seed diplosim takes (0 to ``SEED_MAX``)."""
    return typer.Option("--seed", "-s", min=0, max=SEED_MAX, help=help)


RootSeed = Annotated[int, seed_option("Root seed: run i uses child seed i of it (numpy SeedSequence).")]
"""The root seed of a batch of runs (``batch``, ``sensitivity``, ``power``, ``backtest``)."""


def runs_option(help: str, least: int = 1, **more: Any) -> Any:
    """``--runs``/``-n``: how many runs, at least ``least``."""
    return typer.Option("--runs", "-n", min=least, help=help, **more)


def json_option(help: str) -> Any:
    """``--json``: print JSON instead of the tables or the text."""
    return typer.Option("--json", help=help)


Workers = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Local processes [default: all cores].", show_default=False),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on a Dask cluster instead: the scheduler's address, e.g. tcp://10.0.0.5:8786 "
        "(needs `pip install 'diplosim[dask]'`).",
        show_default=False,
    ),
]
SeatOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Play this actor's seat (its id, e.g. `united-states`) from the moves of --moves; "
        "without --moves, the seat makes no move at all (a passive seat). Without --as the engine "
        "plays every actor.",
        show_default=False,
    ),
]
"""``--as ACTOR`` of ``run`` and ``batch``: a seat played from a move script."""
MovesOption = Annotated[
    Path | None,
    typer.Option(
        "--moves",
        help="A move script for the --as seat: a save file, an object with `rounds`, or a list per "
        "round of moves (JSON). A move the rules refuse in a run is skipped there and counted.",
        show_default=False,
    ),
]
"""``--moves FILE`` of ``run`` and ``batch``: the seat's moves (sim/play/script.py)."""

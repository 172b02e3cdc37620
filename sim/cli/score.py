"""The ``diplosim score`` command (registered in :mod:`sim.cli`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..batch.score import RUNS, score
from ..engine.rng import SEED_MAX
from .options import Workers, json_option, runs_option


def score_command(
    save: Annotated[
        Path,
        typer.Argument(
            help="A game saved in an actor's seat (key `s` in `diplosim play`).", show_default=False
        ),
    ],
    runs: Annotated[int, runs_option("Seeds to compare the two ways of playing the seat over.")] = RUNS,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            "-s",
            min=0,
            max=SEED_MAX,
            help="Root seed of the comparison: seed i is child i of it [default: the game's seed].",
            show_default=False,
        ),
    ] = None,
    workers: Workers = None,
    as_json: Annotated[bool, json_option("Print the score as one JSON object instead of sentences.")] = False,
) -> None:
    """Score a saved game: what your play in your seat changed, against the engine in that seat.

    The game is replayed from its save, then both ways of playing your seat meet the same seeds:
    the engine playing it (as `diplosim batch` plays every actor) and your moves replayed in it
    (as `diplosim batch --as ACTOR --moves SAVE` does). The score gives, per draft, how your play
    moved its odds of adoption (and the outcome that moved most besides), and your seat's
    utility of the outcome (the run record's `utility`: how far the outcome moved the world
    toward what your actor wants) against the engine's, over `--runs` seeds and in the game's
    own seed. A move the rules refuse in some seed (a draft not on the table there, capital
    already spent) is skipped there and counted. The end summary of `diplosim play` shows the same
    numbers for the same save and runs.

    Examples:

    * `diplosim score diplosim-save.json` compares over 300 seeds from the game's own seed.

    * `diplosim score diplosim-save.json --runs 2000 --seed 0 --json` prints the score as JSON
      (`drafts`: the odds of each outcome both ways; `utility`; `skipped`; `game`: the game's own
      seed; `lines`: the sentences).

    A save that is not a game in an actor's seat (an observer's), that cannot be read, or whose
    scenario has changed since it was saved is refused with `file:line: what is wrong`, exit 2.
    """
    from ..play.played import load_played, played_moves  # here: --help and other commands skip mesa

    game = load_played(save)
    script = played_moves(game)
    from .progress import Bar  # rich's progress, for the commands that show one

    bar = Bar(f"{game.scenario.spec.id}: score")
    result = score(game.scenario, script, game.seed, runs, seed, workers, bar)
    if as_json:
        typer.echo(json.dumps(result, indent=1, ensure_ascii=False))
        return
    typer.echo("\n".join(result["lines"]))

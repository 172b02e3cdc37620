"""The ``diplosim host`` command (registered in :mod:`sim.cli`): a game server for people playing
together (sim/net/)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import MoveError
from ..scenario.loading import load_scenario
from ..scenario.paths import resolve_scenario
from ..scenario.strict import suggestion
from .options import ScenarioArg, seed_option

DEFAULT_SAVE = Path("diplosim-host-save.json")


def seats_list(text: str, known: list[str]) -> tuple[str, ...]:
    """The actor ids of ``--seats``, checked against the scenario's actors."""
    seats = tuple(part.strip() for part in text.split(",") if part.strip())
    if not seats:
        raise MoveError("--seats names no actor (give actor ids, comma-separated)")
    for index, seat in enumerate(seats):
        if seat not in known:
            raise MoveError(f"unknown actor '{seat}' in --seats{suggestion(seat, known)}")
        if seat in seats[:index]:
            raise MoveError(f"'{seat}' is named twice in --seats")
    return seats


def host_command(
    scenario: ScenarioArg = None,
    seats: Annotated[
        str,
        typer.Option(
            "--seats",
            help="The seats people play: actor ids, comma-separated (e.g. "
            "`united-states,russian-federation`). The engine plays every other actor.",
            show_default=False,
        ),
    ] = ...,  # type: ignore[assignment]
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="The port to listen on; 0: any free port.")
    ] = 8765,
    bind: Annotated[
        str,
        typer.Option(
            "--bind",
            help="The address to listen on. The default, 127.0.0.1, is this machine only: "
            "give another only on a network you trust (the protocol is not encrypted).",
        ),
    ] = "127.0.0.1",
    seed: Annotated[int, seed_option("Seed of the game: the same seed and moves, the same game.")] = 0,
    save: Annotated[
        Path, typer.Option("--save", help="The file the game is saved to after each round (atomically).")
    ] = DEFAULT_SAVE,
    turn_seconds: Annotated[
        float | None,
        typer.Option(
            "--turn-seconds",
            min=1,
            help="Play a round (or take a roll call) once this many seconds have passed, even if "
            "some seats have not ended their turn (or sent their ballot) [default: wait for all].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Host a game for several people: a server their clients join, one seat each.

    Prints one address per seat, with the seat's token in it: give each player its own (whoever
    has it plays that seat). An address without a token joins as an observer. Moves are
    simultaneous: each seat sends its moves for the round, then ends its turn; the round is played
    once every seat has ended its turn. At each roll call the round waits for the ballot of every
    seat on the Council. The game is saved after each round; `Game.load` (sim/play/game.py)
    replays the save. Serves until the game is over, or ctrl+c.

    Examples:

    * `diplosim host --seats united-states,russian-federation` hosts the July 2012 scenario with
      two seats, on port 8765 of this machine.

    * `diplosim host scenarios/syria-2012-07 --seats china,france,pakistan --port 0 --seed 7`
      listens on any free port (printed in the addresses) and plays seed 7.

    * `diplosim host --seats russian-federation,united-kingdom --turn-seconds 120 --save game.json`
      plays each round after two minutes at most, and saves to game.json.

    An unknown seat, or a port already in use, is one line and exit 2.
    """
    loaded = load_scenario(resolve_scenario(scenario))
    players = seats_list(seats, list(loaded.spec.actors))
    # Here: the game brings mesa, the server websockets; neither is needed to refuse bad input.
    from ..net.host import GameHost, join_address, serve_game
    from ..play.game import Game

    host = GameHost(Game(loaded, seed, players=players), save, turn_seconds=turn_seconds)
    rounds = len(loaded.spec.schedule)

    def started(port: int) -> None:
        typer.echo(
            f"Hosting {loaded.spec.id} (seed {seed}, {rounds} rounds) on {join_address(bind, port)}; "
            f"the game is saved to {save} after each round."
        )
        typer.echo("Give each player the address of its seat (its token is the key to the seat):")
        for seat, token in host.tokens.items():
            typer.echo(f"  {seat}: {join_address(bind, port, token)}")
        typer.echo(f"  observers: {join_address(bind, port)}")
        typer.echo("Serving until the game is over (ctrl+c stops).")

    serve_game(host, bind, port, started)
    typer.echo(f"The game is over; saved in {save}.")

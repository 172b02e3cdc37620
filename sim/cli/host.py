"""The ``diplosim host`` command (registered in :mod:`sim.cli`): a game server for people playing
together (sim/net/)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Annotated

import typer

from ..errors import HostError, MoveError
from ..net.tokens import read_tokens, write_tokens
from ..scenario.loading import load_scenario
from ..scenario.paths import resolve_scenario
from ..scenario.strict import suggestion
from .options import EXIT_INTERRUPTED, ScenarioArg, seed_option

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
        str | None,
        typer.Option(
            "--seats",
            help="The seats people play: actor ids, comma-separated (e.g. "
            "`united-states,russian-federation`). The engine plays every other actor. "
            "Required, unless --resume.",
            show_default=False,
        ),
    ] = None,
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
    seed: Annotated[
        int | None,
        seed_option("Seed of the game: the same seed and moves, the same game. [default: 0]"),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            help="The file the game is saved to when it starts and after each round (atomically); "
            "the seats' tokens are kept next to it, in FILE.tokens.json (readable by you only). "
            f"[default: {DEFAULT_SAVE}]",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Restart the hosted game saved in this file (after a crash, or ctrl+c) at the start "
            "of the round it had reached: its scenario, seed and seats come from the save, each "
            "seat keeps its token (from FILE.tokens.json), and it goes on saving to FILE. Moves "
            "sent for the round under way when it stopped are lost: the seats send them again.",
            show_default=False,
        ),
    ] = None,
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
    replays the save, and `--resume` hosts it again, with the same tokens: a player whose
    connection dropped joins again with the address it has, and finds its seat as it was.
    Serves until the game is over, or ctrl+c.

    Examples:

    * `diplosim host --seats united-states,russian-federation` hosts the July 2012 scenario with
      two seats, on port 8765 of this machine.

    * `diplosim host scenarios/syria-2012-07 --seats china,france,pakistan --port 0 --seed 7`
      listens on any free port (printed in the addresses) and plays seed 7.

    * `diplosim host --seats russian-federation,united-kingdom --turn-seconds 120 --save game.json`
      plays each round after two minutes at most, and saves to game.json.

    * `diplosim host --resume game.json` hosts that game again, from the start of the round it had
      reached (the moves queued for that round are lost).

    An unknown seat, a port already in use, or a save or tokens file --resume cannot read is one
    line and exit 2.
    """
    # The game brings mesa, the server websockets; neither is needed to refuse bad input.
    if resume is not None:
        given = [
            name
            for name, value in (("a scenario", scenario), ("--seats", seats), ("--seed", seed))
            if value is not None
        ]
        if save is not None:
            given.append("--save")
        if given:
            raise HostError(
                "--resume takes the scenario, seats and seed from the save, and saves to it: "
                f"give no {', '.join(given)}"
            )
        from ..play.saves import read_save

        data = read_save(resume)
        tokens: dict[str, str] | None = read_tokens(resume, data.seats)
        from ..play.game import Game  # mesa: once the save and its tokens are read and checked

        game = Game.from_save(data, resume)
        save = resume
    else:
        if seats is None:
            raise HostError("give the seats people play (--seats), or --resume a hosted game's save")
        loaded = load_scenario(resolve_scenario(scenario))
        players = seats_list(seats, list(loaded.spec.actors))
        from ..play.game import Game

        game = Game(loaded, seed or 0, players=players)
        save = save if save is not None else DEFAULT_SAVE
        tokens = None
    from ..net.host import GameHost, join_address, serve_game

    host = GameHost(game, save, turn_seconds=turn_seconds, tokens=tokens)
    spec = game.scenario.spec
    rounds = len(spec.schedule)
    saved = save

    def started(port: int) -> None:
        write_tokens(saved, host.tokens)
        if resume is None:
            game.save(saved)  # the game at its start: --resume works from the first round on
        where = f"round {host.round} of {rounds}" if resume is not None else f"{rounds} rounds"
        typer.echo(
            f"Hosting {spec.id} (seed {game.seed}, {where}) on {join_address(bind, port)}; "
            f"the game is saved to {saved} after each round."
        )
        typer.echo("Give each player the address of its seat (its token is the key to the seat):")
        for seat, token in host.tokens.items():
            typer.echo(f"  {seat}: {join_address(bind, port, token)}")
        typer.echo(f"  observers: {join_address(bind, port)}")
        typer.echo("Serving until the game is over (ctrl+c stops).")

    # The imports (mesa brings pandas and scipy) and the game last as long as the server: frozen,
    # the cyclic collector's full collections pass them by (75 ms each otherwise, every seat's
    # messages held up meanwhile; benchmarks/net_load.py).
    gc.freeze()
    try:
        serve_game(host, bind, port, started)
    except KeyboardInterrupt:  # typer would end the command without a word
        typer.echo(
            f"diplosim: interrupted in round {host.round} of {rounds}; {saved} holds the game at the start "
            f"of that round: the same seats go on from there with diplosim host --resume {saved}",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    typer.echo(f"The game is over; saved in {saved}.")

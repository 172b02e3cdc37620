"""The ``diplosim join`` command (registered in :mod:`sim.cli`): the terminal game, in a seat of a
game someone hosts (``diplosim host``), over the network."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import typer

from ..errors import HostError


def checked_address(address: str) -> str:
    """``address`` if it is a game server's (``ws://HOST:PORT/...``), else :class:`HostError`."""
    parts = urlsplit(address)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise HostError(
            f"'{address[:200]}' is not a game server's address: give the one `diplosim host` printed "
            "(ws://HOST:PORT/?token=...)"
        )
    try:
        parts.port  # noqa: B018 (a port out of range raises)
    except ValueError:
        raise HostError(f"'{address[:200]}' has no valid port") from None
    return address


def join_command(
    address: Annotated[
        str,
        typer.Argument(
            help="The address `diplosim host` printed for your seat (`ws://HOST:PORT/?token=...`); "
            "without a token (in it or --token), the app asks for one, or watches if none is given.",
            show_default=False,
        ),
    ],
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="Your seat's token, if the address does not carry it (`?token=`).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Play your seat of a game someone hosts, in the terminal (or watch it, with no token).

    The same chamber as `diplosim play`: the Council, the draft, the news, moves (`m`), reasons
    (`w`), objectives (`o`) and, at each roll call that waits for your seat, your ballot. Moves are
    simultaneous: make your moves, then end your turn with `n` (or `v`, to end it each round until
    the next vote); the host plays the round when every seat has ended its turn. The line over the
    keys says whom the round waits for. Undo, rewind and loading belong to the host.

    Your game is replayed here from what the host sends, and checked against the host's record at
    every vote and round: both need the same diplosim and scenario. If the connection drops, the
    app joins again with your token (for about a minute) and finds your seat as it was.

    Examples:

    * `diplosim join 'ws://127.0.0.1:8765/?token=...'` takes the seat whose address that is.

    * `diplosim join ws://192.168.1.20:8765/ --token ...` gives the token apart.

    * `diplosim join ws://127.0.0.1:8765/` asks for your seat's token first (enter with none to
      watch as an observer).

    An address that is not a game server's, a server that does not answer, a wrong token or a
    scenario that is not the host's is one line and exit 2 (asked in the app, it is said there).
    """
    checked_address(address)
    import asyncio

    from ..net.client import GameClient, token_of

    token = token if token is not None else token_of(address)

    async def play_joined() -> None:
        # With a token, joined before the app opens: a refusal is one line, before the game (mesa)
        # and the app are imported. Without, the app asks for one.
        client = await GameClient.join(address, token) if token is not None else None
        from ..net.joined import JoinedGame

        joined = await JoinedGame.joined_by(client, address, token) if client is not None else None
        from tui import DiplosimApp  # imported here: the engine never imports the TUI at import time

        app = DiplosimApp(joined=joined, join_at=address)
        try:
            await app.run_async()
        finally:
            if app.joined is not None:
                await app.joined.close()

    try:
        asyncio.run(play_joined())
    except OSError as exc:
        raise HostError(f"cannot reach a game server at {address}: {exc.strerror or exc}") from None

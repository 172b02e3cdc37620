"""The ``diplosim serve`` command (registered in :mod:`sim.cli`): the terminal game in browsers.

textual-serve runs a command for each browser that opens the page and relays its terminal over a
WebSocket; here that command is this installation's ``diplosim play``, so each visitor plays a
game of its own, on this machine. Everything is checked before textual-serve (aiohttp) is
imported, so bad input is refused at once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shlex
import signal
import socket
import sys
from typing import Annotated, Any

import typer

from ..errors import HostError, cannot_listen
from ..scenario.loading import load_scenario
from ..scenario.paths import resolve_scenario
from .join import checked_address
from .options import ScenarioArg, seed_option

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8000
"""textual-serve's own default."""
PORTS = range(0, 65536)
SHUTDOWN_SECONDS = 10
"""How long stopping waits for the visitors' games to quit."""


def visitor_command(arguments: list[str]) -> str:
    """The shell command textual-serve runs for each visitor: this installation's diplosim (the
    interpreter running this command, not whatever ``diplosim`` is on PATH) with ``arguments``."""
    return shlex.join([sys.executable, "-m", "sim.cli", *arguments])


def play_arguments(scenario: str | None, seed: int | None) -> list[str]:
    """What each visitor runs: ``play`` (the start screen) with the scenario listed and the seed.

    The scenario is checked here and passed as a full path, so a visitor's game lists the same
    folder the command line named. (With ``--join ADDRESS``, each visitor runs ``join ADDRESS``
    instead: the rest of ``serve`` does not care which game the visitors' terminals run.)"""
    arguments = ["play"]
    if scenario is not None:
        arguments.append(str(load_scenario(resolve_scenario(scenario)).folder.resolve()))
    if seed is not None:
        arguments += ["--seed", str(seed)]
    return arguments


def visitor_arguments(scenario: str | None, seed: int | None, join: str | None) -> list[str]:
    """``play``'s (:func:`play_arguments`), or with ``join`` (a hosted game's address) ``join``'s."""
    if join is None:
        return play_arguments(scenario, seed)
    if scenario is not None or seed is not None:
        raise HostError("--join serves a hosted game: its scenario and seed are the host's (give neither)")
    return ["join", checked_address(join)]


def page_address(host: str, port: int) -> str:
    """The address browsers open; textual-serve builds the page's WebSocket address from it."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: any free port) for the server to listen on: a port
    out of range or in use, or an address this machine does not have, is one line before
    anything heavy is imported, and no other program can take the port meanwhile."""
    if port not in PORTS:
        raise HostError(f"--port {port}: a port is a number from 0 to 65535 (0: any free port)")
    try:
        everywhere = ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name, such as localhost
        everywhere = False
    if everywhere:
        raise HostError(
            f"--host {host} listens on every address, but the page tells each browser where to "
            "connect: give the address browsers reach this machine at (e.g. 192.168.1.20)"
        )
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listener = socket.socket(family, kind, proto)
    except OSError as exc:
        raise cannot_listen(host, port, exc) from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as asyncio's servers do
        listener.bind(address)
    except OSError as exc:
        listener.close()
        raise cannot_listen(host, port, exc) from None
    return listener


def serve_command(
    scenario: ScenarioArg = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on, and the one the printed address names. The default, "
            "127.0.0.1, is this machine only. Give another (this machine's address on your network) "
            "only on a network you trust: the page is not encrypted, and each visitor's game runs "
            "here, so a game it saves (`s`) or a profile it edits is written on this machine.",
        ),
    ] = LOOPBACK,
    port: Annotated[
        int,
        typer.Option("--port", "-p", help="The port to listen on, 0 to 65535; 0: any free port (printed)."),
    ] = DEFAULT_PORT,
    seed: Annotated[
        int | None,
        seed_option("Seed of each visitor's game (the start screen shows it; the visitor may change it)."),
    ] = None,
    join: Annotated[
        str | None,
        typer.Option(
            "--join",
            help="Serve a page for joining the game hosted at this address (`diplosim host` printed "
            "it, ws://HOST:PORT/) instead of games of their own: each visitor gives its seat's "
            "token, or none to watch.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the terminal game to web browsers: each visitor plays a game of its own.

    Every browser that opens the printed address gets the same app as `diplosim play`: the start
    screen, where it picks a scenario and a seat, or watches. Each visitor's game runs as a
    `diplosim play` of its own on this machine, and ends when its page is closed. Serves until
    ctrl+c.

    Examples:

    * `diplosim serve` serves the start screen on http://127.0.0.1:8000 (open it in a browser).

    * `diplosim serve scenarios/my-crisis --port 8080 --seed 7` lists that scenario too (last) and
      starts each game at seed 7.

    * `diplosim serve --port 0` listens on any free port, printed.

    * `diplosim serve --host 192.168.1.20` serves the machine at that address to its network.

    * `diplosim serve --join ws://127.0.0.1:8765/` serves a page for joining the game
      `diplosim host` serves there: each visitor types its seat's token (or none, to watch).

    An unknown scenario, a port out of range or in use, or an address this machine cannot listen
    on is one line and exit 2.
    """
    # Checked before textual-serve is imported (aiohttp: half a second): bad input is refused at once.
    command = visitor_command(visitor_arguments(scenario, seed, join))
    with listen(host, port) as listener:
        _serve(command, listener, page_address(host, listener.getsockname()[1]))
    typer.echo("diplosim serve: stopped; the visitors' games have ended.", err=True)


def _serve(command: str, listener: socket.socket, address: str) -> None:
    """Serve textual-serve's page and terminals on ``listener`` until SIGINT or SIGTERM; say
    where to point a browser once it listens. Logs warnings only (not each request)."""
    from aiohttp import web  # here: aiohttp and textual-serve are for this command alone
    from aiohttp.web_runner import GracefulExit
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class BrowserServer(Server):
        def __init__(self) -> None:
            super().__init__(command, title="diplosim", public_url=address)
            self.visits: dict[asyncio.Task[Any], AppService | None] = {}
            """The handler of each page open, and the visitor's game it relays (once started)."""

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            visit = asyncio.current_task()
            assert visit is not None
            self.visits[visit] = None
            try:
                return await super().handle_websocket(request)
            finally:
                game = self.visits.pop(visit)
                if game is not None and game._process is not None:
                    # textual-serve waits for the game's output to end, not for its exit.
                    await game._process.wait()

        async def _process_messages(self, websocket: web.WebSocketResponse, game: AppService) -> None:
            visit = asyncio.current_task()  # the page's handler (handle_websocket) calls this
            if visit in self.visits:
                self.visits[visit] = game
            await super()._process_messages(websocket, game)

        async def on_startup(self, app: web.Application) -> None:
            pass  # textual-serve's banner; the address is said once the socket listens

        async def end_visits(self) -> None:
            """End each visitor's game: textual-serve tells it to quit, then closes its page, when
            the page's handler is cancelled; the handler returns once the game has exited."""
            visits = list(self.visits)
            for visit in visits:
                visit.cancel()
            if visits:
                await asyncio.wait(visits, timeout=SHUTDOWN_SECONDS)

    server = BrowserServer()
    loop = asyncio.new_event_loop()

    def exit_now() -> None:
        raise GracefulExit  # out of the event loop: aiohttp's run_app then cleans up

    def stop() -> None:
        # Before aiohttp's own shutdown, which stops reading the connections: a page closed then
        # would wait 10 s for the browser's answer it no longer reads. A second signal stops at once.
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, exit_now)
        loop.create_task(server.end_visits()).add_done_callback(lambda _: exit_now())

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop)

    def listening(*_: object) -> None:
        typer.echo(f"Serving the game to browsers: open {address}")
        typer.echo("Each visitor plays a game of its own on this machine; ctrl+c stops.")

    logging.basicConfig(level=logging.WARNING, format="diplosim serve: %(message)s")
    # textual-serve's own serve() binds HOST:PORT itself; this serves on the socket bound above.
    web.run_app(
        server._make_app(),
        sock=listener,
        print=listening,
        handle_signals=False,
        shutdown_timeout=SHUTDOWN_SECONDS,
        loop=loop,
    )

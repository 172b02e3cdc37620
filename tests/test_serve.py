"""`diplosim serve` as its users run it: a real server on 127.0.0.1 and a real headless Chromium.

The browser is Debian's (`apt-get install -y chromium`, /usr/bin/chromium), driven by Playwright
without its own browser download. Without it the browser test is skipped, except when CI is set:
then it fails (.ci/run installs it), so a broken install cannot pass as a skipped test.

The terminal in the page is drawn on a canvas (xterm.js), so its text is not in the DOM; the test
reads what the server sent the page over its WebSocket (the app's screen updates) and checks the
screenshots are drawn and change with the keys. Every wait is bounded.
"""

from __future__ import annotations

import os
import re
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from shared import DATA, FIXTURE, IN_CI
from terminal import ESCAPES

from sim.cli.serve import listen, play_arguments, visitor_arguments, visitor_command
from sim.errors import HostError

CHROMIUM = "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT = 30
"""Seconds any one step may take before the test fails."""
TITLE = "Served to a browser"


def serve(*arguments: object, cwd: Path) -> subprocess.Popen:
    """`diplosim serve ARGUMENTS`, in a session of its own (so that nothing it starts outlives the test)."""
    return subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "serve", *map(str, arguments)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        start_new_session=True,
    )


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    """An unknown scenario, a port in use: refused before serving, side by side."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        expected = {
            ("nowhere",): f"{tmp_path / 'nowhere'}: no such file",
            ("--port", port): f"cannot listen on 127.0.0.1:{port}: the port is in use",
            ("--join", "http://h:1/"): "'http://h:1/' is not a game server's address: give the one "
            "`diplosim host` printed (ws://HOST:PORT/?token=...)",
        }
        started = {arguments: serve(*arguments, cwd=tmp_path) for arguments in expected}
        for arguments, process in started.items():
            out, err = process.communicate(timeout=60)
            assert (process.returncode, out, err.decode()) == (2, b"", expected[arguments] + "\n"), arguments


def test_the_address_is_checked_and_each_visitor_runs_this_installations_play():
    with pytest.raises(HostError, match=r"^--port 70000: a port is a number from 0 to 65535"):
        listen("127.0.0.1", 70000)
    with pytest.raises(HostError, match="listens on every address"):
        listen("0.0.0.0", 0)
    with listen("127.0.0.1", 0) as listener:  # 0: a free port, bound
        assert listener.getsockname()[1] > 0
    command = visitor_command(play_arguments(str(FIXTURE), 7))
    assert shlex.split(command) == [sys.executable, "-m", "sim.cli", "play", str(FIXTURE), "--seed", "7"]
    # With --join, each visitor runs `join ADDRESS` (the app asks for its seat's token).
    joining = visitor_command(visitor_arguments(None, None, "ws://127.0.0.1:8765/"))
    assert shlex.split(joining) == [sys.executable, "-m", "sim.cli", "join", "ws://127.0.0.1:8765/"]
    with pytest.raises(HostError, match="its scenario and seed are the host's"):
        visitor_arguments(None, 7, "ws://127.0.0.1:8765/")
    assert shlex.split(visitor_command(play_arguments(None, None))) == [
        sys.executable,
        "-m",
        "sim.cli",
        "play",
    ]


@pytest.fixture
def served(tmp_path: Path) -> Path:
    """A copy of the fixture scenario under a path with a space in it (the command each visitor
    runs is a shell's), retitled so the start screen shows it is the one the command line named."""
    project = tmp_path / "a project"
    shutil.copytree(DATA / "seeds", project / "seeds")
    folder = Path(shutil.copytree(FIXTURE, project / "scenarios" / FIXTURE.name))
    spec = folder / "scenario.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(re.sub(r'(?m)^title: ".*"$', f'title: "{TITLE}"', text, count=1), encoding="utf-8")
    return folder


def first_line(process: subprocess.Popen) -> str:
    """The server's first line on stdout (where to point a browser), within WAIT seconds."""
    assert process.stdout is not None
    line = b""
    deadline = time.monotonic() + WAIT
    while not line.endswith(b"\n"):
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(process.stdout.fileno(), 1) if ready else b""
        assert chunk, f"no address printed: {line!r}, exit {process.poll()}"
        line += chunk
    return line.decode()


def running(marker: str) -> list[str]:
    """The command lines of the processes that name ``marker``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        if marker in text:
            found.append(text)
    return found


class BrowserTerminal:
    """A page of the server's in Chromium: what the server sent its terminal, keys, screenshots."""

    def __init__(self, page, url: str) -> None:
        self.page = page
        self.sent = bytearray()
        page.set_default_timeout(WAIT * 1000)
        page.route("**/*", lambda route: self._local_only(route, url))
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))
        page.goto(url)

    @staticmethod
    def _local_only(route, url: str) -> None:
        """The page asks Google for a font: nothing leaves this machine."""
        if route.request.url.startswith(url):
            route.continue_()
        else:
            route.abort()

    def _received(self, frame: bytes | str) -> None:
        if isinstance(frame, bytes):  # the terminal's output; a str is a control message
            self.sent.extend(frame)

    def expect(self, *needles: str, since: int = 0) -> None:
        """Wait until each of ``needles`` has been sent to the terminal (after byte ``since``)."""
        deadline = time.monotonic() + WAIT
        while True:
            text = ESCAPES.sub(b"", bytes(self.sent[since:])).decode("utf-8", "replace")
            if all(needle in text for needle in needles):
                return
            assert time.monotonic() < deadline, f"never shown: {needles}; the screen ended {text[-600:]!r}"
            self.page.wait_for_timeout(50)

    def press(self, key: str, *shows: str) -> None:
        """Press ``key`` and wait for what it ``shows``."""
        since = len(self.sent)
        self.page.keyboard.press(key)
        self.expect(*shows, since=since)

    def screenshot(self, path: Path) -> Path:
        """The page once the terminal has drawn what it was sent (two animation frames on)."""
        self.page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        self.page.screenshot(path=path)
        return path


@pytest.mark.skipif(CHROMIUM is None and not IN_CI, reason="chromium is not installed")
def test_a_browser_plays_a_round_of_the_served_game_and_ctrl_c_ends_it(tmp_path, served):
    """The page shows the start screen, which lists the scenario named on the command line last:
    end, enter, enter pick it and watch; n plays a round. SIGINT then ends the visitor's game and
    the server."""
    if CHROMIUM is None:
        pytest.fail("CI is set but chromium is not installed: .ci/run installs it (apt-get install chromium)")
    import numpy
    from PIL import Image
    from playwright.sync_api import sync_playwright

    server = serve(served, "--port", 0, "--seed", 7, cwd=tmp_path)
    try:
        line = first_line(server)
        address = re.fullmatch(r"Serving the game to browsers: open (http://127\.0\.0\.1:\d+)\n", line)
        assert address, line
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            terminal = BrowserTerminal(browser.new_page(viewport={"width": 1200, "height": 800}), address[1])
            terminal.expect("1. Pick a scenario", "2. Pick your role")
            terminal.page.wait_for_function(
                "getComputedStyle(document.querySelector('.textual-terminal')).opacity === '1'"
            )
            start = terminal.screenshot(tmp_path / "start.png")
            terminal.page.focus(".xterm-helper-textarea")  # where xterm.js takes the keys
            terminal.press("End", TITLE)  # the scenario named on the command line, listed last
            terminal.press("Enter", "Observer: the engine plays everyone")
            terminal.press("Enter", "Round 1/8", TITLE, "Security Council")
            terminal.press("n", "Round 2/8")
            played = terminal.screenshot(tmp_path / "round-2.png")

            for png in (start, played):
                with Image.open(png) as image:
                    assert image.size == (1200, 800)
                    assert len(image.getcolors(1 << 16) or ()) > 8, f"{png} is blank"
            with Image.open(start) as before, Image.open(played) as after:
                changed = int((numpy.asarray(before) != numpy.asarray(after)).any(axis=-1).sum())
            assert changed > 1200 * 800 // 10, "the screen hardly changed with the round played"

            assert running(str(served)), "no game running for the visitor"
            server.send_signal(signal.SIGINT)  # the server alone: it ends the visitor's game itself
            out, err = server.communicate(timeout=WAIT)
            terminal.page.wait_for_selector("body.-closed")  # the page says "Session ended."
            browser.close()
        assert server.returncode == 0, err
        assert err.decode() == "diplosim serve: stopped; the visitors' games have ended.\n"
        assert b"Traceback" not in out, out.decode()[-2000:]
        assert running(str(served)) == []
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_serve_join_serves_the_page_for_a_hosted_game(tmp_path):
    """The README's class game: `diplosim serve --join ADDRESS` answers a browser with its page
    (each visitor's terminal is then `diplosim join ADDRESS`, tests/test_tui_joined.py's token
    page); ctrl+c stops it with one line."""
    server = serve("--port", 0, "--join", "ws://127.0.0.1:8765/", cwd=tmp_path)
    try:
        line = first_line(server)
        address = re.fullmatch(r"Serving the game to browsers: open (http://127\.0\.0\.1:\d+)\n", line)
        assert address, line
        with urllib.request.urlopen(address[1], timeout=WAIT) as page:
            assert page.status == 200 and b"diplosim" in page.read()
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=WAIT)
        assert server.returncode == 0 and err.decode().startswith("diplosim serve: stopped;")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

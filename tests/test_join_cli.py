"""`diplosim join` as the README shows it: a real `diplosim host` on loopback, and the terminal
game joined to it in a real pseudo-terminal; refusals as one line and exit 2."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from shared import FIXTURE
from terminal import terminal

ADDRESS = re.compile(r"^  (\S+): (ws://127\.0\.0\.1:\d+/\S*)$", re.MULTILINE)


@pytest.fixture
def hosted(tmp_path) -> Iterator[dict[str, str]]:
    """`diplosim host` of the fixture with two seats on a free port: the addresses it printed."""
    host = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "host", str(FIXTURE), "--seats", "china,pakistan", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )
    printed = ""
    try:
        while "Serving until" not in printed:
            line = host.stdout.readline()
            assert line, f"the host exited before serving: {printed!r}"
            printed += line
        yield dict(ADDRESS.findall(printed))
    finally:
        host.kill()
        host.wait()


def test_join_takes_the_seat_of_its_address_and_n_ends_its_turn(hosted):
    with terminal("join", hosted["china"]) as screen:
        screen.expect("Round 1 waits for China (you) and Pakistan.")
        screen.press("n")
        screen.expect("Round 1 waits for Pakistan.")
        screen.press("q")
        assert screen.wait() == 0


def test_a_wrong_token_or_no_server_is_one_line_and_exit_2(hosted):
    """Three refusals, side by side: each before the game (mesa) or the app is imported."""
    said = {
        (hosted["observers"], "--token", "forged"): "the server refused: no seat has that token",
        ("ws://127.0.0.1:1/?token=x",): "cannot reach a game server at ws://127.0.0.1:1/",
        ("127.0.0.1:8765",): "'127.0.0.1:8765' is not a game server's address",
    }
    started = {
        arguments: subprocess.Popen(
            [sys.executable, "-m", "sim.cli", "join", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for arguments in said
    }
    for arguments, process in started.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == 2 and out == b"", arguments
        assert err.decode().startswith(said[arguments]) and err.decode().count("\n") == 1, err

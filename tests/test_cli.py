"""The command line end to end, in real subprocesses, as a user runs it."""

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

import pytest


def diplosim(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "sim.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.fixture(scope="module")
def seed_one():
    return diplosim("run", "--seed", "1")


def test_run_prints_a_full_transcript_ending_in_the_votes(seed_one):
    out = seed_one.stdout
    assert seed_one.returncode == 0, seed_one.stderr
    assert out.startswith("Syria, July 2012")
    for round_no in range(1, 9):
        assert f"── Round {round_no} ·" in out
    assert "EVENT" in out and "LOBBY" in out and "TABLED" in out
    assert re.search(r"^  VOTE +S/2012/538: ", out, re.MULTILINE)
    assert re.search(r"^  DEADLINE +UNSMIS mandate", out, re.MULTILINE)
    assert "in favour" in out and "The draft was" in out
    assert out.rstrip().splitlines()[-3].startswith("  S/2012/538:")


def test_run_from_any_directory_uses_the_shipped_scenario(tmp_path, seed_one):
    elsewhere = diplosim("run", "--seed", "1", cwd=tmp_path)
    assert elsewhere.returncode == 0
    assert elsewhere.stdout == seed_one.stdout


def test_explain_gives_each_members_reasons():
    result = diplosim("run", "--seed", "1", "--explain")
    assert result.returncode == 0
    for member in ("China", "Pakistan", "United States", "Togo"):
        assert f"· {member}: " in result.stdout
    assert "utility of the draft" in result.stdout
    assert "price of a veto" in result.stdout and "price of a vote against" in result.stdout
    assert "lobbied by" in result.stdout


def test_json_is_the_run_record(seed_one):
    result = diplosim("run", "--seed", "1", "--json")
    record = json.loads(result.stdout)
    assert record["seed"] == 1
    first = record["votes"][0]
    assert first["draft"] == "s-2012-538"
    assert first["result"] in {"adopted", "vetoed", "failed"}
    assert len(first["roll_call"]) == 15
    assert set(first["roll_call"].values()) <= {"yes", "no", "abstain"}
    for vote in record["votes"]:
        tally = f"{vote['tally']['yes']} in favour"
        assert tally in seed_one.stdout


def test_same_seed_same_output_across_processes():
    assert diplosim("run", "--seed", "5", "--json").stdout == diplosim("run", "--seed", "5", "--json").stdout


def test_scenario_by_path_and_by_name(root):
    by_path = diplosim("run", str(root / "scenarios" / "syria-2012-07-china-abstains"), "--seed", "2")
    by_name = diplosim("run", "syria-2012-07-china-abstains", "--seed", "2")
    assert by_path.returncode == 0 and by_path.stdout == by_name.stdout
    assert "What if China had abstained?" in by_path.stdout


def test_validate_accepts_the_shipped_files(root):
    result = diplosim(
        "validate",
        str(root / "scenarios" / "syria-2012-07"),
        str(root / "scenarios" / "syria-2012-07-china-abstains" / "scenario.yaml"),
        str(root / "scenarios" / "syria-2012-07" / "actors" / "china.yaml"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ok: ") == 3


def test_missing_scenario_is_a_clean_error(tmp_path):
    result = diplosim("run", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", [["--help"], ["run", "--help"], ["validate", "--help"], ["play", "--help"]]
)
def test_help_teaches(command):
    result = diplosim(*command)
    text = result.stdout + result.stderr
    assert "Usage" in text
    if command[:1] == ["run"]:
        assert "--seed" in text and "--explain" in text and "--json" in text


def _read_until(fd: int, pattern: bytes, deadline: float) -> bytes:
    seen = b""
    while pattern not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} never appeared; the screen showed {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
    return seen


def test_bare_diplosim_opens_the_game_and_q_quits():
    """`diplosim` alone opens the start screen in a real terminal; `q` leaves it cleanly."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    child = subprocess.Popen(
        [sys.executable, "-m", "sim.cli"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    try:
        screen = _read_until(primary, b"Syria", time.monotonic() + 60)
        assert b"Traceback" not in screen
        os.write(primary, b"q")
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(primary)

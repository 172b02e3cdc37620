"""The corpus of hostile inputs (tests/hostile.py), each through the real command line: refused
with exit 2 and the file named, no traceback, no secret in the output, nothing outside the
project written, no hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import CASES, SECRET, Case, diplosim, make_project

KINDS = {"paths", "links", "fifos", "sizes", "nesting", "types", "non-finite", "saves", "seeds", "outputs"}


def test_the_corpus_covers_every_class_of_input() -> None:
    assert {case.kind for case in CASES} == KINDS
    assert len({case.id for case in CASES}) == len(CASES)


def named_file(stderr: str) -> Path:
    """The file a one-line report names: what comes before its first ``: `` (or ``:LINE: ``)."""
    head = stderr.split(": ", 1)[0]
    file, _, line = head.rpartition(":")
    return Path(file if line.isdigit() else head)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_hostile_input_is_refused_cleanly(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    args, blamed = case.build(project)
    before = project.outside_state()
    run = diplosim(*args, cwd=project.root)
    output = run.stdout + run.stderr
    assert run.returncode is not None, f"still running after the hang guard: {args[:3]}"
    assert "Traceback" not in output, run.stderr[-3000:]
    assert run.returncode == 2, output[-2000:]
    assert SECRET not in output and "wJalr" not in output
    assert project.outside_state() == before, "a file outside the project was written"
    for word in case.words:
        assert word in run.stderr, run.stderr[:2000]
    if blamed is not None:
        assert run.stdout == ""
        assert len(run.stderr.splitlines()) == 1, run.stderr[:2000]
        assert named_file(run.stderr).resolve() == blamed.resolve(), run.stderr[:500]
        assert len(run.stderr) < 1000, "a message quotes at most a bounded excerpt"

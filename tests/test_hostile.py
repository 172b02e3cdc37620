"""The corpus of hostile inputs (tests/hostile.py): refused with exit 2 and the file named, no
traceback, no secret in the output, nothing outside the project written, no hang.

Through the real command line: every case of a command other than ``validate`` or ``play --load``,
every FIFO (a read that blocks must be killed by the hang guard, not hang the tests), and for those
two commands the first case of each kind of input. Every ``validate`` and ``play --load`` case is
also refused here, in this process, by what the command runs (``load_scenario``; ``read_save``
and ``Game.from_save``): the command prints that refusal as it is (``sim.cli.main``),
which the cases run as commands check once for each command and kind of input.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import CASES, SECRET, Case, diplosim, make_project

from sim.errors import DiplosimError
from sim.play.game import Game
from sim.play.saves import read_save
from sim.scenario.loading import load_scenario

KINDS = {"paths", "links", "fifos", "sizes", "nesting", "types", "non-finite", "saves", "seeds", "outputs"}


def test_the_corpus_covers_every_class_of_input() -> None:
    assert {case.kind for case in CASES} == KINDS
    assert len({case.id for case in CASES}) == len(CASES)


def named_file(stderr: str) -> Path:
    """The file a one-line report names: what comes before its first ``: `` (or ``:LINE: ``)."""
    head = stderr.split(": ", 1)[0]
    file, _, line = head.rpartition(":")
    return Path(file if line.isdigit() else head)


LOADED_BY = {
    "validate": (
        "_seed.",
        "_include.",
        "_profiles.",
        "_shared_link",
        "_shared_actors_link",
        "_symlinked_seed",
        "_seed_loop",
        "_include_loop",
        "_actor_link",
        "_big_article.",
        "_deep_includes",
        "_profile.",
        "_scenario.",
    ),
    "play --load": ("_save.", "_save_file."),
}
"""The command each builder of tests/hostile.py gives its case, for the two refused here too
(the test checks that the case's arguments are that command's)."""


def command_of(case: Case) -> str | None:
    name = case.build.__qualname__
    return next((command for command, builders in LOADED_BY.items() if name.startswith(builders)), None)


def split_corpus() -> tuple[list[Case], list[Case]]:
    """The cases refused in this process, and those run as commands (the first of each kind of
    input for each of the two commands refused here too)."""
    here, commands, seen = [], [], set()
    for case in CASES:
        command = command_of(case)
        if case.kind != "fifos" and command is not None:
            here.append(case)
            if (case.kind, command) in seen:
                continue
            seen.add((case.kind, command))
        commands.append(case)
    return here, commands


IN_PROCESS, AS_COMMANDS = split_corpus()


def test_each_kind_of_input_is_run_as_a_command() -> None:
    assert {case.kind for case in AS_COMMANDS} == KINDS
    assert {case.id for case in CASES} == {case.id for case in IN_PROCESS + AS_COMMANDS}


@pytest.mark.parametrize("case", AS_COMMANDS, ids=lambda case: case.id)
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


def refuse(command: str, args: list[str]) -> None:
    """What ``diplosim validate FOLDER`` or ``diplosim play --load SAVE`` runs before it would
    print anything (sim/cli/main.py)."""
    if command == "validate":
        assert args[0] == "validate" and len(args) == 2 and Path(args[1]).is_dir(), args
        load_scenario(Path(args[1]))
    else:
        assert args[:2] == ["play", "--load"] and len(args) == 3, args
        save = Path(args[2])
        Game.from_save(read_save(save), save)


@pytest.mark.parametrize("case", IN_PROCESS, ids=lambda case: case.id)
def test_a_hostile_input_is_refused_by_what_its_command_runs(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path)
    args, blamed = case.build(project)
    before = project.outside_state()
    monkeypatch.chdir(project.root)
    with pytest.raises(DiplosimError) as caught:
        refuse(command_of(case), args)
    said = str(caught.value)
    assert SECRET not in said and "wJalr" not in said
    assert project.outside_state() == before, "a file outside the project was written"
    for word in case.words:
        assert word in said, said[:2000]
    assert blamed is not None and "\n" not in said, said[:2000]
    assert named_file(said).resolve() == blamed.resolve(), said[:500]
    assert len(said) < 1000, "a message quotes at most a bounded excerpt"

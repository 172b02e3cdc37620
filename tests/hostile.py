"""A corpus of hostile inputs, each tried through the real command line.

Every case builds its input inside a private project laid out as the repository is
(``project/scenarios/syria-2012-07``, ``project/seeds/``), beside a folder of secrets outside it,
and names the command to run from the project. A case passes when the command refuses the input
as a user should see it: exit status 2, the file named, no traceback, no secret printed, nothing
outside the project read into the output or written, and no hang. ``tests/test_hostile.py`` runs
the corpus; ``benchmarks/hostile_inputs.py`` runs it too and prints each case's time and peak
memory, and the counts of the closing note.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared import DATA, FIXTURE

SCENARIO = "syria-2012-07"
"""The project's scenario folder: a copy of the tests' fixture (tests/conftest.py) under the shipped name."""
SEED_ARTICLE = "000_bb4828be64e90ce1.txt"
SECRET = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCY"
HANG_GUARD_S = 30
"""Not a benchmark: a refusal still running after this long has hung."""


@dataclass(frozen=True)
class Run:
    returncode: int | None
    """None when the hang guard killed it."""
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float


# Runs the command in a grandchild and writes its peak memory to a file. Measured from the test
# process itself, a child's peak would start at the test process's own size: Linux carries the
# high-water mark of the process that forked it across exec.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
with open(os.environ["DIPLOSIM_PEAK_FILE"], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def diplosim(*args: str, cwd: Path, guard: float = HANG_GUARD_S) -> Run:
    """Run ``python -m sim.cli`` as a user would; kill it if it outlives ``guard`` seconds.
    Records its peak memory (resident set) and wall time."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak = Path(scratch) / "peak"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, "-m", "sim.cli", *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env={**os.environ, "DIPLOSIM_PEAK_FILE": str(peak)},
            start_new_session=True,
        )
        try:
            code: int | None = proc.wait(timeout=guard)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        peak_kb = int(peak.read_text()) if peak.exists() else 0
        return Run(
            code,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            peak_kb / 1024,
            seconds,
        )


# -- the project a case breaks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """A copy of the shipped scenario in a project folder, with secrets beside the project."""

    root: Path
    """The project: ``scenarios/`` and ``seeds/``; the commands run here."""
    outside: Path
    """A folder outside the project: a secret file and a valid scenario nobody may include."""

    @property
    def scenario(self) -> Path:
        return self.root / "scenarios" / SCENARIO

    def edit(self, relative: str, old: str, new: str) -> Path:
        """Replace the first ``old`` in a file of the scenario (it must be there)."""
        path = self.scenario / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def outside_state(self) -> dict[str, tuple[int, int, int]]:
        """Every file and folder outside the project, with its size, mode and modification time."""
        state = {}
        for path in sorted(self.root.parent.rglob("*")):
            if path == self.root or self.root in path.parents:
                continue
            info = path.lstat()
            state[str(path)] = (info.st_size, info.st_mode, info.st_mtime_ns)
        return state


def make_project(folder: Path) -> Project:
    root = folder / "project"
    shutil.copytree(DATA / "seeds", root / "seeds")
    shutil.copytree(FIXTURE, root / "scenarios" / SCENARIO)
    outside = folder / "secret"
    outside.mkdir()
    (outside / ".env").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / ".env").chmod(0o640)
    shutil.copytree(FIXTURE, outside / "elsewhere")
    shutil.copytree(DATA / "seeds", folder / "seeds")  # what ../../seeds means from `elsewhere`
    return Project(root, outside)


# -- the cases -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    """What class of input: paths, links, fifos, sizes, nesting, types, non-finite, saves, seeds,
    outputs."""
    build: Callable[[Project], tuple[list[str], Path | None]]
    """Breaks the project; returns the command's arguments and the file the message must name
    (None where there is no file: a bad option)."""
    words: tuple[str, ...] = ()
    """Words the message must hold."""


SEED_LINE = f"seed: ../../seeds/{SEED_ARTICLE}"


def _seed(named: str, quote: str | None = None) -> Callable[[Project], tuple[list[str], Path | None]]:
    def build(p: Project) -> tuple[list[str], Path | None]:
        path = p.edit("scenario.yaml", SEED_LINE, f"seed: {json.dumps(named)}")
        if quote is not None:
            p.edit("scenario.yaml", "  quotes:\n", f"  quotes:\n    - {json.dumps(quote)}\n")
        return ["validate", str(p.scenario)], path

    return build


def _include(named: Callable[[Project], str]) -> Callable[[Project], tuple[list[str], Path | None]]:
    def build(p: Project) -> tuple[list[str], Path | None]:
        variant = p.root / "scenarios" / "variant"
        variant.mkdir()
        (variant / "scenario.yaml").write_text(f"include: {json.dumps(named(p))}\nid: variant\n")
        return ["validate", str(variant)], variant / "scenario.yaml"

    return build


def _profiles(named: Callable[[Project], str]) -> Callable[[Project], tuple[list[str], Path | None]]:
    """The scenario names a folder of shared profiles (``profiles:``)."""

    def build(p: Project) -> tuple[list[str], Path | None]:
        path = p.edit("scenario.yaml", "\ncouncil:\n", f"\nprofiles: {json.dumps(named(p))}\ncouncil:\n")
        return ["validate", str(p.scenario)], path

    return build


def _shared_link(p: Project) -> tuple[list[str], Path | None]:
    (p.root / "scenarios" / "shared" / "actors").mkdir(parents=True)
    link = p.root / "scenarios" / "shared" / "actors" / "zz-notes.yaml"
    link.symlink_to(p.outside / ".env")
    args, _ = _profiles(lambda _: "../shared")(p)
    return args, link


def _shared_actors_link(p: Project) -> tuple[list[str], Path | None]:
    (p.root / "scenarios" / "shared").mkdir()
    link = p.root / "scenarios" / "shared" / "actors"
    link.symlink_to(p.outside / "elsewhere" / "actors")
    args, _ = _profiles(lambda _: "../shared")(p)
    return args, link


def _symlinked_seed(p: Project) -> tuple[list[str], Path | None]:
    (p.root / "seeds" / "notes.txt").symlink_to(p.outside / ".env")
    return _seed("../../seeds/notes.txt", "AWS_SECRET_ACCESS_KEY=x")(p)


def _seed_loop(p: Project) -> tuple[list[str], Path | None]:
    (p.root / "seeds" / "a.txt").symlink_to(p.root / "seeds" / "b.txt")
    (p.root / "seeds" / "b.txt").symlink_to(p.root / "seeds" / "a.txt")
    return _seed("../../seeds/a.txt")(p)


def _include_loop(p: Project) -> tuple[list[str], Path | None]:
    scenarios = p.root / "scenarios"
    (scenarios / "loop-a").symlink_to(scenarios / "loop-b")
    (scenarios / "loop-b").symlink_to(scenarios / "loop-a")
    return _include(lambda _: "../loop-a")(p)


def _actor_link(p: Project) -> tuple[list[str], Path | None]:
    link = p.scenario / "actors" / "zz-notes.yaml"
    link.symlink_to(p.outside / ".env")
    return ["validate", str(p.scenario)], link


def _fifo_seed(p: Project) -> tuple[list[str], Path | None]:
    os.mkfifo(p.root / "seeds" / "pipe.txt")
    args, _ = _seed("../../seeds/pipe.txt", "Syria")(p)
    return args, p.root / "seeds" / "pipe.txt"


def _seed_folder(p: Project) -> tuple[list[str], Path | None]:
    args, _ = _seed("../../seeds", "Syria")(p)
    return args, p.root / "seeds"


def _fifo_actor(p: Project) -> tuple[list[str], Path | None]:
    fifo = p.scenario / "actors" / "zz-pipe.yaml"
    os.mkfifo(fifo)
    return ["validate", str(p.scenario)], fifo


def _fifo_scenario(p: Project) -> tuple[list[str], Path | None]:
    folder = p.root / "scenarios" / "piped"
    folder.mkdir()
    os.mkfifo(folder / "scenario.yaml")
    return ["run", str(folder)], folder / "scenario.yaml"


def _big_article(size: int, quote: str) -> Callable[[Project], tuple[list[str], Path | None]]:
    def build(p: Project) -> tuple[list[str], Path | None]:
        article = (p.root / "seeds" / SEED_ARTICLE).read_text(encoding="utf-8")
        text = (article * (size // len(article) + 1))[:size]
        (p.root / "seeds" / "long.txt").write_text(text, encoding="utf-8")
        args, _ = _seed("../../seeds/long.txt", quote)(p)
        return args, p.root / "seeds" / "long.txt" if size > 2_000_000 else p.scenario / "scenario.yaml"

    return build


def _deep_includes(p: Project) -> tuple[list[str], Path | None]:
    scenarios = p.root / "scenarios"
    depth = 2000
    for index in range(depth):
        folder = scenarios / f"chain-{index:04d}"
        folder.mkdir()
        base = f"chain-{index + 1:04d}" if index + 1 < depth else SCENARIO
        (folder / "scenario.yaml").write_text(f"include: ../{base}\n")
    return ["validate", str(scenarios / "chain-0000")], scenarios / "chain-0000" / "scenario.yaml"


def _profile(old: str, new: str, actor: str = "russian-federation") -> Callable[..., tuple]:
    def build(p: Project) -> tuple[list[str], Path | None]:
        return ["validate", str(p.scenario)], p.edit(f"actors/{actor}.yaml", old, new)

    return build


def _scenario(old: str, new: str, command: str = "validate") -> Callable[..., tuple]:
    def build(p: Project) -> tuple[list[str], Path | None]:
        path = p.edit("scenario.yaml", old, new)
        return [command, str(p.scenario)], path

    return build


def _seed_option(*args: str) -> Callable[[Project], tuple[list[str], Path | None]]:
    return lambda p: (list(args), None)


# -- saves -------------------------------------------------------------------------------------------


def _valid_save(p: Project) -> Path:
    """A real save of a game in the United States' seat: one lobbying move, one round played."""
    from sim.engine.moves import Lobby
    from sim.play.game import Game
    from sim.scenario.loading import load_scenario

    game = Game(load_scenario(p.scenario), 3, "united-states")
    game.submit(Lobby("united-states", "russian-federation", "coercion", 0.2))
    game.play_round()
    return game.save(p.root / "save.json")


def _save(change: Callable[[dict], object] | None = None, text: Callable[[str], str] | None = None):
    def build(p: Project) -> tuple[list[str], Path | None]:
        path = _valid_save(p)
        data = json.loads(path.read_text(encoding="utf-8"))
        if change is not None:
            change(data)
        raw = json.dumps(data, indent=2)
        path.write_text(text(raw) if text is not None else raw, encoding="utf-8")
        return ["play", "--load", str(path)], path

    return build


def _script(
    change: Callable[[dict], object] | None = None,
    text: Callable[[str], str] | None = None,
    command: tuple[str, ...] = ("run", "--as", "united-states"),
):
    """A save of the United States' seat, broken, given as a move script (``--moves``)."""

    def build(p: Project) -> tuple[list[str], Path | None]:
        _, path = _save(change, text)(p)
        assert path is not None
        return [command[0], str(p.scenario), *command[1:], "--moves", str(path)], path

    return build


def _first_move(data: dict) -> dict:
    return data["rounds"][0][0]


def _set(mapping_of: Callable[[dict], dict], key: str, value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        mapping_of(data)[key] = value

    return change


def _drop(mapping_of: Callable[[dict], dict], key: str) -> Callable[[dict], None]:
    return lambda data: mapping_of(data).pop(key)


def _save_file(write: Callable[[Path], None]) -> Callable[[Project], tuple[list[str], Path | None]]:
    def build(p: Project) -> tuple[list[str], Path | None]:
        path = p.root / "save.json"
        write(path)
        return ["play", "--load", str(path)], path

    return build


def _read_only_output(command: list[str], name: str) -> Callable[[Project], tuple[list[str], Path | None]]:
    """An output under a path whose parent is a file (ENOTDIR: refused even for root)."""

    def build(p: Project) -> tuple[list[str], Path | None]:
        (p.root / "not-a-folder").write_text("a file\n")
        target = p.root / "not-a-folder" / name
        return [*command, str(target)], None

    return build


IDENTITY = lambda data: data  # noqa: E731
ROUND_MOVE = lambda data: data["rounds"][0][0]  # noqa: E731

CASES: list[Case] = [
    # -- paths a scenario names ---------------------------------------------------------------------
    Case("seed-absolute", "paths", _seed("/etc/passwd", "root:x:0:0"), ("source.seed", "outside")),
    Case(
        "seed-climbs-out",
        "paths",
        _seed("../../../secret/.env", "AWS_SECRET_ACCESS_KEY=x"),
        ("source.seed", "outside"),
    ),
    Case(
        "seed-in-project-not-seeds",
        "paths",
        lambda p: _seed("../../.env", "AWS_SECRET_ACCESS_KEY=x")((p.root / ".env").write_text(SECRET) and p),
        ("outside",),
    ),
    Case("seed-empty", "paths", _seed(""), ("source.seed", "empty")),
    Case(
        "seed-outside-via-run",
        "paths",
        lambda p: (["run", *_seed("../../../secret/.env")(p)[0][1:]], p.scenario / "scenario.yaml"),
        ("outside",),
    ),
    Case(
        "seed-outside-via-batch",
        "paths",
        lambda p: (
            ["batch", "--runs", "2", "--workers", "1", *_seed("../../../secret/.env")(p)[0][1:]],
            p.scenario / "scenario.yaml",
        ),
        ("outside",),
    ),
    Case(
        "include-absolute", "paths", _include(lambda p: str(p.outside / "elsewhere")), ("include", "outside")
    ),
    Case("include-climbs-out", "paths", _include(lambda p: "../../../secret/elsewhere"), ("outside",)),
    Case("include-a-secret-file", "paths", _include(lambda p: "../../../secret/.env"), ("outside",)),
    Case(
        "profiles-absolute",
        "paths",
        _profiles(lambda p: str(p.outside / "elsewhere")),
        ("profiles", "outside"),
    ),
    Case("profiles-climbs-out", "paths", _profiles(lambda p: "../../../secret"), ("profiles", "outside")),
    # -- links ------------------------------------------------------------------------------------------
    Case("seed-link-to-secret", "links", _symlinked_seed, ("outside",)),
    Case("seed-link-loop", "links", _seed_loop, ("link loop",)),
    Case("include-link-loop", "links", _include_loop, ("link loop",)),
    Case("actor-link-to-secret", "links", _actor_link, ("outside",)),
    Case("shared-profile-link-to-secret", "links", _shared_link, ("outside",)),
    Case("shared-actors-folder-link-out", "links", _shared_actors_link, ("outside",)),
    # -- FIFOs and other files that are not files ---------------------------------------------------------
    Case("seed-fifo", "fifos", _fifo_seed, ("not a regular file",)),
    Case("actor-fifo", "fifos", _fifo_actor, ("not a regular file",)),
    Case("scenario-fifo", "fifos", _fifo_scenario, ("not a regular file",)),
    Case("seed-folder", "fifos", _seed_folder, ("folder",)),
    # -- sizes ------------------------------------------------------------------------------------------
    Case(
        "article-1mb-missing-quote",
        "sizes",
        _big_article(1_000_000, "Mr Assad is not at the meeting."),
        ("not found in the seed article",),
    ),
    Case("article-too-large", "sizes", _big_article(3_000_000, "Syria"), ("larger than",)),
    Case("quote-very-long", "sizes", _seed(f"../../seeds/{SEED_ARTICLE}", "word " * 20_000), ("not found",)),
    Case("save-too-large", "sizes", _save(text=lambda raw: raw + " " * 5_000_000), ("larger than",)),
    # -- nesting ----------------------------------------------------------------------------------------
    Case("include-2000-deep", "nesting", _deep_includes, ("more than 16 scenarios deep",)),
    Case(
        "save-nested-arrays",
        "nesting",
        _save(text=lambda raw: raw.replace('"pending": []', '"pending": ' + "[" * 100_000 + "]" * 100_000)),
        ("nested too deeply",),
    ),
    # -- numbers that are not finite, or out of their range ------------------------------------------------
    Case(
        "sd-infinite",
        "non-finite",
        _profile("capability: 0.8", "capability: {mean: 0.5, sd: .inf}"),
        ("capability", "finite"),
    ),
    Case(
        "sd-huge",
        "non-finite",
        _profile("capability: 0.8", "capability: {mean: 0.5, sd: 1e308}"),
        ("capability", "wider than"),
    ),
    Case("ideal-nan", "non-finite", _profile("  transition: 10", "  transition: .nan"), ("finite",)),
    Case("event-add-nan", "non-finite", _scenario("add: -10}", "add: .nan}"), ("finite",)),
    Case(
        "event-set-out-of-range", "types", _scenario("add: -10}", "set: 250}"), ("outside the allowed range",)
    ),
    Case("event-add-too-large", "types", _scenario("add: -10}", "add: -1e300}"), ("whole range",)),
    Case("aligned-with-itself", "types", _profile("  china: 0.5", "  russian-federation: 0.5"), ("itself",)),
    Case(
        "rival-of-itself", "types", _scenario("rival_of: s-2012-538", "rival_of: russia-rival"), ("itself",)
    ),
    # -- saves ------------------------------------------------------------------------------------------
    Case("save-no-scenario", "saves", _save(_drop(IDENTITY, "scenario")), ("scenario",)),
    Case("save-scenario-a-string", "saves", _save(_set(IDENTITY, "scenario", "syria")), ("scenario",)),
    Case("save-no-digest", "saves", _save(_drop(lambda d: d["scenario"], "digest")), ("digest",)),
    Case("save-seed-5000-digits", "saves", _save(_set(IDENTITY, "seed", 10**4000), text=None), ("seed",)),
    Case(
        "save-seed-too-long-for-json",
        "saves",
        _save(text=lambda raw: raw.replace('"seed": 3', '"seed": ' + "9" * 5000)),
        ("save",),
    ),
    Case(
        "save-seed-infinity",
        "saves",
        _save(text=lambda raw: raw.replace('"seed": 3', '"seed": Infinity')),
        ("Infinity",),
    ),
    Case("save-seed-negative", "saves", _save(_set(IDENTITY, "seed", -1)), ("seed",)),
    Case("save-200000-rounds", "saves", _save(_set(IDENTITY, "rounds", [[]] * 200_000)), ("rounds",)),
    Case(
        "save-effort-nan",
        "saves",
        _save(text=lambda raw: raw.replace('"effort": 0.2', '"effort": NaN')),
        ("NaN",),
    ),
    Case("save-effort-true", "saves", _save(_set(ROUND_MOVE, "effort", True)), ("effort",)),
    Case("save-effort-text", "saves", _save(_set(ROUND_MOVE, "effort", "0.2")), ("effort",)),
    Case("save-effort-over-capital", "saves", _save(_set(ROUND_MOVE, "effort", 50.0)), ("capital",)),
    Case("save-move-kind-unknown", "saves", _save(_set(ROUND_MOVE, "kind", "nuke")), ("nuke",)),
    Case("save-move-extra-field", "saves", _save(_set(ROUND_MOVE, "bonus", 1)), ("bonus",)),
    Case(
        "save-move-for-another-seat",
        "saves",
        _save(_set(ROUND_MOVE, "actor", "russian-federation")),
        ("player",),
    ),
    # -- move scripts (a save's rounds) for --as ... --moves ---------------------------------------------
    Case(
        "script-move-of-another-seat",
        "saves",
        _script(_set(ROUND_MOVE, "actor", "russian-federation")),
        ("not of the seat played",),
    ),
    Case("script-unknown-target", "saves", _script(_set(ROUND_MOVE, "target", "atlantis")), ("atlantis",)),
    Case(
        "script-effort-nan",
        "saves",
        _script(text=lambda raw: raw.replace('"effort": 0.2', '"effort": NaN')),
        ("NaN",),
    ),
    Case("script-too-many-rounds", "saves", _script(_set(IDENTITY, "rounds", [[]] * 9)), ("9 rounds",)),
    Case(
        "script-nested-lists",
        "nesting",
        _script(text=lambda raw: "[" * 100_000 + "]" * 100_000),
        ("nested too deeply",),
    ),
    Case(
        "batch-script-for-another-seat",
        "saves",
        _script(command=("batch", "--as", "china", "--runs", "5")),
        ("is for 'united-states'",),
    ),
    Case("save-not-json", "saves", _save_file(lambda path: path.write_text("{not json")), ("JSON",)),
    Case(
        "save-binary",
        "saves",
        _save_file(lambda path: path.write_bytes(b"\xff\xfe\x00\x01" * 10)),
        ("UTF-8",),
    ),
    Case("save-fifo", "fifos", _save_file(lambda path: os.mkfifo(path)), ("not a regular file",)),
    Case("save-folder", "saves", _save_file(lambda path: path.mkdir()), ("folder",)),
    # -- seeds on the command line ----------------------------------------------------------------------
    Case("run-seed-negative", "seeds", _seed_option("run", "--seed", "-1"), ("--seed",)),
    Case(
        "play-seed-negative", "seeds", _seed_option("play", "--as", "observer", "--seed", "-1"), ("--seed",)
    ),
    Case("edit-seed-negative", "seeds", _seed_option("edit", "--seed", "-1"), ("--seed",)),
    Case("run-seed-5000-digits", "seeds", _seed_option("run", "--seed", "9" * 5000), ("--seed",)),
    # -- outputs ----------------------------------------------------------------------------------------
    Case(
        "new-scenario-under-a-file",
        "outputs",
        _read_only_output(["new-scenario"], "crisis"),
        ("not-a-folder",),
    ),
    Case(
        "plot-under-a-file",
        "outputs",
        _read_only_output(["batch", "--runs", "5000", "--workers", "1", "--plot"], "odds.png"),
        ("not-a-folder", "is a file"),
    ),
    Case(
        "plot-unknown-format",
        "outputs",
        lambda p: (
            ["batch", str(p.scenario), "--runs", "5000", "--workers", "1", "--plot", "odds.exe"],
            None,
        ),
        ("--plot", ".png"),
    ),
    Case(
        "schema-under-a-file", "outputs", _read_only_output(["schema", "--out"], "schemas"), ("not-a-folder",)
    ),
]

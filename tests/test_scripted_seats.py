"""Scripted seats: a seat played from a move script, in one run (the engine side, then `diplosim run
--as ACTOR --moves FILE`) and over a batch (`diplosim batch --as ... --moves ...`), on the tests'
fixture scenario; and each actor's utility of the outcome in the run record.

Numbers are not asserted: the engine's behaviour changes. What is: the structure, that the same
seed gives the same output, that a batch is the same on one worker or two, and that a move the
rules refuse is skipped, recorded and counted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared import FIXTURE, ROOT
from terminal import diplosim

from sim.batch.session import execute, plan
from sim.engine import scripted
from sim.engine.model import DiplomacyModel, run_scenario
from sim.engine.moves import Cast, Lobby, Statement
from sim.engine.scripted import SeatScript
from sim.engine.voting import utility
from sim.errors import MoveError, ResumeError, ScriptError
from sim.play.game import Game
from sim.play.script import load_script, read_script, seat_of

US = "united-states"
WEST = "s-2012-538"
STRATEGIES = ROOT / "benchmarks" / "strategies"


def move(kind: str, **fields) -> dict:
    return {"kind": kind, "actor": US, **fields}


TOO_EARLY = move("amend", draft=WEST, dimension="coercion", value=60)
"""In round 1 S/2012/538 is not tabled yet: the rules refuse this in every run."""
SCRIPT = [
    [TOO_EARLY, move("statement", target="russian-federation", pressure=0.5)],
    [],
    [],
    [
        move("amend", draft=WEST, dimension="coercion", value=60),
        move("lobby", target="china", dimension="coercion", effort=0.5),
    ],
    [],
    [],
    [move("callvote", draft=WEST), move("cast", draft=WEST, ballot="yes")],
]


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def script(tmp_path) -> Path:
    return write(tmp_path / "script.json", {"player": US, "description": "a test", "rounds": SCRIPT})


# -- the engine: one run --------------------------------------------------------------------------


def test_a_refused_move_is_skipped_and_recorded_and_the_rest_are_played(syria, script):
    seat = load_script(script, syria, US)
    record = scripted.play(DiplomacyModel(syria, 3, US), seat)
    assert [(s.round, s.index, s.move, s.reason) for s in record.skipped] == [
        (1, 0, TOO_EARLY, "S/2012/538 is not on the table")
    ]
    assert [r for r in record.rounds[3].revisions if r.sponsor == "United States"], "round 4's amendment"
    # the call is the lead's to make (a co-sponsor's is a proposal): the United Kingdom calls it
    assert any(d.action == "called" and d.actor == "United Kingdom" for d in record.rounds[6].decisions)
    vote = next(v for v in record.votes if v.draft == WEST)
    assert vote.roll_call["United States"] == "yes"
    assert json.loads(record.to_json())["skipped"][0]["move"] == TOO_EARLY


def test_a_script_replays_a_game_played_move_by_move_with_its_ballots(syria, tmp_path):
    """A save is a script: played headless, it gives the game's record, ballots cast at the roll
    call included (a "no" from the sponsor, which its profile would never cast)."""
    game = Game(syria, seed=4, player=US)
    game.submit(Statement(US, "china", 0.5))
    game.play_round()
    for _ in range(5):
        game.submit(Lobby(US, "pakistan", "coercion", 0.4))
        game.play_round()
    from sim.engine.moves import CallVote

    game.submit(CallVote(US, WEST))
    while game.next_vote() is not None:
        game.cast("no")
    game.play_round()
    assert game.over
    saved = game.save(tmp_path / "game.json")
    replayed = scripted.play(DiplomacyModel(syria, 4, US), load_script(saved, syria, US))
    assert replayed.to_json() == game.record.to_json()
    assert replayed.votes[0].roll_call["United States"] == "no"
    assert Cast(US, WEST, "no") in load_script(saved, syria, US).rounds[6]


def test_a_passive_seat_makes_no_move_where_the_engine_would_lobby(syria):
    passive = DiplomacyModel(syria, 2, US)
    scripted.play(passive, SeatScript(US))
    engine = DiplomacyModel(syria, 2)
    engine.run()
    lobbyists = {
        line.actor for model in (passive, engine) for r in model.record.rounds for line in r.lobbying
    }
    assert "United States" in lobbyists
    assert not [line for r in passive.record.rounds for line in r.lobbying if line.actor == "United States"]
    assert passive.record.skipped == []


def test_the_record_gives_each_actors_utility_of_the_outcome(syria):
    model = DiplomacyModel(syria, 1)
    record = model.run()
    assert set(record.utility) == set(syria.spec.actors)
    start = [float(syria.spec.status_quo[d]) for d in model.dims]  # certain in the fixture
    end = list(start)
    for vote in record.votes:
        if vote.result == "adopted":
            end = [float(vote.position[d]) for d in model.dims]
    assert end != start, "a draft is adopted in this run"
    for key, actor in model.actors.items():
        worth = utility(actor.ideal, actor.salience, end) - utility(actor.ideal, actor.salience, start)
        assert record.utility[key] == pytest.approx(round(worth, 4), abs=2e-4)
    assert all(round(value, 4) == value for value in record.utility.values())


# -- reading a script -----------------------------------------------------------------------------


def test_a_save_an_object_and_a_bare_list_are_the_same_script(syria, tmp_path):
    game = Game(syria, seed=1, player=US)
    game.submit(Lobby(US, "china", "coercion", 0.3))
    game.play_round()
    game.submit(Statement(US, "russian-federation", 0.2))  # pending: the next round
    saved = game.save(tmp_path / "save.json")
    rounds = json.loads(saved.read_text())["rounds"] + [json.loads(saved.read_text())["pending"]]
    as_object = write(tmp_path / "object.json", {"rounds": rounds})
    as_list = write(tmp_path / "list.json", rounds)
    scripts = [load_script(path, syria, US) for path in (saved, as_object, as_list)]
    assert scripts[0] == scripts[1] == scripts[2]
    assert scripts[0].rounds == (
        (Lobby(US, "china", "coercion", 0.3),),
        (Statement(US, "russian-federation", 0.2),),
    )


def broken(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    return path


LOBBY = '{"kind": "lobby", "actor": "ACTOR", "target": "china", "dimension": "coercion", "effort": EFFORT}'


def script_text(actor: str = US, effort: str = "0.5", rounds: int = 1, extra: str = "") -> str:
    moves = ",\n    ".join([LOBBY.replace("ACTOR", actor).replace("EFFORT", effort)] * 2)
    first = f"[\n    {moves}\n  ]"
    return '{\n  "rounds": [\n  ' + ",\n  ".join([first] + ["[]"] * (rounds - 1)) + f"\n  ]{extra}\n}}\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (script_text(actor="china"), 4, "rounds.0.0.actor: a move of 'china', not of the seat played"),
        (script_text(effort='"0.5"'), 4, "rounds.0.0.lobby.effort: Input should be a valid number"),
        (script_text(effort="NaN"), None, "'NaN' is not a number in standard JSON"),
        (script_text(rounds=9), 14, "the script has 9 rounds, but the scenario's schedule has 8"),
        (
            script_text(extra=',\n  "player": "china"'),
            8,
            "the script is for 'china', not for the seat played",
        ),
        (script_text(extra=',\n  "bonus": 1'), 8, "bonus: Extra inputs are not permitted"),
        (
            '{"rounds": [[{"kind": "callvote", "actor": "united-states",\n "draft": "s-2012-583"}]]}',
            2,
            "unknown draft 's-2012-583' (did you mean 's-2012-538'?)",
        ),
        ('{"moves": []}', 1, "not a move script: it has no 'rounds'"),
        ("[[], [],\n 7]", 2, "2: Input should be a valid list"),
        ("{not json", 1, "not a move script (not JSON"),
    ],
)
def test_a_bad_script_is_refused_with_its_file_and_line(syria, tmp_path, text, line, words):
    path = broken(tmp_path, text)
    with pytest.raises(ScriptError) as caught:
        load_script(path, syria, US)
    assert caught.value.path == path and caught.value.line == line, str(caught.value)
    assert words in caught.value.message


def test_moves_need_a_seat_and_a_seat_an_actor(syria, script):
    with pytest.raises(ScriptError, match="needs --as ACTOR"):
        seat_of(syria, None, script)
    with pytest.raises(MoveError, match="unknown actor 'atlantis'"):
        seat_of(syria, "atlantis", None)
    assert seat_of(syria, US, None) == SeatScript(US)
    assert seat_of(syria, None, None) is None
    assert read_script(script).description == "a test"


# -- a batch ----------------------------------------------------------------------------------------


def test_a_batch_counts_the_seats_utility_and_the_moves_refused_in_every_run(syria, script):
    seat = load_script(script, syria, US)
    summary = execute(plan(FIXTURE, 6, 0, [], seat), workers=1).summary
    assert summary["batch"]["seat"] == {
        "actor": US,
        "name": "United States",
        "script": summary["batch"]["seat"]["script"],
        "rounds": 7,
        "moves": 6,
    }
    cell = summary["points"][0]["seat"]
    skipped = cell["skipped"]
    assert skipped["moves"] == 6 and skipped["runs"] == 6
    assert skipped["runs_by_count"] == {"1": 6}
    assert skipped["by_reason"] == {"S/2012/538 is not on the table": {"runs": 6, "moves": 6}}
    assert skipped["by_move"] == [
        {
            "round": 1,
            "index": 0,
            "move": "amend s-2012-538 coercion 60",
            "reason": "S/2012/538 is not on the table",
            "runs": 6,
            "moves": 6,
        }
    ]
    utility = cell["utility"]
    assert utility["low"] <= utility["mean"] <= utility["high"] and cell["runs"] == 6


def test_the_same_seeds_make_the_same_runs_for_every_script(syria, script):
    """Axelrod's condition: run i of every script has the same draws (its sampled numbers)."""
    rows = {}
    for name, seat in (("script", load_script(script, syria, US)), ("passive", SeatScript(US))):
        from sim.batch.runner import Job, results

        planned = plan(FIXTURE, 4, 9, [], seat)
        job = Job(tuple(planned.scenarios), tuple(planned.grid), 9, planned.layout, "jsonl", seat=seat)
        rows[name] = [json.loads(r.line) for chunk in results(job, 0, 4, 1) for r in chunk]
    for one, two in zip(rows["script"], rows["passive"], strict=True):
        assert one["seed"] == two["seed"]
        assert {k: v for k, v in one.items() if k.startswith("sampled.")} == {
            k: v for k, v in two.items() if k.startswith("sampled.")
        }


# -- the command line ---------------------------------------------------------------------------------


def test_run_as_a_seat_shows_its_moves_the_skipped_ones_and_its_utility(script):
    done = diplosim("run", FIXTURE, "--as", US, "--moves", script, "--seed", 3)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Seat: United States (united-states), played from a script of 6 moves; 1 skipped" in out
    assert "  SKIPPED  United States: amend s-2012-538 coercion 60: S/2012/538 is not on the table" in out
    assert "  MOVE     United States: statement russian-federation +0.5" in out
    assert "  MOVE     United States: callvote s-2012-538" in out
    assert "Utility of the outcome for United States: " in out


def test_run_json_is_the_record_with_what_was_skipped_and_each_utility(syria, script):
    done = diplosim("run", FIXTURE, "--as", US, "--moves", script, "--seed", 3, "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["skipped"] == [
        {"round": 1, "index": 0, "move": TOO_EARLY, "reason": "S/2012/538 is not on the table"}
    ]
    assert US in record["utility"] and len(record["utility"]) == 20
    plain = json.loads(run_scenario(syria, 3).to_json())
    assert plain["skipped"] == [] and set(plain["utility"]) == set(record["utility"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--moves", "SCRIPT"], "--moves SCRIPT needs --as ACTOR"),
        (["--as", "atlantis"], "unknown actor 'atlantis' (expected one of: "),
        (["--as", "china", "--moves", "SCRIPT"], "SCRIPT:2: the script is for 'united-states'"),
    ],
)
def test_bad_seat_options_are_refused_in_one_line(script, args, words):
    args = [str(script) if a == "SCRIPT" else a for a in args]
    done = diplosim("run", FIXTURE, *args, "--seed", 2)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert words.replace("SCRIPT", str(script)) in done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stdout == ""


def test_batch_refuses_moves_without_a_seat_before_any_run(script):
    done = diplosim("batch", FIXTURE, "--moves", script, "--runs", 5)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"--moves {script} needs --as ACTOR: the actor whose seat the script plays\n"


def test_batch_as_a_seat_prints_its_utility_and_the_moves_refused(script):
    done = diplosim("batch", FIXTURE, "--as", US, "--moves", script, "--runs", 8, "--workers", 1)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "S/2012/538: outcomes of 8 runs" in out
    assert "Seat: United States (united-states), played from a script of 6 moves over 7 rounds" in out
    assert "mean utility" in out and "United States: moves the rules refused" in out
    assert "amend s-2012-538 coercion 60" in out and "S/2012/538 is not on the table" in out


def test_a_scripted_batch_is_the_same_on_one_worker_or_two_and_its_rows_are_the_runs(syria, script, tmp_path):
    outputs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.jsonl"
        args = ("--runs", 12, "--seed", 5, "--workers", workers, "--out", out, "--json")
        done = diplosim("batch", FIXTURE, "--as", US, "--moves", script, *args)
        assert done.returncode == 0, done.stderr
        outputs[workers] = (out.read_bytes(), json.loads(done.stdout))
    assert outputs[1] == outputs[2]
    rows = [json.loads(line) for line in outputs[1][0].decode().splitlines()]
    assert list(rows[0])[-2:] == ["seat.utility", "seat.skipped"]
    record = scripted.play(DiplomacyModel(syria, rows[4]["seed"], US), load_script(script, syria, US))
    assert rows[4]["seat.utility"] == record.utility[US]
    assert rows[4]["seat.skipped"] == json.loads(record.to_json())["skipped"]


def test_a_scripted_batch_resumes_to_the_same_summary_and_only_with_its_script(syria, script, tmp_path):
    seat = load_script(script, syria, US)
    out = tmp_path / "runs.csv"
    whole = execute(plan(FIXTURE, 10, 0, [], seat), out, workers=1).summary
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:5]))  # the header and 4 runs
    resumed = execute(plan(FIXTURE, 10, 0, [], seat), out, workers=1, resume=True)
    assert resumed.resumed_from == 4 and resumed.summary == whole
    assert out.read_text() == "".join(lines)
    with pytest.raises(ResumeError, match="another scripted seat"):
        execute(plan(FIXTURE, 10, 0, [], SeatScript(US)), out, workers=1, resume=True)


# -- the documented commands, on the shipped default scenario -------------------------------------------


@pytest.mark.shipped
def test_the_documented_scripted_seat_commands_run():
    """The README's scripted-seat commands (the tournament's: tests/test_benchmarks.py); `diplosim
    run --help` and `batch --help` show the first and the last."""
    amend = "benchmarks/strategies/amend-inside.json"
    commands = [
        ["run", "--as", US, "--moves", amend, "--seed", "1"],
        ["run", "--as", "russian-federation", "--seed", "1"],
        ["batch", "--as", US, "--moves", amend, "--runs", "200"],
    ]
    for args in commands:
        done = diplosim(*args, cwd=ROOT)
        assert done.returncode == 0, (args, done.stderr)
        assert "Seat: " in done.stdout
    for command in ("run", "batch"):
        text = diplosim(command, "--help").stdout
        assert "--as" in text and "--moves" in text and "amend-inside.json" in text


def test_every_strategy_script_is_a_valid_script_for_its_seat(syria):
    for path in sorted(STRATEGIES.glob("*.json")):
        script = read_script(path)
        assert script.player in (US, "russian-federation") and script.description, path
        load_script(path, syria, script.player)

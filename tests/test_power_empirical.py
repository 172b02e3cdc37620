"""Empirical power: decisive members in hand-made roll calls, and run records read from JSON Lines."""

import json

import pytest
from hand_runs import THREE_RUNS, record, roll_call, vote, write_jsonl
from shared import P5

from sim.engine.rng import child_seed
from sim.errors import RunsFileError
from sim.power.empirical import decisive_members, empirical_power
from sim.power.runs import read_runs, simulate


def test_a_lone_veto_is_decisive_a_double_veto_is_not():
    lone = roll_call(Russian_Federation="no", China="abstain")
    assert decisive_members(lone, P5, procedural=False) == {"Russian Federation"}
    double = roll_call(Russian_Federation="no", China="no")
    assert decisive_members(double, P5, procedural=False) == set()


def test_at_exactly_nine_yes_every_yes_is_decisive():
    six_abstain = roll_call(
        Azerbaijan="abstain",
        Colombia="abstain",
        Togo="abstain",
        India="abstain",
        Morocco="abstain",
        Pakistan="abstain",
    )
    decisive = decisive_members(six_abstain, P5, procedural=False)
    assert decisive == {m for m, b in six_abstain.items() if b == "yes"}
    assert len(decisive) == 9


def test_on_a_procedural_draft_no_veto_applies():
    votes = roll_call(China="no")
    assert decisive_members(votes, P5, procedural=False) == {"China"}
    assert decisive_members(votes, P5, procedural=True) == set()


def test_unanimity_makes_only_the_permanent_members_decisive():
    assert decisive_members(roll_call(), P5, procedural=False) == set(P5)


def test_empirical_power_of_three_hand_made_runs(syria, tmp_path):
    batch = read_runs(write_jsonl(tmp_path / "runs.jsonl", THREE_RUNS), syria)
    assert batch.runs == 3 and len(batch.roll_calls) == 5
    permanent = [syria.spec.actors[m].name for m in syria.spec.council.permanent]
    elected = [syria.spec.actors[m].name for m in syria.spec.council.elected]
    symbols = [d.symbol for d in syria.spec.drafts.values()]
    data = empirical_power(batch, symbols, permanent, elected).to_dict()
    draft = data["drafts"]["S/2012/538"]
    assert draft["roll_calls"] == 3
    assert draft["outcomes"] == {"adopted": 1 / 3, "vetoed": 2 / 3, "failed": 0, "not voted": 0}
    # Run 1: a double veto, nobody decisive. Run 2: Russia's lone veto. Run 3: adopted 11-0-4,
    # so any permanent member could have vetoed it; no elected member (10 yes would still do).
    assert draft["decisive"]["Russian Federation"] == 2 / 3
    assert draft["decisive"]["China"] == draft["decisive"]["France"] == 1 / 3
    assert draft["decisive"]["Pakistan"] == draft["decisive"]["Germany"] == 0
    assert draft["no_cast"] == {
        "China": 1 / 3,
        "France": 0,
        "Russian Federation": 2 / 3,
        "United Kingdom": 0,
        "United States": 0,
    }
    assert draft["no_decisive"]["Russian Federation"] == 1 / 3 and draft["no_decisive"]["China"] == 0
    assert draft["mean_yes"] == (11 + 12 + 11) / 3 and draft["nine_yes"] == 1
    rollover = data["drafts"]["S/RES/2059 (2012)"]
    assert rollover["outcomes"]["not voted"] == 1 / 3 and rollover["outcomes"]["adopted"] == 2 / 3
    # Adopted both times: a "no" from any permanent member, abstaining or not, would have vetoed it.
    assert rollover["decisive"]["China"] == rollover["decisive"]["Russian Federation"] == 1
    assert rollover["decisive"]["Togo"] == 0
    assert data["drafts"]["Russian draft (July 2012)"]["decisive"]["China"] is None
    assert data["all_roll_calls"]["roll_calls"] == 5
    assert data["all_roll_calls"]["decisive"]["Russian Federation"] == 4 / 5
    assert data["all_roll_calls"]["decisive"]["China"] == 3 / 5


def test_runs_read_from_a_file_equal_runs_made_on_the_spot(syria, tmp_path):
    from sim import run_scenario

    records = [run_scenario(syria, child_seed(7, i)).to_dict() for i in range(4)]
    from_file = read_runs(write_jsonl(tmp_path / "runs.jsonl", records), syria)
    on_the_spot = simulate(syria, 4, 7)
    assert from_file.roll_calls == on_the_spot.roll_calls and from_file.runs == on_the_spot.runs == 4


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"seed": 1}', "not a run record: expected a JSON object with a 'votes' list"),
        ('{"votes": [{"draft": "x"}]}', "votes.0.symbol: Field required"),
        (json.dumps(record(scenario="other")), "a run of scenario 'other', not 'syria-2012-07'"),
        (
            json.dumps(record(vote("S/2012/538", "vetoed", {**roll_call(), "Brazil": "yes"}))),
            "the roll call on S/2012/538 names Brazil, not on the scenario's Council",
        ),
        (
            json.dumps(record(vote("S/2012/538", "adopted", roll_call(China="no")))),
            "the roll call on S/2012/538 says 'adopted', but Article 27 gives 'vetoed'",
        ),
        (
            json.dumps(record(vote("S/2012/538", "adopted", roll_call(China="maybe")))),
            "the roll call on S/2012/538 has unknown ballot(s) maybe",
        ),
    ],
)
def test_bad_run_records_are_refused_with_file_and_line(syria, tmp_path, line, message):
    path = tmp_path / "runs.jsonl"
    path.write_text(json.dumps(THREE_RUNS[0]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RunsFileError) as caught:
        read_runs(path, syria)
    assert str(caught.value).startswith(f"{path}:2: {message}")


def test_an_empty_or_missing_file_is_refused(syria, tmp_path):
    with pytest.raises(RunsFileError, match="no run records"):
        read_runs(write_jsonl(tmp_path / "empty.jsonl", []), syria)
    with pytest.raises(RunsFileError, match="cannot read"):
        read_runs(tmp_path / "missing.jsonl", syria)


def test_records_as_diplosim_run_json_prints_them_can_follow_one_another(syria, tmp_path):
    """``for s in 1 2 3; do diplosim run --seed $s --json; done > runs.json`` makes a runs file."""
    from sim import run_scenario

    path = tmp_path / "runs.json"
    path.write_text("\n".join(run_scenario(syria, seed).to_json() for seed in (1, 2, 3)), encoding="utf-8")
    batch = read_runs(path, syria)
    assert batch.runs == 3 and {call.run for call in batch.roll_calls} == {0, 1, 2}
    path.write_text(run_scenario(syria, 1).to_json() + "\n{\n  oops", encoding="utf-8")
    last_line = path.read_text().count("\n") + 1
    with pytest.raises(RunsFileError, match=rf"runs.json:{last_line}: not JSON"):
        read_runs(path, syria)

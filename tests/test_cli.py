"""The command line end to end, in real subprocesses, as a user runs it.

The transcripts are those of the tests' fixture scenario (tests/conftest.py). The tests marked
``shipped`` run the shipped scenarios as the README does: by no name, by name, by path.
"""

import json
import re

import pytest
from shared import FIXTURE
from terminal import diplosim


@pytest.fixture(scope="module")
def seed_one():
    return diplosim("run", FIXTURE, "--seed", "1")


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


@pytest.mark.shipped
def test_run_from_any_directory_uses_the_shipped_scenario(tmp_path):
    here = diplosim("run", "--seed", "1")
    elsewhere = diplosim("run", "--seed", "1", cwd=tmp_path)
    assert here.returncode == 0 and elsewhere.returncode == 0
    assert elsewhere.stdout == here.stdout and here.stdout.startswith("Syria, July 2012")


def test_explain_gives_each_members_reasons():
    result = diplosim("run", FIXTURE, "--seed", "1", "--explain")
    assert result.returncode == 0
    for member in ("China", "Pakistan", "United States", "Togo"):
        assert f"· {member}: " in result.stdout
    assert "utility of the draft" in result.stdout
    assert "price of a veto" in result.stdout and "price of a vote against" in result.stdout
    assert "lobbied by" in result.stdout
    # the words first, then the numbers; allies and foes named as such (tests/test_reasons.py)
    china = result.stdout.split("· China: no (")[1]
    assert china.index("Votes no (a veto): the draft's coercion (70)") < china.index("utility of the draft")
    said = " ".join(result.stdout.split())
    assert "(foe)" in said
    assert "its allies China, the United States and the Gulf states favour the draft" in said


@pytest.fixture(scope="module")
def seed_one_json():
    return diplosim("run", FIXTURE, "--seed", "1", "--json")


def test_json_is_the_run_record(seed_one, seed_one_json):
    record = json.loads(seed_one_json.stdout)
    assert record["seed"] == 1
    first = record["votes"][0]
    assert first["draft"] == "s-2012-538"
    assert first["result"] in {"adopted", "vetoed", "failed"}
    assert len(first["roll_call"]) == 15
    assert set(first["roll_call"].values()) <= {"yes", "no", "abstain"}
    for vote in record["votes"]:
        tally = f"{vote['tally']['yes']} in favour"
        assert tally in seed_one.stdout


def test_same_seed_same_output_across_processes(seed_one_json):
    again = diplosim("run", FIXTURE, "--seed", "1", "--json")
    assert again.returncode == 0 and again.stdout == seed_one_json.stdout


@pytest.mark.shipped
def test_scenario_by_path_and_by_name(root):
    by_path = diplosim("run", str(root / "scenarios" / "syria-2012-07-china-abstains"), "--seed", "2")
    by_name = diplosim("run", "syria-2012-07-china-abstains", "--seed", "2")
    assert by_path.returncode == 0 and by_path.stdout == by_name.stdout
    assert "What if China had abstained?" in by_path.stdout


@pytest.mark.shipped
def test_validate_accepts_the_shipped_files(root):
    result = diplosim(
        "validate",
        str(root / "scenarios" / "syria-2012-07"),
        str(root / "scenarios" / "syria-2012-07-china-abstains" / "scenario.yaml"),
        str(root / "scenarios" / "syria-2012-07-council-2011"),
        str(root / "scenarios" / "syria-actors"),
        str(root / "scenarios" / "syria-actors" / "actors" / "china.yaml"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ok: ") == 5
    assert "(shared profiles: 35 actors)" in result.stdout
    assert "(actor 'china', seat from the council lists)" in result.stdout


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
    if command == ["--help"]:
        assert "opens the terminal game" in text
        for name in ("run", "validate", "play", "edit", "batch", "power", "backtest", "schema"):
            assert re.search(rf"│ {name} ", text), name


@pytest.mark.shipped
def test_a_scenario_named_without_a_path_is_looked_for_in_scenarios_first(tmp_path):
    """The editor saves working copies of shipped scenarios under ./scenarios; runs use them."""
    shipped = diplosim("run", "--seed", "1", "--json", cwd=tmp_path)
    copy = tmp_path / "scenarios" / "syria-2012-07"
    assert diplosim("new-variant", "syria-2012-07", copy, cwd=tmp_path).returncode == 0
    for args in (["run"], ["run", "syria-2012-07"]):
        ran = diplosim(*args, "--seed", "1", "--json", cwd=tmp_path)
        assert ran.returncode == 0, ran.stderr
        record = json.loads(ran.stdout)
        assert record["scenario"]["digest"] != json.loads(shipped.stdout)["scenario"]["digest"]

"""``diplosim power`` and ``diplosim backtest`` end to end, in real subprocesses, as documented.

On the tests' fixture scenario (tests/conftest.py), but for the tests marked ``shipped``: the
backtest of the default scenario against its record of July 2012, and the shipped variants
named by name. ``backtest --all``: tests/test_backtest_all.py.
"""

import json
from fractions import Fraction

import pytest
from hand_runs import THREE_RUNS, write_jsonl
from shared import FIXTURE
from terminal import diplosim

from sim.power.history import JULY_2012


def ok(result):
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_power_prints_a_priori_and_empirical_tables(tmp_path):
    out = ok(diplosim("power", FIXTURE, cwd=tmp_path))
    assert "classical (yes/no)" in out and "with abstention (ternary)" in out
    china = next(line for line in out.splitlines() if line.startswith("  China  "))
    assert china.split()[2:5] == ["0.19627", "0.05176", "0.16693"]
    togo = next(line for line in out.splitlines() if line.startswith("  Togo  "))
    assert togo.split()[2:5] == ["0.00186", "0.00513", "0.01654"]
    assert "Empirical power (200 runs, root seed 0)" in out
    assert "S/2012/538" in out and "S/RES/2059 (2012)" in out and "Outcomes: share of runs" in out


def test_power_json_holds_exact_indices_by_game_index_and_member():
    data = json.loads(ok(diplosim("power", FIXTURE, "--runs", "0", "--json")))
    classical, ternary = data["a_priori"]["classical"], data["a_priori"]["ternary"]
    assert classical["shapley_shubik"]["China"] == float(Fraction(421, 2145))
    assert data["a_priori_exact"]["classical"]["shapley_shubik"] == {
        "permanent": "421/2145",
        "elected": "4/2145",
    }
    assert set(ternary) == {"shapley_shubik", "banzhaf", "banzhaf_normalised"}
    assert len(ternary["banzhaf"]) == 15 and ternary["banzhaf"]["Togo"] < ternary["banzhaf"]["China"]
    assert sum(ternary["shapley_shubik"].values()) == pytest.approx(1)
    assert data["empirical"] is None and data["council"]["year"] == 2012


def test_power_reads_runs_from_a_file(tmp_path):
    write_jsonl(tmp_path / "runs.jsonl", THREE_RUNS)
    out = ok(diplosim("power", FIXTURE, "--runs-file", "runs.jsonl", cwd=tmp_path))
    assert "Empirical power (3 runs from runs.jsonl)" in out
    russia = [line.split() for line in out.splitlines() if line.startswith("  Russian Federation")]
    assert russia[1][3:5] == ["0.667", "1.000"]  # decisive: S/2012/538, then 2059
    assert russia[2][2:5] == ["0.667", "/", "0.333"]  # "no" cast / decisive on S/2012/538


def test_power_with_a_replaced_member_compares_both_councils():
    out = ok(diplosim("power", FIXTURE, "--replace", "azerbaijan=turkey", "--runs", "50"))
    assert "(syria-2012-07 with Turkey for Azerbaijan)" in out
    assert "Comparison: syria-2012-07 (A) and syria-2012-07 with Turkey for Azerbaijan (B)" in out
    assert (
        "A-priori power depends only on the seats" in out and "Empirical power (50 runs, root seed 0)" in out
    )
    turkey = next(line for line in out.splitlines() if line.startswith("  Turkey  ") and "—" in line)
    assert turkey.split()[1:3] == ["—", "—"]


@pytest.mark.shipped
def test_power_compares_the_2011_council():
    # 50 runs a Council: the default's 200 are checked by test_power_prints_a_priori_and_empirical_tables.
    args = ("power", "--compare", "syria-2012-07-council-2011", "--runs", "50", "--json")
    data = json.loads(ok(diplosim(*args)))
    base, other = data["base"], data["compare"]
    assert "Brazil" in other["council"]["elected"] and "Brazil" not in base["council"]["elected"]
    assert other["council"]["year"] == 2011 and other["scenario"]["id"] == "syria-2012-07-council-2011"
    assert other["a_priori_exact"] == base["a_priori_exact"]
    assert other["empirical"]["drafts"]["S/2012/538"]["roll_calls"] == 50
    assert other["empirical"]["drafts"]["S/2012/538"]["decisive"]["Brazil"] is not None


@pytest.mark.shipped
def test_backtest_scores_the_default_scenario_against_july_2012(tmp_path):
    out = ok(diplosim("backtest", cwd=tmp_path))
    assert "against the roll calls recorded in unsc-votes-july-2012.csv (200 runs, root seed 0)" in out
    assert (
        "S/2012/538: recorded vetoed, 11-2-2" in out and "S/RES/2059 (2012): recorded adopted, 15-0-0" in out
    )
    assert "Overall: modal vote matches" in out and "mean Brier" in out and "mean log-loss" in out


@pytest.mark.shipped
def test_backtest_json_of_a_variant_against_a_record_given():
    args = ("backtest", "syria-2012-07-china-abstains", "--record", JULY_2012, "--runs", "20", "--json")
    data = json.loads(ok(diplosim(*args)))
    assert data["scenario"]["id"] == "syria-2012-07-china-abstains" and data["runs"] == 20
    assert {"brier", "log_loss", "modal_match_share", "mean_p_recorded", "outcome_matches"} <= set(
        data["summary"]
    )
    assert [v["symbol"] for v in data["votes"]] == ["S/2012/538", "S/RES/2059 (2012)"]
    assert {"modal_outcome", "outcome_match"} <= set(data["votes"][0])


@pytest.mark.shipped
def test_a_variant_has_no_record_of_its_own():
    result = diplosim("backtest", "syria-2012-07-china-abstains", "--runs", "20")
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.endswith(
        "syria-2012-07-china-abstains/scenario.yaml: scenario 'syria-2012-07-china-abstains' names no "
        "record of its own, and a variant does not take its base's: its runs are a counterfactual. "
        f"To score them against it anyway: --record {JULY_2012.resolve()}"
    )


def test_backtest_without_record_uses_the_scenarios_own(recorded_copy):
    data = json.loads(ok(diplosim("backtest", recorded_copy, "--runs", "10", "--json")))
    assert data["record"] == str((recorded_copy / "votes.csv").resolve()) and data["runs"] == 10
    assert data["summary"]["member_votes"] == 30


def test_backtest_of_a_scenario_without_a_record_asks_for_one():
    result = diplosim("backtest", FIXTURE, "--runs", "10")
    assert result.returncode == 2
    assert result.stderr == (
        f"{FIXTURE / 'scenario.yaml'}: scenario 'syria-2012-07' names no record (`record:`); "
        "give one with --record FILE\n"
    )


def test_backtest_of_saved_runs_against_a_given_record(tmp_path):
    (tmp_path / "my-votes.csv").write_bytes(JULY_2012.read_bytes())
    write_jsonl(tmp_path / "runs.jsonl", THREE_RUNS)
    args = ("backtest", FIXTURE, "--record", "my-votes.csv", "--runs-file", "runs.jsonl", "--json")
    data = json.loads(ok(diplosim(*args, cwd=tmp_path)))
    assert data["summary"]["brier"] == pytest.approx(2 / 9)
    assert data["summary"]["modal_matches"] == 29


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["power", "--replace", "china=turkey", "--runs", "0"],
            "--replace china=turkey: 'china' is a permanent member",
        ),
        (["power", "--runs-file", "{bad}"], "bad.jsonl:1: not JSON"),
        (["backtest", "--record", "{bad}"], "bad.csv:2: symbol 'S/2012/999' names no draft"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text(
        JULY_2012.read_text(encoding="utf-8").replace("S/2012/538", "S/2012/999"), encoding="utf-8"
    )
    bad = str(tmp_path / ("bad.jsonl" if args[0] == "power" else "bad.csv"))
    result = diplosim(*(bad if a == "{bad}" else a for a in args))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["power", "backtest"])
def test_help_teaches(command):
    out = ok(diplosim(command, "--help"))
    for option in ("--json", "--runs", "--seed", "--runs-file"):
        assert option in out
    assert ("--replace" in out and "--compare" in out) if command == "power" else "--record" in out

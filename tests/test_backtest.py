"""Backtests: scores recomputed by hand on three hand-made runs, and records that do not fit."""

import math

import pytest
from hand_runs import THREE_RUNS, write_jsonl

from sim.errors import InputFileError, RecordMismatchError
from sim.power.backtest import backtest, brier, log_loss, match_record, modal, modal_outcome
from sim.power.backtest_all import totals, vote_summary
from sim.power.history import JULY_2012
from sim.power.runs import read_runs


@pytest.fixture
def scored(syria, tmp_path):
    batch = read_runs(write_jsonl(tmp_path / "runs.jsonl", THREE_RUNS), syria)
    return backtest(syria, batch, match_record(JULY_2012, syria), "july")


def test_outcome_scores_by_hand(scored):
    veto, rollover = scored["votes"]
    assert veto["symbol"] == "S/2012/538" and rollover["symbol"] == "S/RES/2059 (2012)"
    assert veto["recorded"] == {"result": "vetoed", "tally": {"yes": 11, "no": 2, "abstain": 2}}
    # Vetoed in runs 1 and 2, adopted in run 3; the record says vetoed.
    assert veto["outcomes"] == {"adopted": 1 / 3, "vetoed": 2 / 3, "failed": 0, "not voted": 0}
    assert veto["brier"] == pytest.approx((1 / 3) ** 2 + (2 / 3 - 1) ** 2)
    assert veto["log_loss"] == pytest.approx(math.log(3 / 2))
    # Adopted in runs 1 and 2, never voted on in run 3; the record says adopted.
    assert rollover["outcomes"] == {"adopted": 2 / 3, "vetoed": 0, "failed": 0, "not voted": 1 / 3}
    assert rollover["brier"] == pytest.approx(2 / 9)
    assert rollover["log_loss"] == pytest.approx(math.log(3 / 2))
    assert (veto["modal_outcome"], rollover["modal_outcome"]) == ("vetoed", "adopted")
    assert veto["outcome_match"] and rollover["outcome_match"]


def test_member_scores_by_hand(scored):
    veto, rollover = (v["members"] for v in scored["votes"])
    # China: no, abstain, abstain; it really voted no.
    assert veto["China"] == {
        "recorded": "no",
        "p_recorded": 1 / 3,
        "modal": "abstain",
        "match": False,
        "model": {"yes": 0, "abstain": 2 / 3, "no": 1 / 3, "not voted": 0},
    }
    assert veto["Russian Federation"]["p_recorded"] == 2 / 3 and veto["Russian Federation"]["match"]
    assert veto["Pakistan"]["p_recorded"] == 2 / 3 and veto["Pakistan"]["modal"] == "abstain"
    assert veto["South Africa"]["p_recorded"] == 1 and veto["Togo"]["p_recorded"] == 1
    # 2059: yes, yes, not voted for most; Russia yes-abstain-not voted ties, and ties go to yes.
    assert rollover["Togo"]["p_recorded"] == 2 / 3
    assert rollover["Russian Federation"]["p_recorded"] == 1 / 3
    assert rollover["Russian Federation"]["modal"] == "yes"
    assert scored["votes"][0]["modal_matches"] == 14 and scored["votes"][1]["modal_matches"] == 15
    assert scored["votes"][0]["mean_p_recorded"] == pytest.approx((1 / 3 + 2 / 3 + 2 / 3 + 12) / 15)
    assert scored["votes"][1]["mean_p_recorded"] == pytest.approx((14 * 2 / 3 + 1 / 3) / 15)


def test_summary_by_hand(scored):
    summary = scored["summary"]
    assert summary["member_votes"] == 30 and summary["modal_matches"] == 29
    assert summary["modal_match_share"] == pytest.approx(29 / 30)
    assert summary["mean_p_recorded"] == pytest.approx((41 / 45 + 29 / 45) / 2)
    assert summary["brier"] == pytest.approx(2 / 9)
    assert summary["log_loss"] == pytest.approx(math.log(3 / 2))
    assert scored["runs"] == 3 and scored["epsilon"] == 0.001
    assert summary["votes"] == 2 and summary["outcome_matches"] == 2


def test_totals_weigh_every_member_vote_and_every_roll_call_alike(scored):
    veto, rollover = (vote_summary(v) for v in scored["votes"])
    assert veto["misses"] == [{"member": "China", "recorded": "no", "modal": "abstain", "p_recorded": 1 / 3}]
    assert veto["p_recorded_outcome"] == 2 / 3 and rollover["misses"] == []
    both = totals([{"votes": [veto, rollover]}, {"votes": [veto]}])
    assert both["scenarios"] == 2 and both["votes"] == 3 and both["outcome_matches"] == 3
    assert both["member_votes"] == 45 and both["modal_matches"] == 14 + 15 + 14
    assert both["modal_match_share"] == pytest.approx(43 / 45)
    assert both["mean_p_recorded"] == pytest.approx((2 * 41 / 45 + 29 / 45) / 3)
    assert both["brier"] == pytest.approx((2 * veto["brier"] + rollover["brier"]) / 3)


def test_scores_at_their_limits():
    certain = {"adopted": 1.0, "vetoed": 0.0, "failed": 0.0, "not voted": 0.0}
    assert brier(certain, "adopted") == 0 and log_loss(certain, "adopted") == 0
    assert brier(certain, "vetoed") == 2
    assert log_loss(certain, "vetoed") == pytest.approx(-math.log(0.001))  # clipped, not infinite
    assert modal({"yes": 1, "no": 1}) == "yes" and modal({"no": 2, "abstain": 1}) == "no"
    assert modal_outcome({"adopted": 0.4, "vetoed": 0.4, "failed": 0.2}) == "adopted"  # a tie: the first
    assert modal_outcome({"adopted": 0.2, "vetoed": 0.3, "not voted": 0.5}) == "not voted"


def edited_record(tmp_path, old, new):
    path = tmp_path / "votes.csv"
    path.write_text(JULY_2012.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "S/2012/538,China",
            "S/2012/583,China",
            "2: symbol 'S/2012/583' names no draft of scenario 'syria-2012-07' (did you mean 'S/2012/538'?)",
        ),
        (
            "Togo",
            "Tongo",
            "16: 'Tongo' (on S/2012/538) is not on the Council of scenario 'syria-2012-07' "
            "(did you mean 'Togo'?)",
        ),
        (
            "V05_SYR_2012-07-19,2012-07-19,S/2012/538,Togo,no,Y\n",
            "",
            "2: the roll call on S/2012/538 lacks Togo",
        ),
        (
            "S/2012/538,China,yes",
            "S/2012/538,China,no",
            "2: permanent: China is a permanent member of the Council of scenario 'syria-2012-07'",
        ),
        (
            "S/2012/538,Togo,no",
            "S/2012/538,Togo,yes",
            "16: permanent: Togo is an elected member of the Council of scenario 'syria-2012-07'",
        ),
    ],
)
def test_records_that_do_not_fit_the_scenario(syria, tmp_path, old, new, message):
    path = edited_record(tmp_path, old, new)
    with pytest.raises(RecordMismatchError) as caught:
        match_record(path, syria)
    assert str(caught.value) == f"{path}:{message}"


def test_unreadable_records(syria, tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        match_record(tmp_path / "missing.csv", syria)
    with pytest.raises(InputFileError, match=r"votes\.csv:2: vote: 'Q' is not one of"):
        match_record(edited_record(tmp_path, "China,yes,N", "China,yes,Q"), syria)
    only_header = tmp_path / "header.csv"
    only_header.write_text(JULY_2012.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(RecordMismatchError, match="no recorded votes"):
        match_record(only_header, syria)

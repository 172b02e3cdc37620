"""Calibration to the record: over many seeds each member's modal vote matches July 2012.

The pattern must come from the profiles and the mechanism; this test only reads the record
(the reference CSV shipped in the package, sim.power.history.JULY_2012) to compare, never to drive
the model.

It checks the shipped scenario on purpose (``shipped`` marker, tests/conftest.py): an edit of a
shipped profile that loses the July 2012 pattern should fail here, and only here and in the few
other tests so marked.
"""

import csv
from collections import Counter, defaultdict

import pytest
from shared import SHIPPED

from sim import load_scenario, run_scenario
from sim.power.history import JULY_2012

pytestmark = pytest.mark.shipped

BALLOT = {"Y": "yes", "N": "no", "A": "abstain"}
SYMBOL_TO_DRAFT = {"S/2012/538": "s-2012-538", "S/RES/2059 (2012)": "res-2059"}
SEEDS = 300


@pytest.fixture(scope="module")
def recorded():
    votes = defaultdict(dict)
    with JULY_2012.open() as handle:
        for row in csv.DictReader(handle):
            votes[SYMBOL_TO_DRAFT[row["symbol"]]][row["member"]] = BALLOT[row["vote"]]
    return votes


@pytest.fixture(scope="module")
def simulated():
    shipped = load_scenario(SHIPPED)
    ballots = defaultdict(lambda: defaultdict(Counter))
    roll_calls = defaultdict(Counter)
    for seed in range(SEEDS):
        for vote in run_scenario(shipped, seed).votes:
            roll_calls[vote.draft][tuple(sorted(vote.roll_call.items()))] += 1
            for member, ballot in vote.roll_call.items():
                ballots[vote.draft][member][ballot] += 1
    return ballots, roll_calls


@pytest.mark.parametrize("draft", ["s-2012-538", "res-2059"])
def test_each_members_modal_vote_matches_the_record(recorded, simulated, draft):
    ballots, _ = simulated
    modal = {member: counts.most_common(1)[0][0] for member, counts in ballots[draft].items()}
    assert modal == recorded[draft]


@pytest.mark.parametrize(("draft", "most"), [("s-2012-538", 0.9), ("res-2059", 0.98)])
def test_outcomes_stay_uncertain(simulated, draft, most):
    """The contested draft's roll call varies widely; the renewal every member could accept is
    mostly unanimous, as recorded (abstaining on a text that passes has a price: docs/model.md,
    4.3), but not in every run."""
    _, roll_calls = simulated
    assert len(roll_calls[draft]) > 1, "a simulation, not a replay: roll calls must vary"
    assert roll_calls[draft].most_common(1)[0][1] < SEEDS * most


def test_both_drafts_come_to_a_vote_in_most_runs(simulated):
    _, roll_calls = simulated
    assert sum(roll_calls["s-2012-538"].values()) > SEEDS * 0.9
    assert sum(roll_calls["res-2059"].values()) > SEEDS * 0.5

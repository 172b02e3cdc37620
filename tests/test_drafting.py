"""Sponsors' choices through real variants of the fixture scenario: amend, withdraw, rival drafts."""

from collections import Counter

import pytest

from sim import load_scenario, run_scenario

SPONSORS = ["united-kingdom", "france", "germany", "portugal", "united-states"]


@pytest.fixture
def variant(scenario_copy):
    """Write a variant that includes a copy of the fixture scenario by relative path, and load it."""

    def make(body: str):
        folder = scenario_copy.parent / "variant"
        folder.mkdir()
        (folder / "scenario.yaml").write_text(f"include: ../{scenario_copy.name}\nid: variant\n{body}")
        return load_scenario(folder)

    return make


def decisions(scenario, seeds=range(40)):
    seen = Counter()
    for seed in seeds:
        for rnd in run_scenario(scenario, seed).rounds:
            seen.update((d.draft, d.action) for d in rnd.decisions)
    return seen


def test_sponsors_force_a_vote_they_expect_to_be_vetoed(syria):
    seen = decisions(syria)
    assert seen[("s-2012-538", "called")] == 40
    assert seen[("s-2012-538", "withdrawn")] == 0


def test_sponsors_for_whom_a_veto_is_a_defeat_withdraw_instead(variant):
    body = "actors:\n" + "".join(f"  {s}: {{forcing: -0.2}}\n" for s in SPONSORS)
    seen = decisions(variant(body))
    assert seen[("s-2012-538", "withdrawn")] == 40
    # The mission's mandate still needs renewing: the rollover is tabled and voted.
    assert seen[("res-2059", "called")] == 40


def test_sponsors_amend_within_their_red_lines_when_it_pays(variant):
    scenario = variant(
        "actors:\n"
        "  russian-federation: {costs: {veto: 0.6}, ideal: {coercion: 30}}\n"
        "  china: {costs: {veto: 0.6}, ideal: {coercion: 30}}\n"
    )
    revisions = [
        revision
        for seed in range(20)
        for rnd in run_scenario(scenario, seed).rounds
        for revision in rnd.revisions
    ]
    assert revisions, "with the vetoes unlikely, sponsors reshape the draft"
    red_lines = scenario.spec.drafts["s-2012-538"].amendable
    for revision in revisions:
        low, high = red_lines[revision.dimension]
        assert low <= revision.after <= high
        assert abs(revision.after - revision.before) <= scenario.spec.parameters.amendment_step


def test_a_rival_draft_is_tabled_and_lapses_with_the_draft_it_answers(syria):
    seen = decisions(syria)
    assert seen[("russia-rival", "tabled")] == 40
    assert seen[("russia-rival", "lapsed")] == 40


def test_a_rival_draft_scheduled_first_goes_to_the_vote(variant):
    scenario = variant(
        "drafts:\n  russia-rival: {vote_on: 2012-07-18}\nactors:\n  russian-federation: {forcing: 0.8}\n"
    )
    voted = Counter(v.draft for seed in range(10) for v in run_scenario(scenario, seed).votes)
    assert voted["russia-rival"] == 10

"""Real Mesa runs of the fixture scenario (tests/conftest.py): determinism, structure, explanations,
variants."""

import json
from collections import Counter

import mesa
from shared import DATA, E10, ENGINE_PATHS, FIXTURE, P5

from sim import DiplomacyModel, load_scenario, run_scenario
from sim.engine.council import decide

MEMBERS = set(P5 + E10)


def test_same_seed_same_run_bit_for_bit(syria):
    assert run_scenario(syria, 7).to_json() == run_scenario(syria, 7).to_json()


def test_a_reloaded_scenario_gives_the_same_run(syria):
    again = load_scenario(FIXTURE)
    assert again.digest == syria.digest
    assert run_scenario(again, 3).to_json() == run_scenario(syria, 3).to_json()


def test_different_seeds_differ(syria):
    runs = {run_scenario(syria, seed).to_json() for seed in range(5)}
    assert len(runs) == 5


def test_every_actor_is_a_mesa_agent_of_a_mesa_model(syria):
    model = DiplomacyModel(syria, seed=1)
    assert isinstance(model, mesa.Model)
    assert len(model.agents) == len(syria.spec.actors) == 20
    assert all(isinstance(agent, mesa.Agent) for agent in model.agents)


def test_run_walks_the_whole_schedule_and_votes_on_both_july_drafts(syria):
    record = run_scenario(syria, 1)
    assert [r.date for r in record.rounds] == [r.date.isoformat() for r in syria.spec.schedule]
    drafts = [v.draft for v in record.votes]
    assert drafts[0] == "s-2012-538"
    assert "res-2059" in drafts or record.drafts["s-2012-538"]["status"] == "adopted"
    for vote in record.votes:
        assert set(vote.roll_call) == MEMBERS
        assert set(vote.roll_call.values()) <= {"yes", "no", "abstain"}


def test_vote_results_follow_article_27_from_their_own_roll_calls(syria):
    permanent = {"China", "France", "Russian Federation", "United Kingdom", "United States"}
    for seed in range(20):
        for vote in run_scenario(syria, seed).votes:
            outcome = decide(vote.roll_call, permanent, vote.procedural)
            assert vote.result == outcome.result.value
            assert vote.vetoed_by == list(outcome.vetoed_by)


def test_every_ballot_carries_its_explanation(syria):
    vote = run_scenario(syria, 2).votes[0]
    assert set(vote.explanations) == MEMBERS
    for member, why in vote.explanations.items():
        assert why["vote"] == vote.roll_call[member]
        assert abs(sum(why["probabilities"].values()) - 1) < 1e-3
        dims = why["utility"]["by_dimension"]
        assert set(dims) == {"coercion", "transition", "mission"}
        total = sum(d["draft"] for d in dims.values())
        assert abs(total - why["utility"]["draft"]) < 1e-3
    china = vote.explanations["China"]
    assert china["no_is_veto"] is True
    assert "Russian Federation" in china["alignment"]
    assert china["lobbied_by"], "the West lobbies China in every run"
    assert vote.explanations["Pakistan"]["no_is_veto"] is False


def test_record_is_json_with_the_documented_votes_shape(syria):
    data = json.loads(run_scenario(syria, 1).to_json())
    for vote in data["votes"]:
        assert {"draft", "result", "vetoed_by", "roll_call"} <= set(vote)
        assert vote["result"] in {"adopted", "vetoed", "failed"}
        assert isinstance(vote["vetoed_by"], list)


def test_uncertain_numbers_are_sampled_per_run_and_recorded(syria):
    one, two = run_scenario(syria, 1).sampled, run_scenario(syria, 2).sampled
    assert "actors.china.costs.veto" in one
    assert 0.2 <= one["actors.china.costs.veto"] <= 0.4
    assert one.keys() == two.keys() and one != two


def test_events_from_the_article_fire_and_change_their_actors(syria):
    fired = Counter()
    for seed in range(40):
        record = run_scenario(syria, seed)
        for rnd in record.rounds:
            fired.update(event.id for event in rnd.events)
    assert 0 < fired["tlas-defection"] < 40  # probability 0.85: fires in most runs, not all
    assert fired["rising-death-toll"] > 40  # repeats, 35% per eligible round
    model = DiplomacyModel(syria, seed=0)
    before = model.actors["united-states"].ideal[model.dims.index("mission")]
    model.step()
    fired_now = [e.id for e in model.record.rounds[0].events]
    after = model.actors["united-states"].ideal[model.dims.index("mission")]
    assert ("sg-report-downscale" in fired_now) == (after == before - 10)


def test_a_variant_overrides_single_fields_of_the_included_profiles(syria):
    variant = load_scenario(DATA / "scenarios" / "china-abstains")
    assert variant.spec.actors["china"].costs.veto == 0.75
    assert variant.spec.actors["china"].ideal == syria.spec.actors["china"].ideal
    assert variant.spec.drafts == syria.spec.drafts
    vetoes = Counter()
    for seed in range(60):
        for name, scenario in (("base", syria), ("variant", variant)):
            first = run_scenario(scenario, seed).votes[0]
            vetoes[name] += "China" in first.vetoed_by
    assert vetoes["variant"] < vetoes["base"] / 3


def _stripped(record: dict, explanations: bool, lobbying: bool) -> dict:
    for vote in record["votes"]:
        if not explanations:
            vote["explanations"] = {}
    for round_ in record["rounds"]:
        if not lobbying:
            round_["lobbying"] = []
    return record


def test_a_lean_model_records_the_same_run_without_what_a_batch_does_not_read(syria):
    """explain=False and log_lobbying=False only leave parts out: every vote, position and event
    of the full record is there, whatever the path the run takes."""
    for scenario in [syria, *(load_scenario(v) for v in ENGINE_PATHS)]:
        for seed in range(6):
            full = DiplomacyModel(scenario, seed).run().to_dict()
            assert any(r["lobbying"] for r in full["rounds"])
            for explain in (True, False):
                for log in (True, False):
                    lean = DiplomacyModel(scenario, seed, explain=explain, log_lobbying=log).run().to_dict()
                    assert lean == _stripped(json.loads(json.dumps(full)), explain, log)


def test_a_player_s_lobbying_is_left_out_of_a_lean_record_too(syria):
    from sim.engine.moves import Lobby

    lines = {}
    for log in (True, False):
        model = DiplomacyModel(syria, 4, player="united-states", log_lobbying=log)
        model.submit(Lobby("united-states", "pakistan", "coercion", 0.3))
        lines[log] = [line.actor for line in model.play_round().lobbying]
    assert "United States" in lines[True]
    assert lines[False] == []


def test_a_restarted_model_runs_as_a_new_model_with_that_seed(syria):
    """What a batch worker does: one model per grid point, restarted for each run, with the
    same Mesa agents. Every record and every ballot probability is a new model's, on every
    path, with and without explanations, after a whole run or half of one."""
    for scenario in [syria, *(load_scenario(v) for v in ENGINE_PATHS)]:
        for explain in (True, False):
            reused = DiplomacyModel(scenario, 99, explain=explain, log_lobbying=explain)
            agents = list(reused.agents)
            reused.step()  # half a run: what it leaves behind must not leak into the next
            for seed in range(5):
                reused.restart(seed)
                fresh = DiplomacyModel(scenario, seed, explain=explain, log_lobbying=explain)
                assert reused.random.getstate() == fresh.random.getstate()
                assert reused.rng.bit_generator.state == fresh.rng.bit_generator.state  # Mesa's numpy RNG
                assert reused.run().to_json() == fresh.run().to_json()
                assert reused.steps == fresh.steps
                for draft in fresh.drafts:
                    assert reused.council_probabilities(reused.drafts[draft]) == fresh.council_probabilities(
                        fresh.drafts[draft]
                    )
            assert list(reused.agents) == agents and len(agents) == len(scenario.spec.actors)

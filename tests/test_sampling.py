"""A profile's uncertain numbers, drawn per run from a template made once per profile."""

import random

from shared import FIXTURE

from sim import load_scenario
from sim.engine.sampling import IDEAL, Draw, Template, sample
from sim.scenario.uncertain import Normal, Range


def test_a_uniform_draw_is_random_uniform_s_formula_and_leaves_the_rng_where_it_does():
    for seed in range(500):
        ours, theirs = random.Random(seed), random.Random(seed)
        low, high = seed % 7 * 3.5, seed % 7 * 3.5 + 0.25 + seed % 11
        assert Draw(IDEAL, 0, "", True, low, high, 0.0, 100.0, "x").sample(ours) == theirs.uniform(low, high)
        assert ours.getstate() == theirs.getstate()
        assert sample(Range(low=low, high=high), 0, 100, ours) == theirs.uniform(low, high)


def test_a_normal_draw_is_a_gauss_draw_clipped_to_its_range_as_a_float():
    clipped = 0
    for seed in range(500):
        ours, theirs, reference = random.Random(seed), random.Random(seed), random.Random(seed)
        drawn = Draw(IDEAL, 0, "", False, 0.9, 0.2, 0.0, 1.0, "x").sample(ours)
        expected = min(1.0, max(0.0, reference.gauss(0.9, 0.2)))
        assert drawn == expected == sample(Normal(mean=0.9, sd=0.2), 0, 1, theirs)
        assert type(drawn) is float and type(sample(Normal(mean=5, sd=9), 0, 1, theirs)) is float
        clipped += drawn == 1.0
    assert clipped > 50  # the clip itself was tested
    assert sample(Range(low=2, high=2), 0, 100, random.Random(0)) == 2.0


def test_a_template_draws_a_state_in_draw_order_and_logs_every_draw():
    scenario = load_scenario(FIXTURE)
    dims = list(scenario.spec.dimensions)
    china = Template(scenario.spec.actors["china"], dims)
    sampled: dict[str, float] = {}
    state = china.draw(random.Random(3), sampled, 4)
    assert list(sampled) == [d.path for d in china.draws] and "actors.china.costs.veto" in sampled
    assert state.cost_veto == sampled["actors.china.costs.veto"]
    assert (state.key, state.index, state.has_veto, state.position) == ("china", 4, True, state.ideal)
    again = china.draw(random.Random(3), {}, 4)
    assert again.cost_veto == state.cost_veto and again.position is not state.position

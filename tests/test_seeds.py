"""Child seeds: one root, one child per run, independent of how runs are split."""

import numpy as np

from sim.engine.rng import child_seed, child_seeds


def test_children_are_numpy_spawned_children():
    spawned = np.random.SeedSequence(7).spawn(4)
    expected = [int(s.generate_state(1, dtype=np.uint64)[0] >> 1) for s in spawned]
    assert child_seeds(7, 4) == expected


def test_a_slice_equals_the_same_runs_of_the_whole():
    assert child_seeds(3, 5, start=10) == child_seeds(3, 15)[10:]
    assert child_seed(3, 12) == child_seeds(3, 15)[12]


def test_roots_and_indices_give_distinct_seeds():
    seeds = child_seeds(1, 1000) + child_seeds(2, 1000)
    assert len(set(seeds)) == 2000

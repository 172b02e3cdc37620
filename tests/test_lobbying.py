"""Lobbying's building blocks against what they stand for."""

import random

import pytest

from sim.engine.lobbying import press, shuffle


@pytest.mark.parametrize("length", [0, 1, 2, 3, 7, 16, 20, 33, 64])
def test_shuffle_gives_random_shuffle_s_permutation_and_leaves_the_rng_where_it_does(length):
    for seed in range(200):
        ours, theirs = random.Random(seed), random.Random(seed)
        items, expected = list(range(length)), list(range(length))
        shuffle(items, ours)
        theirs.shuffle(expected)
        assert items == expected
        assert ours.getstate() == theirs.getstate()


def test_press_moves_a_weight_of_the_way_and_stays_within_0_and_100():
    position = [50.0, 90.0, 10.0]
    assert press(position, 0, 70.0, 0.25) == pytest.approx(5.0)
    assert position[0] == pytest.approx(55.0)
    press(position, 1, 100.0, 2.0)
    press(position, 2, 0.0, 2.0)
    assert position[1:] == [100.0, 0.0]

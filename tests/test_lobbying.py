"""Lobbying's building blocks against what they stand for."""

import random

import pytest
from shared import FIXTURE

from sim.engine.landing import press
from sim.engine.lobbying import shuffle


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


def test_a_players_lobby_lands_as_the_engines_pressure_does():
    """rules.apply -> ActorAgent.receive -> landing.Landing.land: press() with persuasion x effort x
    receptivity, remembered for explanations and logged rounded to 2 places."""
    from sim import DiplomacyModel, load_scenario
    from sim.engine.moves import Lobby
    from sim.engine.record import RoundRecord
    from sim.engine.rules import apply

    model = DiplomacyModel(load_scenario(FIXTURE), 1, player="united-states")
    us, pakistan = model.actors["united-states"], model.actors["pakistan"]
    d = model.dims.index("coercion")
    expected = list(pakistan.position)
    weight = model.parameters.persuasion * 0.3 * pakistan.receptivity("united-states")
    shift = press(expected, d, us.position[d], weight)
    record = RoundRecord(model.round_index, "2012-07-01", "test")
    apply(model, Lobby("united-states", "pakistan", "coercion", 0.3), record)
    assert pakistan.position == expected and shift != 0
    line = record.lobbying[-1]
    logged = (line.actor, line.target, line.dimension, line.shift)
    assert logged == (us.name, pakistan.name, "coercion", round(shift, 2))
    assert pakistan.pressure[-1]["shift"] == round(shift, 2)

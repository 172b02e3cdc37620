"""A profile's numbers are declared once, on the pydantic model; everything else reads them."""

import json
import random

import pytest

from sim.edit.fields import SCALARS as FORM_SCALARS
from sim.engine import sampling
from sim.engine.state import SCALAR_ATTRIBUTES
from sim.scenario.checks import changeable_fields
from sim.scenario.profiles import NUMBERS, ActorProfile, number_range, profile_number
from sim.scenario.schema import profile_schema


def test_the_numbers_are_read_off_the_model_with_its_ranges_and_defaults():
    assert [(n.field, n.keyed, n.lo, n.hi, n.default) for n in NUMBERS] == [
        ("capability", False, 0.0, 1.0, 0.0),
        ("ideal", True, 0.0, 100.0, None),
        ("salience", True, 0.0, 1.0, None),
        ("alignments", True, -1.0, 1.0, None),
        ("susceptibility", False, 0.0, 1.0, 0.3),
        ("costs.against", False, 0.0, 1.0, 0.1),
        ("costs.veto", False, 0.0, 1.0, 0.3),
        ("forcing", False, -1.0, 1.0, 0.0),
    ]
    assert all(type(n.lo) is float and type(n.hi) is float for n in NUMBERS)  # positions stay floats


def test_the_schema_gives_the_same_ranges():
    schema = json.dumps(profile_schema())
    for number in NUMBERS:
        assert f"Number{number.lo:g}to{number.hi:g}".replace("-", "Minus") in schema


def test_ranges_by_dotted_field():
    assert number_range("ideal.coercion") == (0.0, 100.0)
    assert number_range("alignments.china") == (-1.0, 1.0)
    assert number_range("costs.veto") == (0.0, 1.0)
    with pytest.raises(KeyError):
        profile_number("costs")
    with pytest.raises(KeyError):
        profile_number("name")


def test_the_engine_and_the_editor_read_the_same_numbers():
    scalars = [n for n in NUMBERS if not n.keyed]
    assert tuple((n.path, n.lo, n.hi) for n in scalars) == sampling.SCALARS
    assert set(SCALAR_ATTRIBUTES) == {n.field for n in scalars}
    profile = ActorProfile(
        id="a",
        name="A",
        kind="state",
        ideal={"x": 1},
        salience={"x": 1},
        capability=0.1,
        susceptibility=0.2,
        costs={"against": 0.3, "veto": 0.4},
        forcing=0.5,
    )
    state = sampling.Template(profile, ["x"]).draw(random.Random(0), {}, 0)
    drawn = {n.field: getattr(state, SCALAR_ATTRIBUTES[n.field]) for n in scalars}
    given = {"capability": 0.1, "susceptibility": 0.2, "costs.against": 0.3, "costs.veto": 0.4}
    given["forcing"] = 0.5
    assert drawn == given
    for path, _, default in FORM_SCALARS:
        assert default == profile_number(".".join(path)).default is not None


def test_an_event_may_change_every_number_of_a_profile():
    profile = ActorProfile(
        id="a", name="A", kind="state", ideal={"x": 1, "y": 2}, salience={"x": 1, "y": 0}, alignments={"b": 1}
    )
    assert changeable_fields(profile) == {
        "capability",
        "susceptibility",
        "costs.against",
        "costs.veto",
        "forcing",
        "ideal.x",
        "ideal.y",
        "salience.x",
        "salience.y",
        "alignments.b",
    }

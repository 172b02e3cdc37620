"""The records' fast rounding is Python's round, float for float."""

import math
import random
import struct

import pytest

from sim.engine.rounding import rounded


def _same(a: float, b: float) -> bool:
    return struct.pack("<d", a) == struct.pack("<d", b)  # equal to the bit, the sign of zero too


@pytest.mark.parametrize("digits", [0, 1, 2, 3, 4])
def test_random_numbers_round_as_round_rounds_them(digits):
    rng = random.Random(digits)
    for _ in range(200_000):
        x = rng.uniform(-150.0, 150.0) if rng.random() < 0.7 else rng.uniform(-1.5, 1.5)
        assert _same(rounded(x, digits), round(x, digits)), x


@pytest.mark.parametrize("digits", [0, 1, 2, 3, 4])
def test_ties_near_ties_zeros_and_the_extremes_round_as_round_rounds_them(digits):
    scale = 10.0**digits
    cases = [0.0, -0.0, 1e-12, -1e-12, 5e-5, -5e-5, 1e7, -1e7, 1e9, -1e300, math.inf, -math.inf, 5e-324]
    for k in range(-2000, 2000):
        half = (k + 0.5) / scale  # the decimal ties and the floats on either side of them
        cases += [half, math.nextafter(half, math.inf), math.nextafter(half, -math.inf), k / scale]
    for x in cases:
        assert _same(rounded(x, digits), round(x, digits)), x
    assert math.isnan(rounded(math.nan, digits))


def test_other_numbers_of_digits_are_left_to_round():
    assert _same(rounded(2.675, 2), 2.67) and _same(rounded(1234.5678, 7), round(1234.5678, 7))
    assert _same(rounded(1234.5678, -2), round(1234.5678, -2))

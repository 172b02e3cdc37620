"""``round(x, digits)`` for the records' floats, exactly, without its decimal conversion.

Python rounds a float to ``digits`` places by writing its exact binary value out in decimal,
correctly rounded, and reading that back: about a microsecond, and a run rounds some sixty
numbers for its record (every event's change, every draft's position). :func:`rounded` gives
the same float by arithmetic whenever the answer is not in doubt, and asks ``round`` otherwise:

* ``y = x * 10**digits`` is within ``|y| * 2**-53`` of the exact product. While ``|y| < 1e8``
  that is under ``1.2e-8``, so when the fraction of ``y`` is more than ``1e-7`` from one half,
  the exact product rounds to the same integer ``r`` as ``y`` does (a tie, or anything close
  to one, goes to ``round``).
* ``round`` returns the float nearest to ``r / 10**digits``; so does the division ``r / 10**digits``,
  both operands being exact floats and IEEE division correctly rounded.
* A result of zero keeps the sign of ``x``, as ``round`` gives it (``round(-0.0001, 3)`` is ``-0.0``).

tests/test_rounding.py compares the two on millions of numbers and on the hard cases. Compiled
with mypyc (hatch_build.py). Kept for speed in the compiled engine only: 50 ns a call against 250
for ``round`` (about 10 us, 2%, of a compiled batch run; 60 us of one that logs its lobbying);
as plain Python it is no faster than ``round``.
"""

from __future__ import annotations

import math
from typing import Final

# tuple[float, ...], not a fixed-length tuple: mypyc (2.4) leaves a Final tuple of floats unset.
_SCALES: Final[tuple[float, ...]] = (1.0, 10.0, 100.0, 1000.0, 10000.0)
_LARGEST: Final = 1e8
_DOUBT: Final = 1e-7


def rounded(x: float, digits: int) -> float:
    """``round(x, digits)``, the same float, for ``digits`` from 0 to 4."""
    if 0 <= digits < len(_SCALES):
        scale = _SCALES[digits]
        y = x * scale
        if -_LARGEST < y < _LARGEST:  # NaN and the infinities fail this too
            whole = float(math.floor(y))
            fraction = y - whole  # exact for |y| >= 1, within 1.2e-16 below: far inside the doubt
            if abs(fraction - 0.5) > _DOUBT:
                nearest = whole if fraction < 0.5 else whole + 1.0
                if nearest == 0.0:
                    return math.copysign(0.0, x)
                return nearest / scale
    return round(x, digits)

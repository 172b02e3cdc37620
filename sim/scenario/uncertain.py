"""Numbers a profile may give as a distribution; each run samples them from its own RNG
(:func:`sim.engine.sampling.sample`)."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from .strict import Strict


class Range(Strict):
    """A value drawn uniformly between two bounds, e.g. ``{low: 10, high: 30}``."""

    low: float
    """Smallest value a run may draw."""
    high: float
    """Largest value a run may draw."""


class Normal(Strict):
    """A value drawn from a normal distribution, clipped to the field's range."""

    mean: float
    """Centre of the distribution."""
    sd: float = Field(ge=0)
    """Standard deviation (spread)."""


Uncertain = float | Range | Normal


def _form(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "normal" if "mean" in value or "sd" in value else "range"
    return None


_UncertainInput = Annotated[
    Annotated[float, Tag("number")] | Annotated[Range, Tag("range")] | Annotated[Normal, Tag("normal")],
    Discriminator(
        _form,
        custom_error_type="uncertain_number",
        custom_error_message="expected a number, a range {low, high}, or {mean, sd}",
    ),
]


def _bounded(lo: float, hi: float):
    def check(value: Uncertain) -> Uncertain:
        ends = {
            Range: lambda v: (v.low, v.high),
            Normal: lambda v: (v.mean,),
        }.get(type(value), lambda v: (v,))(value)
        for end in ends:
            if not lo <= end <= hi:
                raise PydanticCustomError(
                    "out_of_range",
                    "{value} is outside the allowed range {lo} to {hi}",
                    {"value": end, "lo": lo, "hi": hi},
                )
        if isinstance(value, Range) and value.low > value.high:
            raise PydanticCustomError("bad_range", "low must not be greater than high", {})
        if isinstance(value, Normal) and value.sd > hi - lo:
            raise PydanticCustomError(
                "sd_too_wide",
                "sd {sd} is wider than the whole range {lo} to {hi}: nearly every draw would be clipped "
                "to an end",
                {"sd": value.sd, "lo": lo, "hi": hi},
            )
        return value

    return check


def uncertain(lo: float, hi: float) -> Any:
    """The type of a number in ``[lo, hi]`` that may be given as a distribution."""
    return Annotated[
        _UncertainInput,
        AfterValidator(_bounded(lo, hi)),
        Field(json_schema_extra={"x-range": [lo, hi]}),
    ]


def is_uncertain(value: Uncertain) -> bool:
    return isinstance(value, Range | Normal)


def centre(value: Uncertain) -> float:
    """The distribution's central value, used where a single number is needed without a run."""
    if isinstance(value, Range):
        return (value.low + value.high) / 2
    if isinstance(value, Normal):
        return value.mean
    return float(value)


def finite_number(text: str) -> float:
    """``text`` read as a finite number; a ValueError says why it is not one."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value

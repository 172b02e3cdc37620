"""The actor profile: what one actor wants, how hard it pushes, and what a "no" costs it; and
:data:`NUMBERS`, its numbers with their ranges and defaults, read off the model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, get_args, get_origin

from pydantic import BaseModel, Field

from .strict import Strict
from .uncertain import uncertain

Position = uncertain(0, 100)
Share = uncertain(0, 1)
Alignment = uncertain(-1, 1)


class Kind(StrEnum):
    state = "state"
    group = "group"
    organisation = "organisation"


class Seat(StrEnum):
    permanent = "permanent"
    elected = "elected"
    none = "none"


class Costs(Strict):
    """What casting a negative vote costs this actor, in the same units as its utility."""

    against: Share = 0.1
    """Cost of voting against a draft that it cannot block: isolation, pressure from partners."""
    veto: Share = 0.3
    """Cost of a permanent member's negative vote that blocks a substantive draft: the public
    price of a veto. Ignored for members without a permanent seat."""


class ProvenanceSource(Strict):
    """Where a number comes from: a sentence of the seed article or a reference fact."""

    quote: str | None = None
    """Words quoted exactly from the scenario's seed article."""
    reference: str | None = None
    """A fact from a public record (the reference notes), in our own words."""
    supports: list[str] = Field(default_factory=list)
    """The fields this source justifies, e.g. ``ideal.coercion`` or ``costs.veto``."""
    reasoning: str | None = None
    """How the source leads to the number chosen."""
    date: dt.date | None = None
    """The day of the fact, e.g. ``2013-09-14``: a dated reason. A scenario that changes a field of
    a shared profile must give, in the provenance of the file that changes it, a dated entry that
    supports that field."""


class ActorProfile(Strict):
    """One actor of a scenario: a state, a group of states, or an organisation."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Short identifier used everywhere else in the scenario (lower case, digits, hyphens)."""
    name: str = Field(min_length=1)
    """Display name, as the UN writes it (e.g. ``Russian Federation``)."""
    kind: Kind
    """``state``, ``group`` (of states, e.g. the Gulf states) or ``organisation``."""
    seat: Seat | None = None
    """Seat on the Security Council: ``permanent`` (with the veto), ``elected`` or ``none``. Left
    out, a scenario gives the one its ``council`` lists give (a shared profile always leaves it
    out: the same state is elected one year and absent the next); given, it must agree with them."""
    capability: Share = 0.0
    """Weight of its lobbying, 0 (none) to 1 (a superpower's full pressure)."""
    ideal: dict[str, Position]
    """Its ideal position on each issue dimension, 0 to 100."""
    salience: dict[str, Share]
    """How much each dimension matters to it, 0 (not at all) to 1 (vital)."""
    alignments: dict[str, Alignment] = Field(default_factory=dict)
    """Whom it follows (up to 1) or opposes (down to -1), by actor id."""
    susceptibility: Share = 0.3
    """How readily it moves under pressure: 0 never, 1 as far as it is pushed."""
    costs: Costs = Field(default_factory=Costs)
    """What a negative vote or a veto costs it."""
    forcing: Alignment = 0.0
    """As a sponsor: what a veto of its draft is worth to it, from -1 (a defeat it would rather
    avoid by withdrawing) to 1 (it wants opponents to cast their veto in public)."""
    deference: dict[str, Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]] = Field(
        default_factory=dict
    )
    """How far it defers to each organisation (by actor id) that requests or endorses a draft, 0
    (not at all) to 1 (fully): such a request adds parameters.request_weight x deference to its
    gain from the draft (docs/model.md, 4.3). A plain number: no range."""
    summary: str = ""
    """One line on who this actor is in the scenario."""
    provenance: list[ProvenanceSource] = Field(default_factory=list)
    """The sentences and facts that justify its numbers."""

    @property
    def has_veto(self) -> bool:
        """The veto follows from the seat; nobody sets it by hand."""
        return self.seat is Seat.permanent

    @property
    def on_council(self) -> bool:
        return self.seat is Seat.permanent or self.seat is Seat.elected


@dataclass(frozen=True)
class ProfileNumber:
    """A number of :class:`ActorProfile` as the model declares it (an ``uncertain(lo, hi)`` field),
    or, for a mapping of them such as ``ideal``, the group of its numbers."""

    field: str
    """Dotted name (``capability``, ``costs.veto``); for a mapping, its group (``ideal``), whose
    numbers are named by key (``ideal.coercion``, ``alignments.china``)."""
    path: tuple[str, ...]
    """Where it sits in a profile: ``("costs", "veto")``."""
    keyed: bool
    """A mapping: one number per key (a dimension, an actor id)."""
    lo: float
    hi: float
    default: float | None
    """Its value when a profile leaves it out; None when it must be given (and for a mapping)."""


def _declared_range(extra: object) -> tuple[float, float] | None:
    """The ``x-range`` that :func:`~sim.scenario.uncertain.uncertain` puts on a field, as floats."""
    if isinstance(extra, dict) and "x-range" in extra:
        lo, hi = extra["x-range"]
        return float(lo), float(hi)
    return None


def _numbers(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[ProfileNumber]:
    """The numbers of ``model`` (and of the models it nests), in field order."""
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _numbers(annotation, path)
            continue
        bounds = _declared_range(info.json_schema_extra)
        if bounds is not None:
            default = float(info.default) if isinstance(info.default, int | float) else None
            yield ProfileNumber(".".join(path), path, False, *bounds, default)
        elif get_origin(annotation) is dict:
            for meta in getattr(get_args(annotation)[1], "__metadata__", ()):
                bounds = _declared_range(getattr(meta, "json_schema_extra", None))
                if bounds is not None:
                    yield ProfileNumber(".".join(path), path, True, *bounds, None)


NUMBERS: tuple[ProfileNumber, ...] = tuple(_numbers(ActorProfile))
"""Every number of a profile, in the model's field order, read off :class:`ActorProfile`: the one
list of their names, ranges and defaults (the engine's draws and events, the checks of events
and the profile editor read it)."""
_BY_FIELD = {number.field: number for number in NUMBERS}


def profile_number(field: str) -> ProfileNumber:
    """The number a dotted field names (``costs.veto``; ``ideal.coercion`` is one of the ``ideal``
    group's); KeyError if the profile has no such number."""
    number = _BY_FIELD.get(field.partition(".")[0])
    if number is None or not number.keyed:
        number = _BY_FIELD[field]
    return number


def number_range(field: str) -> tuple[float, float]:
    """The range of a dotted field (``ideal.coercion``, ``costs.veto``): a draw is clipped to it,
    and so is an event's change."""
    number = profile_number(field)
    return number.lo, number.hi

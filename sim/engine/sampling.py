"""Drawing uncertain numbers for one run: every draw (:func:`draw_number`, through :func:`sample`
for the status quo, drafts and events), and an actor's numbers from a template made once per profile.

A batch builds thousands of models from one validated scenario. Walking a profile's fields and
testing every number for a distribution costs more than the draws themselves, so each profile is
turned once into a :class:`Template`: its plain numbers already as floats, its uncertain ones
listed in draw order (docs/model.md, section 2). A run draws its own and gets the actor's
:class:`~sim.engine.state.ActorState`. Compiled with mypyc (hatch_build.py), like sim/engine/state.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ..scenario.profiles import NUMBERS, number_range
from ..scenario.uncertain import Normal, Range, Uncertain
from .state import ActorState

if TYPE_CHECKING:
    from ..scenario.profiles import ActorProfile

IDEAL: Final = 0
SALIENCE: Final = 1
SCALAR: Final = 2
ALIGNMENT: Final = 3
SCALARS: Final[tuple[tuple[tuple[str, ...], float, float], ...]] = tuple(
    (number.path, number.lo, number.hi) for number in NUMBERS if not number.keyed
)
"""The scalar numbers of a profile (path in the profile, range), in draw order after ideal and
salience: the model's field order (sim/scenario/profiles.NUMBERS)."""
_SCALAR_AT: Final[dict[str, int]] = {".".join(SCALARS[i][0]): i for i in range(len(SCALARS))}
CAPABILITY: Final[int] = _SCALAR_AT["capability"]
SUSCEPTIBILITY: Final[int] = _SCALAR_AT["susceptibility"]
COST_NO: Final[int] = _SCALAR_AT["costs.against"]
COST_VETO: Final[int] = _SCALAR_AT["costs.veto"]
FORCING: Final[int] = _SCALAR_AT["forcing"]


@dataclass
class Draw:
    """One uncertain number of a profile: where it goes, its distribution and its range."""

    group: int
    """IDEAL, SALIENCE (``index``: the dimension), SCALAR (``index`` in SCALARS) or ALIGNMENT
    (``key``: the other actor)."""
    index: int
    key: str
    uniform: bool
    """Uniform between ``a`` and ``b``; else normal with mean ``a`` and sd ``b``, clipped."""
    a: float
    b: float
    lo: float
    hi: float
    path: str
    """Its name in the run's ``sampled`` record, e.g. ``actors.china.costs.veto``."""

    def sample(self, rng: random.Random) -> float:
        """Draw it from ``rng`` (:func:`draw_number`)."""
        return draw_number(self.uniform, self.a, self.b, self.lo, self.hi, rng)


def draw_number(uniform: bool, a: float, b: float, lo: float, hi: float, rng: random.Random) -> float:
    """One uncertain number, drawn: ``rng.uniform(a, b)``, or ``rng.gauss(a, b)`` (mean ``a``,
    sd ``b``) clipped to ``lo``..``hi``. Every draw of a run, profile or not, is made here."""
    if uniform:
        drawn: float = rng.uniform(a, b)
        return drawn
    x: float = rng.gauss(a, b)
    return min(hi, max(lo, x))


def sample(value: Uncertain, lo: float, hi: float, rng: random.Random) -> float:
    """Draw one value of a number that may be uncertain (a float: a normal draw is clipped to
    ``lo``..``hi``); a plain number is returned as it is and consumes no randomness."""
    if isinstance(value, Range):
        return draw_number(True, value.low, value.high, float(lo), float(hi), rng)
    if isinstance(value, Normal):
        return draw_number(False, value.mean, value.sd, float(lo), float(hi), rng)
    return float(value)


class Template:
    """One profile's numbers, plain ones in place (uncertain ones as 0.0 until drawn), and the
    draws to make, in order."""

    def __init__(self, profile: ActorProfile, dims: list[str]) -> None:
        self.key: str = profile.id
        self.name: str = profile.name
        self.has_veto: bool = profile.has_veto
        self.on_council: bool = profile.on_council
        self.draws: list[Draw] = []
        lo, hi = number_range("ideal")
        self.ideal = [
            self._plain(profile.ideal[d], IDEAL, i, "", lo, hi, f"ideal.{d}") for i, d in enumerate(dims)
        ]
        lo, hi = number_range("salience")
        self.salience = [
            self._plain(profile.salience[d], SALIENCE, i, "", lo, hi, f"salience.{d}")
            for i, d in enumerate(dims)
        ]
        self.scalars: list[float] = []
        for i in range(len(SCALARS)):
            path, lo, hi = SCALARS[i]
            field: object = profile
            for part in path:
                field = getattr(field, part)
            self.scalars.append(self._plain(field, SCALAR, i, "", lo, hi, ".".join(path)))
        self.deference: dict[str, float] = dict(sorted(profile.deference.items()))
        lo, hi = number_range("alignments")
        self.alignments: dict[str, float] = {
            other: self._plain(value, ALIGNMENT, 0, other, lo, hi, f"alignments.{other}")
            for other, value in sorted(profile.alignments.items())
        }

    def _plain(
        self, value: object, group: int, index: int, key: str, lo: float, hi: float, path: str
    ) -> float:
        """A plain number as a float; an uncertain one noted as a draw (0.0 until drawn)."""
        path = f"actors.{self.key}.{path}"
        if isinstance(value, Range):
            self.draws.append(Draw(group, index, key, True, value.low, value.high, lo, hi, path))
            return 0.0
        if isinstance(value, Normal):
            self.draws.append(Draw(group, index, key, False, value.mean, value.sd, lo, hi, path))
            return 0.0
        return float(value)  # type: ignore[arg-type]  # a plain number: no draw, nothing to log

    def draw(self, rng: random.Random, sampled: dict[str, float], index: int) -> ActorState:
        """The actor's state for one run: each uncertain number drawn from ``rng`` in order and
        logged in ``sampled``; ``index``: its place among the model's actors."""
        ideal = list(self.ideal)
        salience = list(self.salience)
        scalars = list(self.scalars)
        alignments = dict(self.alignments)
        for draw in self.draws:
            number = draw.sample(rng)
            sampled[draw.path] = number
            if draw.group == IDEAL:
                ideal[draw.index] = number
            elif draw.group == SALIENCE:
                salience[draw.index] = number
            elif draw.group == SCALAR:
                scalars[draw.index] = number
            else:
                alignments[draw.key] = number
        state = ActorState(
            self.key,
            self.name,
            index,
            self.has_veto,
            self.on_council,
            ideal,
            salience,
            scalars[CAPABILITY],
            scalars[SUSCEPTIBILITY],
            scalars[COST_NO],
            scalars[COST_VETO],
            scalars[FORCING],
            alignments,
        )
        state.deference = dict(self.deference)
        return state


_TEMPLATES: dict[tuple[int, tuple[str, ...]], tuple[ActorProfile, Template]] = {}
_MOST_TEMPLATES: Final = 4096


def draw_profile(
    profile: ActorProfile, dims: list[str], rng: random.Random, sampled: dict[str, float], index: int
) -> ActorState:
    """Sample every uncertain number of a profile in a fixed order (logged in ``sampled``): the
    actor's state for one run, ``index`` its place among the model's actors.

    Templates are kept per profile object (profiles are frozen); the entry holds the profile, so
    its id cannot be reused while the entry lives.
    """
    key = (id(profile), tuple(dims))
    known = _TEMPLATES.get(key)
    if known is None or known[0] is not profile:
        if len(_TEMPLATES) >= _MOST_TEMPLATES:
            _TEMPLATES.clear()
        known = _TEMPLATES[key] = (profile, Template(profile, dims))
    return known[1].draw(rng, sampled, index)

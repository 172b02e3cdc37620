"""Drawing an actor's uncertain numbers for one run, from a template made once per profile.

A batch builds thousands of models from one validated scenario. Walking a profile's fields and
testing every number for a distribution costs more than the draws themselves, so each profile is
turned once into a template: its plain numbers already as floats, its uncertain ones listed in
draw order (docs/model.md, section 2). A run copies the template and fills in its own draws.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .profiles import ActorProfile
from .uncertain import Uncertain, is_uncertain, sample

_SCALARS = (  # (values key, path in the profile, clip range), in draw order after ideal and salience
    ("capability", ("capability",), (0, 1)),
    ("susceptibility", ("susceptibility",), (0, 1)),
    ("costs.against", ("costs", "against"), (0, 1)),
    ("costs.veto", ("costs", "veto"), (0, 1)),
    ("forcing", ("forcing",), (-1, 1)),
)


@dataclass(frozen=True)
class Template:
    """One profile's numbers for ``draw_profile``: plain ones in place (uncertain ones as 0.0
    until drawn), and the draws to make, in order: (values key, index or key within it or None,
    distribution, low clip, high clip, ``sampled`` path)."""

    values: dict[str, Any]
    draws: tuple[tuple[str, Any, Uncertain, int, int, str], ...]

    def fill(self, rng: random.Random, sampled: dict[str, float]) -> dict[str, Any]:
        values = {
            **self.values,
            "ideal": list(self.values["ideal"]),
            "salience": list(self.values["salience"]),
            "alignments": dict(self.values["alignments"]),
        }
        for group, key, value, lo, hi, path in self.draws:
            number = sample(value, lo, hi, rng)
            sampled[path] = number
            if key is None:
                values[group] = number
            else:
                values[group][key] = number
        return values


def template(profile: ActorProfile, dims: Sequence[str]) -> Template:
    """The template of ``profile``; the clip ranges are the ints the fields were always drawn
    with, so a clipped draw is the same number of the same type."""
    draws = []

    def plain(value: Uncertain, group: str, key: Any, lo: int, hi: int, *path: str) -> float:
        if not is_uncertain(value):
            return float(value)  # a plain number: no draw, nothing to log
        draws.append((group, key, value, lo, hi, ".".join(("actors", profile.id, *path))))
        return 0.0

    values: dict[str, Any] = {
        "ideal": [plain(profile.ideal[d], "ideal", i, 0, 100, "ideal", d) for i, d in enumerate(dims)],
        "salience": [
            plain(profile.salience[d], "salience", i, 0, 1, "salience", d) for i, d in enumerate(dims)
        ],
    }
    for name, path, (lo, hi) in _SCALARS:
        field = profile
        for part in path:
            field = getattr(field, part)
        values[name] = plain(field, name, None, lo, hi, *path)
    values["alignments"] = {
        other: plain(value, "alignments", other, -1, 1, "alignments", other)
        for other, value in sorted(profile.alignments.items())
    }
    return Template(values, tuple(draws))


_TEMPLATES: dict[tuple[int, tuple[str, ...]], tuple[ActorProfile, Template]] = {}
_MOST_TEMPLATES = 4096


def draw_profile(profile: ActorProfile, dims: Sequence[str], rng: random.Random, sampled: dict) -> dict:
    """Sample every uncertain number of a profile in a fixed order; log the draws in ``sampled``.

    Templates are kept per profile object (profiles are frozen); the entry holds the profile, so
    its id cannot be reused while the entry lives.
    """
    key = (id(profile), tuple(dims))
    known = _TEMPLATES.get(key)
    if known is None or known[0] is not profile:
        if len(_TEMPLATES) >= _MOST_TEMPLATES:
            _TEMPLATES.clear()
        known = _TEMPLATES[key] = (profile, template(profile, dims))
    return known[1].fill(rng, sampled)

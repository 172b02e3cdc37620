"""A-priori power of every member of a scenario's Council, in both games the Charter allows for.

The *classical* game is the textbook one: every member votes yes or no, and a draft passes with
nine yes votes including all five permanent members. The *ternary* game is Article 27 as
practised and as :func:`sim.engine.council.decide` applies it: abstention is a third ballot, and only
a permanent member's "no" is a veto.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from ..engine.council import Ballot
from ..scenario.spec import Council
from .games import BINARY, TERNARY, ClassGame, council_game
from .indices import banzhaf, normalised, roll_call_pivot, shapley_shubik

GAMES: dict[str, tuple[Ballot, ...]] = {"classical": BINARY, "ternary": TERNARY}
"""The two games, by the name the JSON output uses."""
INDICES = ("shapley_shubik", "banzhaf", "banzhaf_normalised")
"""The indices, by the name the JSON output uses."""


@dataclass(frozen=True)
class APriori:
    """Exact indices per seat class, and which class each member holds."""

    seats: dict[str, str]
    """Each member's display name and seat class (``permanent`` or ``elected``), Council order."""
    exact: dict[str, dict[str, dict[str, Fraction]]]
    """``exact[game][index][seat class]``: one member's index, as an exact fraction."""

    def by_member(self) -> dict[str, dict[str, dict[str, float]]]:
        """``[game][index][member]`` as floats, the shape ``diplosim power --json`` prints."""
        return {
            game: {
                index: {member: float(values[seat]) for member, seat in self.seats.items()}
                for index, values in indices.items()
            }
            for game, indices in self.exact.items()
        }


def class_indices(game: ClassGame, pivot: bool) -> dict[str, dict[str, Fraction]]:
    """The three indices of one game; ``pivot`` picks the roll-call form of Shapley-Shubik."""
    absolute = banzhaf(game)
    return {
        "shapley_shubik": roll_call_pivot(game) if pivot else shapley_shubik(game),
        "banzhaf": absolute,
        "banzhaf_normalised": normalised(game, absolute),
    }


@cache
def _council_indices(permanent: int, elected: int) -> dict[str, dict[str, dict[str, Fraction]]]:
    return {
        name: class_indices(council_game(permanent, elected, ballots), pivot=len(ballots) > 2)
        for name, ballots in GAMES.items()
    }


def a_priori_power(council: Council, names: dict[str, str]) -> APriori:
    """The indices of every member of ``council``; ``names`` maps actor ids to display names."""
    seats = {names[m]: "permanent" for m in council.permanent} | {
        names[m]: "elected" for m in council.elected
    }
    return APriori(seats, _council_indices(len(council.permanent), len(council.elected)))

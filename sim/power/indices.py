"""A-priori voting power, computed exactly over classes of interchangeable voters.

Every voter of a class has the same power, so each index is computed once per class by
counting profiles per class (binomial and multinomial coefficients) instead of enumerating
2^n coalitions, 3^n roll calls or n! orders. Results are exact fractions.

- **Banzhaf** (absolute): the probability that a voter's own ballot decides the outcome, when
  every other voter picks each open ballot with equal probability, independently:
  outcome(i votes yes) differs from outcome(i votes no). With ballots yes/no this is the
  classical Penrose-Banzhaf measure, swings / 2^(n-1). In a ternary game (yes, abstain, no),
  others' profiles range over 3^(n-1); by monotonicity, i's ballot matters in a profile exactly
  when some change of i's ballot alone changes the outcome.
- **Normalised Banzhaf**: each voter's absolute Banzhaf divided by the sum over all voters.
- **Shapley-Shubik** (binary games): the share of the n! orders in which a voter turns the
  coalition of those before it from losing into winning.
- **Roll-call pivot** (Felsenthal and Machover's Shapley-Shubik index for ternary voting games,
  1997): voters are called in a random order, each casting a random ballot (all |B|^n roll
  calls and n! orders equally likely); the pivot is the voter whose ballot settles the outcome,
  whatever those after it do. With two ballots this is the Shapley-Shubik index (Mann and
  Shapley), a fact the tests check; with three it is its generalisation to abstention.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from functools import cache
from itertools import product
from math import comb, factorial

from ..engine.council import Ballot
from .games import ClassGame, Counts

PerClass = dict[str, Fraction]


@cache
def compositions(total: int, parts: int) -> tuple[tuple[int, ...], ...]:
    """Every way to write ``total`` as an ordered sum of ``parts`` non-negative integers."""
    if parts == 1:
        return ((total,),)
    return tuple(
        (first, *rest) for first in range(total + 1) for rest in compositions(total - first, parts - 1)
    )


def multinomial(counts: tuple[int, ...]) -> int:
    """How many ways to give ``sum(counts)`` distinct voters these numbers of each ballot."""
    ways, placed = 1, 0
    for count in counts:
        placed += count
        ways *= comb(placed, count)
    return ways


def _others(game: ClassGame, voter_class: int) -> list[int]:
    """How many voters of each class there are besides one voter of ``voter_class``."""
    return [n - (index == voter_class) for index, (_, n) in enumerate(game.classes)]


def _with(counts: Counts, voter_class: int, ballot: int, extra: int = 1) -> Counts:
    """``counts`` with ``extra`` more voters of ``voter_class`` casting ``ballot``."""
    row = list(counts[voter_class])
    row[ballot] += extra
    return (*counts[:voter_class], tuple(row), *counts[voter_class + 1 :])


def _full_profiles(game: ClassGame, sizes: list[int]) -> Iterator[tuple[Counts, int]]:
    """Every profile of voters of these class sizes, as counts, with how many roll calls give it."""
    ballots = len(game.ballots)
    per_class = [[(c, multinomial(c)) for c in compositions(n, ballots)] for n in sizes]
    for choice in product(*per_class):
        ways = 1
        for _, w in choice:
            ways *= w
        yield tuple(c for c, _ in choice), ways


def banzhaf(game: ClassGame) -> PerClass:
    """The absolute Banzhaf measure of one voter of each class."""
    yes, no = game.ballots.index(Ballot.yes), game.ballots.index(Ballot.no)
    total = len(game.ballots) ** (game.size - 1)
    power = {}
    for index, (name, _) in enumerate(game.classes):
        decisive = sum(
            ways
            for counts, ways in _full_profiles(game, _others(game, index))
            if game.passes(_with(counts, index, yes)) != game.passes(_with(counts, index, no))
        )
        power[name] = Fraction(decisive, total)
    return power


def normalised(game: ClassGame, power: PerClass) -> PerClass:
    """Per-voter values scaled so that the whole body's sum is one."""
    whole = sum(power[name] * n for name, n in game.classes)
    return {name: value / whole if whole else Fraction(0) for name, value in power.items()}


def _coalition_row(ballots: int, yes: int, inside: int, no: int, outside: int) -> tuple[int, ...]:
    row = [0] * ballots
    row[yes], row[no] = inside, outside
    return tuple(row)


def shapley_shubik(game: ClassGame) -> PerClass:
    """The Shapley-Shubik index of the binary game: coalitions vote yes, everyone else no."""
    yes, no = game.ballots.index(Ballot.yes), game.ballots.index(Ballot.no)
    n = game.size
    power = {}
    for index, (name, _) in enumerate(game.classes):
        sizes = _others(game, index)
        value = Fraction(0)
        for chosen in product(*(range(m + 1) for m in sizes)):
            counts = tuple(
                _coalition_row(len(game.ballots), yes, k, no, m - k)
                for k, m in zip(chosen, sizes, strict=True)
            )
            if game.passes(_with(counts, index, yes)) and not game.passes(_with(counts, index, no)):
                k = sum(chosen)
                ways = 1
                for c, m in zip(chosen, sizes, strict=True):
                    ways *= comb(m, c)
                value += Fraction(ways * factorial(k) * factorial(n - k - 1), factorial(n))
        power[name] = value
    return power


def _settled(game: ClassGame, prefix: Counts) -> bool:
    """Whether the ballots cast so far fix the outcome, however the rest vote (monotone games)."""
    best, worst = 0, len(game.ballots) - 1
    rest = [n - sum(row) for (_, n), row in zip(game.classes, prefix, strict=True)]
    all_worst, all_best = prefix, prefix
    for index, count in enumerate(rest):
        all_worst = _with(all_worst, index, worst, count)
        all_best = _with(all_best, index, best, count)
    return game.passes(all_worst) or not game.passes(all_best)


def _prefixes(sizes: list[int], ballots: int) -> Iterator[tuple[Counts, int, Fraction]]:
    """Every profile of the voters called before a given voter: counts, their number, weight.

    The weight is the probability of these counts given their number k: which k of the others
    come first (hypergeometric) times how they vote (multinomial, each ballot equally likely).
    """
    per_class = []
    for m in sizes:
        options = []
        for s in range(m + 1):
            for c in compositions(s, ballots):
                options.append((c, s, comb(m, s) * multinomial(c), ballots**s))
        per_class.append(options)
    others = sum(sizes)
    for choice in product(*per_class):
        k = sum(s for _, s, _, _ in choice)
        ways, spread = 1, comb(others, k)
        for _, _, w, b in choice:
            ways *= w
            spread *= b
        yield tuple(c for c, _, _, _ in choice), k, Fraction(ways, spread)


def roll_call_pivot(game: ClassGame) -> PerClass:
    """The probability that one voter of each class is the pivot of a random ordered roll call."""
    n, ballots = game.size, len(game.ballots)
    power = {}
    for index, (name, _) in enumerate(game.classes):
        value = Fraction(0)
        for prefix, _, weight in _prefixes(_others(game, index), ballots):
            if _settled(game, prefix):
                continue
            settling = sum(1 for b in range(ballots) if _settled(game, _with(prefix, index, b)))
            value += weight * settling
        power[name] = value / (n * ballots)
    return power

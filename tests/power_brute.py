"""Power indices straight from their definitions, by enumerating every voter, for small games.

Independent of sim.power.indices: no classes, no counting formulas, no monotonicity assumed.
A game here is ``passes(profile)``, a profile being one ballot index per voter (0 = yes).
"""

from fractions import Fraction
from itertools import permutations, product
from math import factorial


def banzhaf(n, ballots, passes):
    """P(outcome with i voting yes != outcome with i voting no), others uniform over ballots."""
    yes, no = 0, ballots - 1
    power = []
    for i in range(n):
        decisive = 0
        for others in product(range(ballots), repeat=n - 1):
            with_yes = (*others[:i], yes, *others[i:])
            with_no = (*others[:i], no, *others[i:])
            decisive += passes(with_yes) != passes(with_no)
        power.append(Fraction(decisive, ballots ** (n - 1)))
    return power


def any_change_decides(n, ballots, passes):
    """Share of all ballots**n profiles in which some other ballot of i alone flips the outcome."""
    power = []
    for i in range(n):
        hits = 0
        for profile in product(range(ballots), repeat=n):
            outcome = passes(profile)
            hits += any(
                passes((*profile[:i], b, *profile[i + 1 :])) != outcome
                for b in range(ballots)
                if b != profile[i]
            )
        power.append(Fraction(hits, ballots**n))
    return power


def shapley_shubik(n, wins):
    """Share of the n! orders in which i turns the coalition before it from losing to winning;
    ``wins(coalition)`` takes a frozenset of voters."""
    pivots = [0] * n
    for order in permutations(range(n)):
        before = frozenset()
        for voter in order:
            if wins(before | {voter}) and not wins(before):
                pivots[voter] += 1
                break
            before = before | {voter}
    return [Fraction(p, factorial(n)) for p in pivots]


def roll_call_pivot(n, ballots, passes):
    """Felsenthal-Machover: over all ballots**n roll calls and n! orders, the share in which i is
    the first voter after whose ballot every completion of the roll call gives the same outcome."""
    settled_cache = {}

    def settled(partial):  # partial: tuple of ballot or None per voter
        if partial not in settled_cache:
            free = [i for i, b in enumerate(partial) if b is None]
            outcomes = set()
            for fill in product(range(ballots), repeat=len(free)):
                full = list(partial)
                for i, b in zip(free, fill, strict=True):
                    full[i] = b
                outcomes.add(passes(tuple(full)))
            settled_cache[partial] = len(outcomes) == 1
        return settled_cache[partial]

    pivots = [0] * n
    orders = list(permutations(range(n)))
    for profile in product(range(ballots), repeat=n):
        for order in orders:
            partial = [None] * n
            for voter in order:
                partial[voter] = profile[voter]
                if settled(tuple(partial)):
                    pivots[voter] += 1
                    break
    return [Fraction(p, ballots**n * factorial(n)) for p in pivots]

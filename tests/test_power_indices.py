"""A-priori indices: hand-computed small games, brute force from the definitions, published UNSC values."""

from fractions import Fraction
from itertools import combinations, product
from math import comb, factorial

import power_brute as brute
import pytest

from sim.power.apriori import a_priori_power
from sim.power.games import BINARY, TERNARY, council_game, veto_game, weighted_game
from sim.power.indices import banzhaf, compositions, normalised, roll_call_pivot, shapley_shubik

F = Fraction


def per_voter(game, values):
    """Class results spread over voters, in class order."""
    return [values[name] for name, size in game.classes for _ in range(size)]


def weighted_rule(quota, weights):
    return lambda profile: sum(w for w, b in zip(weights, profile, strict=True) if b == 0) >= quota


def veto_rule(permanent, quota, ballots):
    no = ballots - 1
    return lambda profile: no not in profile[:permanent] and profile.count(0) >= quota


@pytest.mark.parametrize(
    ("quota", "weights", "ss", "bz"),
    [
        (3, [2, 1, 1], [F(2, 3), F(1, 6), F(1, 6)], [F(3, 4), F(1, 4), F(1, 4)]),
        (51, [50, 49, 1], [F(2, 3), F(1, 6), F(1, 6)], [F(3, 4), F(1, 4), F(1, 4)]),
        (12, [8, 6, 4, 2], [F(5, 12), F(1, 4), F(1, 4), F(1, 12)], [F(5, 8), F(3, 8), F(3, 8), F(1, 8)]),
    ],
)
def test_weighted_games_match_hand_computed_values(quota, weights, ss, bz):
    game = weighted_game(quota, weights)
    assert per_voter(game, shapley_shubik(game)) == ss
    assert per_voter(game, banzhaf(game)) == bz
    total = sum(bz)
    assert per_voter(game, normalised(game, banzhaf(game))) == [b / total for b in bz]


BINARY_GAMES = [
    (weighted_game(3, [2, 1, 1]), weighted_rule(3, [2, 1, 1])),
    (weighted_game(5, [3, 2, 2, 1, 1]), weighted_rule(5, [3, 2, 2, 1, 1])),
    (weighted_game(6, [4, 3, 2, 1, 1, 1]), weighted_rule(6, [4, 3, 2, 1, 1, 1])),
    (veto_game(2, 4, 4, BINARY), veto_rule(2, 4, 2)),
]


@pytest.mark.parametrize(("game", "rule"), BINARY_GAMES)
def test_binary_indices_match_brute_force(game, rule):
    n = game.size
    assert per_voter(game, banzhaf(game)) == brute.banzhaf(n, 2, rule)
    wins = lambda coalition: rule(tuple(0 if i in coalition else 1 for i in range(n)))  # noqa: E731
    assert per_voter(game, shapley_shubik(game)) == brute.shapley_shubik(n, wins)


@pytest.mark.parametrize(("game", "rule"), BINARY_GAMES)
def test_roll_call_pivot_is_shapley_shubik_in_a_binary_game(game, rule):
    """Mann and Shapley's roll-call model: with two ballots, being pivotal is the SS index."""
    assert roll_call_pivot(game) == shapley_shubik(game)
    assert per_voter(game, roll_call_pivot(game)) == brute.roll_call_pivot(game.size, 2, rule)


TERNARY_GAMES = [
    (veto_game(2, 3, 3, TERNARY), veto_rule(2, 3, 3)),
    (veto_game(1, 4, 2, TERNARY), veto_rule(1, 2, 3)),
    (veto_game(3, 2, 4, TERNARY), veto_rule(3, 4, 3)),
    (weighted_game(3, [2, 1, 1], TERNARY), weighted_rule(3, [2, 1, 1])),
    (weighted_game(4, [3, 2, 1, 1], TERNARY), weighted_rule(4, [3, 2, 1, 1])),
]


@pytest.mark.parametrize(("game", "rule"), TERNARY_GAMES)
def test_ternary_indices_match_their_definitions(game, rule):
    n = game.size
    absolute = per_voter(game, banzhaf(game))
    assert absolute == brute.banzhaf(n, 3, rule)
    assert absolute == brute.any_change_decides(n, 3, rule)  # the same thing, counted over 3^n
    pivot = per_voter(game, roll_call_pivot(game))
    assert pivot == brute.roll_call_pivot(n, 3, rule)
    assert sum(pivot) == 1


def test_small_councils_abstention_helps_elected_members():
    """With abstention that does not block, a permanent member's power falls and an elected one's rises."""
    binary, ternary = veto_game(2, 3, 3, BINARY), veto_game(2, 3, 3, TERNARY)
    assert roll_call_pivot(ternary)["permanent"] < shapley_shubik(binary)["permanent"]
    assert roll_call_pivot(ternary)["elected"] > shapley_shubik(binary)["elected"]


@pytest.mark.parametrize("ballots", [BINARY, TERNARY])
def test_council_game_is_article_27_as_the_simulation_applies_it(ballots):
    decided, counted = council_game(5, 10, ballots), veto_game(5, 10, 9, ballots)
    profiles = list(product(compositions(5, len(ballots)), compositions(10, len(ballots))))
    assert len(profiles) == (21 * 66 if ballots == TERNARY else 6 * 11)
    assert all(decided.passes(p) == counted.passes(p) for p in profiles)


def unsc_wins(coalition):
    return set(range(5)) <= coalition and len(coalition) >= 9


def test_classical_council_matches_brute_force_over_all_coalitions():
    n = 15
    swings, shapley = [0, 0], [F(0), F(0)]
    for voter, kind in ((0, 0), (5, 1)):  # one permanent, one elected member
        others = [i for i in range(n) if i != voter]
        for size in range(n):
            for chosen in combinations(others, size):
                coalition = set(chosen)
                if unsc_wins(coalition | {voter}) and not unsc_wins(coalition):
                    swings[kind] += 1
                    shapley[kind] += F(factorial(size) * factorial(n - size - 1), factorial(n))
    game = council_game(ballots=BINARY)
    assert shapley_shubik(game) == {"permanent": shapley[0], "elected": shapley[1]}
    assert banzhaf(game) == {"permanent": F(swings[0], 2**14), "elected": F(swings[1], 2**14)}


def test_classical_council_matches_published_values():
    """Shapley-Shubik 0.1963 / 0.00186, normalised Banzhaf 0.1669 / 0.0165 (Felsenthal and Machover)."""
    game = council_game(ballots=BINARY)
    ss, bz = shapley_shubik(game), normalised(game, banzhaf(game))
    assert ss == {"permanent": F(421, 2145), "elected": F(4, 2145)}
    assert round(float(ss["permanent"]), 4) == 0.1963 and round(float(ss["elected"]), 5) == 0.00186
    assert round(float(bz["permanent"]), 4) == 0.1669 and round(float(bz["elected"]), 4) == 0.0165
    assert 5 * ss["permanent"] + 10 * ss["elected"] == 1


def test_ternary_council_banzhaf_by_hand():
    """Abstention allowed, each ballot with chance 1/3. A permanent member decides iff no other
    permanent member says no and at least 8 others say yes; an elected one iff no permanent
    member says no and exactly 8 others say yes."""
    third = F(1, 3)

    def at_least(k, n):  # P(Binomial(n, 1/3) >= k)
        return sum(comb(n, j) * third**j * (1 - third) ** (n - j) for j in range(max(k, 0), n + 1))

    permanent = sum(comb(4, y) * third**4 * at_least(8 - y, 10) for y in range(5))
    elected = sum(
        comb(5, y) * third**5 * comb(9, 8 - y) * third ** (8 - y) * (1 - third) ** (1 + y) for y in range(6)
    )
    assert banzhaf(council_game(ballots=TERNARY)) == {"permanent": permanent, "elected": elected}


def test_ternary_council_pivot_sums_to_one_and_is_reported_per_member(syria):
    spec = syria.spec
    names = {a: p.name for a, p in spec.actors.items()}
    power = a_priori_power(spec.council, names)
    ternary = power.exact["ternary"]["shapley_shubik"]
    assert 5 * ternary["permanent"] + 10 * ternary["elected"] == 1
    table = power.by_member()
    assert set(table) == {"classical", "ternary"}
    for game in table.values():
        assert set(game) == {"shapley_shubik", "banzhaf", "banzhaf_normalised"}
        for values in game.values():
            assert len(values) == 15
            assert values["China"] == values["United States"] > values["Togo"] == values["India"]
        assert sum(game["banzhaf_normalised"].values()) == pytest.approx(1)

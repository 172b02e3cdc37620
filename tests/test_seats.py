"""Several human seats in one game ("play together"): every seat's moves and ballots, saves that
replay them, and the same record whatever order the seats submit in. A game of one seat or none
is the game it always was."""

import json
import random

import pytest

from sim import DiplomacyModel, run_scenario
from sim.engine.drafts import DraftState, DraftStatus
from sim.engine.moves import CallVote, Cast, Condition, Lobby, Move, Statement
from sim.engine.scripted import SeatScript
from sim.engine.scripted import play as play_script
from sim.errors import MoveError, SaveError
from sim.play.game import Game
from sim.play.played import load_played

US, RUSSIA, PAKISTAN = "united-states", "russian-federation", "pakistan"
SEATS = (US, RUSSIA, PAKISTAN)
WEST, RIVAL = "s-2012-538", "russia-rival"


def seat_moves(game: Game, seat: str) -> list[Move]:
    """The moves ``seat`` makes before the coming round, worked out from the game as it stands
    (so every order of submitting them starts from the same game)."""
    model = game.model
    number = model.round_index + 1
    drafts = model.drafts
    if seat == US:
        moves: list[Move] = [Lobby(US, PAKISTAN, "coercion", 0.3), Statement(US, "china", 0.2)]
        if number >= 6 and drafts[WEST].status == DraftStatus.open and US in drafts[WEST].sponsors:
            moves.append(CallVote(US, WEST))  # a proposal to the lead, the United Kingdom
        return moves
    if seat == RUSSIA:
        moves = [Lobby(RUSSIA, PAKISTAN, "transition", 0.3), Lobby(RUSSIA, "india", "coercion", 0.2)]
        if number >= 5 and drafts[RIVAL].status == DraftStatus.open and drafts[RIVAL].sponsors[0] == RUSSIA:
            moves.append(CallVote(RUSSIA, RIVAL))  # its own draft: the engine calls no vote for it
        return moves
    if seat == PAKISTAN:
        moves = [Lobby(PAKISTAN, "india", "coercion", 0.05)]
        if number == 2:
            moves.append(Condition(PAKISTAN, WEST, "coercion", 0, 60))
        return moves
    return [Lobby(seat, "china", "coercion", 0.1)]  # another seat: a little pressure on China


def ballots_for(draft: DraftState, seats) -> dict[str, str]:
    """Each Council seat's ballot on ``draft``: yes on its own draft, else as it stands."""
    chosen = {US: "yes" if draft.key != RIVAL else "no", RUSSIA: "yes" if draft.key == RIVAL else "no"}
    chosen[PAKISTAN] = "abstain"
    return {seat: chosen[seat] for seat in seats if seat in chosen}


def play_together(game: Game, order=None) -> str:
    """Play ``game`` to its end: before each round every seat's moves, submitted in ``order``
    (a function of the round's moves by seat: the list to submit), then every roll call with
    each seat's ballot. Returns the record."""
    while not game.over:
        by_seat = {seat: seat_moves(game, seat) for seat in game.players}
        queued = order(by_seat, game.model.round_index) if order else [m for s in by_seat.values() for m in s]
        for move in queued:
            game.submit(move, seat=move.actor)
        while (draft := game.next_vote()) is not None:
            chosen = ballots_for(draft, [s for s in game.players if game.seat_votes(s)])
            if order:
                chosen = dict(reversed(list(chosen.items())))
            game.cast(ballots=chosen)
    return game.record.to_json()


def seats_reversed(by_seat, _round):
    return [m for seat in reversed(list(by_seat)) for m in by_seat[seat]]


def interleaved(by_seat, number):
    """The seats' moves shuffled together, each seat's kept in its own order."""
    picks = [seat for seat, moves in by_seat.items() for _ in moves]
    random.Random(number).shuffle(picks)
    left = {seat: list(moves) for seat, moves in by_seat.items()}
    return [left[seat].pop(0) for seat in picks]


def test_three_seats_play_to_the_end_and_a_save_replays_the_same_game(syria, tmp_path):
    game = Game(syria, seed=3, players=SEATS)
    record = play_together(game)
    rounds = game.record.rounds
    lobbied = {entry.actor for r in rounds for entry in r.lobbying}
    assert {"United States", "Russian Federation", "Pakistan"} <= lobbied
    assert any(d.action == "conditioned" and d.actor == "Pakistan" for d in rounds[1].decisions)
    votes = game.record.votes
    assert votes and all(v.roll_call["Pakistan"] == "abstain" for v in votes)
    assert any(v.draft == RIVAL and v.roll_call["Russian Federation"] == "yes" for v in votes)
    data = json.loads(game.save(tmp_path / "together.json").read_text())
    assert data["version"] == 2 and data["players"] == list(SEATS) and "player" not in data
    assert {m["actor"] for played in data["rounds"] for m in played} == set(SEATS)
    loaded = Game.load(tmp_path / "together.json")
    assert loaded.players == SEATS and loaded.record.to_json() == record
    assert loaded.rounds == game.rounds


def test_a_save_mid_game_with_moves_queued_plays_on_the_same(syria, tmp_path):
    game = Game(syria, seed=5, players=SEATS)
    for _ in range(3):
        for seat in SEATS:
            for move in seat_moves(game, seat):
                game.submit(move)
        game.play_round()
    game.submit(Lobby(PAKISTAN, "india", "transition", 0.05))
    game.submit(Lobby(US, "china", "mission", 0.4))
    loaded = Game.load(game.save(tmp_path / "mid.json"))
    assert loaded.current == game.current and not loaded.dirty
    assert play_together(loaded) == play_together(game)


@pytest.mark.parametrize("order", [seats_reversed, interleaved])
def test_the_same_moves_in_any_order_of_the_seats_give_the_same_record(syria, order):
    first, second = Game(syria, seed=3, players=SEATS), Game(syria, seed=3, players=SEATS)
    assert play_together(first) == play_together(second, order)
    assert first.to_dict() == second.to_dict()  # the save too: each round's moves in seat order


def test_a_seat_makes_only_its_own_moves_with_its_own_capital(syria):
    game = Game(syria, seed=1, players=SEATS)
    with pytest.raises(MoveError, match="cannot make a move of russian-federation"):
        game.submit(Lobby(RUSSIA, PAKISTAN, "coercion", 0.2), seat=US)
    with pytest.raises(MoveError, match=r"only the players' actors \(united-states, russian-federation"):
        game.submit(Lobby("china", PAKISTAN, "coercion", 0.2))
    game.submit(Lobby(US, PAKISTAN, "coercion", 1.0), seat=US)  # all the United States has
    assert game.model.capital_left(US) == 0.0
    assert game.model.capital_left(RUSSIA) == pytest.approx(0.8)
    with pytest.raises(MoveError, match=r"United States has 0\.00 political capital left"):
        game.submit(Statement(US, "china", 0.1))
    game.submit(Lobby(RUSSIA, PAKISTAN, "transition", 0.8), seat=RUSSIA)  # Russia's own is untouched
    game.preview(Lobby(PAKISTAN, "india", "coercion", 0.1))  # each seat previews its own moves
    game.play_round()
    assert game.model.capital_left(US) == 1.0 and game.model.capital_left(RUSSIA) == pytest.approx(0.8)


def test_each_seat_states_its_own_condition_and_casts_only_its_own_ballot(syria):
    game = Game(syria, seed=1, players=(PAKISTAN, "india", "turkey"))
    game.submit(Condition(PAKISTAN, WEST, "coercion", 0, 60))
    game.submit(Condition("india", WEST, "coercion", 0, 50))  # another seat's condition: allowed
    with pytest.raises(MoveError, match="already stated a condition"):
        game.submit(Condition(PAKISTAN, WEST, "coercion", 0, 70))
    while (draft := game.next_vote()) is None:
        game.submit(Lobby("turkey", PAKISTAN, "coercion", 0.1))
    with pytest.raises(MoveError, match="turkey is not a human seat on the Council"):
        game.cast(ballots={PAKISTAN: "yes", "turkey": "no"})
    assert game.model.pending_vote is draft
    assert not any(isinstance(m, Cast) for m in game.current)  # nothing cast by the refusal
    assert game.ballot_choice(draft, PAKISTAN).member == "Pakistan"
    with pytest.raises(MoveError, match="only a Council member"):
        game.ballot_choice(draft, "turkey")
    vote = game.cast(ballots={"india": "no", PAKISTAN: "yes"})
    assert (vote.roll_call["Pakistan"], vote.roll_call["India"]) == ("yes", "no")


def test_several_seats_have_no_single_player_and_what_plays_one_seat_refuses_them(syria, tmp_path):
    game = Game(syria, seed=1, players=(US, RUSSIA))
    with pytest.raises(ValueError, match="read players"):
        _ = game.player
    with pytest.raises(ValueError, match="not both"):
        DiplomacyModel(syria, 1, US, players=(US, RUSSIA))
    with pytest.raises(MoveError, match="seated twice"):
        Game(syria, 1, players=(US, US))
    with pytest.raises(MoveError, match="unknown actor 'atlantis'"):
        Game(syria, 1, players=(US, "atlantis"))
    game.play_round()
    with pytest.raises(SaveError, match="several seats"):
        load_played(game.save(tmp_path / "two.json"))


@pytest.mark.parametrize("seed", [0, 4, 9])
@pytest.mark.parametrize("seat", [US, RUSSIA, PAKISTAN, "turkey"])
def test_one_seat_given_as_players_is_the_game_of_player(syria, seed, seat):
    """A permanent member that co-sponsors, the lead of a draft, an elected member, an outsider."""
    one, given = Game(syria, seed, seat), Game(syria, seed, players=(seat,))
    assert given.player == seat
    assert play_together(one) == play_together(given)
    assert one.to_dict() == given.to_dict() and one.to_dict()["version"] == 1
    script = SeatScript(seat, tuple(tuple(played) for played in one.rounds))
    scripted = play_script(DiplomacyModel(syria, seed, players=(seat,)), script)
    assert scripted.to_json() == play_script(DiplomacyModel(syria, seed, seat), script).to_json()


@pytest.mark.parametrize("seed", [0, 7])
def test_an_observer_game_is_unchanged(syria, seed):
    observer = Game(syria, seed, players=())
    assert observer.player is None and observer.to_dict()["player"] is None
    assert play_together(observer) == run_scenario(syria, seed).to_json()
    model = DiplomacyModel(syria, seed, players=())
    assert model.player is None and model.run().to_json() == run_scenario(syria, seed).to_json()


def test_a_game_played_to_its_last_ballot_keeps_its_last_round_and_loads_over(syria, tmp_path):
    """The last roll call ends the schedule; the game is over only once that round is reported,
    so its ballots are among the rounds saved (not left pending) and the save loads over."""
    game = Game(syria, 3, RUSSIA)
    while not game.over:
        if game.next_vote() is not None:
            game.cast("no")
    assert len(game.rounds) == len(syria.spec.schedule) and game.current == []
    assert any(isinstance(m, Cast) for m in game.rounds[-1])
    loaded = Game.load(game.save(tmp_path / "over.json"), syria)
    assert loaded.over and loaded.record.to_json() == game.record.to_json()

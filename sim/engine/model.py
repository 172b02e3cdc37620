"""The Mesa model of one run: rounds of events, lobbying, drafting and Security Council votes.

Public API, used by every view: ``submit(move)`` queues a move of a human seat for the coming
round; ``play_round()`` (Mesa's ``step()``) plays a round; ``next_vote()`` and ``cast()`` play it
with a pause at each roll call; ``record`` is the run record.

Human seats (``players``): the engine plays every other actor. The moves of several seats land
in the order of their actor ids, each seat's in the order it submitted them, whatever order the
seats submitted in: the same moves give the same record. A run with one seat (``player=x``, the
same as ``players=(x,)``) or none is the run it always was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import mesa

from ..errors import MoveError
from ..scenario.loading import LoadedScenario
from ..scenario.uncertain import is_uncertain
from . import events, fallback, rounds, sponsors, voting
from .agents import ActorAgent
from .drafts import DraftState, DraftStatus
from .explain import explain_vote
from .moves import Cast, Condition, Move, cost
from .picture import GainCache
from .public import PublicLog
from .record import RoundRecord, RunRecord, VoteRecord
from .rounds import RoundInPlay
from .rules import check
from .sampling import draw_profile, sample
from .state import NativeParameters


class DiplomacyModel(mesa.Model):
    """One run of a scenario, with some actors (``players``, none by default) played by people."""

    def __init__(
        self,
        scenario: LoadedScenario,
        seed: int = 0,
        player: str | None = None,
        explain: bool = True,
        log_lobbying: bool = True,
        *,
        players: Sequence[str] = (),
    ):
        """``players``: the actor ids of the human seats; ``player`` is shorthand for one seat
        (``players=(player,)``), the two are not given together.

        Two switches leave out of the run record what a batch does not read, and change
        nothing else in it. ``explain=False`` leaves out each ballot's explanation (and the
        history of pressure that only explanations read out of the agents); ``log_lobbying=False``
        leaves each round's ``lobbying`` list empty: some 240 lines a run, an eighth of its time."""
        super().__init__(seed=seed)
        spec = scenario.spec
        self.players: tuple[str, ...] = seats_of(spec.actors, player, players)
        """The human seats, as given; the engine plays every other actor."""
        self.scenario = scenario
        self.explain = explain
        self.log_lobbying = log_lobbying
        self.parameters = spec.parameters
        self.dims: list[str] = list(spec.dimensions)
        self.schedule = spec.schedule
        self.actors: dict[str, ActorAgent] = {}
        self.council: list[ActorAgent] = []
        self._begin(seed)

    def restart(self, seed: int) -> None:
        """Start afresh with ``seed``: the same run as a new model of this scenario, seats and
        switches with that seed, but keeping the Mesa agents, each given its numbers for the new
        run. A batch worker runs thousands of runs, and building the agents again for each costs
        a tenth of a run."""
        self.reset_randomizer(seed)
        self.reset_rng(seed)
        self.steps = 0
        self._begin(seed)

    def _begin(self, seed: int) -> None:
        """Everything a run starts from, drawn from the model's RNG in a fixed order: the status
        quo, each actor's uncertain numbers (actors by id), each draft's position, each event's
        probability."""
        spec = self.scenario.spec
        self.seed = seed
        self.round_index = 0
        sampled: dict[str, float] = {}
        status_quo = self._draw(spec.status_quo, "status_quo", sampled)
        for index, actor_id in enumerate(sorted(spec.actors)):
            state = draw_profile(spec.actors[actor_id], self.dims, self.random, sampled, index)
            agent = self.actors.get(actor_id)
            if agent is None:
                self.actors[actor_id] = ActorAgent(self, state)
            else:
                agent.begin(state)
        if not self.council:
            self.council = [self.actors[m] for m in sorted(spec.council.permanent + spec.council.elected)]
        for seat, member in enumerate(self.council):
            member.state.seat = seat
        self.picture = GainCache(
            [a.state for a in self.actors.values()],
            [m.state for m in self.council],
            NativeParameters(self.parameters),
            status_quo,
        )
        """The numbers the hot path reads, with what it has worked out from them (sim/engine/picture.py)."""
        self.drafts: dict[str, DraftState] = {
            key: DraftState(
                key,
                d.symbol,
                d.title,
                list(d.sponsors),
                d.procedural,
                self._draw(d.position, f"drafts.{key}.position", sampled),
                dict(d.amendable),
                d.tabled,
                d.vote_on,
                d.rival_of,
                list(d.unless_adopted),
                clauses=list(d.clauses),
                requested_by=list(d.requested_by),
            )
            for key, d in spec.drafts.items()
        }
        self.events = events.EventBook(spec.events, self.random, sampled)
        self.public = PublicLog()
        """Who lobbied, pressed or made offers to whom, this round and the last (sim/engine/tactics.py)."""
        self.record = RunRecord(
            scenario={"id": spec.id, "title": spec.title, "digest": self.scenario.digest},
            seed=seed,
            sampled=sampled,
        )
        self.running = True
        self._queued: list[Move] = []
        self._spent: dict[str, float] = {}
        """Capital each human seat has committed for the coming round, by actor id."""
        self._round: RoundInPlay | None = None
        self._pending: DraftState | None = None
        self._round_over = False

    def _draw(self, values: dict, prefix: str, sampled: dict[str, float]) -> list[float]:
        drawn = [sample(values[dim], 0, 100, self.random) for dim in self.dims]
        sampled.update(
            {f"{prefix}.{d}": x for d, x in zip(self.dims, drawn, strict=True) if is_uncertain(values[d])}
        )
        return drawn

    # -- what views may ask --------------------------------------------------------------------

    @property
    def player(self) -> str | None:
        """The only human seat, or None when the engine plays every actor. A run with several
        seats has no single player: reading this is a ValueError (read ``players``)."""
        return only_seat(self.players)

    @property
    def date(self) -> dt.date | None:
        """The date of the round being played or about to be played; None once the run is over."""
        return self.schedule[self.round_index].date if self.running else None

    @property
    def pending_vote(self) -> DraftState | None:
        """The draft whose roll call is waiting for :meth:`cast`, if any."""
        return self._pending

    @property
    def status_quo(self) -> list[float]:
        """What holds on each dimension if nothing is adopted: the last adopted draft's position."""
        return self.picture.status_quo

    @status_quo.setter
    def status_quo(self, point: list[float]) -> None:
        self.picture.status_quo = point

    def ballot_probabilities(self, member: ActorAgent, draft: DraftState) -> tuple[float, float, float]:
        """The (yes, abstain, no) probabilities of ``member`` on ``draft`` as things stand."""
        return self.picture.ballot(member.state, draft.position, fallback.reference(self, draft))

    def council_probabilities(
        self, draft: DraftState, position: list[float] | None = None
    ) -> list[tuple[float, float, float]]:
        """Every member's (yes, abstain, no) probabilities on ``draft`` (at ``position``), in
        Council order, each weighed against what the draft's failure would bring
        (sim/engine/fallback.py)."""
        point = draft.position if position is None else position
        return self.picture.members(self.picture.council, point, fallback.reference(self, draft))

    def expected_outcome(self, draft: DraftState, position: list[float] | None = None):
        """Exact (adopted, vetoed, failed) probabilities if ``draft`` went to the vote now."""
        probabilities = self.council_probabilities(draft, position)
        return voting.outcome_odds(probabilities, self.picture.vetoes, draft.procedural)

    def open_drafts(self) -> list[DraftState]:
        return [d for d in self.drafts.values() if d.status == DraftStatus.open]

    def focus(self) -> DraftState | None:
        """The draft negotiations are about: the open draft whose vote comes first."""
        return sponsors.focus(self)

    def leanings(self, draft: DraftState) -> dict[str, tuple[float, float, float]]:
        """Every member's (yes, abstain, no) probabilities on ``draft`` as things stand, by actor id."""
        return {m.key: self.ballot_probabilities(m, draft) for m in self.council}

    def reasons(self, actor: str, draft: DraftState) -> dict:
        """Why ``actor`` leans as it does on ``draft`` now: the same explanation a vote carries,
        with its most likely ballot in place of a cast one (who lobbied it is known only to a
        model built with explanations); for an actor outside the Council, no ballot ("") and
        probabilities of 0."""
        agent = self.actors[actor]
        if agent.state.seat < 0:  # outside the Council: no ballot, only what the draft is worth to it
            return explain_vote(self, agent, draft, (0.0, 0.0, 0.0), "")
        probs = self.ballot_probabilities(agent, draft)
        likely = max(zip(probs, ("yes", "abstain", "no"), strict=True))[1]
        return explain_vote(self, agent, draft, probs, likely)

    def capital_left(self, actor: str) -> float:
        """Political capital ``actor`` has not yet committed for the coming round."""
        return max(0.0, self.actors[actor].capability - self._spent.get(actor, 0.0))

    # -- playing -------------------------------------------------------------------------------

    def submit(self, move: Move) -> None:
        """Queue a human seat's move (its ``actor``) for the coming round (or, for a ballot, the
        vote being taken), against that seat's own capital."""
        if move.actor not in self.players:
            raise MoveError(not_seated(self.players))
        if not self.running:
            raise MoveError("the schedule is over")
        if self._round is not None and not isinstance(move, Cast):
            raise MoveError("this round is under way: moves count from the next round")
        spent = self._spent.get(move.actor, 0.0)
        check(self, move, spent)
        if isinstance(move, Condition) and any(
            isinstance(m, Condition) and m.actor == move.actor and m.draft == move.draft for m in self._queued
        ):
            raise MoveError(
                f"{self.actors[move.actor].name} has already stated a condition on that draft this round"
            )
        self._queued.append(move)
        self._spent[move.actor] = spent + cost(move)

    def take_moves(self) -> list[Move]:
        """The moves queued for the round that starts now, in seat order (:func:`in_seat_order`);
        ballots stay queued for its votes."""
        queued = in_seat_order(self._queued)
        self._queued = [m for m in queued if isinstance(m, Cast)]
        self._spent = {}
        return queued

    def clear_moves(self) -> None:
        """Forget the ballots queued for a round that has ended."""
        self._queued = []

    @property
    def starts_a_round(self) -> bool:
        """Whether the next :meth:`next_vote` begins a new round (moves queued now count in it)."""
        return self.running and self._round is None and self._pending is None and not self._round_over

    @property
    def round_ending(self) -> bool:
        """Whether the last :meth:`cast` ended a round that :meth:`next_vote` has yet to report
        (the round is over once it has)."""
        return self._round_over

    def next_vote(self) -> DraftState | None:
        """Play on until a roll call is called (returned, waiting for :meth:`cast`) or the round ends
        (None; its record is ``record.rounds[-1]``)."""
        if self._pending is not None:
            return self._pending
        if self._round_over:  # the last cast() ended the round
            self._round_over = False
            return None
        if not self.running:
            raise RuntimeError("the schedule is over")
        self._round = rounds.play(self)
        pending = self._advance(None)
        self._round_over = False
        return pending

    def cast(self, ballots: Mapping[str, str] | None = None) -> VoteRecord:
        """Take the pending roll call: each human seat's ballot queued for it (a :class:`Cast`),
        then ``ballots`` (by actor id), override the drawn ones."""
        if self._pending is None:
            raise MoveError("no vote is waiting")
        key = self._pending.key
        chosen = {
            m.actor: m.ballot for m in in_seat_order(self._queued) if isinstance(m, Cast) and m.draft == key
        }
        chosen.update(ballots or {})
        self._advance(chosen)
        return self.record.votes[-1]

    def play_round(self) -> RoundRecord:
        """Play one whole round: events, tabling, lobbying, sponsors' decisions and votes."""
        while self.next_vote() is not None:
            self.cast()
        return self.record.rounds[-1]

    def step(self) -> None:
        """Mesa's step (which counts ``steps`` and discards return values): one round."""
        self.play_round()

    def run(self) -> RunRecord:
        while self.running:
            self.step()
        return self.record

    def _advance(self, ballots: Mapping[str, str] | None) -> DraftState | None:
        try:
            self._pending = self._round.send(ballots)
        except StopIteration:
            self._pending, self._round, self._round_over = None, None, True
        return self._pending


def seats_of(actors: Iterable[str], player: str | None, players: Sequence[str]) -> tuple[str, ...]:
    """The human seats of a run, checked: ``player`` is shorthand for ``players=(player,)``."""
    if isinstance(players, str):
        raise TypeError("players is a sequence of actor ids, not one id")
    if player is not None:
        if players and tuple(players) != (player,):
            raise ValueError("give player (one seat) or players, not both")
        players = (player,)
    known = set(actors)
    seats = tuple(players)
    for index, actor in enumerate(seats):
        if actor not in known:
            raise MoveError(f"unknown actor '{actor}'")
        if actor in seats[:index]:
            raise MoveError(f"'{actor}' is seated twice")
    return seats


def only_seat(players: tuple[str, ...]) -> str | None:
    """The one seat of ``players``, None for none; several have no single player (ValueError)."""
    if len(players) > 1:
        raise ValueError(f"{len(players)} seats are played ({', '.join(players)}): read players, not player")
    return players[0] if players else None


def not_seated(players: tuple[str, ...]) -> str:
    """Why a move of an actor no person plays is refused (the words of a game with one seat kept)."""
    if len(players) <= 1:
        return f"only the player's actor ({players[0] if players else 'none: observer game'}) makes moves"
    return f"only the players' actors ({', '.join(players)}) make moves"


def in_seat_order(moves: list[Move]) -> list[Move]:
    """``moves`` by their seats' actor ids, each seat's in the order submitted: moves of several
    seats land the same whatever order the seats submitted them in (a stable sort, so one
    seat's moves are left exactly as they came)."""
    return sorted(moves, key=lambda move: move.actor)


def run_scenario(scenario: LoadedScenario, seed: int = 0) -> RunRecord:
    """Run ``scenario`` to the end of its schedule with ``seed``, the engine playing every actor."""
    return DiplomacyModel(scenario, seed).run()


__all__ = ["DiplomacyModel", "DraftState", "DraftStatus", "run_scenario"]

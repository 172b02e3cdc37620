"""The Mesa model of one run: rounds of events, lobbying, drafting and Security Council votes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import mesa

from . import drafting, events, voting
from .agents import ActorAgent, Lobby, draw_profile
from .council import Ballot, Result, decide, press_statement
from .explain import explain_vote
from .loading import LoadedScenario
from .record import DecisionRecord, LobbyRecord, RoundRecord, RunRecord, VoteRecord
from .uncertain import is_uncertain, sample


class DraftStatus:
    pending = "pending"
    open = "open"
    adopted = "adopted"
    vetoed = "vetoed"
    failed = "failed"
    withdrawn = "withdrawn"
    lapsed = "lapsed"


@dataclass
class DraftState:
    """A draft as it stands during a run: its current position and where it is in its life."""

    key: str
    symbol: str
    title: str
    sponsors: list[str]
    procedural: bool
    position: list[float]
    amendable: dict[str, tuple[float, float]]
    tabled: dt.date
    vote_on: dt.date
    rival_of: str | None
    unless_adopted: list[str]
    status: str = DraftStatus.pending
    revisions: int = 0
    history: list[list[float]] = field(default_factory=list)


class DiplomacyModel(mesa.Model):
    """One run of a scenario. ``step()`` plays one round of the schedule and returns its record."""

    def __init__(self, scenario: LoadedScenario, seed: int = 0):
        super().__init__(seed=seed)
        spec = scenario.spec
        self.scenario = scenario
        self.seed = seed
        self.parameters = spec.parameters
        self.dims: list[str] = list(spec.dimensions)
        self.schedule = spec.schedule
        self.round_index = 0
        sampled: dict[str, float] = {}
        self.status_quo: list[float] = []
        for dim in self.dims:
            self.status_quo.append(sample(spec.status_quo[dim], 0, 100, self.random))
            if is_uncertain(spec.status_quo[dim]):
                sampled[f"status_quo.{dim}"] = self.status_quo[-1]
        self.actors: dict[str, ActorAgent] = {}
        for actor_id in sorted(spec.actors):
            values = draw_profile(spec.actors[actor_id], self.dims, self.random, sampled)
            self.actors[actor_id] = ActorAgent(self, spec.actors[actor_id], values)
        self.council: list[ActorAgent] = [
            self.actors[m] for m in sorted(spec.council.permanent + spec.council.elected)
        ]
        self.drafts: dict[str, DraftState] = {}
        for key, draft in spec.drafts.items():
            position = []
            for dim in self.dims:
                value = draft.position[dim]
                position.append(sample(value, 0, 100, self.random))
                if is_uncertain(value):
                    sampled[f"drafts.{key}.position.{dim}"] = position[-1]
            self.drafts[key] = DraftState(
                key,
                draft.symbol,
                draft.title,
                list(draft.sponsors),
                draft.procedural,
                position,
                dict(draft.amendable),
                draft.tabled,
                draft.vote_on,
                draft.rival_of,
                list(draft.unless_adopted),
            )
        self.events = events.EventBook(spec.events, self.random, sampled)
        self.record = RunRecord(
            scenario={"id": spec.id, "title": spec.title, "digest": scenario.digest},
            seed=seed,
            sampled=sampled,
        )
        self.running = True

    # -- public API --------------------------------------------------------------------------

    @property
    def date(self) -> dt.date | None:
        return self.schedule[self.round_index].date if self.round_index < len(self.schedule) else None

    def ballot_probabilities(self, member: ActorAgent, draft: DraftState) -> tuple[float, float, float]:
        """The (yes, abstain, no) probabilities of ``member`` on ``draft`` as things stand."""
        return voting.choice_probabilities(self.ballot_values(member, draft), self.parameters.noise)

    def ballot_values(self, member: ActorAgent, draft: DraftState, position: list[float] | None = None):
        point = draft.position if position is None else position
        gain = member.gain(point, self.status_quo) + self.alignment_pull(member, point)
        return voting.vote_values(gain, member.cost_of_no(draft.procedural))

    def alignment_pull(self, member: ActorAgent, point: list[float]) -> float:
        """Allies' stances on ``point``, weighted by how closely ``member`` follows each."""
        pull = 0.0
        for other, weight in member.alignments.items():
            stance = voting.stance(self.actors[other].gain(point, self.status_quo), self.parameters.noise)
            pull += weight * stance
        return self.parameters.alignment_pull * pull

    def expected_outcome(self, draft: DraftState, position: list[float] | None = None):
        """Exact (adopted, vetoed, failed) probabilities if ``draft`` went to the vote now."""
        members = [
            (
                voting.choice_probabilities(self.ballot_values(m, draft, position), self.parameters.noise),
                m.has_veto,
            )
            for m in self.council
        ]
        return voting.outcome_probabilities(members, draft.procedural)

    def open_drafts(self) -> list[DraftState]:
        return [d for d in self.drafts.values() if d.status == DraftStatus.open]

    def apply(self, move: Lobby, record: RoundRecord) -> None:
        """Apply a lobbying move, whoever made it: the engine's AI and a player go through here."""
        target = self.actors[move.target]
        shift = target.receive(move, self.parameters.persuasion, self.round_index, self.dims)
        record.lobbying.append(
            LobbyRecord(self.actors[move.actor].name, target.name, move.dimension, round(shift, 2))
        )

    def step(self) -> RoundRecord:
        """Play one round: events fire, drafts are tabled, actors lobby, sponsors decide, votes."""
        if not self.running:
            raise RuntimeError("the schedule is over")
        round_ = self.schedule[self.round_index]
        record = RoundRecord(self.round_index + 1, round_.date.isoformat(), round_.label)
        previous = self.schedule[self.round_index - 1].date if self.round_index else dt.date.min
        record.deadlines = [d.label for d in self.scenario.spec.deadlines if previous < d.date <= round_.date]
        record.events = self.events.fire(self, round_.date)
        self._table_drafts(round_.date, record)
        focus = drafting.focus(self)
        if focus is not None:
            # Everyone plans on the same picture of the Council, then the moves land in random
            # order: lobbying is simultaneous, and nobody gains from moving first.
            leanings = {m.key: self.ballot_probabilities(m, focus) for m in self.council}
            plans = [agent.plan_lobbying(focus, leanings) for agent in self.agents.shuffle()]
            for moves in plans:
                for move in moves:
                    self.apply(move, record)
        for agent in self.actors.values():
            agent.settle(self.parameters.anchor)
        last = self.round_index == len(self.schedule) - 1
        for draft in self.open_drafts():
            self._lapse_rivals(record)
            if draft.status != DraftStatus.open:
                continue
            decision = drafting.decide(self, draft, round_.date, last, record)
            if decision == "vote":
                self.vote(draft, record)
        self._lapse_rivals(record)
        self.record.rounds.append(record)
        self.round_index += 1
        if self.round_index >= len(self.schedule):
            self._finish()
        return record

    def run(self) -> RunRecord:
        while self.running:
            self.step()
        return self.record

    def vote(self, draft: DraftState, record: RoundRecord) -> VoteRecord:
        """Take a roll call on ``draft`` and apply Article 27."""
        roll_call: dict[str, str] = {}
        probabilities = {}
        for member in self.council:
            probs = self.ballot_probabilities(member, draft)
            probabilities[member.key] = probs
            roll_call[member.name] = member.cast(probs).value
        permanent = {m.name for m in self.council if m.has_veto}
        outcome = decide(roll_call, permanent, draft.procedural)
        vote = VoteRecord(
            draft=draft.key,
            symbol=draft.symbol,
            title=draft.title,
            date=self.schedule[self.round_index].date.isoformat(),
            round=self.round_index + 1,
            procedural=draft.procedural,
            result=outcome.result.value,
            vetoed_by=list(outcome.vetoed_by),
            roll_call=roll_call,
            tally={
                "yes": outcome.yes,
                "no": outcome.no,
                "abstain": outcome.abstain,
                "absent": outcome.absent,
            },
            statement=press_statement(outcome, roll_call),
            position=dict(zip(self.dims, (round(x, 1) for x in draft.position), strict=True)),
            explanations={
                m.name: explain_vote(self, m, draft, probabilities[m.key], roll_call[m.name])
                for m in self.council
            },
        )
        draft.status = outcome.result.value
        if outcome.result is Result.adopted:
            self.status_quo = list(draft.position)
        self.record.votes.append(vote)
        record.votes.append(draft.symbol)
        return vote

    # -- internals ---------------------------------------------------------------------------

    def _table_drafts(self, today: dt.date, record: RoundRecord) -> None:
        adopted = {k for k, d in self.drafts.items() if d.status == DraftStatus.adopted}
        # Drafts first, then the rivals that answer them, whatever the order in the file.
        for draft in sorted(self.drafts.values(), key=lambda d: d.rival_of is not None):
            if draft.status != DraftStatus.pending or draft.tabled > today:
                continue
            if adopted.intersection(draft.unless_adopted):
                continue
            if draft.rival_of is not None and self.drafts[draft.rival_of].status != DraftStatus.open:
                continue
            draft.status = DraftStatus.open
            draft.history.append(list(draft.position))
            sponsors = ", ".join(self.actors[s].name for s in draft.sponsors)
            record.decisions.append(DecisionRecord(draft.key, draft.symbol, "tabled", sponsors, draft.title))

    def _lapse_rivals(self, record: RoundRecord) -> None:
        """A rival draft stays on the table only while the draft it answers is open."""
        for draft in self.open_drafts():
            if draft.rival_of is not None and self.drafts[draft.rival_of].status != DraftStatus.open:
                draft.status = DraftStatus.lapsed
                rival = self.drafts[draft.rival_of]
                record.decisions.append(
                    DecisionRecord(
                        draft.key,
                        draft.symbol,
                        "lapsed",
                        self.actors[draft.sponsors[0]].name,
                        f"the draft it answered, {rival.symbol}, is no longer on the table",
                    )
                )

    def _finish(self) -> None:
        self.running = False
        last = self.record.rounds[-1] if self.record.rounds else None
        for draft in self.drafts.values():
            if draft.status == DraftStatus.open and last is not None:
                draft.status = DraftStatus.lapsed
                last.decisions.append(
                    DecisionRecord(
                        draft.key,
                        draft.symbol,
                        "lapsed",
                        self.actors[draft.sponsors[0]].name,
                        "the schedule ended before it was put to the vote",
                    )
                )
            self.record.drafts[draft.key] = {
                "symbol": draft.symbol,
                "status": draft.status,
                "position": dict(zip(self.dims, (round(x, 1) for x in draft.position), strict=True)),
                "revisions": draft.revisions,
            }


def run_scenario(scenario: LoadedScenario, seed: int = 0) -> RunRecord:
    """Run ``scenario`` to the end of its schedule with ``seed``."""
    return DiplomacyModel(scenario, seed).run()


__all__ = ["Ballot", "DiplomacyModel", "DraftState", "DraftStatus", "run_scenario"]

"""A game: one run played round by round, with its human seats' moves, undo, rewind, save and load.

A game is its scenario, its seed, its seats and their moves; everything else is replayed from
them, so undo and load give exactly the same game (the engine is deterministic by seed).

A game has one seat (``player``, the terminal app's game), none (an observer's) or several
(``players``: people playing together). Several seats submit in any order: each round's moves
are kept, and land, in the order of the seats' actor ids (each seat's in its own order), so the
same moves give the same record and the same save (sim/play/saves.py, version 2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import moves as move_codec
from ..engine.agenda import can_come_up
from ..engine.drafts import DraftState, DraftStatus
from ..engine.model import DiplomacyModel, in_seat_order, only_seat, seats_of
from ..engine.moves import CallVote, Cast, Inducement, JointStatement, Lobby, Move, Statement, Withdraw
from ..engine.record import RoundRecord, RunRecord, VoteRecord
from ..engine.rules import Preview, check, preview
from ..errors import DiplosimError, MoveError, SaveError
from ..scenario.loading import LoadedScenario, load_scenario
from ..scenario.paths import resolve_scenario
from .saves import SAVE_FORMAT, SAVE_VERSION, SEATS_SAVE_VERSION, AnySave, read_save, write_save

Leaning = tuple[float, float, float]


@dataclass(frozen=True)
class Snapshot:
    """What the Council looked like at the end of a round: leanings on the draft in focus."""

    focus: str | None
    leanings: dict[str, Leaning]


@dataclass(frozen=True)
class BallotChoice:
    """A human seat at a roll call."""

    member: str
    leaning: Leaning
    veto: bool


class Game:
    """A playable run. ``player`` is an actor id, or None for an observer; ``players`` seats
    several people (``player`` is shorthand for one seat)."""

    def __init__(
        self,
        scenario: LoadedScenario,
        seed: int = 0,
        player: str | None = None,
        *,
        players: Sequence[str] = (),
    ):
        self.players: tuple[str, ...] = seats_of(scenario.spec.actors, player, players)
        """The actor ids of the human seats, as given."""
        self.scenario = scenario
        self.seed = seed
        self.rounds: list[list[Move]] = []
        """Each round's moves of every seat, in seat order."""
        self.current: list[Move] = []
        self.dirty = False
        self.model = DiplomacyModel(scenario, seed, players=self.players)
        self.snapshots: list[Snapshot] = [self.leanings()]
        """The Council at the start and at the end of each round played: what the chamber's
        Moved column compares with (from the first round on)."""
        self._view: tuple[str | None] | None = None
        """Of several seats, whose view the game shows (:meth:`view_as`); None: no single one."""

    # -- what the views read -----------------------------------------------------------------

    @property
    def player(self) -> str | None:
        """The seat whose view this is: the only seat, or of several the one :meth:`view_as`
        chose; None for an observer. Of several seats and no view chosen there is none
        (ValueError): what plays one seat must not pick one silently."""
        if self._view is not None:
            return self._view[0]
        return only_seat(self.players)

    def view_as(self, seat: str | None) -> None:
        """Show the game as ``seat`` sees it (one of several human seats: the seat at the keyboard
        of a hot-seat game, or a joined client's own), or as an observer (None)."""
        if seat is not None and seat not in self.players:
            raise MoveError(f"{seat} is not a human seat of this game ({', '.join(self.players) or 'none'})")
        self._view = (seat,)

    @property
    def record(self) -> RunRecord:
        return self.model.record

    @property
    def over(self) -> bool:
        """Whether the schedule is over: past the last roll call, and its round reported by
        :meth:`next_vote` (and kept among :attr:`rounds`)."""
        model = self.model
        return not model.running and model.pending_vote is None and not model.round_ending

    @property
    def pending_vote(self) -> DraftState | None:
        return self.model.pending_vote

    @property
    def player_votes(self) -> bool:
        """Whether the player holds a Council seat, and so casts its own ballots."""
        return self.player is not None and self.seat_votes(self.player)

    def seat_votes(self, seat: str) -> bool:
        """Whether the human seat ``seat`` holds a Council seat, and so casts its own ballots."""
        return seat in self.players and self.model.actors[seat].on_council

    def focus(self) -> DraftState | None:
        """The draft the Council is working on: the open draft whose vote comes first or, before
        any is tabled, the first text circulated (a pending draft, tabled soonest): its words are
        known, so members lean on it, and a player can lobby on it or state a condition for it."""
        focus = self.model.focus()
        if focus is not None:
            return focus
        drafts = self.model.drafts
        circulated = [
            d for d in drafts.values() if d.status == DraftStatus.pending and can_come_up(d.key, drafts)
        ]
        return min(circulated, key=lambda d: (d.tabled, d.vote_on), default=None)

    def uncalled_due_draft(self, seat: str | None = None) -> DraftState | None:
        """An open draft a human seat (``seat``, or any) leads whose vote is due by the coming
        round's date, or on the last round, that its lead has not queued a call or a withdrawal
        for: the engine calls no vote for a person's draft, so without one it is never voted on."""
        model = self.model
        if not self.players or not model.running:
            return None
        seats = self.players if seat is None else (seat,)
        today = model.schedule[model.round_index].date
        last = model.round_index == len(model.schedule) - 1
        handled = {(m.actor, m.draft) for m in self.current if isinstance(m, CallVote | Withdraw)}
        for draft in model.drafts.values():
            lead = draft.sponsors[0] if draft.sponsors else ""
            if (
                draft.status == DraftStatus.open
                and lead in seats
                and (draft.vote_on <= today or last)
                and (lead, draft.key) not in handled
            ):
                return draft
        return None

    def leanings(self) -> Snapshot:
        """Every member's leaning on the draft being voted on, or else on the draft in focus
        (:meth:`focus`), now: while a roll call waits, the Council shows how it leans on that draft."""
        draft = self.model.pending_vote or self.focus()
        return Snapshot(draft.key if draft else None, self.model.leanings(draft) if draft else {})

    def ballot_choice(self, draft: DraftState, seat: str | None = None) -> BallotChoice:
        """What a seat (``seat``, or the player's) needs to cast its ballot on ``draft``: its
        name, how its profile leans (yes, abstain, no probabilities), and whether its "no" would
        be a veto."""
        seat = self.player if seat is None else seat
        if seat is None or not self.seat_votes(seat):
            raise MoveError("only a Council member casts a ballot")
        member = self.model.actors[seat]
        leaning = self.model.leanings(draft)[seat]
        return BallotChoice(member.name, leaning, bool(member.has_veto) and not draft.procedural)

    def previous_snapshot(self) -> Snapshot | None:
        """The Council at the end of the round before the current picture: before the last round
        played, or, while a roll call of the round under way waits, at the end of the last one."""
        back = 1 if self.model.pending_vote is not None else 2
        return self.snapshots[-back] if len(self.snapshots) >= back else None

    def reasons(self, actor: str) -> tuple[str, dict] | None:
        """Why ``actor`` leans as it does: on the draft being voted on or in focus now (the draft
        the Council table shows), else at the last vote. Returns the draft's symbol and the
        engine's explanation, or None before any draft."""
        focus = self.model.pending_vote or self.focus()
        if focus is not None:
            return focus.symbol, self.model.reasons(actor, focus)
        for vote in reversed(self.record.votes):
            draft = self.model.drafts[vote.draft]
            return vote.symbol, self.model.reasons(actor, draft)
        return None

    # -- playing -------------------------------------------------------------------------------

    def submit(self, move: Move, seat: str | None = None) -> None:
        """Queue a seat's move for the coming round; ``seat``, if given, is who submits it, and
        a seat makes only its own moves."""
        if seat is not None and seat != move.actor:
            raise MoveError(f"the seat of {seat} cannot make a move of {move.actor}")
        self.model.submit(move)
        self.current.append(move)
        self.dirty = True

    def preview(self, move: Lobby | Inducement | Statement | JointStatement) -> Preview:
        """What one of the player's pressure moves would change if it landed now
        (:func:`sim.engine.rules.preview`); :class:`MoveError` if the rules refuse it now, as
        :meth:`submit` would. Changes nothing."""
        if move.actor not in self.players or not self.model.running:
            raise MoveError("only the player's actor makes moves, while the schedule runs")
        actor = self.model.actors[move.actor]
        check(self.model, move, actor.capability - self.model.capital_left(move.actor))
        return preview(self.model, move)

    def next_vote(self) -> DraftState | None:
        """Play on to the next roll call (returned) or the end of the round (None)."""
        draft = self.model.next_vote()
        if draft is None:
            self._close_round()
        return draft

    def cast(self, ballot: str | None = None, ballots: Mapping[str, str] | None = None) -> VoteRecord:
        """Take the pending roll call; ``ballot`` is the player's own, if it has a seat, and
        ``ballots`` the seats' own by actor id (all checked before any is cast). A seat that
        gives none votes as it queued, or else as its profile leans."""
        draft = self.model.pending_vote
        if draft is None:
            raise MoveError("no vote is waiting")
        if ballot is not None:
            if not self.player_votes:
                raise MoveError("only a Council member casts a ballot")
            self.submit(Cast(self.player, draft.key, ballot))
        casts = [Cast(seat, draft.key, chosen) for seat, chosen in (ballots or {}).items()]
        for move in casts:
            if not self.seat_votes(move.actor):
                raise MoveError(f"{move.actor} is not a human seat on the Council: it casts no ballot here")
            check(self.model, move, 0.0)
        for move in casts:
            self.submit(move)
        return self.model.cast()

    def play_round(self) -> RoundRecord:
        """Play a whole round; a player with a seat votes as its profile leans, unless it queued
        a ballot."""
        while self.next_vote() is not None:
            self.cast()
        return self.model.record.rounds[-1]

    def _close_round(self) -> None:
        self.rounds.append(in_seat_order(self.current))
        self.current = []
        self.snapshots.append(self.leanings())
        self.dirty = True

    # -- time ----------------------------------------------------------------------------------

    def rewind(self, rounds_played: int) -> None:
        """Go back to the start of round ``rounds_played + 1``, replaying the moves before it."""
        if not 0 <= rounds_played <= len(self.rounds):
            raise MoveError(f"there is no round {rounds_played + 1} to go back to")
        history = self.rounds[:rounds_played]
        self.model = DiplomacyModel(self.scenario, self.seed, players=self.players)
        self.rounds, self.current, self.snapshots = [], [], [self.leanings()]
        for played in history:
            for move in played:
                self.model.submit(move)
            self.current = list(played)
            self.play_round()
        self.dirty = True

    def undo(self) -> None:
        """Take back the last round played (or the moves queued for the coming one)."""
        self.rewind(max(0, len(self.rounds) - 1) if not self.current else len(self.rounds))

    # -- files ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The save: version 1 with ``player`` for one seat or none, version 2 with ``players``
        for several (sim/play/saves.py)."""
        spec = self.scenario.spec
        several = len(self.players) > 1
        seats: dict[str, Any] = {"players": list(self.players)} if several else {"player": self.player}
        return {
            "format": SAVE_FORMAT,
            "version": SEATS_SAVE_VERSION if several else SAVE_VERSION,
            "scenario": {"id": spec.id, "digest": self.scenario.digest, "path": str(self.scenario.folder)},
            "seed": self.seed,
            **seats,
            "rounds": [[move_codec.to_dict(m) for m in played] for played in self.rounds],
            "pending": [move_codec.to_dict(m) for m in self.current],
        }

    def save(self, path: Path | str) -> Path:
        """Write the game atomically: a crash mid-save never leaves a half-written file."""
        saved = write_save(Path(path), self.to_dict())
        self.dirty = False
        return saved

    @classmethod
    def load(cls, path: Path | str, scenario: LoadedScenario | None = None) -> Game:
        """Replay a saved game; refuses one saved against a scenario that has since changed, and
        any file that is not a save as :func:`sim.play.saves.read_save` checks it."""
        return cls.from_save(read_save(Path(path)), Path(path), scenario)

    @classmethod
    def from_save(cls, data: AnySave, path: Path, scenario: LoadedScenario | None = None) -> Game:
        """Replay the save ``data`` read from ``path`` (named in errors)."""
        saved = data.scenario
        if scenario is None:
            try:
                scenario = saved_scenario(data)
            except DiplosimError as exc:
                raise SaveError(f"cannot load its scenario '{saved.id[:80]}': {exc}", path) from None
        if scenario.digest != saved.digest:
            raise SaveError(
                f"scenario '{saved.id[:80]}' has changed since this game was saved "
                f"(saved {saved.digest[:16]}, now {scenario.digest}); "
                "replaying it would give a different game",
                path,
            )
        if len(data.rounds) > len(scenario.spec.schedule):
            raise SaveError(
                f"damaged save file: {len(data.rounds)} rounds played, but the schedule has "
                f"{len(scenario.spec.schedule)}",
                path,
            )
        try:
            game = cls(scenario, data.seed, players=data.seats)
            game.rewind_to_moves([[move_codec.from_wire(m) for m in played] for played in data.rounds])
            for move in data.pending:
                game.submit(move_codec.from_wire(move))
        except MoveError as exc:
            raise SaveError(f"damaged save file: {exc}", path) from None
        game.dirty = False
        return game

    def rewind_to_moves(self, history: list[list[Move]]) -> None:
        """Replay ``history`` (moves per round) from the start."""
        self.rounds = history
        self.rewind(len(history))


def saved_scenario(data: AnySave) -> LoadedScenario:
    """The scenario a save names: its folder if that is here, else the scenario of its id."""
    where = Path(data.scenario.path)
    return load_scenario(where if where.is_dir() else resolve_scenario(data.scenario.id))

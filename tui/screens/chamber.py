"""The chamber: the Council, the draft, the news and the schedule; stepping, moves and time."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from sim import DiplosimError
from sim.batch.score import RUNS as SCORE_RUNS
from sim.engine.drafts import DraftState
from sim.engine.moves import Move
from sim.engine.record import RoundRecord, VoteRecord
from sim.play.game import Game
from sim.play.news import NewsItem
from sim.play.objectives import objectives
from sim.play.saves import read_save
from sim.play.view import build
from sim.power.history import own_roll_calls

from ..widgets.council import CouncilPanel
from ..widgets.draft import DraftPanel
from ..widgets.news import NewsFeed
from ..widgets.outsiders import OutsidersPanel
from ..widgets.status import StatusBar
from .ballot import BallotScreen
from .confirm import ConfirmScreen
from .moves import MoveScreen
from .objectives import ObjectivesScreen
from .path import PathScreen
from .rewind import RewindScreen
from .rollcall import RollCallScreen
from .summary import SummaryScreen
from .why import why_screen

DEFAULT_SAVE = "diplosim-save.json"


MOVE_NAMES = {
    "Lobby": "Lobbying",
    "Inducement": "An inducement",
    "Statement": "A public statement",
    "JointStatement": "The joint statement",
    "Amend": "The amendment",
    "CallVote": "The call for a vote",
    "Withdraw": "The withdrawal",
    "Cast": "Your ballot",
}


def own_tabled(rnd: RoundRecord, game: Game, seats: tuple[str, ...] | None = None) -> str | None:
    """The symbol of a draft the player (or one of ``seats``) sponsors that ``rnd`` tabled, if
    any: from then on it can amend it or call its vote, so playing on to the next vote stops there."""
    seats = (game.player,) if seats is None else seats
    for decision in rnd.decisions:
        if decision.action == "tabled" and set(seats) & set(game.model.drafts[decision.draft].sponsors):
            return decision.symbol
    return None


class ChamberScreen(Screen):
    BINDINGS = [
        Binding("n", "next_round", "Next round", id="chamber.next_round", tooltip="Play one round"),
        Binding("v", "next_vote", "To vote", id="chamber.next_vote", tooltip="Play on to the next roll call"),
        Binding(
            "m", "move", "Move", id="chamber.move", tooltip="Lobby, offer, speak out or handle your draft"
        ),
        Binding("w", "why", "Why", id="chamber.why", tooltip="Why each member leans as it does"),
        Binding("u", "undo", "Undo", id="chamber.undo", tooltip="Take back the last round"),
        Binding("r", "rewind", "Rewind", id="chamber.rewind", tooltip="Go back to the start of a round"),
        Binding("s", "save", "Save", id="chamber.save", tooltip="Save the game to a file"),
        Binding(
            "l", "load", "Load", id="chamber.load", show=False, tooltip="Load a saved game"
        ),  # footer full at 80 columns: in the help and the command palette
        Binding(
            "e", "summary", "End", id="chamber.summary", tooltip="Compare with the recorded votes; the odds"
        ),
        Binding(
            "p", "edit", "Edit profiles", id="chamber.edit", show=False, tooltip="Edit the actors' YAML"
        ),  # footer full at 80 columns
        Binding(
            "o", "objectives", "Objectives", id="chamber.objectives", show=False, tooltip="What you play for"
        ),
    ]

    TOAST_SECONDS = 3.0
    """How long a notice stays by default (a warning or an error, twice as long): a few seconds, in
    the lower left over the actors outside the chamber (app.tcss), never over the news that reports
    what a move did."""

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=True):
        if timeout is None:
            timeout = self.notice_seconds * (1 if severity == "information" else 2)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def __init__(
        self,
        game: Game,
        roll_call_delay: float = 0.25,
        score_runs: int = SCORE_RUNS,
        notice_seconds: float = TOAST_SECONDS,
    ) -> None:
        """``score_runs``: the seeds the end summary scores the player's game over;
        ``notice_seconds``, how long a notice stays (the wall's clock: a test taking a picture
        holds its notices longer than its keys take on a busy machine)."""
        super().__init__()
        self.game = game
        self.roll_call_delay = roll_call_delay
        self.score_runs = score_runs
        self.notice_seconds = notice_seconds
        self.summary_shown = False
        self.stepping = asyncio.Lock()
        """Held by the press whose rounds are being played (advance)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBar(id="status")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield CouncilPanel(id="council")
                yield OutsidersPanel(id="outsiders")
            with Vertical(id="right"):
                yield DraftPanel(id="draft")
                yield NewsFeed(id="news")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(CouncilPanel).focus()
        self.rebuild_news()
        self.refresh_view()

    # -- attributes down: render the game's picture ----------------------------------------------

    def refresh_view(self) -> None:
        view = build(self.game)
        self.app.sub_title = f"{self.seat_label(view.player_name)} · {view.title}"
        self.query_one(StatusBar).show(view)
        self.query_one(CouncilPanel).show(view.members)
        self.query_one(OutsidersPanel).show(view.outsiders)
        drafts = {d.key: d for d in view.drafts}
        focus = view.focus if view.focus in drafts and drafts[view.focus].upcoming else None
        # a draft that can no longer come up (one an adopted draft pre-empted) is not shown as on the table
        shown = focus or next((v.draft for v in reversed(self.game.record.votes)), None)
        draft = drafts.get(shown) if shown else None
        self.query_one(DraftPanel).show(draft, view.dimensions)

    def seat_label(self, name: str) -> str:
        """Whose view the chamber shows, as the header names it."""
        return name

    def rebuild_news(self) -> None:
        news = self.query_one(NewsFeed)
        news.clear()
        spec = self.game.scenario.spec
        news.add_item(NewsItem("", f"{spec.title}. {spec.summary}"))
        if spec.source.quotes:
            news.add_item(NewsItem("", spec.source.title, quote=spec.source.quotes[0]))
        votes = {v.draft: v for v in self.game.record.votes}
        for rnd in self.game.record.rounds:
            news.add_round(rnd, votes)

    # -- stepping ------------------------------------------------------------------------------

    def action_next_round(self) -> None:
        self.advance(to_vote=False)

    def action_next_vote(self) -> None:
        self.advance(to_vote=True)

    @work(group="advance")
    async def advance(self, to_vote: bool) -> None:
        """One press of n or v: its rounds are played after those of the presses before it, in
        order. (An exclusive worker cancelled the step of a press that came before the last step
        had begun: three n's typed during a slow round played one round, not three.) A press that
        waited for a step that ended on another screen (the summary, with e on a roll call) was
        meant for the chamber as it was: it plays nothing."""
        waited = self.stepping.locked()
        async with self.stepping:
            if waited and self.app.screen is not self:
                return
            await self.play_on(to_vote)

    async def play_on(self, to_vote: bool) -> None:
        """Play a round, or rounds until a vote has been taken; each roll call is shown, and the
        player casts its own ballot when it holds a seat."""
        game = self.game
        if game.over:
            self.notify("The schedule is over: press e for the summary, r to rewind.")
            return
        voted = False
        while not game.over:
            if game.model.starts_a_round and not await self.due_draft_confirmed():
                self.refresh_view()
                return
            draft = game.next_vote()
            if draft is None:
                rnd = game.record.rounds[-1]
                votes = {v.draft: v for v in game.record.votes}
                self.query_one(NewsFeed).add_round(rnd, votes)
                self.refresh_view()
                if not to_vote or voted:
                    break
                tabled = own_tabled(rnd, game, game.players) if game.players else None
                if tabled:  # new moves are open to the player: stop short of the vote
                    said = f"{tabled} is tabled: you can amend it or call its vote (m)."
                    self.notify(said, title="Your draft")
                    break
                continue
            ballot, ballots = await self.take_ballots(draft)
            vote = game.cast(ballot, ballots)
            voted = True
            end = await self.show_roll_call(vote)
            if end and not game.over:  # e on a roll call: the summary now, the game where it stands
                self.refresh_view()
                self.action_summary()
                return
        self.refresh_view()
        if game.over and not self.summary_shown:
            self.summary_shown = True
            self.action_summary()

    async def show_roll_call(self, vote: VoteRecord) -> bool:
        """Each member's ballot in turn; True if the player asked for the summary (``e``)."""
        spec = self.game.scenario.spec
        permanent = {self.name_of(k) for k in spec.council.permanent}
        return bool(await self.app.push_screen_wait(RollCallScreen(vote, permanent, self.roll_call_delay)))

    def name_of(self, actor: str) -> str:
        return self.game.scenario.spec.actors[actor].name

    async def take_ballots(self, draft: DraftState) -> tuple[str | None, dict[str, str] | None]:
        """The player's own ballot on ``draft``, if it holds a seat (and no other seat's)."""
        game = self.game
        if not game.player_votes:
            return None, None
        self.refresh_view()  # the Council's leanings as the vote is called, beside the ballot
        return await self.ask_ballot(draft), None

    async def ask_ballot(self, draft: DraftState) -> str:
        """The ballot of the seat whose view this is, from the ballot panel."""
        seat = self.game.ballot_choice(draft)
        return await self.app.push_screen_wait(
            BallotScreen(draft.symbol, draft.title, seat.member, seat.leaning, seat.veto)
        )

    warned: tuple[int, str] | None = None
    """The round and draft the player was last warned about (Game.uncalled_due_draft), once each."""

    async def due_draft_confirmed(self) -> bool:
        """Before a round in which a draft the player leads is due and uncalled, ask whether to
        play on without calling it (once per round and draft): False to stay."""
        game = self.game
        due = game.uncalled_due_draft(game.player) if game.player else None
        if due is None or self.warned == (game.model.round_index, due.key):
            return True
        self.warned = (game.model.round_index, due.key)
        question = (
            f"The draft you lead, {due.symbol}, is due for its vote on {due.vote_on:%a %d %b}: only "
            "your call puts it to the vote (m, then Call the vote). Play on without calling it?"
        )
        return bool(await self.app.push_screen_wait(ConfirmScreen(question, yes="Play on", no="Stay")))

    # -- moves ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An observer has no moves: the footer leaves ``m`` out rather than offer a refusal."""
        return not (action == "move" and self.game.player is None)

    def action_move(self) -> None:
        if self.game.player is None:
            self.notify(
                "An observer watches. Start a game in an actor's seat to make moves.", severity="warning"
            )
            return
        if self.game.over:
            self.notify("The schedule is over.", severity="warning")
            return
        game = self.game
        self.app.push_screen(MoveScreen(build(game), self.submit_move, game.preview), self.moved)

    def submit_move(self, move: Move) -> None:
        """Queue the form's ``move`` (:class:`sim.errors.MoveError` if the rules refuse it)."""
        self.game.submit(move)

    def moved(self, move: Move | None) -> None:
        """The form queued ``move`` in the game (a move the rules refuse never leaves the form)."""
        if move is None:
            return
        what = MOVE_NAMES.get(type(move).__name__, type(move).__name__)
        self.notify(f"{what} lands when the next round is played.", title="Move queued")
        self.refresh_view()

    def action_objectives(self) -> None:
        self.app.push_screen(ObjectivesScreen(objectives(self.game.scenario, self.game.player)))

    def action_edit(self) -> None:
        """Open the profile editor on this game's scenario, at the highlighted actor."""
        focused = self.focused
        panel = (
            focused if isinstance(focused, CouncilPanel | OutsidersPanel) else self.query_one(CouncilPanel)
        )
        self.app.open_editor(self.game.scenario.folder, panel.highlighted_actor)

    def action_why(self) -> None:
        focused = self.focused
        panel = (
            focused if isinstance(focused, CouncilPanel | OutsidersPanel) else self.query_one(CouncilPanel)
        )
        actor = panel.highlighted_actor
        if actor is not None:
            self.show_why(actor)

    def on_council_panel_actor_chosen(self, message: CouncilPanel.ActorChosen) -> None:
        self.show_why(message.actor)

    def show_why(self, actor: str) -> None:
        self.app.push_screen(why_screen(self.game, actor))

    # -- time and files ------------------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.game.rounds and not self.game.current:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.game.undo()
        self.went_back()
        self.notify("Undone.")

    def action_rewind(self) -> None:
        if not self.game.record.rounds:
            self.notify("No round has been played yet.", severity="warning")
            return
        self.app.push_screen(RewindScreen(self.game.record.rounds), self.rewind_to)

    def rewind_to(self, rounds_played: int | None) -> None:
        if rounds_played is None:
            return
        self.game.rewind(rounds_played)
        self.went_back()
        self.notify(f"Back to the start of round {rounds_played + 1}.")

    def went_back(self) -> None:
        """After undo or rewind: the summary is to come again, and the chamber shows the game
        as it now stands."""
        self.summary_shown = False
        self.rebuild_news()
        self.refresh_view()

    def action_save(self) -> None:
        self.app.push_screen(PathScreen("Save the game to:", DEFAULT_SAVE), self.save_to)

    def save_to(self, path: str | None) -> None:
        if path is None:
            return
        try:
            self.game.save(Path(path))
        except DiplosimError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        # The name as typed: an absolute path would wrap mid-word in a 41-column notice.
        self.notify(f"Saved to {path}, after round {len(self.game.rounds)}.", title="Saved")

    def action_load(self) -> None:
        """Ask for a file; first, if this game has unsaved progress, whether to drop it."""

        def choose(go: bool | None = True) -> None:
            if go:
                self.app.push_screen(PathScreen("Load a game from:", DEFAULT_SAVE), self.load_from)

        if self.game.dirty:
            question = "Loading a game drops this one's unsaved progress. Load anyway?"
            self.app.push_screen(ConfirmScreen(question, yes="Load", no="Stay"), choose)
        else:
            choose()

    def load_from(self, path: str | None) -> None:
        if path is None:
            return
        try:
            where = Path(path)
            game = Game.from_save(read_save(where), where)
        except DiplosimError as exc:
            self.notify(str(exc), title="Not loaded", severity="error")
            return
        if len(game.players) > 1 or len(self.game.players) > 1:  # a hot seat's chamber, anew
            self.app.game = game
            self.app.switch_screen(self.app.chamber(game))
            self.app.notify(f"Loaded {path}.", title="Loaded")
            return
        self.game = game
        self.app.game = game
        self.summary_shown = game.over
        self.refresh_bindings()  # an observer's game has no move key, a seat's has
        self.rebuild_news()
        self.refresh_view()
        self.notify(f"Loaded {path}.", title="Loaded")

    def action_summary(self) -> None:
        """The summary beside the roll calls of the scenario's own record (none if it names none);
        a record that cannot be read is named in a notice and the summary shows without it."""
        try:
            history = own_roll_calls(self.game.scenario)
        except DiplosimError as exc:
            self.notify(str(exc), title="The record of votes cannot be read", severity="error")
            history = []
        self.app.push_screen(
            SummaryScreen(
                self.game.record, self.game.scenario, self.game.seed, history, self.game, self.score_runs
            )
        )

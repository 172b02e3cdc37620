"""The end: what happened, set beside the roll calls of the scenario's own record (``record:``);
in an actor's seat, the player's score (what its play changed against the engine in that seat,
the numbers of ``diplosim score``); and the odds over a few hundred runs."""

from __future__ import annotations

from collections import Counter, defaultdict

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from sim import LoadedScenario
from sim.batch.progress import Reporter
from sim.batch.runner import run_each
from sim.batch.score import RUNS as SCORE_RUNS
from sim.batch.score import score
from sim.engine.council import joined
from sim.engine.record import RunRecord
from sim.engine.scripted import SeatScript
from sim.play.game import Game
from sim.play.played import played_moves
from sim.power.history import RecordedRollCall

from ..format import ballot_markup, draft_name, escape

RUNS = 300


class Cancelled(Exception):
    """The summary was closed while its score was being computed: stop the runs."""


def outcome_of(record: RunRecord, draft: str) -> str:
    vote = next((v for v in record.votes if v.draft == draft), None)
    if vote is None:
        return {"withdrawn": "withdrawn", "lapsed": "never put to the vote"}.get(
            record.drafts[draft]["status"], "never tabled"
        )
    if vote.result == "vetoed":
        return "vetoed by " + joined(vote.vetoed_by)
    return "failed (under 9 votes)" if vote.result == "failed" else "adopted"


def outcomes_of(record: RunRecord) -> list[tuple[str, str]]:
    """Each draft's symbol and how it ended in one run."""
    return [(draft["symbol"], outcome_of(record, key)) for key, draft in record.drafts.items()]


NO_RECORD = "This scenario names no record of votes (record:), so the game is set beside none."
"""What the summary says of a scenario without a record, such as a what-if variant."""


def compare_markup(
    record: RunRecord, history: list[RecordedRollCall], titles: dict[str, str] | None = None
) -> str:
    """Each vote of the game, beside the roll call of the same draft in ``history`` (the scenario's
    own record) when it has one: its tally, by month and year, and who voted otherwise; then the
    drafts that never came to the vote, and why (``titles``, by draft id, name those a scenario
    calls by the resolution they would have become)."""
    lines = ["[b]What happened[/b]"]
    if not history:
        lines.append(escape(NO_RECORD))
    calls = {call.symbol: call for call in history}
    for vote in record.votes:
        lines.append(f"\n[b]{escape(vote.symbol)}[/b] {escape(vote.title)}")
        lines.append(f"  This game: {escape(vote.statement)}")
        call = calls.get(vote.symbol)
        if call is not None and call.ballots:
            recorded = call.ballots
            counts = Counter(recorded.values())
            abstentions = "1 abstention" if counts["abstain"] == 1 else f"{counts['abstain']} abstentions"
            tally = f"{counts['yes']} in favour, {counts['no']} against, {abstentions}"
            lines.append(f"  {call.date:%B %Y}: {tally}")
            differ = [
                f"{escape(m)} {ballot_markup(b)} (then {ballot_markup(recorded[m])})"
                for m, b in vote.roll_call.items()
                if m in recorded and recorded[m] != b
            ]
            lines.append(f"  Voted otherwise than in {call.date.year}: " + (", ".join(differ) or "nobody"))
    unvoted: dict[str, list[str]] = {}
    for key, draft in record.drafts.items():
        if any(v.draft == key for v in record.votes):
            continue
        name = draft_name(draft["symbol"], (titles or {}).get(key, ""), adopted=False)
        unvoted.setdefault(UNVOTED.get(draft["status"], UNVOTED["pending"]), []).append(name)
    for why, names in unvoted.items():
        lines.append(f"\n{why}: " + escape(", ".join(names)))
    return "\n".join(lines)


UNVOTED = {
    "withdrawn": "Withdrawn by its sponsors",
    "lapsed": "Lapsed, the draft it answered gone from the table",
    "pending": "Never tabled (an adopted text made it moot, or its day never came)",
    "open": "On the table when the schedule ended, never put to the vote",
}
"""Why a draft never came to the vote, by its status at the end of the game."""


class SummaryScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("b", "simulate", f"Run {RUNS} simulations", id="summary.simulate"),
        Binding("escape", "dismiss", "Back to the chamber", id="summary.close"),
        # A modal screen takes no app keys: the end of the game is where a player quits.
        Binding("q", "app.request_quit", "Quit", id="summary.quit"),
    ]

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class Finished(Message):
        def __init__(self, outcomes: dict[str, Counter]) -> None:
            super().__init__()
            self.outcomes = outcomes

    class ScoreProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class Scored(Message):
        def __init__(self, result: dict) -> None:
            super().__init__()
            self.result = result

    def __init__(
        self,
        record: RunRecord,
        scenario: LoadedScenario,
        seed: int,
        history: list[RecordedRollCall],
        game: Game | None = None,
        score_runs: int = SCORE_RUNS,
    ) -> None:
        """``game``: the game ended, whose player (if any) is scored over ``score_runs`` seeds."""
        super().__init__()
        self.score_runs = score_runs
        self.record, self.scenario, self.seed, self.history = record, scenario, seed, history
        self.outcomes: dict[str, Counter] | None = None
        self.script: SeatScript | None = played_moves(game) if game is not None and game.player else None
        self.score: dict | None = None
        """The score once computed: what ``diplosim score --json`` prints for this game saved."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="summary"):
            titles = {key: draft.title for key, draft in self.scenario.spec.drafts.items()}
            yield Static(compare_markup(self.record, self.history, titles), id="comparison")
            if self.script is not None:
                yield Static(
                    f"\n[b]Your score[/b]: comparing your play with the engine in your seat over "
                    f"{self.score_runs} seeds…",
                    id="score",
                )
                yield ProgressBar(total=2 * self.score_runs, id="score-progress")
            yield Static(
                f"\n[b]Odds[/b]: press [b]b[/b] to run {RUNS} simulations of this scenario.", id="odds"
            )
            yield ProgressBar(total=RUNS, id="progress", classes="hidden")
        yield Footer()  # this screen's keys, over the chamber's

    def on_mount(self) -> None:
        if self.script is not None:
            self.compute_score(self.script)

    @work(thread=True, exclusive=True, group="score")
    def compute_score(self, script: SeatScript) -> None:
        """Runs in a thread and only posts messages: the score of ``diplosim score SAVE --runs N``
        (N the screen's ``score_runs``) for this game saved (the same runs, on the batch's own loop)."""
        worker = get_current_worker()

        def report(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled
            self.post_message(self.ScoreProgress(done, total))

        try:
            result = score(self.scenario, script, self.seed, self.score_runs, progress=Reporter(report))
        except Cancelled:
            return
        self.post_message(self.Scored(result))

    def on_summary_screen_score_progress(self, message: ScoreProgress) -> None:
        self.query_one("#score-progress", ProgressBar).update(total=message.total, progress=message.done)

    def on_summary_screen_scored(self, message: Scored) -> None:
        self.score = message.result
        self.query_one("#score-progress", ProgressBar).add_class("hidden")
        lines = message.result["lines"]
        said = ["\n[b]Your score[/b]", *(f"  {escape(line)}" for line in lines)]
        self.query_one("#score", Static).update("\n".join(said))

    def action_simulate(self) -> None:
        progress = self.query_one("#progress", ProgressBar)
        progress.remove_class("hidden")
        progress.update(progress=0)
        self.query_one("#odds", Static).update(f"\n[b]Odds[/b]: running {RUNS} simulations…")
        self.simulate()

    @work(thread=True, exclusive=True)
    def simulate(self) -> None:
        """Runs in a thread and only posts messages: the runs of ``diplosim batch --runs RUNS``
        with this game's seed as the root seed (the batch's own loop)."""
        outcomes: dict[str, Counter] = defaultdict(Counter)
        posted = Reporter(lambda done, total: self.post_message(self.Progress(done, total)))
        for run in run_each(self.scenario, RUNS, self.seed, outcomes_of, posted):
            for symbol, outcome in run:
                outcomes[symbol][outcome] += 1
        self.post_message(self.Finished(dict(outcomes)))

    def on_summary_screen_progress(self, message: Progress) -> None:
        self.query_one("#progress", ProgressBar).update(progress=message.done)

    def on_summary_screen_finished(self, message: Finished) -> None:
        self.outcomes = message.outcomes
        lines = [f"\n[b]Odds over {RUNS} simulations[/b] (engine playing every actor)"]
        for symbol, counts in message.outcomes.items():
            lines.append(f"\n[b]{escape(symbol)}[/b]")
            for outcome, n in counts.most_common():
                lines.append(f"  {n / RUNS:>5.0%}  {escape(outcome)}")
        self.query_one("#odds", Static).update("\n".join(lines))

"""The diplosim terminal app: start screen, chamber, and the app-wide keys."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen

from sim import LoadedScenario
from sim.batch.score import RUNS as SCORE_RUNS
from sim.edit import RUNS, SEED
from sim.play.game import Game

from .catalog import Entry, load_catalog
from .screens.chamber import ChamberScreen
from .screens.confirm import ConfirmScreen
from .screens.editor import EditorScreen
from .screens.help import HelpScreen
from .screens.hotseat import HotSeatChamberScreen
from .screens.start import StartScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

if TYPE_CHECKING:
    from sim.net.joined import JoinedGame

    from .screens.join import JoinScreen

STYLES = Path(__file__).parent / "styles"


class DiplosimApp(App):
    """Play a scenario: pick it and a role, then step through the Council's negotiation."""

    TITLE = "diplosim"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "start.tcss",
        STYLES / "chamber.tcss",
        STYLES / "editor.tcss",
        STYLES / "dialogs.tcss",
    ]
    BINDINGS = [
        Binding("q", "request_quit", "Quit", id="app.quit", tooltip="Leave diplosim (asks if unsaved)"),
        Binding(
            "question_mark,f1", "help", "Help", key_display="?", id="app.help", tooltip="Every key, explained"
        ),
    ]

    def __init__(
        self,
        catalog: list[Entry] | None = None,
        game: Game | None = None,
        seed: int = 0,
        roll_call_delay: float = 0.25,
        edit: Path | None = None,
        actor: str | None = None,
        preview_runs: int = RUNS,
        preview_seed: int = SEED,
        score_runs: int = SCORE_RUNS,
        notice_seconds: float = ChamberScreen.TOAST_SECONDS,
        joined: JoinedGame | None = None,
        join_at: str | None = None,
    ) -> None:
        """``edit``: open the profile editor on this scenario folder (at ``actor``) over the start
        screen; ``preview_runs`` and ``preview_seed`` set the editor's preview batch;
        ``score_runs``, the seeds the end summary scores a player's game over; ``notice_seconds``,
        how long the chamber's notices stay; ``joined``, a game hosted elsewhere (``diplosim
        join``), played in its seat; ``join_at``, the address of one to join once the player has
        given its seat's token."""
        super().__init__()
        self.catalog = catalog
        self.game = game
        self.seed = seed
        self.roll_call_delay = roll_call_delay
        self.edit, self.actor = edit, actor
        self.preview_runs, self.preview_seed = preview_runs, preview_seed
        self.score_runs = score_runs
        self.notice_seconds = notice_seconds
        self.joined = joined
        self.join_at = join_at
        if joined is not None:
            self.game = joined.game
        self.stale_catalog: list[Path] | None = None
        """After a profile is saved, the folders to list with the shipped ones when the start
        screen shows again (None: the catalog is fresh)."""

    def on_mount(self) -> None:
        if self.joined is not None:
            self.push_screen(self.joined_chamber(self.joined))
        elif self.join_at is not None:
            from .screens.join import JoinScreen  # websockets only for a joined game

            self.push_screen(JoinScreen(self.join_at))
        elif self.game is not None:
            self.push_screen(self.chamber(self.game))
        else:
            if self.catalog is None:
                self.catalog = load_catalog([self.edit] if self.edit is not None else None)
            self.push_screen(StartScreen(self.catalog, self.seed))
            if self.edit is not None:  # `diplosim edit`: leaving the editor leaves the app
                editor = EditorScreen(self.edit, self.actor, self.preview_runs, self.preview_seed)
                self.push_screen(editor, lambda _: self.exit())
        self.check_size(self.size.width, self.size.height)

    def joined_chamber(self, joined: JoinedGame) -> ChamberScreen:
        from .screens.connected import ConnectedChamberScreen  # websockets only for a joined game

        return ConnectedChamberScreen(joined, self.roll_call_delay, self.score_runs, self.notice_seconds)

    def on_join_screen_joined(self, message: JoinScreen.Joined) -> None:
        self.joined, self.game = message.joined, message.joined.game
        self.switch_screen(self.joined_chamber(message.joined))

    def chamber(self, game: Game) -> ChamberScreen:
        """The chamber for ``game``, with the app's delays: of one seat or none, or a hot seat's
        for several."""
        kind = HotSeatChamberScreen if len(game.players) > 1 else ChamberScreen
        return kind(game, self.roll_call_delay, self.score_runs, self.notice_seconds)

    def start(self, scenario: LoadedScenario, player: str | None, seed: int) -> None:
        self.game = Game(scenario, seed, player)
        self.push_screen(self.chamber(self.game))

    def on_start_screen_chosen(self, message: StartScreen.Chosen) -> None:
        self.start(message.scenario, message.player, message.seed)

    # -- the profile editor ----------------------------------------------------------------------

    def open_editor(self, folder: Path, actor: str | None = None) -> None:
        self.push_screen(EditorScreen(folder, actor, self.preview_runs, self.preview_seed))

    def on_start_screen_edit_requested(self, message: StartScreen.EditRequested) -> None:
        self.open_editor(message.folder)

    def on_editor_screen_saved(self, message: EditorScreen.Saved) -> None:
        """Scenarios read before the save are stale: the start screen lists them afresh when it is
        shown again (not now: `diplosim edit` leaves the app from the editor, and a save should
        not wait for every scenario to be read). A game in progress keeps the scenario it started
        with (its saves name that version)."""
        self.stale_catalog = [message.folder] + ([self.edit] if self.edit is not None else [])
        if self.game is not None:
            self.notify("The game in progress keeps the scenario it started with.", title="Game")

    def on_start_screen_resumed(self, message: StartScreen.Resumed) -> None:
        if self.stale_catalog is None:
            return
        self.catalog = load_catalog(self.stale_catalog)
        self.stale_catalog = None
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.show_catalog(self.catalog)

    # -- app-wide keys ---------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """``ctrl+q`` too asks before unsaved work is lost."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        unsaved = [s for s in self.screen_stack if isinstance(s, EditorScreen) and s.dirty]
        if unsaved:
            self.push_screen(
                ConfirmScreen("A profile has unsaved changes. Quit anyway?", yes="Quit", no="Stay"),
                lambda quit_: self.exit() if quit_ else None,
            )
        elif self.game is not None and self.game.dirty and self.joined is None:  # a host keeps a joined one
            self.push_screen(
                ConfirmScreen("The game is not saved. Quit anyway?", yes="Quit", no="Stay"),
                lambda quit_: self.exit() if quit_ else None,
            )
        else:
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists every action of the screen and of the app."""
        for command in super().get_system_commands(screen):
            if command.callback != self.action_quit:  # listed below as "Quit", the key q
                yield command
        for owner in (screen, self):
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    key = f"key {binding.key_display or binding.key.split(',')[0]}"
                    yield SystemCommand(
                        binding.description,
                        f"{binding.tooltip} ({key})" if binding.tooltip else key.capitalize(),
                        partial(owner.run_action, binding.action),
                    )

    # -- too small a terminal --------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif small and showing:
            self.screen.show(width, height)
        elif not small and showing:
            self.pop_screen()

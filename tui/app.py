"""The diplosim terminal app: start screen, chamber, and the app-wide keys."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen

from sim import LoadedScenario
from sim.game import Game

from .catalog import Entry, load_catalog
from .screens.chamber import ChamberScreen
from .screens.confirm import ConfirmScreen
from .screens.help import HelpScreen
from .screens.start import StartScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

STYLES = Path(__file__).parent / "styles"


class DiplosimApp(App):
    """Play a scenario: pick it and a role, then step through the Council's negotiation."""

    TITLE = "diplosim"
    CSS_PATH = [STYLES / "app.tcss", STYLES / "start.tcss", STYLES / "chamber.tcss", STYLES / "dialogs.tcss"]
    BINDINGS = [
        Binding("q", "request_quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        catalog: list[Entry] | None = None,
        game: Game | None = None,
        seed: int = 1,
        roll_call_delay: float = 0.25,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.game = game
        self.seed = seed
        self.roll_call_delay = roll_call_delay

    def on_mount(self) -> None:
        if self.game is not None:
            self.push_screen(ChamberScreen(self.game, self.roll_call_delay))
        else:
            self.push_screen(
                StartScreen(self.catalog if self.catalog is not None else load_catalog(), self.seed)
            )
        self.check_size(self.size.width, self.size.height)

    def start(self, scenario: LoadedScenario, player: str | None, seed: int) -> None:
        self.game = Game(scenario, seed, player)
        self.push_screen(ChamberScreen(self.game, self.roll_call_delay))

    def on_start_screen_chosen(self, message: StartScreen.Chosen) -> None:
        self.start(message.scenario, message.player, message.seed)

    # -- app-wide keys ---------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_request_quit(self) -> None:
        if self.game is not None and self.game.dirty:
            self.push_screen(
                ConfirmScreen("The game is not saved. Quit anyway?", yes="Quit", no="Stay"),
                lambda quit_: self.exit() if quit_ else None,
            )
        else:
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists every action of the screen and of the app."""
        yield from super().get_system_commands(screen)
        for owner in (screen, self):
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    yield SystemCommand(
                        binding.description,
                        f"{binding.description} (key: {binding.key_display or binding.key})",
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

"""The player's objectives, one key away in the chamber (``o``): what its seat wants of each
draft, ranked, from its profile and the scenario (sim/play/objectives.py)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from sim.play.objectives import Objectives

from ..widgets.objectives import ObjectivesView


class ObjectivesScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).parent.parent / "styles" / "objectives.tcss"
    BINDINGS = [Binding("escape,enter,o", "dismiss", "Close", id="objectives.close")]

    def __init__(self, found: Objectives) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="objectives-dialog"):
            yield Label("Your objectives", classes="question")
            view = ObjectivesView(id="objectives")
            view.show(self.found)
            yield view

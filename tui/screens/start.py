"""Start: pick a scenario, then a role (any actor, or observer), then play."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from sim import LoadedScenario

from ..catalog import Entry
from ..format import day, escape

OBSERVER = "observer"


class StartScreen(Screen):
    """Posts ``Chosen`` when the player has picked a scenario and a role."""

    BINDINGS = [
        Binding("escape", "back", "Back to scenarios", id="start.back"),
        Binding("ctrl+s", "start", "Start", id="start.start"),
        Binding("p", "edit", "Edit profiles", id="start.edit"),
    ]

    class Chosen(Message):
        def __init__(self, scenario: LoadedScenario, player: str | None, seed: int) -> None:
            super().__init__()
            self.scenario = scenario
            self.player = player
            self.seed = seed

    class EditRequested(Message):
        def __init__(self, folder) -> None:
            super().__init__()
            self.folder = folder

    def __init__(self, catalog: list[Entry], seed: int = 1) -> None:
        super().__init__()
        self.catalog = catalog
        self.seed = seed
        self.chosen: Entry | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start-body"):
            with Vertical(id="scenario-column"):
                yield Label("1. Pick a scenario", classes="step")
                yield OptionList(
                    *[self._scenario_option(i, e) for i, e in enumerate(self.catalog)], id="scenarios"
                )
            with Vertical(id="role-column"):
                yield Label("2. Pick your role", classes="step")
                yield OptionList(id="roles")
                yield Label("Seed (same seed, same game)", classes="step")
                yield Input(str(self.seed), type="integer", id="seed")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).focus()

    def show_catalog(self, catalog: list[Entry]) -> None:
        """List the scenarios afresh (after an edit), keeping the highlighted one."""
        self.catalog = catalog
        scenarios = self.query_one("#scenarios", OptionList)
        highlighted = scenarios.highlighted
        scenarios.clear_options()
        scenarios.add_options([self._scenario_option(i, e) for i, e in enumerate(catalog)])
        scenarios.highlighted = highlighted
        if self.chosen is not None:
            self.chosen = next((e for e in catalog if e.folder == self.chosen.folder), self.chosen)

    @staticmethod
    def _scenario_option(index: int, entry: Entry) -> Option:
        if entry.scenario is None:
            return Option(
                f"[$error]{escape(entry.folder.name)}: does not load[/]\n  {escape(entry.error or '')}",
                id=str(index),
                disabled=True,
            )
        spec = entry.scenario.spec
        return Option(
            f"[b]{escape(spec.title)}[/b]\n  {day(spec.date)} · {escape(spec.summary)}", id=str(index)
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "scenarios":
            self.chosen = self.catalog[int(event.option.id)]
            self._show_roles(self.chosen.scenario)
        else:
            self._start(event.option.id)

    def _show_roles(self, scenario: LoadedScenario) -> None:
        spec = scenario.spec
        roles = self.query_one("#roles", OptionList)
        roles.clear_options()
        roles.add_option(Option("[b]Observer[/b]: the engine plays everyone", id=OBSERVER))
        groups = (
            ("Permanent members (veto)", spec.council.permanent),
            ("Elected members", spec.council.elected),
            (
                "Outside the Council",
                [a for a in spec.actors if a not in spec.council.permanent + spec.council.elected],
            ),
        )
        for heading, keys in groups:
            roles.add_option(Option(f"[$text-muted]{heading}[/]", disabled=True))
            for key in keys:
                roles.add_option(Option(f"  {escape(spec.actors[key].name)}", id=key))
        roles.highlighted = 0
        roles.focus()

    def action_back(self) -> None:
        self.query_one("#scenarios", OptionList).focus()

    def action_edit(self) -> None:
        """Edit the actor profiles of the highlighted scenario (it may not load: that is fixable)."""
        scenarios = self.query_one("#scenarios", OptionList)
        index = scenarios.highlighted if scenarios.highlighted is not None else 0
        if self.catalog:
            self.post_message(self.EditRequested(self.catalog[index].folder))

    def action_start(self) -> None:
        roles = self.query_one("#roles", OptionList)
        if self.chosen is None or roles.highlighted is None:
            self.notify("Pick a scenario first, then a role.", severity="warning")
            return
        self._start(roles.get_option_at_index(roles.highlighted).id)

    def _start(self, role: str | None) -> None:
        text = self.query_one("#seed", Input).value.strip()
        seed = int(text) if text.lstrip("-").isdigit() else self.seed
        player = None if role == OBSERVER else role
        self.post_message(self.Chosen(self.chosen.scenario, player, seed))

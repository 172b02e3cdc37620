"""Start: pick a scenario, then a role (any actor, or observer), then play. While a role is
highlighted, the scenario column shows that seat's objectives (sim/play/objectives.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from sim import LoadedScenario
from sim.play.objectives import objectives

from ..catalog import Entry
from ..format import day, escape
from ..widgets.objectives import ObjectivesView

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

    class Resumed(Message):
        """The screen is shown again (an editor over it closed): the app lists the scenarios
        afresh if a profile was saved meanwhile."""

    def __init__(self, catalog: list[Entry], seed: int = 1) -> None:
        super().__init__()
        self.catalog = catalog
        self.seed = seed
        self.chosen: Entry | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start-body"):
            with Vertical(id="scenario-column"):
                yield Label("1. Pick a scenario", classes="step", id="scenario-step")
                yield OptionList(
                    *[self._scenario_option(i, e) for i, e in enumerate(self.catalog)], id="scenarios"
                )
                yield Label(
                    "Objectives of the seat (o in the game)", classes="step hidden", id="objectives-step"
                )
                with VerticalScroll(id="objectives-pane", classes="hidden"):
                    yield ObjectivesView(id="start-objectives")
            with Vertical(id="role-column"):
                yield Label("2. Pick your role", classes="step")
                yield OptionList(id="roles")
                yield Label("Seed (same seed, same game)", classes="step")
                yield Input(
                    str(self.seed), placeholder=f"{self.seed} if left empty", type="integer", id="seed"
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.post_message(self.Resumed())

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

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """A role highlighted: its objectives in the scenario column."""
        if event.option_list.id != "roles" or self.chosen is None or self.chosen.scenario is None:
            return
        event.stop()
        role = event.option.id
        player = None if role == OBSERVER else role
        self.query_one("#start-objectives", ObjectivesView).show(objectives(self.chosen.scenario, player))
        self._objectives_shown(True)

    def _objectives_shown(self, shown: bool) -> None:
        """The scenario column shows the scenarios, or the highlighted seat's objectives."""
        for selector in ("#scenario-step", "#scenarios"):
            self.query_one(selector).set_class(shown, "hidden")
        for selector in ("#objectives-step", "#objectives-pane"):
            self.query_one(selector).set_class(not shown, "hidden")

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
        self._objectives_shown(False)
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

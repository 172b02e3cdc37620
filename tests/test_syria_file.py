"""The scenarios of the Syria file (2011, 2013, 2014): each validates, runs headless, opens in the
game from the start screen, and puts its recorded draft to the vote, from the shared profiles.

These read the shipped scenarios on purpose (``@pytest.mark.shipped``): they are the file.
"""

from __future__ import annotations

import csv
import json

import pytest
from terminal import diplosim
from textual.widgets import OptionList

from sim import load_scenario, run_scenario
from sim.scenario.paths import shipped_scenarios
from tui import DiplosimApp
from tui.catalog import load_catalog
from tui.screens.chamber import ChamberScreen

pytestmark = pytest.mark.shipped

FILE = {
    "syria-2011-10": ("unsc-votes-2011-10-04.csv", 2011),
    "syria-2013-09": ("unsc-votes-2013-09-27.csv", 2013),
    "syria-2014-05": ("unsc-votes-2014-05-22.csv", 2014),
    "syria-2014-07": ("unsc-votes-2014-07-14.csv", 2014),
}


def recorded(scenario: str) -> tuple[str, set[str]]:
    """The symbol of the scenario's recorded roll call and the members who cast it."""
    with (shipped_scenarios() / scenario / FILE[scenario][0]).open(encoding="utf-8") as rows:
        ballots = list(csv.DictReader(rows))
    [symbol] = {row["symbol"] for row in ballots}
    return symbol, {row["member"] for row in ballots}


def test_the_scenarios_of_the_file_validate_with_their_records():
    folders = [shipped_scenarios() / name for name in FILE]
    run = diplosim("validate", *folders)
    assert run.returncode == 0, run.stderr
    for name in FILE:
        assert f"(scenario '{name}': " in run.stdout
    assert run.stdout.count("a record of 1 roll call)") == len(FILE)


def test_a_scenario_of_the_file_runs_headless_from_the_command_line():
    run = diplosim("run", "syria-2011-10", "--seed", "0", "--json")
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["scenario"]["id"] == "syria-2011-10"
    symbol, members = recorded("syria-2011-10")
    [vote] = [vote for vote in record["votes"] if vote["symbol"] == symbol]
    assert set(vote["roll_call"]) == set(vote["explanations"]) == members  # the Council of 2011


@pytest.mark.parametrize("scenario", list(FILE))
def test_each_scenario_votes_on_its_recorded_draft_with_that_years_council(scenario):
    """In process, as `diplosim run` does it (the command itself is run above): the record's
    draft comes to the vote before the fifteen members of that year."""
    record = run_scenario(load_scenario(shipped_scenarios() / scenario), 0)
    symbol, members = recorded(scenario)
    [vote] = [vote for vote in record.votes if vote.symbol == symbol]
    assert set(vote.roll_call) == set(vote.explanations) == members
    assert sum(vote.tally.values()) == 15


@pytest.mark.parametrize("scenario", list(FILE))
async def test_each_scenario_opens_in_the_game_from_the_start_screen(scenario):
    app = DiplosimApp(catalog=load_catalog(), roll_call_delay=0)
    async with app.run_test(size=(100, 34)) as pilot:
        options = app.screen.query_one("#scenarios", OptionList)
        titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        [index] = [i for i, entry in enumerate(app.screen.catalog) if entry.folder.name == scenario]
        assert app.screen.catalog[index].scenario is not None, app.screen.catalog[index].error
        assert app.screen.catalog[index].scenario.spec.title in titles[index]
        options.highlighted = index
        await pilot.press("enter")  # the scenario, then Observer, the first role
        await pilot.press("enter")
        assert isinstance(app.screen, ChamberScreen)
        assert app.game.scenario.spec.id == scenario and app.game.player is None
        assert app.game.scenario.spec.council.year == FILE[scenario][1]

"""The text follows the draft: a clause that holds over a range of its dimension (``holds``) is
dropped by an amendment that moves the draft out of it and restored by one that moves it back,
in the run record, the transcript, the news and the app.

The runs use tests/data/scenarios/clauses, a variant whose Western draft has the shipped
scenario's conditions; the bad ``holds`` are refused in tests/test_bad_input.py (file, line,
field; exit 2 from ``diplosim validate``).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared import DATA
from textual.widgets import Static

from sim import DiplomacyModel, load_scenario, run_scenario
from sim.engine.clauses import crossed, holds_at, in_force, is_in_force
from sim.engine.moves import Amend, CallVote
from sim.play.game import Game
from sim.play.news import round_items
from sim.play.transcript import render
from sim.play.view import holds_text
from sim.scenario.spec import Clause, Holds
from tui import DiplosimApp
from tui.screens.chamber import ChamberScreen

CLAUSES = DATA / "scenarios" / "clauses"
CHAPTER_VII = "Acting under Chapter VII of the Charter of the United Nations,"
ARTICLE_41 = (
    "Decides that, if the Syrian authorities have not fully complied within ten days, it shall "
    "impose immediately measures under Article 41 of the Charter;"
)
DIMS = ["coercion", "transition", "mission"]
LEAD = "united-kingdom"
DRAFT = "s-2012-538"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(CLAUSES)


# -- the pure functions ----------------------------------------------------------------------------

scores = st.floats(min_value=0, max_value=100, allow_nan=False)
bounds = st.one_of(st.none(), scores)


@st.composite
def clause(draw, text: str) -> Clause:
    """A clause on one of DIMS, on none, with or without a range."""
    dimension = draw(st.sampled_from([None, *DIMS]))
    if dimension is None or draw(st.booleans()):
        return Clause(text=text, dimension=dimension)
    low, high = draw(bounds), draw(bounds)
    if low is None and high is None:
        high = draw(scores)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Clause(text=text, dimension=dimension, holds=Holds(at_least=low, at_most=high))


@st.composite
def drafts(draw) -> list[Clause]:
    """Up to eight clauses, each with its own words."""
    return [draw(clause(f"clause {index}")) for index in range(draw(st.integers(0, 8)))]


positions = st.lists(scores, min_size=len(DIMS), max_size=len(DIMS))


@given(drafts(), positions)
def test_the_clauses_in_force_are_those_whose_range_holds_the_position_in_draft_order(draft, position):
    held = in_force(draft, DIMS, position)
    assert held == [c for c in draft if is_in_force(c, DIMS, position)]
    for clause in draft:
        if clause.holds is None:
            assert clause in held  # a clause without a range is always in the text
            continue
        value = round(position[DIMS.index(clause.dimension)], 1)  # as the record shows it
        low, high = clause.holds.at_least, clause.holds.at_most
        inside = (low is None or value >= low) and (high is None or value <= high)
        assert (clause in held) == inside


@given(drafts(), positions, st.sampled_from(DIMS), scores)
def test_an_amendment_drops_and_restores_exactly_what_the_text_loses_and_gains(draft, position, dim, value):
    moved = list(position)
    moved[DIMS.index(dim)] = value
    before = [c.text for c in in_force(draft, DIMS, position)]
    after = [c.text for c in in_force(draft, DIMS, moved)]
    dropped, added = crossed(draft, dim, position[DIMS.index(dim)], value)
    assert dropped == [t for t in before if t not in after]
    assert added == [t for t in after if t not in before]
    assert crossed(draft, dim, value, position[DIMS.index(dim)]) == (added, dropped)  # and back


def test_a_bound_is_inclusive_at_the_precision_the_record_shows() -> None:
    chapter_vii = Clause(text=CHAPTER_VII, dimension="coercion", holds=Holds(at_least=55))
    assert holds_at(chapter_vii, 55) and holds_at(chapter_vii, 54.96)  # shown as 55.0
    assert not holds_at(chapter_vii, 54.94)  # shown as 54.9
    band = Clause(text="x", dimension="mission", holds=Holds(at_least=45, at_most=70))
    assert [holds_at(band, v) for v in (44.9, 45, 70, 70.1)] == [False, True, True, False]


def test_the_app_writes_a_range_in_few_characters() -> None:
    def shown(**bounds) -> str | None:
        return holds_text(Clause(text="x", dimension="mission", holds=Holds(**bounds)))

    assert shown(at_least=17.5) == "≥ 17.5"
    assert shown(at_most=40) == "≤ 40"
    assert shown(at_least=45, at_most=70) == "45–70"
    assert holds_text(Clause(text="x", dimension="mission")) is None


# -- a run: the record ------------------------------------------------------------------------------


def amended(scenario, values: list[float]) -> DiplomacyModel:
    """The United Kingdom, the Western draft's lead sponsor, moves coercion to each of ``values`` in
    turn from the round after the draft is tabled (11 July), and calls the vote with the last."""
    model = DiplomacyModel(scenario, seed=2, player=LEAD)
    while model.date.isoformat() <= "2012-07-11":
        model.step()
    for index, value in enumerate(values):
        model.submit(Amend(LEAD, DRAFT, "coercion", value))
        if index == len(values) - 1:
            model.submit(CallVote(LEAD, DRAFT))
        model.play_round()
    return model


def test_an_amendment_across_a_bound_drops_the_clause_and_one_back_restores_it(scenario):
    model = amended(scenario, [60, 55, 65, 55])
    revisions = [rev for rnd in model.record.rounds for rev in rnd.revisions if rev.draft == DRAFT]
    steps = [(r.before, r.after, r.clauses_dropped, r.clauses_added) for r in revisions]
    assert steps == [
        (70.0, 60.0, [], []),  # the Article 41 clause holds down to 60
        (60.0, 55.0, [ARTICLE_41], []),  # Chapter VII holds to 55, the sponsors' red line
        (55.0, 65.0, [], [ARTICLE_41]),
        (65.0, 55.0, [ARTICLE_41], []),
    ]
    model.run()  # to the end of the schedule, where each draft's final state is recorded
    vote = model.record.votes[0]
    tabled = [c.text for c in scenario.spec.drafts[DRAFT].clauses]
    assert vote.position["coercion"] == 55.0
    assert vote.clauses == [text for text in tabled if text != ARTICLE_41]  # the text voted on
    assert model.record.drafts[DRAFT]["clauses"] == vote.clauses
    assert model.record.drafts["res-2059"]["clauses"] == [
        c.text for c in scenario.spec.drafts["res-2059"].clauses
    ]
    assert json.loads(model.record.to_json())["votes"][0]["clauses"] == vote.clauses


def test_clauses_change_nothing_else_in_a_run(scenario):
    """The same draft with and without ``holds``: the same run but for the words in the record."""

    def without_clauses(record) -> dict:
        data = record.to_dict()
        data["scenario"] = {}
        for vote in data["votes"]:
            vote["clauses"] = []
        for rnd in data["rounds"]:
            for rev in rnd["revisions"]:
                rev["clauses_dropped"] = rev["clauses_added"] = []
        for draft in data["drafts"].values():
            draft["clauses"] = []
        return data

    base = load_scenario(DATA / "scenarios" / "noisy")
    for seed in range(3):
        assert without_clauses(run_scenario(scenario, seed)) == without_clauses(run_scenario(base, seed))


# -- the views --------------------------------------------------------------------------------------


def test_the_news_quotes_each_clause_an_amendment_drops_or_restores(scenario):
    model = amended(scenario, [60, 55, 65])
    texts = [(item.tag, item.text) for rnd in model.record.rounds for item in round_items(rnd)]
    at = texts.index(next(t for t in texts if t[0] == "AMEND" and "coercion 60 → 55" in t[1]))
    assert texts[at + 1] == ("", f"S/2012/538 drops “{ARTICLE_41}”")
    at = texts.index(next(t for t in texts if t[0] == "AMEND" and "coercion 55 → 65" in t[1]))
    assert texts[at + 1] == ("", f"S/2012/538 restores “{ARTICLE_41}”")


def test_the_transcript_says_what_was_dropped_and_gives_the_text_voted_on(scenario):
    model = amended(scenario, [60, 55])
    text = render(model.record, "title", "source")
    flat = " ".join(text.split())  # the transcript wraps its lines
    assert f"S/2012/538 drops “{ARTICLE_41}”" in flat
    voted = flat.split("The text voted on, as amended:")[1].split("In favour")[0]
    assert voted.strip().startswith(f"1. {CHAPTER_VII} 2. Decides to renew")
    assert "Article 41" not in voted and "4. Endorses the Final Communique" in voted


def test_a_transcript_without_a_change_of_text_is_as_before(syria):
    text = render(run_scenario(syria, 1), "title", "source")
    assert "drops “" not in text and "The text voted on" not in text


def test_diplosim_run_tells_of_a_clause_the_sponsors_concede(scenario, tmp_path):
    """The sponsors give up the Article 41 threat on their own in some runs (down to their floor of
    55): ``diplosim run`` quotes the clause dropped and prints the text voted on."""
    seed = next(
        (
            seed
            for seed in range(80)
            if any(
                ARTICLE_41 in rev.clauses_dropped
                for rnd in run_scenario(scenario, seed).rounds
                for rev in rnd.revisions
            )
        ),
        None,
    )
    assert seed is not None, "in 80 runs the sponsors never conceded down to 55"
    run = subprocess.run(
        [sys.executable, "-m", "sim.cli", "run", str(CLAUSES), "--seed", str(seed)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    flat = " ".join(run.stdout.split())
    assert f"S/2012/538 drops “{ARTICLE_41}”" in flat
    assert "The text voted on, as amended: 1. Acting under Chapter VII" in flat


async def test_the_app_shows_the_text_the_draft_has_now(scenario):
    app = DiplosimApp(game=Game(scenario, 2, LEAD), roll_call_delay=0)
    async with app.run_test(size=(110, 40)) as pilot:
        for _ in range(3):  # to 13 July: the draft has been tabled
            await pilot.press("n")
            await pilot.pause()
        chamber = app.screen
        assert isinstance(chamber, ChamberScreen)
        body = chamber.query_one("#draft-body", Static)

        def shown() -> str:
            return " ".join(str(body.render()).split())

        assert "1. Acting under Chapter VII of the Charter of the United Nations, (coercion ≥ 55)" in shown()
        assert "dropped" not in shown()
        for value in (60, 55):
            move = Amend(LEAD, DRAFT, "coercion", value)
            app.game.submit(move)  # what the move form does, then tells the chamber
            chamber.moved(move)
            await pilot.press("n")
            await pilot.pause()
        now = shown()
        assert f"1. {CHAPTER_VII} (coercion ≥ 55)" in now  # the sponsors' red line: it stays
        assert "(dropped: needs coercion ≥ 60)" in now and "4. Endorses" in now
        struck = [span for span in body.render().spans if "strike" in str(span.style)]
        assert len(struck) == 1  # the Article 41 clause, out of the text, struck through

"""The chamber at a glance at 80x24 (issue 13, item 4 and the frictions of item 6), played through
Textual's pilot on the fixture: the Council table's columns, the change of a most likely ballot,
a status line and a footer that fit, every actor outside the chamber reachable, the ballot and
the roll call beside the Council, short notices out of the news' way, the end after the last roll
call, and drafts named as drafts until they are adopted."""

import re

from pilots import press, settle
from shared import DATA
from textual import events
from textual.widgets import Select
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from sim import load_scenario
from sim.engine import rules
from sim.engine.moves import CallVote, Condition, JointStatement, Lobby
from sim.play.game import Game
from sim.play.view import build
from tui import DiplosimApp
from tui.screens.ballot import BallotScreen
from tui.screens.chamber import ChamberScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.moves import MoveScreen, preview_markup
from tui.screens.rollcall import RollCallScreen
from tui.screens.summary import SummaryScreen
from tui.widgets.council import CouncilPanel
from tui.widgets.draft import DraftPanel
from tui.widgets.news import NewsFeed
from tui.widgets.outsiders import OutsidersPanel
from tui.widgets.status import StatusBar

SMALL = (80, 24)


def app_for(scenario, player=None, seed=1):
    """The chamber of a new game; a player's end summary scores it over 8 seeds, not 300 (the
    score's numbers are tests/test_score.py's to check)."""
    return DiplosimApp(game=Game(scenario, seed, player), roll_call_delay=0, score_runs=8)


def status_text(app) -> str:
    return str(app.screen.query_one(StatusBar).render())


def council_row(app, name: str) -> str:
    """A row of the Council table as it reads (its markup taken out), from the chamber below any dialog."""
    panel = app.screen_stack[1].query_one(CouncilPanel)
    rows = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
    return re.sub(r"\[[^\]]*\]", "", next(row for row in rows if name in row))


async def test_the_council_table_names_its_columns_and_marks_a_new_most_likely_ballot(syria):
    """Seed 1, round 4: Pakistan's most likely ballot goes from no (69%) to abstain (54%). Its row
    gives the three chances and says what it was, not a change of P(yes)."""
    app = app_for(syria)
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(4):
            await pilot.press("n")
            await pilot.pause()
        panel = app.screen.query_one(CouncilPanel)
        assert "Yes Abs  No" in str(panel.border_title)
        row = council_row(app, "Pakistan")
        assert "  0  54  46" in row and "was no" in row
        assert "was" not in council_row(app, "France")  # a yes at 100% all along


async def test_status_line_and_footer_fit_80_columns_whole(syria):
    """The next vote and the seat's capital are in the line, whole, every round (the line was cut
    at "vote S/2012/538 Thu 1…"); the footer's last key, the help, is shown."""
    app = app_for(syria, "russian-federation")
    async with app.run_test(size=SMALL) as pilot:
        keys = app.screen.query(FooterKey)
        assert len(keys) > 5 and all(key.region.right <= SMALL[0] for key in keys)
        assert "Help" in str(keys.last().description)
        for _ in range(6):
            line = status_text(app)
            assert len(line) <= 78 and "…" not in line, line
            assert "capital 0.80" in line and line.endswith("vote S/2012/538 Thu 19 Jul"), line
            await pilot.press("n")
            await pilot.pause()


async def test_every_actor_outside_the_chamber_is_reachable(syria):
    app = app_for(syria)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(OutsidersPanel)
        hidden = panel.option_count - panel.scrollable_content_region.height
        assert hidden > 0 and f"↓ {hidden} more" in str(panel.border_subtitle)
        panel.focus()
        await pilot.pause()
        for _ in range(panel.option_count - 1):
            await pilot.press("down")
        await pilot.pause()
        assert panel.highlighted == panel.option_count - 1
        assert "↑" in str(panel.border_subtitle) and "↓" not in str(panel.border_subtitle)


async def test_the_ballot_and_the_roll_call_leave_the_council_in_view(syria):
    app = app_for(syria, "russian-federation", seed=3)
    async with app.run_test(size=SMALL) as pilot:
        council = app.screen.query_one(CouncilPanel).region
        for _ in range(10):
            await pilot.press("y" if isinstance(app.screen, ConfirmScreen) else "v")  # play on past
            await pilot.pause()  # the question about Russia's own draft, uncalled
            if isinstance(app.screen, BallotScreen):
                break
        assert isinstance(app.screen, BallotScreen)
        ballot = app.screen.query_one("#ballot").region
        assert ballot.x >= council.right and ballot.height <= SMALL[1]
        assert "S/2012/538" in str(app.screen.query_one(".question").render())
        assert "—" not in council_row(app, "China")  # leanings on the draft being voted
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen)
        roll = app.screen.query_one("#rollcall").region
        assert roll.x >= council.right and "VETOED" in str(app.screen.query_one("#result").render())


async def test_a_notice_is_short_and_stays_off_the_news(syria):
    app = app_for(syria, "united-states")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("u")  # nothing to undo: a warning
        await pilot.press("r")  # no round played: a warning
        await pilot.pause(0.1)
        news = app.screen.query_one(NewsFeed).region
        toasts = list(app.screen.query(Toast))
        assert toasts and all(not toast.region.overlaps(news) for toast in toasts)
        assert all(n.timeout <= 6 for n in app._notifications)


async def test_the_first_e_after_the_last_roll_call_shows_the_summary(syria):
    """As Russia: v (to its draft's tabling), v, y (play on without calling its own draft), n,
    enter, v, n, enter, e (the summary opened after the last roll call and the first e closed it)."""
    app = app_for(syria, "russian-federation")
    async with app.run_test(size=SMALL) as pilot:
        for key in ("v", "v", "y", "n", "enter", "v", "n", "enter", "e"):
            await pilot.press(key)
            await pilot.pause()
        assert app.game.over and isinstance(app.screen, SummaryScreen)


async def test_keys_typed_faster_than_rounds_are_played_each_play_their_rounds(syria):
    """Keys that arrive together (typed while a round was being played, or pasted) are each a step,
    in order: three n's played one round, the first two cancelled before they began; v, v as
    Russia stopped at its draft's tabling instead of going on to the question of round 7."""
    app = app_for(syria, "russian-federation", seed=3)
    async with app.run_test(size=SMALL) as pilot:
        for key in "nnn":
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert len(app.game.record.rounds) == 3
        await press(pilot, "u", "u", "u")
        assert not app.game.record.rounds
        for key in "vv":
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and len(app.game.record.rounds) == 6


async def test_a_key_typed_before_e_on_a_roll_call_plays_nothing_under_the_summary(syria):
    """v, v typed together: the first step waits on the roll call, where e opens the summary; the
    second v was for the chamber as it was, and plays no round under the summary."""
    app = app_for(syria)
    async with app.run_test(size=SMALL) as pilot:
        for key in "vv":
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert isinstance(app.screen, RollCallScreen)
        played = len(app.game.record.rounds)
        await press(pilot, "e")
        assert isinstance(app.screen, SummaryScreen) and len(app.game.record.rounds) == played


async def test_e_on_a_roll_call_goes_to_the_summary(syria):
    app = app_for(syria)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and not app.game.over
        # q quits from the summary too (asking first: the game is not saved).
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_a_draft_is_not_named_by_its_resolution_before_it_is_adopted(syria):
    """S/RES/2059 (2012) is the resolution the rollover became: before its vote the chamber calls it
    a draft, by its title."""
    app = app_for(syria)
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(7):
            await pilot.press("n")
            await pilot.pause()
            if isinstance(app.screen, RollCallScreen):
                await pilot.press("enter")
                await pilot.pause()
        assert app.game.record.rounds[-1].index == 7
        line = status_text(app)
        assert "vote draft “Renew UNSMIS" in line and "S/RES" not in line
        await pilot.press("n")  # round 8: the rollover is tabled and voted
        await pilot.pause()
        assert isinstance(app.screen, RollCallScreen)
        assert "S/RES" not in str(app.screen.query_one("#rollcall").border_title)
        assert "ADOPTED as S/RES/2059 (2012)" in str(app.screen.query_one("#result").render())


async def test_after_a_draft_is_adopted_the_status_line_names_no_draft_it_preempted():
    """China abstains, Russia votes yes: S/2012/538 is adopted, and the rollover meant only for its
    failure (unless_adopted) can no longer come up."""
    app = app_for(load_scenario(DATA / "scenarios" / "china-abstains"), "russian-federation", seed=0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")  # stops on 12 July: Russia's draft is tabled
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # its own draft is due, uncalled: play on
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, BallotScreen)
        await pilot.press("y", "enter")
        await pilot.pause()
        assert app.game.record.votes[-1].result == "adopted" and not app.game.over
        assert "vote" not in status_text(app)
        assert "S/2012/538" in str(app.screen.query_one(DraftPanel).query_one("#draft-body").render())


async def test_a_statement_is_aimed_only_at_a_permanent_member_and_previewed(syria):
    app = app_for(syria, "united-states")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveScreen)
        form.query_one("#kind").value = "statement"
        await pilot.pause()
        targets = [key for _, key in form.query_one("#target", Select)._options if isinstance(key, str)]
        assert targets == ["china", "france", "russian-federation", "united-kingdom"]
        form.query_one("#target").value = "china"
        form.query_one("#amount").value = "0.5"
        await pilot.pause()
        preview = str(form.query_one("#move-preview").render())
        assert "the price of China's veto would go from" in preview


async def test_an_elected_member_convenes_a_joint_statement_and_the_news_names_its_signers(syria):
    """Pakistan (capital 0.10) on the circulated Western draft: the form names who would sign and
    the bigger change of China's price of a veto; the round's news names the signers."""
    app = app_for(syria, "pakistan")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveScreen)
        form.query_one("#kind").value = "joint"
        await pilot.pause()
        targets = [key for _, key in form.query_one("#target", Select)._options if isinstance(key, str)]
        assert targets == ["china", "france", "russian-federation", "united-kingdom", "united-states"]
        form.query_one("#target").value = "china"
        form.query_one("#draft").value = "s-2012-538"
        form.query_one("#amount").value = "0.1"
        await pilot.pause()
        preview = str(form.query_one("#move-preview").render())
        signers = rules.signers(app.game.model, JointStatement("pakistan", "china", "s-2012-538", 0.1))
        assert len(signers) >= 3 and "would sign it with you" in preview
        assert "United States" in preview and "Russian Federation" not in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.game.current == [JointStatement("pakistan", "china", "s-2012-538", 0.1)]
        await pilot.press("n")
        await pilot.pause()
        news = app.screen.query_one(NewsFeed).lines_written
        said = [line for line in news if "STATES" in line and "Pakistan with " in line]
        assert len(said) == 1 and "United States" in said[0] and "China +" in said[0]


async def test_lobbying_is_previewed_with_what_the_engine_would_do():
    """The preview is the engine's own (sim.engine.rules.preview): the same shift the round then
    logs, but for the round's drift."""
    game = Game(load_scenario(DATA / "scenarios" / "fixture-2012-07"), 1, "united-states")
    for _ in range(3):
        game.play_round()
    move = Lobby("united-states", "china", "coercion", 1.0)
    effect = game.preview(move)
    assert effect.quantity == "position" and effect.dimension == "coercion"
    assert 0 < effect.after - effect.before < 0.05 * (effect.toward - effect.before)
    game.submit(move)
    game.play_round()
    [landed] = [line for line in game.record.rounds[-1].lobbying if line.actor == "United States"]
    assert abs(landed.shift - (effect.after - effect.before)) < 0.05


async def test_a_refused_amendment_keeps_the_form_and_says_why_beside_the_value(syria):
    app = app_for(syria, "united-states")
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(3):
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("m")
        form = app.screen
        form.query_one("#kind").value = "amend"
        await pilot.pause()
        form.query_one("#dimension").value = "coercion"
        await pilot.pause()
        form.query_one("#amount").value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.game.current == []
        why = form.query_one("#amount-why")
        assert why.display and "at most 10 points" in str(why.render())
        assert form.query_one("#amount").value == "20"


async def test_an_elected_member_states_a_condition_for_its_yes_from_the_move_form(syria):
    """Pakistan, before any draft is tabled, promises a yes on the circulated S/2012/538 if its
    coercion comes down to 60; a badly written range keeps the form and says how to write one."""
    app = app_for(syria, "pakistan")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveScreen) and "condition" in form.kinds
        form.query_one("#kind").value = "condition"
        await pilot.pause()
        drafts = [key for _, key in form.query_one("#draft", Select)._options if isinstance(key, str)]
        assert drafts[0] == "s-2012-538" and "res-2059" in drafts  # circulated or to come, none its own
        labels = [str(label) for label, key in form.query_one("#draft", Select)._options if key == "res-2059"]
        assert labels[0].startswith("draft “Renew UNSMIS") and "S/RES" not in labels[0]  # not yet adopted
        assert str(form.query_one("#move-hint").render()).startswith("Range: ")
        form.query_one("#dimension").value = "coercion"
        await pilot.press("ctrl+s")  # no draft chosen yet
        await pilot.pause()
        hint = form.query_one("#move-hint")
        assert app.screen is form and "choose the draft" in str(hint.render())
        form.query_one("#draft").value = "s-2012-538"
        await pilot.pause()
        assert "choose the draft" not in str(hint.render())  # it lingered before
        form.query_one("#dimension").value = "coercion"
        form.query_one("#amount").value = "less than sixty"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "at most 55" in str(form.query_one("#move-hint").render())
        form.query_one("#amount").value = "at most 60"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert app.game.current == [Condition("pakistan", "s-2012-538", "coercion", 0.0, 60.0)]
        await pilot.press("n")
        await pilot.pause()
        said = [d for d in app.game.record.rounds[-1].decisions if d.action == "conditioned"]
        assert [d.reason for d in said] == ["a yes if coercion is at most 60"]


async def test_a_sponsor_is_not_offered_a_condition_on_its_own_draft(syria):
    app = app_for(syria, "united-kingdom")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        form = app.screen
        form.query_one("#kind").value = "condition"
        await pilot.pause()
        drafts = [key for _, key in form.query_one("#draft", Select)._options if isinstance(key, str)]
        assert "s-2012-538" not in drafts and "res-2059" not in drafts  # its own drafts
        assert drafts == ["russia-rival"]


async def test_a_lead_sponsor_is_warned_before_its_due_draft_goes_unvoted(syria):
    """The United Kingdom leads S/2012/538, due on 19 July: playing that round with no call asks
    first, and staying keeps the round unplayed; a queued call asks nothing."""
    app = app_for(syria, "united-kingdom")
    async with app.run_test(size=SMALL) as pilot:
        for _ in range(6):  # to the round of 19 July
            app.game.play_round()
        app.screen.refresh_view()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "The draft you lead, S/2012/538, is due for its vote on Thu 19 Jul" in str(
            app.screen.query_one(".question").render()
        )
        played = len(app.game.record.rounds)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.game.record.rounds) == played  # stayed
        app.game.submit(CallVote("united-kingdom", "s-2012-538"))
        await pilot.press("v")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_a_sponsor_learns_why_it_cannot_amend_a_draft_not_yet_tabled(syria):
    app = app_for(syria, "united-kingdom")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        form = app.screen
        assert "amend" not in form.kinds
        later = str(form.query_one("#move-later").render())
        assert later.startswith("Your drafts S/2012/538, draft “Renew UNSMIS")  # not yet S/RES/2059
        assert "are circulated, not yet tabled" in later and "from the round a draft is tabled" in later


async def test_v_stops_when_the_players_draft_is_tabled(syria):
    """The newcomer's United States pressed v in round 1 and was at the ballot on S/2012/538 in
    round 7, never offered the moves a tabled draft opens (amend, call its vote)."""
    app = app_for(syria, "united-states")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ChamberScreen) and not app.game.record.votes
        tabled = [d for d in app.game.record.rounds[-1].decisions if d.action == "tabled"]
        assert [d.draft for d in tabled] == ["s-2012-538"]  # tabled on 11 July, in round 3
        notices = [n for n in app._notifications if n.title == "Your draft"]
        assert len(notices) == 1 and "S/2012/538 is tabled" in notices[0].message


def test_a_lobby_that_would_move_nothing_says_so_before_the_capital_is_spent(syria):
    """The newcomer's Russia lobbied South Africa on coercion: "would move 0.0 points", taken."""
    game = Game(syria, 0, "russian-federation")
    south_africa = game.model.actors["south-africa"].state
    russia = game.model.actors["russian-federation"].state
    index = game.model.dims.index("coercion")
    russia.position[index] = south_africa.position[index]  # it stands where Russia does
    move = Lobby("russian-federation", "south-africa", "coercion", 0.5)
    shown = preview_markup(build(game), move, game.preview(move))
    assert "South Africa would not move on coercion" in shown and "for nothing" in shown


async def test_an_observer_is_not_offered_a_move(syria):
    """The newcomer's observer pressed m, offered in the footer, to be told it had no moves."""
    for player, offered in ((None, False), ("pakistan", True)):
        app = app_for(syria, player)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            keys = [str(key.description) for key in app.screen.query(FooterKey)]
            assert ("Move" in keys) is offered, keys

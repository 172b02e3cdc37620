"""Why an actor leans as it does: the reasons that decide its ballot in words
(sim/play/reasons.py), and, one key away (`d`), the engine's explanation in numbers: by
dimension, allies and foes, prices, lobbying and events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sim.engine.drafts import DraftStatus
from sim.play.reasons import BALLOTS, moved_by, side, values, verdict, vetoing

from ..format import ballot_markup, draft_name, escape

if TYPE_CHECKING:
    from sim.play.game import Game

NOTHING = "No draft is on the table yet: nothing to weigh."


def _title(name: str, why: dict[str, Any] | None, about: str) -> str:
    return f"[b]{escape(name)}[/b]" + (f" on {escape(about)}" if why is not None else "")


def _leans(why: dict[str, Any], votes: bool) -> str:
    if not votes:
        return "[$text-muted]Has no vote; lobbies for what it wants.[/]"
    return "Leans: " + "  ".join(f"{ballot_markup(k)} {v:.0%}" for k, v in why["probabilities"].items())


def words_markup(
    name: str,
    why: dict[str, Any] | None,
    votes: bool,
    about: str,
    sides: Mapping[str, float] | None = None,
    position: Mapping[str, float] | None = None,
    vetoing: Sequence[str] = (),
) -> str:
    """The reasons that decide the actor's leaning, in a diplomat's words."""
    if why is None:
        return f"{_title(name, why, about)}\n\n{NOTHING}"
    said = verdict(why, sides=sides, position=position, vetoing=vetoing, cast=False, votes=votes)
    lines = [_title(name, why, about), _leans(why, votes), "", escape(said.text)]
    moved = moved_by(why)
    if moved:
        lines += ["", escape(moved)]
    lines += ["", "[$text-muted]d: the numbers behind these words[/]"]
    return "\n".join(lines)


def explanation_markup(
    name: str, why: dict[str, Any] | None, votes: bool, about: str, sides: Mapping[str, float] | None = None
) -> str:
    """The engine's explanation in numbers; ``sides`` (alignments by actor name) marks foes."""
    if why is None:
        return f"{_title(name, why, about)}\n\n{NOTHING}"
    sides = sides or {}
    utility = why["utility"]
    net = utility["draft"] - utility["status_quo"]
    lines = [_title(name, why, about), _leans(why, votes)]
    if votes and not why.get("sponsor"):
        worth = "  ".join(f"{ballot_markup(b)} {v:+.3f}" for b, v in zip(BALLOTS, values(why), strict=True))
        lines.append(f"Value of each ballot: {worth}")
    lines += [
        "",
        f"[b]Utility[/b] of the draft {utility['draft']:+.3f}, "
        f"of the status quo {utility['status_quo']:+.3f}: net [b]{net:+.3f}[/b]",
    ]
    for dim, d in utility["by_dimension"].items():
        lines.append(
            f"  {dim:<11} draft {d['draft']:+.3f}  status quo {d['status_quo']:+.3f}   "
            f"stands at {d['position']:g} (ideal {d['ideal']:g}), salience {d['salience']:.2f}"
        )
    if why.get("sponsor"):
        lines.append("A sponsor of this draft: it votes yes while the text stays within its red lines.")
    against = why.get("weighed_against")
    if against:
        lines.append(f"[b]Against the agenda[/b]: {escape(against['said'])}")
    pulls = ", ".join(f"{escape(side(n, sides))} {p:+.3f}" for n, p in why["alignment"].items()) or "none"
    lines += ["", f"[b]Pull of allies and foes[/b]: {pulls}"]
    if votes:
        price = "a veto" if why["no_is_veto"] else "a vote against"
        share = why.get("veto_share", 1.0)
        shared = f" (its share with others likely to veto too: {share:.0%})" if share < 0.995 else ""
        lines.append(f"[b]Price of {price}[/b]: {why['cost_of_no']:.2f}{shared}")
        apart = why.get("abstain_price", 0.0)
        if apart >= 0.005:
            lines.append(f"[b]Price of abstaining[/b] on a text likely to pass: {apart:.2f}")
    if why.get("requested_by"):
        asked = ", ".join(f"{escape(n)} {v:+.3f}" for n, v in why["requested_by"].items())
        lines.append(f"[b]Requested by[/b]: {asked}")
    lobbied = sorted(why["lobbied_by"].items(), key=lambda item: -item[1])
    lines.append(
        "[b]Lobbied by[/b] (points moved): "
        + (", ".join(f"{escape(n)} {v:.1f}" for n, v in lobbied) or "nobody")
    )
    if why.get("offers_from"):
        lines.append("[b]Offers from[/b]: " + ", ".join(escape(n) for n in why["offers_from"]))
    if why.get("statements_from"):
        lines.append("[b]Statements about it[/b]: " + ", ".join(escape(n) for n in why["statements_from"]))
    events = "; ".join(f"{escape(e['event'])} ({e['field']} {e['change']:+g})" for e in why["events"])
    lines.append(f"[b]Events[/b]: {events or 'none'}")
    lines += ["", "[$text-muted]d: back to the words[/]"]
    return "\n".join(lines)


class WhyScreen(ModalScreen[None]):
    """The words first; `d` turns to the numbers and back."""

    BINDINGS = [
        Binding("d", "details", "Details", id="why.details"),
        Binding("escape,enter,w", "dismiss", "Close", id="why.close"),
    ]

    def __init__(self, words: str, numbers: str | None = None) -> None:
        super().__init__()
        self.words = words
        self.numbers = words if numbers is None else numbers
        self.details = False

    @property
    def markup(self) -> str:
        """What the screen shows now: the words, or with details the numbers."""
        return self.numbers if self.details else self.words

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.markup, id="why")
        yield Footer()  # this screen's keys, over the chamber's

    def action_details(self) -> None:
        self.details = not self.details
        self.query_one("#why", Static).update(self.markup)


def why_screen(game: Game, actor: str) -> WhyScreen:
    """The why screen of ``actor`` in ``game``: on the draft in focus, else the last one voted on
    (:meth:`sim.play.game.Game.reasons`)."""
    profile = game.scenario.spec.actors[actor]
    explained = game.reasons(actor)
    if explained is None:
        return WhyScreen(words_markup(profile.name, None, profile.on_council, ""))
    about, why = explained
    model = game.model
    draft = next(d for d in model.drafts.values() if d.symbol == about)
    position = dict(zip(model.dims, draft.position, strict=True))
    names = {key: agent.name for key, agent in model.actors.items()}
    sides = {names[other]: weight for other, weight in model.actors[actor].alignments.items()}
    leanings = {
        names[key]: {
            "no_is_veto": model.actors[key].state.has_veto and not draft.procedural,
            "probabilities": dict(zip(BALLOTS, p, strict=True)),
        }
        for key, p in model.leanings(draft).items()
    }
    others = vetoing(leanings, profile.name)
    about = draft_name(draft.symbol, draft.title, draft.status == DraftStatus.adopted)
    words = words_markup(profile.name, why, profile.on_council, about, sides, position, others)
    return WhyScreen(words, explanation_markup(profile.name, why, profile.on_council, about, sides))

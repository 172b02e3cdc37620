"""Why a member votes as it does, in a diplomat's words: the two or three reasons that decide its
ballot, read off the explanation each ballot carries (sim/engine/explain.py, docs/model.md 7).

A view, like the transcript: it reads an explanation and changes nothing. The values of the
three ballots (docs/model.md 4.3) are sums of terms,

    value(yes)     = Δ' - F + b          Δ' - F = Σ_d gain_d + Σ_j pull_j + Σ_o request_o - Σ_k r_k worth_k
    value(abstain) = -apart
    value(no)      = -(Δ' - F) - c0 + c0 (1 - share)

and each term is a reason. A reason's weight is what it adds to the value of the ballot the member
leans to over the value of the ballot it is weighed against (the next most likely one, or, for a
ballot the draw gave against the leaning, that ballot): the reasons given are the heaviest ones
for the leaning, and the heaviest one against it when it is heavy enough to name ("though ...").
Splitting the price of a veto into its whole (c0, against a veto) and the part others' vetoes take
off it (c0 (1 - share), for one) says both what a veto costs and why it costs less.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..engine.council import joined
from ..engine.rules import condition_range

if TYPE_CHECKING:
    from ..scenario.spec import Scenario

BALLOTS = ("yes", "abstain", "no")
GAIN = (1.0, 0.0, -1.0)
"""How a term of the gain Δ' - F enters the values of (yes, abstain, no)."""
ONLY: dict[str, tuple[float, float, float]] = {
    "yes": (1.0, 0.0, 0.0),
    "abstain": (0.0, 1.0, 0.0),
    "no": (0.0, 0.0, 1.0),
}
"""How a term that enters one ballot's value alone enters the three."""

MOST = 3
"""Reasons given for a ballot, at most."""
SHARE_OF_TOP = 0.2
"""A further reason is given only if it weighs this share of the heaviest one."""
THOUGH = 0.5
"""The heaviest reason against is named when it weighs this share of the heaviest one for."""
NEGLIGIBLE = 0.005
"""Weights below this (in utility) are not reasons."""
CLOSE = 0.6
"""A leaning below this probability is a close call, and the head says so."""
PRESSED = 3.0
"""A position this far from the ideal (lobbying moved it) is said to be pressed there."""

_ARTICLE = (
    "United ",
    "Russian ",
    "Republic ",
    "League ",
    "Gulf ",
    "Joint ",
    "UN ",
    "African ",
    "European ",
    "Arab ",
    "Assad ",
    "Syrian ",
    "Islamic ",
    "Organisation ",
    "Organization ",
    "Netherlands",
    "Philippines",
)


def the(name: str) -> str:
    """A name as it reads in a sentence: ``the Russian Federation``, ``China``."""
    plural_or_body = name.split(" (")[0].endswith(("government", "states", "Union", "Council", "Envoy"))
    return f"the {name}" if name.startswith(_ARTICLE) or plural_or_body else name


@dataclass(frozen=True)
class Term:
    """One term of the values of the three ballots: what it is, its value, how it enters them, and
    what it says as a reason."""

    kind: str
    """``dimension``, ``fallback``, ``allies`` (the pulls of one sign, together), ``request``,
    ``inducement``, ``promise`` (a stated condition the draft meets), ``apart``, ``price`` or
    ``blame`` (the part of the price of a veto that others' vetoes take off it)."""
    subject: str
    """The dimension, the draft or the actors it is about ('' for the member's own prices)."""
    value: float
    enters: tuple[float, float, float]
    """Its coefficient in value(yes), value(abstain) and value(no)."""
    words: str = field(default="", compare=False)


@dataclass(frozen=True)
class Reason:
    term: Term
    weight: float
    """What the term adds to value(leaning) - value(other)."""

    @property
    def words(self) -> str:
        return self.term.words


@dataclass(frozen=True)
class Verdict:
    """The reasons that decide a member's ballot, and the sentence that says them."""

    ballot: str
    """The ballot cast (or, before the vote, the most likely one)."""
    leaning: str
    """The most likely ballot."""
    other: str
    """The ballot it is weighed against: the runner-up, or the one the draw gave."""
    margin: float
    """value(leaning) - value(other)."""
    reasons: tuple[Reason, ...]
    though: Reason | None
    """The heaviest reason against, when it is heavy enough to name."""
    nor: Reason | None
    """For an abstention, the heaviest reason not to cast the third ballot."""
    text: str


def values(why: Mapping[str, Any]) -> tuple[float, float, float]:
    """The values of (yes, abstain, no) the member weighed, from its explanation (docs/model.md 4.3)."""
    totals = [0.0, 0.0, 0.0]
    for term in terms(why):
        for i in range(3):
            totals[i] += term.enters[i] * term.value
    return totals[0], totals[1], totals[2]


def terms(
    why: Mapping[str, Any],
    position: Mapping[str, float] | None = None,
    sides: Mapping[str, float] | None = None,
    vetoing: Sequence[str] = (),
) -> list[Term]:
    """Every term of the values of the three ballots, with its words (the arguments are those of
    :func:`verdict`)."""
    out: list[Term] = []
    for dim, d in why["utility"]["by_dimension"].items():
        gain = d["draft"] - d["status_quo"]
        out.append(
            Term("dimension", dim, gain, GAIN, _dimension_words(dim, d, (position or {}).get(dim), gain))
        )
    against = why.get("weighed_against")
    if against:
        for alt in against["alternatives"]:
            out.append(
                Term("fallback", alt["draft"], -alt["comes_up"] * alt["worth"], GAIN, _fallback_words(alt))
            )
    for sign in (1.0, -1.0):
        pulls = {name: pull for name, pull in why["alignment"].items() if pull * sign > 0}
        if pulls:
            total = _total(pulls.values())
            out.append(Term("allies", ", ".join(pulls), total, GAIN, _allies_words(pulls, sides or {})))
    for name, added in why.get("requested_by", {}).items():
        out.append(Term("request", name, added, GAIN, f"{the(name)}, to which it defers, asked for the text"))
    condition = why.get("condition")
    if condition and condition.get("adds"):
        bound = condition_range(condition["dimension"], condition["at_least"], condition["at_most"])
        said = "whatever the text" if bound is None else f"if {bound}"
        words = f"it said in public it would vote yes {said}, and the draft meets that"
        out.append(Term("promise", "", condition["adds"], GAIN, words))
    if why.get("inducement", 0.0):
        offers = _names(list(why.get("offers_from", {}))) or "others"
        words = f"{offers} offered it something for a yes"
        out.append(Term("inducement", "", why["inducement"], ONLY["yes"], words))
    apart = why.get("abstain_price", 0.0)
    if apart:
        words = f"abstaining on a text likely to pass would set it apart ({apart:.2f})"
        out.append(Term("apart", "", -apart, ONLY["abstain"], words))
    cost = why["cost_of_no"]
    share = why.get("veto_share", 1.0)
    if cost:
        if not why["no_is_veto"]:
            words = f"a vote against would cost it {cost:.2f}"
        elif f"{cost * share:.2f}" != f"{cost:.2f}":
            words = f"a veto would cost it {cost:.2f}, {cost * share:.2f} as its share of the blame"
        else:
            words = f"a veto would cost it {cost:.2f}"
        out.append(Term("price", "", -cost, ONLY["no"], words))
        if share < 1.0:
            others = f"{_names(vetoing)} {'is' if len(vetoing) == 1 else 'are'}" if vetoing else "others are"
            words = f"a veto costs it only {cost * share:.2f}, since {others} likely to veto too"
            words += f" ({_share_words(share)})"
            out.append(Term("blame", "", cost * (1.0 - share), ONLY["no"], words))
    return out


def _total(numbers: Iterable[float]) -> float:
    total = 0.0
    for number in numbers:
        total += number
    return total


def _dimension_words(dim: str, d: Mapping[str, float], at: float | None, gain: float) -> str:
    label = dim.replace("-", " ").replace("_", " ")
    want = f"about {d['position']:.0f}"
    if abs(d["position"] - d["ideal"]) >= PRESSED:
        want += f", pressed there from {d['ideal']:.0f}"
    if at is None:
        return f"the draft moves {label} {'toward' if gain > 0 else 'away from'} what it wants ({want})"
    gap = abs(at - d["position"])
    if gain > 0:
        how = "is close to" if gap < 10 else "is a step toward"
    else:
        how = "is far from" if gap >= 25 else "is a step away from"
    return f"the draft's {label} ({at:g}) {how} what it wants ({want})"


def _fallback_words(alt: Mapping[str, Any]) -> str:
    symbol = alt["draft"]
    if alt["own"]:
        if alt["worth"] >= 0:
            return f"a yes would end its own draft {symbol}"
        return f"a yes would spare its own draft {symbol} a defeat"
    comes = "follows" if alt["comes_up"] >= 0.995 else f"may come up ({alt['comes_up']:.0%})"
    # the term's value is -worth: a yes gives up what the alternative is worth, good or bad
    worth = "worth something to it too" if alt["worth"] > 0 else "which it likes less"
    return f"if the draft fails, {symbol} {comes} (adoption {alt['adopted']:.0%}), {worth}"


def _allies_words(pulls: Mapping[str, float], sides: Mapping[str, float]) -> str:
    """The pulls of one sign: allies for or against the draft, foes for or against it, in words.
    An ally's stance is the sign of its pull, a foe's the opposite (docs/model.md 4.2)."""
    heavy = {n: p for n, p in pulls.items() if abs(p) >= NEGLIGIBLE} or pulls
    groups: dict[tuple[str, bool], list[str]] = {}
    for name, pull in sorted(heavy.items(), key=lambda item: -abs(item[1])):
        weight = sides.get(name, 0.0)
        role = "ally" if weight > 0 else "foe" if weight < 0 else ""
        likes = (pull > 0) == (weight >= 0)
        groups.setdefault((role, likes), []).append(name)
    said = []
    for (role, likes), names in groups.items():
        many = len(names) > 1
        stance = ("favour" if many else "favours") if likes else ("lean" if many else "leans") + " against"
        draft = "it" if said else "the draft"
        if role == "ally":
            said.append(f"its all{'ies' if many else 'y'} {_names(names)} {stance} {draft}")
        elif role == "foe":
            moves = "draws it closer" if likes is False else "pushes it away"
            said.append(f"{_names(names)}, its foe{'s' if many else ''}, {stance} {draft}, which {moves}")
        else:
            toward = "toward" if next(iter(pulls.values())) > 0 else "away from"
            said.append(f"{_names(names)} pull{'' if many else 's'} it {toward} {draft}")
    return ", and ".join(said)


def _share_words(share: float) -> str:
    for value, words in (
        (0.5, "half the blame"),
        (1 / 3, "a third of the blame"),
        (0.25, "a quarter of the blame"),
    ):
        if abs(share - value) < 0.02:
            return words
    return f"{share:.0%} of the blame"


def _names(names: Sequence[str]) -> str:
    return joined([the(n) for n in names])


def side(name: str, sides: Mapping[str, float] | None) -> str:
    """``name (ally)`` or ``name (foe)`` by the sign of its alignment in ``sides``; the name alone
    when it is not known."""
    weight = (sides or {}).get(name, 0.0)
    return f"{name} (ally)" if weight > 0 else f"{name} (foe)" if weight < 0 else name


def leaning(probabilities: Mapping[str, float]) -> str:
    """The most likely ballot (ties as the engine breaks them: sim/engine/model.py, reasons)."""
    return max((probabilities[b], b) for b in BALLOTS)[1]


def verdict(
    why: Mapping[str, Any],
    *,
    sides: Mapping[str, float] | None = None,
    position: Mapping[str, float] | None = None,
    vetoing: Sequence[str] = (),
    cast: bool = True,
    votes: bool = True,
) -> Verdict:
    """The reasons that decide the ballot of the member ``why`` explains, in words.

    ``sides``: its alignments by actor name (> 0 an ally, < 0 a foe), to name allies and foes as
    such; ``position``: the draft's, by dimension; ``vetoing``: the other permanent members likely
    to veto the draft; ``cast``: the ballot was cast (else the explanation is of a leaning before
    the vote); ``votes``: the actor has a vote (else it is weighed by what it gains).
    """
    probabilities = why["probabilities"]
    all_terms = terms(why, position, sides, vetoing)
    if not votes:
        return _outsider(all_terms)
    ballot = why["vote"] or leaning(probabilities)
    if why.get("sponsor"):
        text = "Votes yes: it sponsors the draft, and the text stays within its red lines."
        return Verdict(ballot, "yes", "abstain", 0.0, (), None, None, text)
    lean = leaning(probabilities)
    drawn = ballot != lean
    worth = dict(zip(BALLOTS, values(why), strict=True))
    # the runner-up by value: probabilities rounded to 0 may tie where the values do not
    other = ballot if drawn else max((worth[b], b) for b in BALLOTS if b != lean)[1]
    weighed = _weighed(all_terms, lean, other)
    margin = _total(w for _, w in weighed)
    chosen = _heaviest(weighed)
    nor: Reason | None = None
    third = next(b for b in BALLOTS if b not in (lean, other))
    if lean == "abstain" and not drawn and probabilities[third] >= 0.02:
        # an abstention is neither ballot: say also why not the third one, when it is in view
        best = _heaviest(_weighed(all_terms, lean, third), most=1)
        if best and best[0].term not in [r.term for r in chosen]:
            nor = best[0]
    though = _though(weighed, chosen, also=() if nor is None else (nor.term,))
    body = "; ".join(r.words for r in chosen) or "it is all but indifferent"
    if though is not None:
        body += f"; though {though.words}"
    if nor is not None:
        body += f"; nor will it vote {third}: {nor.words}"
    head = _head(why, ballot, lean, other, probabilities, drawn, cast)
    text = f"{head} It leaned {lean} because {body}." if drawn else f"{head}: {body}."
    return Verdict(ballot, lean, other, margin, tuple(chosen), though, nor, text)


def _weighed(all_terms: list[Term], lean: str, other: str) -> list[tuple[Term, float]]:
    """Each term with what it adds to value(lean) - value(other) (those that add nothing left out)."""
    li, oi = BALLOTS.index(lean), BALLOTS.index(other)
    return [(t, (t.enters[li] - t.enters[oi]) * t.value) for t in all_terms if t.enters[li] != t.enters[oi]]


def _heaviest(weighed: list[tuple[Term, float]], most: int = MOST) -> list[Reason]:
    """The heaviest terms for the leaning, heaviest first: at most ``most``, each weighing at
    least SHARE_OF_TOP of the first."""
    ranked = sorted((pair for pair in weighed if pair[1] >= NEGLIGIBLE), key=lambda pair: -pair[1])
    if not ranked:
        return []
    top = ranked[0][1]
    return [Reason(t, w) for t, w in ranked[:most] if w >= SHARE_OF_TOP * top]


def _though(
    weighed: list[tuple[Term, float]], chosen: list[Reason], also: Sequence[Term] = ()
) -> Reason | None:
    """The heaviest reason against the leaning, if it weighs THOUGH of the heaviest for it; not
    one given already (``also``: given elsewhere), nor the price of a veto when the blame shared
    was given (its words give the price)."""
    if not chosen:
        return None
    kinds = {r.term.kind for r in chosen}
    given = [r.term for r in chosen] + list(also)
    candidates = [
        (t, w)
        for t, w in weighed
        if w <= -NEGLIGIBLE and t not in given and not (t.kind == "price" and "blame" in kinds)
    ]
    if not candidates:
        return None
    term, weight = min(candidates, key=lambda pair: pair[1])
    return Reason(term, weight) if -weight >= THOUGH * chosen[0].weight else None


def _ballot_words(ballot: str, why: Mapping[str, Any], cast: bool) -> str:
    if ballot == "abstain":
        return "Abstains" if cast else "Leans to abstain"
    veto = " (a veto)" if ballot == "no" and why["no_is_veto"] else ""
    return f"{'Votes' if cast else 'Leans'} {ballot}{veto}"


def _head(
    why: Mapping[str, Any],
    ballot: str,
    lean: str,
    other: str,
    probabilities: Mapping[str, float],
    drawn: bool,
    cast: bool,
) -> str:
    head = _ballot_words(ballot, why, cast)
    if drawn:
        return f"{head}, a draw: its leaning was {lean} ({probabilities[lean]:.2f}); the draw gave {ballot}."
    if probabilities[lean] < CLOSE:
        head += f", a close call ({lean} {probabilities[lean]:.0%}, {other} {probabilities[other]:.0%})"
    return head


def _outsider(all_terms: list[Term]) -> Verdict:
    """An actor with no vote: whether it wants the draft adopted, and why (its gain Δ' - F)."""
    gain_terms = [t for t in all_terms if t.enters == GAIN]
    gain = _total(t.value for t in gain_terms)
    sign = 1.0 if gain >= 0 else -1.0
    weighed = [(t, sign * t.value) for t in gain_terms]
    chosen = _heaviest(weighed)
    though = _though(weighed, chosen)
    if abs(gain) < 0.02:
        head = "Has little at stake in the draft"
    else:
        head = "Wants the draft adopted" if gain > 0 else "Wants the draft to fail"
    body = "; ".join(r.words for r in chosen) or "nothing in it touches what it wants"
    if though is not None:
        body += f"; though {though.words}"
    want = "yes" if gain > 0 else "no"
    return Verdict(want, want, "abstain", gain, tuple(chosen), though, None, f"{head}: {body}.")


def moved_by(why: Mapping[str, Any], most: int = 3) -> str:
    """What moved the member this game, in words: who lobbied it most (points moved), who offered
    it something, and the events that changed it; '' when nothing did."""
    said = []
    lobbied = sorted(why.get("lobbied_by", {}).items(), key=lambda item: (-item[1], item[0]))
    lobbied = [(name, points) for name, points in lobbied if points >= 0.05]
    if lobbied:
        named = [
            f"{the(name)} ({points:.1f}{' points' if i == 0 else ''})"
            for i, (name, points) in enumerate(lobbied[:most])
        ]
        more = len(lobbied) - most
        said.append("lobbied by " + joined(named + ([f"{more} more"] if more > 0 else [])))
    if why.get("offers_from"):
        said.append("offers from " + _names(list(why["offers_from"])))
    counts: dict[str, int] = {}
    for event in why.get("events", []):
        counts[event["event"]] = counts.get(event["event"], 0) + 1
    if counts:
        said.append(
            "events: " + "; ".join(name + (f" ({n} times)" if n > 1 else "") for name, n in counts.items())
        )
    return ("Moved this game: " + "; ".join(said) + ".") if said else ""


def sides_of(
    alignments: Mapping[str, Mapping[str, Any]], names: Mapping[str, str], sampled: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Each actor's alignments by name (member name -> other name -> weight), from the profiles'
    ``alignments`` (by actor id: a number, or a range or normal whose draw ``sampled`` holds, as a
    run record's ``sampled`` names it) and the actors' ``names`` by id."""
    out: dict[str, dict[str, float]] = {}
    for actor, table in alignments.items():
        row: dict[str, float] = {}
        for other, value in table.items():
            drawn = sampled.get(f"actors.{actor}.alignments.{other}")
            row[names.get(other, other)] = drawn if drawn is not None else _centre(value)
        out[names.get(actor, actor)] = row
    return out


def scenario_sides(spec: Scenario, sampled: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """:func:`sides_of` a scenario's actors, with the draws of a run (its record's ``sampled``)."""
    actors = spec.actors
    return sides_of(
        {key: actor.alignments for key, actor in actors.items()},
        {key: actor.name for key, actor in actors.items()},
        sampled,
    )


def _centre(value: Any) -> float:
    if isinstance(value, int | float):
        return float(value)
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    if low is not None and high is not None:
        return (low + high) / 2
    return float(getattr(value, "mean", 0.0))


def vetoing(explanations: Mapping[str, Mapping[str, Any]], member: str) -> list[str]:
    """The permanent members other than ``member`` whose most likely ballot on the draft is a veto."""
    return sorted(
        name
        for name, why in explanations.items()
        if name != member and why.get("no_is_veto") and leaning(why["probabilities"]) == "no"
    )

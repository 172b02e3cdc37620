"""What a seat plays for: per draft, what the actor wants of it, ranked, in words.

Derived from the actor's profile and the scenario alone, never written per scenario, with the
engine's own utility (:func:`sim.engine.voting.utility`, linear loss weighted by salience):

* ``gain``: the actor's utility of the draft's position less that of the status quo. Above
  :data:`INDIFFERENT` it wants the draft adopted, below ``-INDIFFERENT`` blocked; between them
  the draft changes little it cares about.
* ``fallback``: what the draft's failure brings, as the engine weighs a vote
  (sim/engine/fallback.py, :func:`~sim.engine.fallback.alternatives`): the drafts its adoption
  would end (those tabled ``unless_adopted`` it, and the draft it is the rival of) come up in
  the order of their vote dates. The first of them is named, with ``over_failure``, the gain of
  the draft over that one as if it were adopted (the engine weighs it by its odds, which depend
  on the run; the objectives hold for every run).
* ``price_of_no``: what blocking costs the actor by its profile: a veto's price (``costs.veto``)
  for a permanent member on a substantive draft, a vote against's (``costs.against``) for any
  other member; None off the Council.

Numbers given as distributions are read at their centre (:func:`sim.scenario.uncertain.centre`),
and events are not applied: the objectives are those of the start of the game. The actor wants a
draft adopted or blocked by its gain over what failure brings (``over_failure``), or over the
status quo when nothing comes up next. Ranked: drafts wanted for their own text first, by how much
it matters to the actor (``|gain|``); then those wanted for what their failure brings; then those
that change little.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from ..engine.voting import utility
from ..scenario.loading import LoadedScenario
from ..scenario.spec import Draft, Scenario
from ..scenario.uncertain import centre
from .naming import draft_name

INDIFFERENT = 0.01
"""A gain smaller than this (in the units of utility) is no reason to want a draft either way."""
NO_OBJECTIVES = "An observer holds no seat and has no objectives: the engine plays every actor."

Want = Literal["adopted", "blocked", "indifferent"]


@dataclass(frozen=True)
class Shift:
    """How a draft moves one dimension from the status quo, and what that is worth to the actor."""

    dimension: str
    label: str
    before: float
    """The status quo's position."""
    after: float
    """The draft's position."""
    ideal: float
    """The actor's ideal."""
    worth: float
    """Its share of the gain: salience x (distance before - distance after) / 100."""


@dataclass(frozen=True)
class Objective:
    """What the actor wants of one draft."""

    draft: str
    symbol: str
    title: str
    want: Want
    gain: float
    """Utility of the draft's position less that of the status quo."""
    sponsor: bool
    shifts: tuple[Shift, ...]
    """The dimensions the draft moves, those that count most for ``want`` first."""
    fallback: str | None
    """The symbol of the draft that comes up next if this one fails, if any."""
    fallback_gain: float | None
    """The actor's gain from that draft over the status quo."""
    over_failure: float | None
    """``gain`` less ``fallback_gain``: what this draft is worth over the next one."""
    price_of_no: float | None
    """What a "no" costs the actor: a veto's price or a vote against's; None off the Council."""
    veto: bool
    """Whether its "no" would be a veto."""
    said: str
    """The objective in words."""


@dataclass(frozen=True)
class Objectives:
    """A seat's objectives, ranked; an observer's are none."""

    actor: str | None
    name: str
    role: str
    """The seat in words: "a permanent member, with the veto", "an elected member"..."""
    items: tuple[Objective, ...]

    @property
    def lines(self) -> list[str]:
        """The objectives in words, ranked (one line for an observer)."""
        return [item.said for item in self.items] if self.actor is not None else [NO_OBJECTIVES]

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "name": self.name,
            "role": self.role,
            "objectives": [asdict(item) for item in self.items],
            "lines": self.lines,
        }


def objectives(scenario: LoadedScenario | Scenario, actor: str | None) -> Objectives:
    """The objectives of ``actor``'s seat in ``scenario``, ranked; ``None`` is an observer."""
    spec = scenario.spec if isinstance(scenario, LoadedScenario) else scenario
    if actor is None:
        return Objectives(None, "Observer", "an observer", ())
    if actor not in spec.actors:
        raise KeyError(actor)
    profile = spec.actors[actor]
    dims = list(spec.dimensions)
    ideal = [centre(profile.ideal[d]) for d in dims]
    salience = [centre(profile.salience[d]) for d in dims]
    status_quo = [centre(spec.status_quo[d]) for d in dims]
    permanent = actor in spec.council.permanent
    member = permanent or actor in spec.council.elected

    def gain_of(draft: Draft) -> float:
        position = [float(draft.position[d]) for d in dims]
        return utility(ideal, salience, position) - utility(ideal, salience, status_quo)

    items = []
    for key, draft in spec.drafts.items():
        gain = gain_of(draft)
        following = next_on_agenda(spec, key)
        fallback_gain = gain_of(spec.drafts[following]) if following is not None else None
        decisive = gain - fallback_gain if fallback_gain is not None else gain
        want: Want = (
            "adopted" if decisive > INDIFFERENT else "blocked" if decisive < -INDIFFERENT else "indifferent"
        )
        shifts = []
        for i, dim in enumerate(dims):
            after = float(draft.position[dim])
            if after == status_quo[i]:
                continue
            worth = salience[i] * (abs(status_quo[i] - ideal[i]) - abs(after - ideal[i])) / 100.0
            label = spec.dimensions[dim].label
            shifts.append(Shift(dim, label, status_quo[i], after, ideal[i], worth))
        shifts.sort(key=lambda s: -s.worth if want != "blocked" else s.worth)
        veto = permanent and not draft.procedural
        price = None
        if member:
            price = centre(profile.costs.veto) if veto else centre(profile.costs.against)
        item = Objective(
            draft=key,
            symbol=draft_name(draft.symbol, draft.title, adopted=False),
            title=draft.title,
            want=want,
            gain=round(gain, 4),
            sponsor=actor in draft.sponsors,
            shifts=tuple(shifts),
            fallback=named(spec.drafts[following]) if following is not None else None,
            fallback_gain=round(fallback_gain, 4) if fallback_gain is not None else None,
            over_failure=round(gain - fallback_gain, 4) if fallback_gain is not None else None,
            price_of_no=round(price, 4) if price is not None else None,
            veto=veto,
            said="",
        )
        items.append(_worded(item, member))
    items.sort(key=_rank)
    if permanent:
        role = "a permanent member, with the veto"
    elif member:
        role = "an elected member: nine votes are needed, so yours can decide"
    else:
        role = "outside the Council: you have no vote, you lobby"
    return Objectives(actor, profile.name, role, tuple(items))


def _for_itself(item: Objective) -> bool:
    """Whether the draft's own text is why the actor wants it adopted or blocked (not only what its
    failure would bring)."""
    if item.want == "adopted":
        return item.gain > INDIFFERENT
    return item.want == "blocked" and item.gain < -INDIFFERENT


def _rank(item: Objective) -> tuple[bool, bool, float]:
    """Drafts wanted for their own text first, by how much it matters (``|gain|``); then those
    wanted for what their failure brings; then those that change little."""
    return item.want == "indifferent", not _for_itself(item), -abs(item.gain)


def next_on_agenda(spec: Scenario, key: str) -> str | None:
    """The draft that comes up first if ``key`` fails: the first (by vote date) of the drafts its
    adoption would end, as :func:`sim.engine.fallback.alternatives` finds them in a run."""
    draft = spec.drafts[key]
    last_day = spec.schedule[-1].date if spec.schedule else draft.vote_on
    found = [
        (other.vote_on, other.tabled, other_key)
        for other_key, other in spec.drafts.items()
        if other_key != key
        and other.rival_of != key
        and other.tabled <= last_day
        and (key in other.unless_adopted or draft.rival_of == other_key)
    ]
    return min(found)[2] if found else None


def _lower(label: str) -> str:
    """A dimension's label inside a sentence: "Political transition" -> "political transition",
    but "UN presence" keeps its capitals."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _shift_words(shift: Shift) -> str:
    """The ideal is the profile's (the middle of its range): a game draws its own position from
    the range and moves it, and the move form shows that one as "where you stand now"."""
    return (
        f"{_lower(shift.label)} from {shift.before:.0f} to {shift.after:.0f},"
        f" your profile's ideal {shift.ideal:.0f}"
    )


def _worded(item: Objective, member: bool) -> Objective:
    """``item`` with its objective in words."""
    symbol = f"your {item.symbol}" if item.sponsor else item.symbol
    adopt = item.want == "adopted"
    if item.want == "indifferent":
        said = f"{symbol} changes little you care about ({item.gain:+.2f} to you over the status quo)"
        said = said[0].upper() + said[1:]
        if member:
            said += ": your vote on it is free to trade"
        return replace(item, said=said)
    if adopt:
        verb = f"Get {symbol} adopted" if member else f"Press the Council to adopt {symbol}"
    elif not member:
        verb = f"Press the Council to reject {symbol}"
    else:
        verb = f"Block {symbol}" if item.veto else f"Vote down {symbol}, or see it fall short of nine votes"
    worth = f"{item.gain:+.2f} to you over the status quo"
    fallback, fallback_gain = item.fallback, item.fallback_gain
    lead = [s for s in item.shifts if s.worth != 0 and (s.worth > 0) == adopt]
    for_itself = _for_itself(item)
    if for_itself or fallback is None or fallback_gain is None:
        reason = f"{_shift_words(lead[0])}; {worth}" if lead and for_itself else worth
        then = ""
        if fallback is not None and fallback_gain is not None:
            if fallback_gain > INDIFFERENT:
                when = "failing that," if adopt else "then"
                then = f"; {when} get {fallback} adopted ({fallback_gain:+.2f} to you)"
            elif fallback_gain < -INDIFFERENT:
                then = f"; its failure would bring {fallback} to the vote, which you would rather see fail"
            else:
                then = f"; if it fails, {fallback} comes up next, which changes little for you"
    else:  # wanted (or not) for what its failure brings, not for itself
        reason = f"{worth}, but its failure brings {fallback} to the vote, worth {fallback_gain:+.2f} to you"
        then = ""
    said = f"{verb} ({reason}){then}"
    if not adopt and item.price_of_no is not None:
        said += f"; {'a veto' if item.veto else 'a vote against'} costs you about {item.price_of_no:.2f}"
        stake = item.over_failure if item.over_failure is not None else item.gain
        if item.price_of_no > abs(stake):
            said += ", more than the draft would cost you"
    return replace(item, said=said)


def named(draft: Draft) -> str:
    """A draft of the scenario as the objectives call it: not yet the resolution it may become."""
    return draft_name(draft.symbol, draft.title, adopted=False)

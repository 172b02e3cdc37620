"""What a member weighs a draft against: not the status quo alone, but what the agenda would
bring if the draft fails (docs/model.md, section 4.3).

Adopting a draft ends the drafts it pre-empts: the draft it answers as a rival, and the drafts
tabled only unless it is adopted (``unless_adopted``). Those are the draft's *alternatives*:
if it fails they still come up, in the order of their vote dates, each adopted with the chance
it has now; the first adopted ends the rest. A member's fallback is the expected gain of that
sequence; a sponsor of an alternative also counts what its own vote is worth to it (forcing a
veto onto the record, the cost of a failure), as it does when it decides to call that vote.

The chances are those of each alternative weighed against the status quo alone (members look
one step ahead, not at the fallbacks of the fallbacks), so nothing is circular.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import voting
from .chamber import Chamber
from .drafts import DraftState, DraftStatus, within_red_lines
from .picture import GainCache, Reference

STILL_TO_COME = (DraftStatus.open, DraftStatus.pending)


@dataclass(frozen=True)
class Alternative:
    """One draft that a draft's adoption would end, as members expect it if the draft fails."""

    draft: DraftState
    reached: float
    """The chance that it comes to a vote: no earlier alternative was adopted."""
    odds: tuple[float, float, float]
    """Its (adopted, vetoed, failed) chances at its current text, weighed against the status quo."""
    gains: tuple[float, ...] = ()
    """Each actor's gain from it over the status quo (by actor index), as the reference used them."""


def alternatives(model: Chamber, draft: DraftState) -> list[DraftState]:
    """The drafts still to come that ``draft``'s adoption would end, in the order they come up.
    A rival of ``draft`` is not one: it lapses when ``draft`` leaves the table, whatever happens."""
    last_day = model.schedule[-1].date
    found = [
        other
        for other in model.drafts.values()
        if other is not draft
        and other.status in STILL_TO_COME
        and other.rival_of != draft.key
        and other.tabled <= last_day
        and (draft.key in other.unless_adopted or draft.rival_of == other.key)
    ]
    found.sort(key=lambda d: (d.vote_on, d.tabled))
    return found


def sure_yes(model: Chamber, draft: DraftState) -> list[bool]:
    """Per seat: a sponsor of ``draft`` while its text stays within the sponsors' red lines."""
    within = within_red_lines(draft, model.dims)
    return [within and member.key in draft.sponsors for member in model.picture.council]


def regard(model: Chamber, draft: DraftState) -> list[float] | None:
    """Per seat, what the organisations that requested ``draft`` add to the member's gain from
    it: request_weight x the member's deference to each; None if nobody requested it."""
    if not draft.requested_by:
        return None
    weight = model.picture.tuning.request_weight
    found: list[float] = []
    for member in model.picture.council:
        total = 0.0
        for organisation in draft.requested_by:
            total += member.deference.get(organisation, 0.0)
        found.append(weight * total)
    return found


def promises(model: Chamber, draft: DraftState) -> list[tuple[int, int, float, float]] | None:
    """The members' stated conditions for a yes on ``draft`` (sim/engine/moves.Condition), as
    (seat, dimension index, lowest, highest), in Council order; None if nobody stated one."""
    stated = draft.conditions
    if not stated:
        return None
    found: list[tuple[int, int, float, float]] = []
    for member in model.picture.council:
        condition = stated.get(member.key)
        if condition is not None:
            found.append((member.seat, condition[0], condition[1], condition[2]))
    return found


def reference(model: Chamber, draft: DraftState) -> Reference:
    """How a vote on ``draft`` is weighed now (kept by the picture until it forgets)."""
    picture: GainCache = model.picture
    known = picture.references.get(draft.key)
    if known is not None:
        return known
    sponsors = sure_yes(model, draft)
    expected = expectations(model, draft)
    offsets: list[float] | None = None
    if expected:
        offsets = [0.0] * len(picture.actors)
        failure_cost = picture.tuning.failure_cost
        for k in range(len(expected)):
            alternative = expected[k]
            adopted, vetoed, failed = alternative.odds
            weight = alternative.reached * adopted
            at = picture.at(alternative.draft.position)
            gains = tuple(at.gain(actor.index) for actor in picture.actors)
            expected[k] = Alternative(alternative.draft, alternative.reached, alternative.odds, gains)
            for actor in picture.actors:
                offsets[actor.index] += weight * gains[actor.index]
            for key in alternative.draft.sponsors:
                sponsor = picture.by_key[key]
                offsets[sponsor.index] += alternative.reached * (
                    vetoed * sponsor.forcing - failed * failure_cost
                )
    picture.expected[draft.key] = expected
    known = Reference(
        draft.key, draft.procedural, offsets, sponsors, regard(model, draft), promises(model, draft)
    )
    picture.references[draft.key] = known
    return known


def expectations(model: Chamber, draft: DraftState) -> list[Alternative]:
    """Each alternative of ``draft`` with the chance it comes to a vote and its odds there."""
    picture: GainCache = model.picture
    found: list[Alternative] = []
    reached = 1.0
    for other in alternatives(model, draft):
        level_one = Reference(
            "", other.procedural, None, sure_yes(model, other), regard(model, other), promises(model, other)
        )
        probabilities = picture.members(picture.council, other.position, level_one)
        odds = voting.outcome_odds(probabilities, picture.vetoes, other.procedural)
        found.append(Alternative(other, reached, odds))
        reached *= 1.0 - odds[0]
    return found


def weighed_against(model: Chamber, actor: str, draft: DraftState) -> dict | None:
    """For explanations: what ``actor`` expects if ``draft`` fails, term by term and in words;
    None when that is the status quo alone."""
    picture: GainCache = model.picture
    fallback = reference(model, draft).offsets
    expected: list[Alternative] = picture.expected.get(draft.key, [])
    if not expected:
        return None
    me = picture.by_key[actor]
    failure_cost = picture.tuning.failure_cost
    terms = []
    words = []
    for alternative in expected:
        other = alternative.draft
        adopted, vetoed, failed = alternative.odds
        gain = alternative.gains[me.index]
        own = actor in other.sponsors
        worth = adopted * gain + (vetoed * me.forcing - failed * failure_cost if own else 0.0)
        terms.append(
            {
                "draft": other.symbol,
                "comes_up": round(alternative.reached, 4),
                "adopted": round(adopted, 4),
                "gain": round(gain, 4),
                "own": own,
                "worth": round(worth, 4),
            }
        )
        if own:
            words.append(
                f"a yes would end our own draft {other.symbol}, worth {worth:+.2f} to us if it goes "
                f"to the vote (adoption {adopted:.0%}, veto {vetoed:.0%})"
            )
        else:
            words.append(
                f"if this fails, {other.symbol} comes up (adoption {adopted:.0%}), worth {gain:+.2f} to us"
            )
    value = 0.0 if fallback is None else fallback[me.index]
    words.append(f"so we weigh this draft against {value:+.3f}, not against the status quo")
    return {"fallback": round(value, 4), "alternatives": terms, "said": "; ".join(words)}

"""Why a member voted as it did: its utilities by dimension and what moved it in this run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import fallback, voting
from .chamber import Chamber, Member
from .drafts import DraftState


def explain_vote(
    model: Chamber, member: Member, draft: DraftState, probabilities: Sequence[float], ballot: str
) -> dict[str, Any]:
    """The explanation stored with each ballot of a vote record."""
    draft_losses = voting.dimension_losses(member.position, member.salience, draft.position)
    sq_losses = voting.dimension_losses(member.position, member.salience, model.status_quo)
    by_dimension = {
        dim: {
            "draft": round(-draft_losses[i], 4),
            "status_quo": round(-sq_losses[i], 4),
            "position": round(member.position[i], 1),
            "ideal": round(member.ideal[i], 1),
            "salience": round(member.salience[i], 3),
        }
        for i, dim in enumerate(model.dims)
    }
    gains = model.picture.at(draft.position, fallback.reference(model, draft))
    allies = {
        model.actors[other].name: round(
            model.parameters.alignment_pull * weight * gains.stance(model.actors[other].state.index), 4
        )
        for other, weight in member.alignments.items()
    }
    lobbied: dict[str, float] = {}
    offers: dict[str, float] = {}
    statements: dict[str, float] = {}
    for entry in member.pressure:
        for key, tally in (("shift", lobbied), ("inducement", offers), ("veto_price", statements)):
            if key in entry:
                tally[entry["by"]] = round(tally.get(entry["by"], 0.0) + abs(entry[key]), 3)
    cost = member.cost_of_no(draft.procedural)
    why = {
        "vote": ballot,
        "probabilities": {c.value: round(p, 4) for c, p in zip(voting.CHOICES, probabilities, strict=True)},
        "utility": {
            "draft": round(-_total(draft_losses), 4),
            "status_quo": round(-_total(sq_losses), 4),
            "by_dimension": by_dimension,
        },
        "alignment": allies,
        "cost_of_no": round(cost, 3),
        "no_is_veto": member.has_veto and not draft.procedural,
        "lobbied_by": lobbied,
        "inducement": round(member.inducement, 4),
        "offers_from": offers,
        "statements_from": statements,
        "events": [dict(shock) for shock in member.shocks],
        "weighed_against": fallback.weighed_against(model, member.key, draft),
        "requested_by": {
            model.actors[organisation].name: round(
                model.parameters.request_weight * member.state.deference[organisation], 4
            )
            for organisation in draft.requested_by
            if member.state.deference.get(organisation, 0.0) > 0.0  # only those it defers to
        },
        "veto_share": round(
            model.picture.blame(draft.position, fallback.reference(model, draft))[member.state.seat], 4
        )
        if member.state.seat >= 0
        else 1.0,
        "abstain_price": round(model.picture.apart(draft.position, fallback.reference(model, draft)), 4),
        "sponsor": member.key in draft.sponsors,
    }
    condition = draft.conditions.get(member.key)
    if condition is not None:  # only then: a record with no condition stays as it was
        index, low, high, _ = condition
        met = low <= draft.position[index] <= high
        why["condition"] = {
            "dimension": model.dims[index],
            "at_least": low,
            "at_most": high,
            "met": met,
            "adds": model.parameters.promise if met else 0.0,
        }
    return why


def _total(values: list[float]) -> float:
    """sum(values) as Python 3.11 adds floats, term by term (3.12 compensates its rounding)."""
    total = 0.0
    for value in values:
        total += value
    return total

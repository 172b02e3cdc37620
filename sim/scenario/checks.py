"""Checks that span files: ids that must exist, a well-formed Council, fields events may change,
a dated reason for each change to a shared profile."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import ProvenanceError, ScenarioReferenceError
from .overrides import Override
from .profiles import NUMBERS, ActorProfile, Seat, number_range
from .spec import Change, Scenario
from .strict import suggestion
from .yamlsafe import Document

PERMANENT_SEATS = 5
COUNCIL_SEATS = 15


def changeable_fields(profile: ActorProfile) -> set[str]:
    """Every dotted numeric field of ``profile`` that an event may change: each of its numbers
    (profiles.NUMBERS), one per key of a mapping (``ideal.coercion``, ``alignments.china``; the
    keys of ``ideal`` and ``salience`` are the scenario's dimensions, checked before events)."""
    fields: set[str] = set()
    for number in NUMBERS:
        if number.keyed:
            mapping: Any = profile
            for part in number.path:
                mapping = getattr(mapping, part)
            fields |= {f"{number.field}.{key}" for key in mapping}
        else:
            fields.add(number.field)
    return fields


def check_references(spec: Scenario, doc: Document) -> None:
    """Raise :class:`ScenarioReferenceError` at the first reference that does not resolve."""

    def fail(message: str, *path: str | int) -> None:
        field = doc.dotted(path)
        raise ScenarioReferenceError(f"{field}: {message}" if field else message, *doc.locate(path))

    actors = spec.actors
    dims = set(spec.dimensions)

    def known_actor(actor_id: str, *path: str | int) -> None:
        if actor_id not in actors:
            fail(f"unknown actor '{actor_id}'{suggestion(actor_id, set(actors))}", *path)

    def known_draft(draft_id: str, *path: str | int) -> None:
        if draft_id not in spec.drafts:
            fail(f"unknown draft '{draft_id}'{suggestion(draft_id, set(spec.drafts))}", *path)

    def dimension_keys(mapping: dict, complete: bool, *path: str | int) -> None:
        for key in mapping:
            if key not in dims:
                fail(f"unknown dimension '{key}'{suggestion(key, dims)}", *path, key)
        missing = dims - set(mapping)
        if complete and missing:
            fail(f"no value for dimension(s) {', '.join(sorted(missing))}", *path)

    for actor_id, profile in actors.items():
        if profile.id != actor_id:
            fail(f"actor id '{profile.id}' does not match its key '{actor_id}'", "actors", actor_id, "id")
        dimension_keys(profile.ideal, True, "actors", actor_id, "ideal")
        dimension_keys(profile.salience, True, "actors", actor_id, "salience")
        for other in profile.alignments:
            known_actor(other, "actors", actor_id, "alignments", other)
            if other == actor_id:
                fail("an actor cannot be aligned with itself", "actors", actor_id, "alignments", other)
        for other in profile.deference:
            known_actor(other, "actors", actor_id, "deference", other)
            if other in actors and actors[other].kind != "organisation":
                fail(f"'{other}' is not an organisation to defer to", "actors", actor_id, "deference", other)

    _check_council(spec, fail, known_actor)
    dimension_keys(spec.status_quo, True, "status_quo")

    for draft_id, draft in spec.drafts.items():
        if not draft.sponsors:
            fail("a draft needs at least one sponsor", "drafts", draft_id, "sponsors")
        for index, sponsor in enumerate(draft.sponsors):
            known_actor(sponsor, "drafts", draft_id, "sponsors", index)
        dimension_keys(draft.position, True, "drafts", draft_id, "position")
        dimension_keys(draft.amendable, False, "drafts", draft_id, "amendable")
        for index, clause in enumerate(draft.clauses):
            if clause.dimension is not None and clause.dimension not in dims:
                where = ("drafts", draft_id, "clauses", index, "dimension")
                fail(f"unknown dimension '{clause.dimension}'{suggestion(clause.dimension, dims)}", *where)
        if draft.rival_of is not None:
            known_draft(draft.rival_of, "drafts", draft_id, "rival_of")
            if draft.rival_of == draft_id:
                fail("a draft cannot be tabled against itself", "drafts", draft_id, "rival_of")
        for index, other in enumerate(draft.requested_by):
            known_actor(other, "drafts", draft_id, "requested_by", index)
            if other in actors and actors[other].kind != "organisation":
                fail(
                    f"'{other}' is not an organisation: only organisations request drafts",
                    "drafts",
                    draft_id,
                    "requested_by",
                    index,
                )
        for index, other in enumerate(draft.unless_adopted):
            known_draft(other, "drafts", draft_id, "unless_adopted", index)
            if other == draft_id:
                fail("a draft cannot depend on its own adoption", "drafts", draft_id, "unless_adopted", index)

    for index in range(1, len(spec.schedule)):
        if spec.schedule[index].date <= spec.schedule[index - 1].date:
            fail("schedule rounds must be in date order, one per date", "schedule", index, "date")

    for event_id, event in spec.events.items():
        cond = event.condition
        if cond is not None:
            where = ("events", event_id, "condition")
            if cond.after_event is not None and cond.after_event not in spec.events:
                hint = suggestion(cond.after_event, set(spec.events))
                fail(f"unknown event '{cond.after_event}'{hint}", *where, "after_event")
            for key, draft in (("adopted", cond.adopted), ("not_adopted", cond.not_adopted)):
                if draft is not None:
                    known_draft(draft, *where, key)
        for index, change in enumerate(event.changes):
            where = ("events", event_id, "changes", index)
            known_actor(change.actor, *where, "actor")
            fields = changeable_fields(actors[change.actor])
            if change.field not in fields:
                fail(
                    f"'{change.field}' is not a field an event can change{suggestion(change.field, fields)}",
                    *where,
                    "field",
                )
            _check_change_value(change, fail, where)


def _check_change_value(change: Change, fail, where: tuple) -> None:
    """A ``set`` inside the field's range; an ``add`` no larger than the range is wide."""
    lo, hi = number_range(change.field)
    if change.set is not None and not lo <= change.set <= hi:
        fail(f"{change.set:g} is outside the allowed range {lo:g} to {hi:g} of {change.field}", *where, "set")
    if change.add is not None and abs(change.add) > hi - lo:
        fail(f"{change.add:g} is more than the whole range {lo:g} to {hi:g} of {change.field}", *where, "add")


def _check_council(spec: Scenario, fail, known_actor) -> None:
    council = spec.council
    members = council.permanent + council.elected
    listed: set[str] = set()
    for group in ("permanent", "elected"):
        for index, member in enumerate(getattr(council, group)):
            known_actor(member, "council", group, index)
            if member in listed:
                fail(f"'{member}' is listed twice in the Council", "council", group, index)
            listed.add(member)
    if len(council.permanent) != PERMANENT_SEATS or len(members) != COUNCIL_SEATS:
        fail(
            f"the Council must have {COUNCIL_SEATS} seats, {PERMANENT_SEATS} of them permanent; "
            f"found {len(members)} with {len(council.permanent)} permanent",
            "council",
        )
    expected = {m: Seat.permanent for m in council.permanent} | {m: Seat.elected for m in council.elected}
    for index, actor_id in enumerate(spec.outside):
        known_actor(actor_id, "outside", index)
        if actor_id in expected:
            fail(f"'{actor_id}' sits on the Council; outside lists actors who do not", "outside", index)
    for actor_id, profile in spec.actors.items():
        seat = expected.get(actor_id, Seat.none)
        if profile.seat is not None and profile.seat is not seat:
            fail(
                f"'{profile.seat.value}', but the Council lists it as '{seat.value}'",
                "actors",
                actor_id,
                "seat",
            )


def check_overrides(overrides: Iterable[Override]) -> None:
    """Raise :class:`ProvenanceError` at the first change to a shared profile that the provenance of
    the file making it gives no dated reason for."""
    for change in overrides:
        if change.date is None:
            raise ProvenanceError(
                f"{change.actor}.{change.field} overrides the shared profile without a dated reason "
                f"(give the provenance of '{change.actor}' here an entry with a date: that supports "
                f"{change.field})",
                change.file,
                change.line,
            )

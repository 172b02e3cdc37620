"""The scenario file's typed model: dimensions, Council, drafts, schedule and events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .profiles import ActorProfile, Seat
from .strict import Strict
from .uncertain import uncertain

Position = uncertain(0, 100)
Probability = uncertain(0, 1)
MAX_ROUNDS = 1000
"""The most rounds a schedule may have (a save holds at most as many)."""


class SeedArticle(Strict):
    """What a scenario is drawn from: a seed article, UN records, or both (at least one of them)."""

    # Editors learn the rule of _article_or_records from the JSON Schema (sim/scenario/schema.py).
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["seed"]},
                {"required": ["records"], "properties": {"records": {"minItems": 1}}},
            ]
        }
    )

    seed: str | None = None
    """Path of the seed article, relative to the scenario folder; left out when the scenario rests
    on UN records alone (``records``), and then it quotes nothing."""
    title: str = ""
    """Headline and outlet of the article, or what the records are."""
    records: list[str] = Field(default_factory=list)
    """The UN documents the scenario rests on: document symbols (``S/2011/612``, the meeting
    record ``S/PV.6627``) and press release numbers (``SC/10403``)."""
    quotes: list[str] = Field(default_factory=list)
    """Sentences of the seed article the scenario relies on, quoted exactly (only with a ``seed``)."""

    @model_validator(mode="after")
    def _article_or_records(self) -> SeedArticle:
        if self.seed is None and not self.records:
            raise ValueError(
                "give the seed article the scenario is drawn from (seed) or at least one UN record "
                "it rests on (records: document symbols such as S/2011/612, press releases such as SC/10403)"
            )
        return self


class SharedSource(Strict):
    """The article the profiles of a folder of shared profiles quote: its ``source.yaml``."""

    seed: str
    """Path of the article, relative to the folder of shared profiles: in that folder, in the
    project's ``seeds/`` folder, or a shipped seed article. Each profile's provenance quotes must
    occur in it, where a scenario that uses the profile has no seed article of its own."""
    title: str = ""
    """Headline and outlet of the article."""


class Dimension(Strict):
    """One issue the Council bargains over, scored 0 to 100."""

    label: str
    """What the dimension measures."""
    low: str
    """What a score of 0 means."""
    high: str
    """What a score of 100 means."""


class Council(Strict):
    """The Security Council of the scenario's year."""

    year: int
    """Year of this composition."""
    permanent: list[str]
    """Ids of the five permanent members (they hold the veto)."""
    elected: list[str]
    """Ids of the ten elected members."""


class Holds(Strict):
    """The range of its dimension over which a clause is in the draft, e.g. ``{at_least: 55}``:
    an amendment that moves the draft out of it drops the clause, one that moves it back restores it."""

    # Editors learn the rule of _some_bound from the JSON Schema (sim/scenario/schema.py).
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    at_least: float | None = Field(default=None, ge=0, le=100)
    """The clause holds while the draft stands at this score or above on the clause's dimension."""
    at_most: float | None = Field(default=None, ge=0, le=100)
    """The clause holds while the draft stands at this score or below on the clause's dimension."""

    @model_validator(mode="after")
    def _some_bound(self) -> Holds:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give at_least, at_most or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError(f"at_least {self.at_least:g} is more than at_most {self.at_most:g}")
        return self


class Clause(Strict):
    """One operative paragraph of a draft, in words a person can read."""

    # Editors learn the rule of _holds_on_a_dimension from the JSON Schema (sim/scenario/schema.py).
    model_config = ConfigDict(json_schema_extra={"dependencies": {"holds": ["dimension"]}})

    text: str
    """The clause as it would read in the resolution."""
    dimension: str | None = None
    """The dimension this clause speaks to, if any."""
    holds: Holds | None = None
    """Where on its dimension the clause holds (``{at_least: 55}``, ``{at_most: 40}`` or both); left
    out, it holds wherever the draft stands. The draft's text is the clauses that hold at its position."""

    @field_validator("holds")
    @classmethod
    def _holds_on_a_dimension(cls, holds: Holds | None, info: ValidationInfo) -> Holds | None:
        if holds is not None and info.data.get("dimension") is None:
            raise ValueError("a clause that holds over a range needs the dimension it is on ('dimension')")
        return holds


class Draft(Strict):
    """A draft resolution that can be tabled, amended and put to the vote."""

    symbol: str
    """Its UN document symbol, e.g. ``S/2012/538``."""
    title: str
    """A short description."""
    sponsors: list[str]
    """Ids of the sponsoring actors; the first leads the negotiation."""
    procedural: bool = False
    """Procedural drafts need nine votes and no veto applies (Article 27(2))."""
    clauses: list[Clause] = Field(default_factory=list)
    """Its operative clauses."""
    position: dict[str, Position]
    """Where the draft stands on every dimension."""
    amendable: dict[str, tuple[float, float]] = Field(default_factory=dict)
    """Per dimension, the range within which its sponsors would amend it (their red lines)."""
    tabled: dt.date
    """First date it is on the table."""
    vote_on: dt.date
    """Date the sponsors plan to put it to the vote; they decide then to call the vote or not."""
    rival_of: str | None = None
    """A draft this one is tabled against; it is tabled only while that draft is still open."""
    unless_adopted: list[str] = Field(default_factory=list)
    """Drafts whose adoption makes this one unnecessary: it is not tabled if any was adopted."""
    requested_by: list[str] = Field(default_factory=list)
    """Organisations (actor ids of kind ``organisation``, e.g. a regional organisation) that asked
    the Council for this text or endorsed it; members weigh that by their own ``deference``."""

    @model_validator(mode="after")
    def _vote_after_tabling(self) -> Draft:
        if self.vote_on < self.tabled:
            raise ValueError("vote_on comes before the draft is tabled")
        for dim, (low, high) in self.amendable.items():
            if not 0 <= low <= high <= 100:
                raise ValueError(f"amendable range for '{dim}' must satisfy 0 <= low <= high <= 100")
        return self


class Round(Strict):
    """One negotiation round of the schedule."""

    date: dt.date
    """The day the round stands for."""
    label: str = ""
    """What happens that day."""


class Deadline(Strict):
    """A date that matters to the negotiation, such as a mandate expiring."""

    date: dt.date
    """The day of the deadline."""
    label: str
    """What expires or falls due."""


class Change(Strict):
    """How an event changes one field of one actor."""

    # Editors learn the rule of _one_operation from the JSON Schema (sim/scenario/schema.py).
    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["add"]}, {"required": ["set"]}]})

    actor: str
    """Id of the actor changed."""
    field: str
    """Dotted field of its profile, e.g. ``ideal.coercion``, ``costs.veto``, ``capability``."""
    add: float | None = None
    """Amount added to the field (clipped to its range)."""
    set: float | None = None
    """New value of the field."""

    @model_validator(mode="after")
    def _one_operation(self) -> Change:
        if (self.add is None) == (self.set is None):
            raise ValueError("give exactly one of 'add' or 'set'")
        return self


class Condition(Strict):
    """When an event may fire, beyond its date."""

    after_event: str | None = None
    """Only after this event has fired."""
    adopted: str | None = None
    """Only once this draft has been adopted."""
    not_adopted: str | None = None
    """Only while this draft has not been adopted."""


class Event(Strict):
    """Something that happens during the negotiation and changes actors."""

    title: str
    """A headline for the news feed."""
    quote: str | None = None
    """The seed article's words this event comes from, quoted exactly."""
    date: dt.date
    """Earliest day it can fire."""
    probability: Probability = 1.0
    """Chance it fires: one roll in the first round where it can, or every such round if it repeats."""
    repeats: bool = False
    """Whether it can fire again in later rounds."""
    condition: Condition | None = None
    """Further conditions on other events and drafts."""
    changes: list[Change]
    """What it changes."""


class Parameters(Strict):
    """Constants of the model's equations (see docs/model.md)."""

    noise: float = Field(default=0.06, gt=0, le=1)
    """Scale of the random-utility noise in votes (larger: less predictable)."""
    anchor: float = Field(default=0.35, ge=0, le=1)
    """Share of the gap to its ideal an actor closes each round without pressure."""
    persuasion: float = Field(default=0.5, ge=0, le=2)
    """How far a unit of lobbying moves a fully receptive target toward the lobbyist."""
    alignment_pull: float = Field(default=0.08, ge=0, le=1)
    """Weight of allies' stances in a member's vote."""
    min_capability: float = Field(default=0.1, ge=0, le=1)
    """Actors with less capability than this do not lobby: their pressure would not register."""
    targets: int = Field(default=3, ge=1, le=14)
    """How many members an actor lobbies per round."""
    amendment_step: float = Field(default=10, gt=0, le=100)
    """Largest move on one dimension a sponsor makes in one revision."""
    inducement_rate: float = Field(default=0.3, ge=0, le=2)
    """Value of a yes vote added per unit of capital offered to a fully receptive member."""
    statement_rate: float = Field(default=0.1, ge=0, le=1)
    """Change in the price of a veto per unit of capital spent on a public statement."""
    statement_repeat: float = Field(default=0.5, ge=0, le=1)
    """What each further statement by the same actor about the same member gives, as a share of
    the one before (1: no wearing off)."""
    joint_weight: float = Field(default=0.25, ge=0, le=1)
    """What each co-signer of a joint statement adds to its pressure, as a share of the
    convener's: a veto against the stated view of several members costs more than one against
    one member's (a move, sim/engine/moves.JointStatement)."""
    failure_cost: float = Field(default=0.1, ge=0, le=1)
    """What sponsors lose when their draft fails for want of nine votes."""
    request_weight: float = Field(default=0.2, ge=0, le=1)
    """What an organisation's request for a draft adds to the gain of a member that defers to it
    fully (deference 1); 0 turns requests off."""
    shared_blame: float = Field(default=1.0, ge=0, le=1)
    """How far a permanent member shares the blame of a veto with the others it expects to veto
    too: 1, the price is divided among the vetoing members (the default); 0, each prices its veto
    alone."""
    consensus: float = Field(default=0.1, ge=0, le=1)
    """The price of abstaining on a draft the Council is expected to adopt, at certain adoption:
    an abstention on a text that passes stands apart from the Council's practice of adopting by
    consensus; 0 makes abstaining free."""
    promise: float = Field(default=0.3, ge=0, le=1)
    """What a member's stated condition for a yes adds to its value of a yes while the draft meets
    it: the price of going back on its word in public (a move, sim/engine/moves.Condition)."""


class Scenario(Strict):
    """A whole scenario: the scenario file and the actor profiles it brings in."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Short identifier (lower case, digits, hyphens)."""
    title: str
    """Title shown to players."""
    summary: str = ""
    """One line on what the scenario is about."""
    date: dt.date
    """The day the scenario starts."""
    source: SeedArticle
    """The article it is drawn from, or the UN records it rests on."""
    include: str | None = None
    """Another scenario folder (relative path) whose file and actors this one starts from."""
    profiles: str | None = None
    """A folder of shared profiles (relative path, e.g. ``../syria-actors``: its ``actors/*.yaml``,
    no ``scenario.yaml``) that gives each actor of this scenario its profile: the Council's members,
    those under ``outside``, and any other named under ``actors``. This scenario's files (and an
    included scenario's) override it field by field, each change with a dated reason in the
    provenance of the file that makes it."""
    dimensions: dict[str, Dimension]
    """The issues bargained over, by id."""
    council: Council
    """The Security Council; its lists give each actor its seat: ``permanent``, ``elected``, or ``none``."""
    outside: list[str] = Field(default_factory=list)
    """Actors outside the Council who take part (they lobby, never vote), by id; with ``profiles``,
    the shared profiles taken besides the Council members'."""

    @model_validator(mode="before")
    @classmethod
    def _seats_from_council(cls, data: Any) -> Any:
        """A profile that leaves out its ``seat`` takes the one the ``council`` lists give it."""
        return with_seats(data)

    status_quo: dict[str, Position]
    """What holds on each dimension if nothing is adopted."""
    drafts: dict[str, Draft]
    """The draft resolutions, by id, in the order they may come up."""
    schedule: list[Round] = Field(min_length=1, max_length=MAX_ROUNDS)
    """The negotiation rounds, in date order."""
    deadlines: list[Deadline] = Field(default_factory=list)
    """Dates that matter, such as a mandate expiring."""
    events: dict[str, Event] = Field(default_factory=dict)
    """Events that can fire during a run, by id."""
    parameters: Parameters = Field(default_factory=Parameters)
    """Constants of the model."""
    actors: dict[str, ActorProfile] = Field(default_factory=dict)
    """Actor profiles, by id: read from ``actors/*.yaml``; in a variant, fields here override them."""
    record: str | None = None
    """The roll calls really cast on this scenario's drafts: a CSV (columns vote_id, date, symbol,
    member, permanent, vote: Y, N, A or X), relative to this file's folder and inside its project.
    Only ``diplosim backtest`` and ``validate`` read it, never a run. It belongs to the file that
    states it: a variant does not inherit its base's record, for it is a counterfactual."""


def with_seats(data: Any) -> Any:
    """``data`` (a scenario as read) with each profile that leaves out its ``seat`` given the one
    the Council lists give it: ``permanent``, ``elected``, else ``none``. What is malformed is
    left as it is, for the schema to report."""
    if not isinstance(data, dict):
        return data
    council, actors = data.get("council"), data.get("actors")
    if not isinstance(council, dict) or not isinstance(actors, dict):
        return data
    seats: dict[str, str] = {}
    for seat in (Seat.permanent, Seat.elected):
        members = council.get(seat.value)
        if isinstance(members, list):
            seats.update({member: seat.value for member in members if isinstance(member, str)})
    given = {}
    for actor_id, profile in actors.items():
        seat = seats.get(actor_id, Seat.none.value)
        if isinstance(profile, dict) and profile.get("seat") is None:
            profile = {**profile, "seat": seat}
        elif isinstance(profile, ActorProfile) and profile.seat is None:
            profile = profile.model_copy(update={"seat": Seat(seat)})
        given[actor_id] = profile
    return {**data, "actors": given}

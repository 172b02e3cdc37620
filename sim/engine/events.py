"""Events drawn from the seed article: when they may fire, and what they change."""

from __future__ import annotations

import datetime as dt
import random

from ..scenario.spec import Event
from ..scenario.uncertain import is_uncertain
from .chamber import Chamber
from .drafts import DraftStatus
from .picture import GainCache
from .record import EventRecord
from .rounding import rounded
from .sampling import sample


class EventBook:
    """The scenario's events and which of them have fired in this run."""

    def __init__(self, specs: dict[str, Event], rng: random.Random, sampled: dict[str, float]):
        self.specs = specs
        self.probability: dict[str, float] = {}
        for key, event in specs.items():
            self.probability[key] = sample(event.probability, 0, 1, rng)
            if is_uncertain(event.probability):
                sampled[f"events.{key}.probability"] = self.probability[key]
        self.fired: list[str] = []
        self.rolled: set[str] = set()

    def eligible(self, model: Chamber, key: str, today: dt.date) -> bool:
        event = self.specs[key]
        if event.date > today or (key in self.rolled and not event.repeats):
            return False
        cond = event.condition
        if cond is None:
            return True
        status = {k: d.status for k, d in model.drafts.items()}
        return (
            (cond.after_event is None or cond.after_event in self.fired)
            and (cond.adopted is None or status[cond.adopted] == DraftStatus.adopted)
            and (cond.not_adopted is None or status[cond.not_adopted] != DraftStatus.adopted)
        )

    def fire(self, model: Chamber, today: dt.date) -> list[EventRecord]:
        """Roll for every eligible event, in the scenario's order, and apply those that fire.

        An event that does not repeat gets one roll, in the first round where it is eligible.
        """
        fired = []
        picture: GainCache = model.picture
        dims: list[str] = model.dims
        explain: bool = model.explain
        for key, event in self.specs.items():
            if not self.eligible(model, key, today):
                continue
            self.rolled.add(key)
            if model.random.random() >= self.probability[key]:
                continue
            self.fired.append(key)
            changes = []
            for change in event.changes:
                actor = picture.by_key[change.actor]
                before, after = actor.change(change.field, change.add, change.set, dims)
                picture.changed(change.field)
                if explain:  # the actor's history of shocks feeds the explanations of its votes
                    model.actors[change.actor].shocks.append(
                        {
                            "round": model.round_index + 1,
                            "event": event.title,
                            "field": change.field,
                            "change": rounded(after - before, 3),
                        }
                    )
                changes.append(
                    {
                        "actor": actor.name,
                        "field": change.field,
                        "before": rounded(before, 3),
                        "after": rounded(after, 3),
                    }
                )
            fired.append(EventRecord(key, event.title, event.quote, changes))
        return fired

"""Quotes checked against the seed article: every sentence a scenario says it quotes must be there.

The news feed and the transcript print these quotes as the article's words, so a misquote is bad
input like a misspelt field. The match is exact up to what typing cannot show: runs of spaces and
line breaks, curly or straight quotation marks (and the article's ``''`` for ``"``), the kind of
dash and the spaces around it, and a full stop or comma at the end. A changed word, letter or
capital does not match. Reference facts (``reference:``) are in our words and are not checked.
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import ProvenanceError, ScenarioPathError
from .paths import contained, seed_roots
from .profiles import ActorProfile
from .spec import Scenario
from .yamlsafe import Document, Path_, read_text

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`"} | {c: '"' for c in "“”„‟″«»"})
_DASH = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
CLOSEST_RATIO = 0.6
"""How alike a passage of the article must be to a missing quote to be offered as what it says."""
HINT_CHARS = 240
"""The longest passage of the article a message quotes."""
HINT_MAX_QUOTE = 1_000
"""A missing quote longer than this gets no hint: comparing letter by letter grows as its square."""
HINT_CANDIDATES = 4
"""How many of the windows sharing the most words are compared letter by letter."""
ARTICLE_MAX_BYTES = 2_000_000
"""The largest seed article read."""
SEED_PLACES = "in the scenario's folder, in the project's seeds/ folder, or a shipped seed article"


def normalise(text: str) -> str:
    """``text`` as compared: the differences listed in the module's docstring taken out."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("''", '"')
    text = _DASH.sub("-", text)
    return _SPACE.sub(" ", text).strip().rstrip(".,;:").strip()


def closest(quote: str, article: str) -> str | None:
    """The passage of the (normalised) article most like the (normalised) quote, if one is close:
    as many words as the quote, at most :data:`HINT_CHARS` long. Only run for a quote that is
    missing, in time linear in the article: a window of the quote's length slides over the
    article's words counting the words the two share, and only the best few windows are
    compared letter by letter."""
    wanted = quote.split()
    if not wanted or len(quote) > HINT_MAX_QUOTE:
        return None
    spans = [match.span() for match in _WORD.finditer(article)]
    size = min(len(wanted), len(spans))
    if size == 0:
        return None
    need = Counter(wanted)
    have: Counter[str] = Counter()
    shared = 0
    scores: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(spans):
        word = article[start:end]
        if have[word] < need[word]:
            shared += 1
        have[word] += 1
        if index >= size:
            old_start, old_end = spans[index - size]
            gone = article[old_start:old_end]
            have[gone] -= 1
            if have[gone] < need[gone]:
                shared -= 1
        if index >= size - 1:
            scores.append((shared, -(index - size + 1)))
    best, best_ratio = None, CLOSEST_RATIO
    for _, first in heapq.nlargest(HINT_CANDIDATES, scores):
        passage = article[spans[-first][0] : spans[-first + size - 1][1]]
        ratio = difflib.SequenceMatcher(None, passage, quote, autojunk=False).ratio()
        if ratio >= best_ratio:
            best, best_ratio = passage, ratio
    if best is None:
        return None
    return best if len(best) <= HINT_CHARS else best[: HINT_CHARS - 4].rstrip() + " ..."


def profile_quotes(profile: ActorProfile, prefix: Path_ = ()) -> Iterator[tuple[str, str, Path_]]:
    """(what it is, the quote, its key path) for each quote of a profile's provenance."""
    for index, source in enumerate(profile.provenance):
        if source.quote is not None:
            yield "provenance quote", source.quote, (*prefix, "provenance", index, "quote")


def own_quotes(spec: Scenario) -> Iterator[tuple[str, str, Path_]]:
    """The quotes of a scenario's own text: its source's and its events'."""
    for index, quote in enumerate(spec.source.quotes):
        yield "source quote", quote, ("source", "quotes", index)
    for event_id, event in spec.events.items():
        if event.quote is not None:
            yield "event quote", event.quote, ("events", event_id, "quote")


def actor_quotes(spec: Scenario) -> Iterator[tuple[str, str, Path_]]:
    """The quotes of a scenario's actors' provenance."""
    for actor_id, profile in spec.actors.items():
        yield from profile_quotes(profile, ("actors", actor_id))


def scenario_quotes(spec: Scenario) -> Iterator[tuple[str, str, Path_]]:
    """Every quote of a scenario: its source's, its events', and its actors' provenance."""
    yield from own_quotes(spec)
    yield from actor_quotes(spec)


NO_SEED = "the scenario names no seed article (source.seed), only UN records"
"""Why a seedless scenario's own quotes have no article to be found in."""
NO_SHARED_SEED = (
    "the scenario names no seed article (source.seed) and its profiles' folder no source.yaml; "
    "give the fact as a reference: entry instead, in our own words"
)
"""Why a profile quote of a seedless scenario without a shared article has none to be found in."""


def no_article(quotes: Iterator[tuple[str, str, Path_]], doc: Document, why: str) -> None:
    """Raise :class:`ProvenanceError` at the first of ``quotes``: there is no article to find it in."""
    for kind, quote, path in quotes:
        raise ProvenanceError(
            f'{kind} with no article to find it in: "{_shown(quote)}" ({why})', *doc.locate(path)
        )


def _shown(quote: str) -> str:
    shown = _SPACE.sub(" ", quote).strip()
    return shown if len(shown) <= HINT_CHARS else shown[: HINT_CHARS - 4].rstrip() + " ..."


def check_quotes(quotes: Iterator[tuple[str, str, Path_]], doc: Document, seed: Path) -> None:
    """Raise :class:`ProvenanceError` at the first quote that is not in the article at ``seed``."""
    article = normalise(read_text(seed, ARTICLE_MAX_BYTES, "article"))
    for kind, quote, path in quotes:
        wanted = normalise(quote)
        if wanted in article:
            continue
        message = f'{kind} not found in the seed article: "{_shown(quote)}"'
        passage = closest(wanted, article)
        if passage is not None:
            message += f' (the article has: "{passage}")'
        raise ProvenanceError(message, *doc.locate(path))


def seed_article(
    doc: Document, seed: str, key: Path_ = ("source", "seed"), places: str = SEED_PLACES
) -> Path | None:
    """The seed article's real path: ``seed`` is relative to the file that names it (at ``key``),
    and must lead to a file in the scenario's tree (:mod:`sim.scenario.paths`); None when no file
    names it."""
    file, line = doc.locate(key)
    if file is None:
        return None
    try:
        return contained(seed, file.parent, seed_roots(file.parent), places)
    except ScenarioPathError as exc:
        raise ScenarioPathError(f"{doc.dotted(key)}: {exc.message}", file, line) from None

"""Quotes checked against the seed article: every sentence a scenario says it quotes must be there.

The news feed and the transcript print these quotes as the article's words, so a misquote is bad
input like a misspelt field. The match is exact up to what typing cannot show: runs of spaces and
line breaks, curly or straight quotation marks (and the article's ``''`` for ``"``), the kind of
dash and the spaces around it, and a full stop or comma at the end. A changed word, letter or
capital does not match. Reference facts (``reference:``) are in our words and are not checked.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .errors import ProvenanceError
from .profiles import ActorProfile
from .spec import Scenario
from .yamlsafe import Document, Path_, read_text

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`"} | {c: '"' for c in "“”„‟″«»"})
_DASH = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_SPACE = re.compile(r"\s+")
CLOSEST_RATIO = 0.6
"""How alike a passage of the article must be to a missing quote to be offered as what it says."""


def normalise(text: str) -> str:
    """``text`` as compared: the differences listed in the module's docstring taken out."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("''", '"')
    text = _DASH.sub("-", text)
    return _SPACE.sub(" ", text).strip().rstrip(".,;:").strip()


def closest(quote: str, article: str) -> str | None:
    """The passage of the (normalised) article most like the (normalised) quote, if one is close:
    of the quote's length, starting at a word. Only run for a quote that is missing."""
    best, best_ratio = None, CLOSEST_RATIO
    matcher = difflib.SequenceMatcher(None, "", quote, autojunk=False)
    for start in (0, *(m.end() for m in re.finditer(r"\s", article))):
        matcher.set_seq1(article[start : start + len(quote)])
        if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = start, ratio
    if best is None:
        return None
    end = best + len(quote)
    while end < len(article) and not article[end].isspace():
        end += 1  # to the end of the last word
    return article[best:end]


def profile_quotes(profile: ActorProfile, prefix: Path_ = ()) -> Iterator[tuple[str, str, Path_]]:
    """(what it is, the quote, its key path) for each quote of a profile's provenance."""
    for index, source in enumerate(profile.provenance):
        if source.quote is not None:
            yield "provenance quote", source.quote, (*prefix, "provenance", index, "quote")


def scenario_quotes(spec: Scenario) -> Iterator[tuple[str, str, Path_]]:
    """Every quote of a scenario: its source's, its events', and its actors' provenance."""
    for index, quote in enumerate(spec.source.quotes):
        yield "source quote", quote, ("source", "quotes", index)
    for event_id, event in spec.events.items():
        if event.quote is not None:
            yield "event quote", event.quote, ("events", event_id, "quote")
    for actor_id, profile in spec.actors.items():
        yield from profile_quotes(profile, ("actors", actor_id))


def check_quotes(quotes: Iterator[tuple[str, str, Path_]], doc: Document, seed: Path) -> None:
    """Raise :class:`ProvenanceError` at the first quote that is not in the article at ``seed``."""
    article = normalise(read_text(seed))
    for kind, quote, path in quotes:
        wanted = normalise(quote)
        if wanted in article:
            continue
        shown = _SPACE.sub(" ", quote).strip()
        message = f'{kind} not found in the seed article: "{shown}"'
        passage = closest(wanted, article)
        if passage is not None:
            message += f' (the article has: "{passage}")'
        raise ProvenanceError(message, *doc.locate(path))


def seed_article(doc: Document, seed: str) -> Path | None:
    """The seed article's path: ``seed`` is relative to the file that names it."""
    file, _ = doc.locate(("source", "seed"))
    return None if file is None else file.parent / seed

"""The seat tokens of a hosted game, kept next to its save so that ``diplosim host --resume``
gives every seat the token it had: its player reconnects with the address it was given.

The file is ``SAVE.tokens.json`` (``{"format": ..., "tokens": {seat: token}}``), written
atomically with mode 0600 (the tokens are the keys to the seats: only the host's user reads them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..atomic import write_atomic
from ..errors import TokensError

TOKENS_FORMAT = "diplosim-host-tokens"
MAX_TOKENS_BYTES = 64 * 1024


def tokens_path(save: Path) -> Path:
    """Where the tokens of the game saved to ``save`` are kept: ``SAVE.tokens.json``."""
    return save.with_name(save.name + ".tokens.json")


def write_tokens(save: Path, tokens: Mapping[str, str]) -> Path:
    """Keep ``tokens`` (seat to token) next to ``save``, atomically, readable by this user only."""
    path = tokens_path(save)
    text = json.dumps({"format": TOKENS_FORMAT, "tokens": dict(tokens)}, indent=2)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text + "\n", mode=0o600)
    except OSError as exc:
        raise TokensError(f"cannot keep the seat tokens: {exc.strerror}", path) from None
    return path


def read_tokens(save: Path, seats: Sequence[str]) -> dict[str, str]:
    """The tokens kept next to ``save``, one for each of ``seats`` (the save's); a
    :class:`TokensError` naming the file if it is missing or is not that."""
    path = tokens_path(save)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_TOKENS_BYTES + 1)
    except FileNotFoundError:
        raise TokensError(
            "no seat tokens next to the save (`diplosim host` writes them when it starts): "
            "cannot resume with the seats' old addresses",
            path,
        ) from None
    except OSError as exc:
        raise TokensError(f"cannot read the seat tokens: {exc.strerror}", path) from None
    damaged = "damaged seat tokens file"
    if len(raw) > MAX_TOKENS_BYTES:
        raise TokensError(f"{damaged}: larger than {MAX_TOKENS_BYTES} bytes", path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise TokensError(f"{damaged}: not JSON", path) from None
    tokens = data.get("tokens") if isinstance(data, dict) and data.get("format") == TOKENS_FORMAT else None
    if not isinstance(tokens, dict) or not all(
        isinstance(token, str) and 0 < len(token) <= 200 for token in tokens.values()
    ):
        raise TokensError(f"{damaged}: not the tokens of a hosted game", path)
    if sorted(tokens) != sorted(seats) or len(set(tokens.values())) != len(tokens):
        raise TokensError(f"{damaged}: not one token, each its own, for each seat of the save", path)
    return {seat: tokens[seat] for seat in seats}

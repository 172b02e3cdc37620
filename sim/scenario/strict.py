"""The base of every typed model read from YAML: unknown fields are errors that suggest a name."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError


def closest(name: str, choices: list[str] | set[str]) -> str | None:
    """The choice that ``name`` was most likely meant to be, if any is close."""
    hits = difflib.get_close_matches(str(name), sorted(choices), n=1, cutoff=0.6)
    return hits[0] if hits else None


def suggestion(name: str, choices: list[str] | set[str]) -> str:
    """`` (did you mean 'x'?)`` or, with no close choice, the list of valid ones."""
    hit = closest(name, choices)
    if hit:
        return f" (did you mean '{hit}'?)"
    return f" (expected one of: {', '.join(sorted(choices))})"


class Strict(BaseModel):
    """Frozen, documented, and closed: a misspelt key never passes silently, nor does a number
    that is not finite (``.nan``, ``.inf``)."""

    model_config = ConfigDict(
        frozen=True, use_attribute_docstrings=True, extra="forbid", allow_inf_nan=False, defer_build=True
    )

    @model_validator(mode="before")
    @classmethod
    def _reject_unknown_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            known = {f.alias or name for name, f in cls.model_fields.items()}
            for key in data:
                if key not in known:
                    raise PydanticCustomError(
                        "unknown_field",
                        "unknown field '{field}'{hint}",
                        {"field": str(key), "hint": suggestion(str(key), known)},
                    )
        return data


class Exact(BaseModel):
    """A model of data that crosses a boundary as JSON (a save, a move in it): exact types (no
    ``"1"`` for 1, no ``true`` for a number), finite numbers, no field it does not name."""

    model_config = ConfigDict(
        strict=True,
        allow_inf_nan=False,
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        defer_build=True,
    )


def first_error(exc: ValidationError) -> str:
    """pydantic's first error as ``where.it.is: what is wrong`` (just the message at the top)."""
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]

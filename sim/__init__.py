"""diplosim's engine: scenarios in YAML -> validated scenario -> Mesa model -> run record.

The engine never imports the terminal app (``tui``); views use only this public API.
"""

from typing import TYPE_CHECKING

from .engine.record import RunRecord, VoteRecord
from .errors import DiplosimError
from .scenario.loading import LoadedScenario, load_profile, load_scenario
from .scenario.paths import default_scenario, resolve_scenario

if TYPE_CHECKING:
    from .engine.model import DiplomacyModel, run_scenario


def __getattr__(name: str):
    """The model on first use: mesa (with pandas and scipy) takes ~0.6 s to import, and
    commands that never run a model (validate, schema, --help) should not wait for it."""
    if name in ("DiplomacyModel", "run_scenario"):
        from .engine import model

        return getattr(model, name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


__all__ = [
    "DiplomacyModel",
    "DiplosimError",
    "LoadedScenario",
    "RunRecord",
    "VoteRecord",
    "default_scenario",
    "load_profile",
    "load_scenario",
    "resolve_scenario",
    "run_scenario",
]

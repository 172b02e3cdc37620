"""diplosim's engine: scenarios in YAML -> validated scenario -> Mesa model -> run record.

The engine never imports the terminal app (``tui``); views use only this public API.
"""

from .errors import DiplosimError
from .loading import LoadedScenario, load_profile, load_scenario
from .model import DiplomacyModel, run_scenario
from .paths import default_scenario, resolve_scenario
from .record import RunRecord, VoteRecord

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

"""Paths and names several test files share: the fixture scenario, its variants, the Council of 2012.

See tests/conftest.py for why the tests run on a frozen copy of the shipped scenario.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
"""A project of its own (scenarios/, seeds/), as the loader wants for a scenario's seed article."""
FIXTURE = DATA / "scenarios" / "fixture-2012-07"
"""The frozen copy of the shipped default scenario that the tests run on."""
ENGINE_PATHS = tuple(DATA / "scenarios" / name for name in ("amend", "noisy", "rival-first", "withdraw"))
"""Variants of the fixture that take the engine's other paths: amendments, noise, rival votes,
withdrawals (tests/test_compiled.py, benchmarks/engine_golden.py)."""
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
"""Under CI a test whose outside tool is missing fails instead of skipping (test_language_server.py,
test_serve.py): a broken install must not pass as skipped tests."""
SHIPPED = ROOT / "scenarios" / "syria-2012-07"
"""The shipped default scenario, for the tests marked ``shipped`` only."""

P5 = ["China", "France", "Russian Federation", "United Kingdom", "United States"]
"""The permanent members, by name, in the order the scenario lists them."""
E10 = [
    "Azerbaijan",
    "Colombia",
    "Germany",
    "Guatemala",
    "India",
    "Morocco",
    "Pakistan",
    "Portugal",
    "South Africa",
    "Togo",
]
"""The elected members of 2012, by name, in the order the scenario lists them."""

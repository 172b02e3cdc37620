"""Guard for engine speed work: optimisations must not change a single byte of any run record.

    python benchmarks/engine_golden.py save /tmp/golden.jsonl     # before touching the engine
    python benchmarks/engine_golden.py check /tmp/golden.jsonl    # after every change

``save`` writes the JSON record of seeds 0..N-1 of each shipped scenario; ``check`` runs them
again and compares byte for byte. It also checks that a run without explanations (what a batch
uses) is the same record with only the explanations left out. A pinned hash in the test suite
would break on every deliberate model change; this comparison is for refactoring only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sim import DiplomacyModel, load_scenario, run_scenario
from sim.scenario.paths import shipped_scenarios

SCENARIOS = {"syria-2012-07": 300, "syria-2012-07-china-abstains": 100}
PATHS = Path(__file__).resolve().parent.parent / "tests" / "data" / "scenarios"
VARIANTS = ("amend", "noisy", "rival-first", "withdraw")
"""Variants in PATHS that take the engine's other paths: amendments, noise, rival votes,
withdrawals. They include PATHS/fixture-2012-07, the tests' frozen copy of syria-2012-07."""


def scenarios():
    for name, count in SCENARIOS.items():
        yield name, load_scenario(shipped_scenarios() / name), count
    for variant in VARIANTS:
        yield variant, load_scenario(PATHS / variant), 100


def records(lean: bool = True):
    """(scenario, seed, compact JSON of the full record, record without explanations) in order."""
    for name, loaded, count in scenarios():
        yield from _runs(name, loaded, count, lean)


def _runs(name, loaded, count, lean):
    for seed in range(count):
        full = run_scenario(loaded, seed).to_json(indent=None)
        bare = DiplomacyModel(loaded, seed, explain=False).run().to_dict() if lean else None
        yield name, seed, full, bare


def without_explanations(text: str) -> dict:
    record = json.loads(text)
    for vote in record["votes"]:
        vote["explanations"] = {}
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    if args.action == "save":
        with args.file.open("w") as out:
            for name, seed, full, _ in records(lean=False):
                out.write(json.dumps({"scenario": name, "seed": seed, "record": full}) + "\n")
        print(f"saved {args.file} in {time.perf_counter() - started:.1f} s")
        return 0
    saved = [json.loads(line) for line in args.file.open()]
    problems = 0
    for expected, (name, seed, full, lean) in zip(saved, records(), strict=True):
        where = f"{name} seed {seed}"
        if (expected["scenario"], expected["seed"]) != (name, seed):
            print(f"{where}: reference file out of step")
            return 1
        if full != expected["record"]:
            problems += 1
            print(f"{where}: record differs")
        if json.loads(json.dumps(lean)) != without_explanations(full):
            problems += 1
            print(f"{where}: record without explanations differs beyond the explanations")
    print(f"{len(saved)} records, {problems} differences, {time.perf_counter() - started:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

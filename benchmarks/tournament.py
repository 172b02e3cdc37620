"""A tournament of move scripts, after Axelrod's: every strategy plays its seat over the same seeds.

    python benchmarks/tournament.py                          # benchmarks/strategies/, 200 runs each
    python benchmarks/tournament.py --runs 1000 --workers 2 --seed 7
    python benchmarks/tournament.py --strategies my-scripts/ --scenario scenarios/my-variant --json

A strategy is a move script (sim/play/script.py) in the --strategies folder, one JSON file each,
whose ``player`` names the seat it plays (and ``description`` what it does). Each is played as
``diplosim batch SCENARIO --as PLAYER --moves FILE --runs N --seed S`` would play it, through the
same machinery (sim.batch.session): run i of every strategy has child seed i of --seed, so the
strategies meet the same draws of every uncertain number, and differences between them come from
their moves (and from the draws those moves shift).

Prints one row per strategy, grouped by seat and ranked by the seat's mean utility:

* ``moves``: how many moves its script makes;
* for each draft put to the vote in some strategy's runs: its adoption rate and the change from
  the seat's passive baseline (in percentage points), and its veto rate;
* ``utility``: the seat's mean utility of the outcome (the run record's ``utility``: the utility
  of the final status quo less that of the initial one, at the seat's ideal at the end of the
  run; sim/engine/payoff.py), and ``Δ``, its change from the baseline;
* ``skipped``: the moves the rules refused over all runs, and in how many runs some were;

then, per strategy and draft, who vetoed it and how often, and the reasons moves were skipped.
The passive baseline of a seat is its strategy with no moves (``passive.json``); a seat with
none gets one, played as ``--as PLAYER`` without ``--moves`` and shown as ``(no moves)``.
``--json`` prints all of it as one JSON object instead.

The figures are those of the engine as it stands: a change to the model changes them, which is
what a tournament is for. Exit status 2 names the file of a strategy that cannot be played.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.batch.session import execute, plan
from sim.engine.scripted import SeatScript
from sim.errors import DiplosimError, ScriptError
from sim.play.script import read_script, seat_script
from sim.scenario.loading import load_scenario
from sim.scenario.paths import resolve_scenario

STRATEGIES = Path(__file__).resolve().parent / "strategies"
NO_MOVES = "(no moves)"


@dataclass
class Entry:
    """One strategy of the tournament and, once played, its batch summary."""

    name: str
    file: str | None
    description: str
    seat: SeatScript
    summary: dict[str, Any] | None = None


def entries(folder: Path, scenario) -> list[Entry]:
    """Every strategy in ``folder``, checked against the scenario, and a passive baseline for
    each seat that has none; seats in order of first appearance, files by name."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ScriptError("no strategy here (a strategy is a move script, NAME.json)", folder)
    found: list[Entry] = []
    for path in files:
        script = read_script(path)
        if script.player is None:
            raise ScriptError("the strategy names no 'player': the actor whose seat it plays", path, 1)
        seat = seat_script(script, scenario, script.player)
        found.append(Entry(path.stem, path.name, script.description or "", seat))
    for actor in dict.fromkeys(e.seat.actor for e in found):
        if not any(e.seat.actor == actor and not e.seat.moves for e in found):
            found.append(Entry(NO_MOVES, None, "makes no move at all", SeatScript(actor)))
    return found


def baseline_of(entry: Entry, everyone: list[Entry]) -> Entry:
    return next(e for e in everyone if e.seat.actor == entry.seat.actor and not e.seat.moves)


def play(entry: Entry, scenario: Path, runs: int, seed: int, workers: int | None) -> None:
    started = time.perf_counter()
    entry.summary = execute(plan(scenario, runs, seed, [], entry.seat), workers=workers).summary
    print(
        f"played {entry.seat.actor}: {entry.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )


def row(entry: Entry, baseline: Entry, drafts: list[str]) -> dict[str, Any]:
    """What the tournament reports of one strategy (its summary against its baseline's)."""
    assert entry.summary is not None and baseline.summary is not None
    point, base = entry.summary["points"][0], baseline.summary["points"][0]
    seat = point["seat"]
    report: dict[str, Any] = {
        "strategy": entry.name,
        "file": entry.file,
        "description": entry.description,
        "seat": entry.seat.actor,
        "seat_name": entry.summary["batch"]["seat"]["name"],
        "moves": entry.seat.moves,
        "baseline": baseline.name,
        "runs": point["runs"],
        "drafts": {},
        "utility": seat["utility"],
        "utility_change": seat["utility"]["mean"] - base["seat"]["utility"]["mean"],
        "skipped": seat["skipped"],
    }
    for key in drafts:
        draft, before = point["drafts"][key], base["drafts"][key]
        adopted = draft["outcomes"]["adopted"]["p"]
        report["drafts"][key] = {
            "symbol": draft["symbol"],
            "adopted": adopted,
            "adopted_change": adopted - before["outcomes"]["adopted"]["p"],
            "vetoed": draft["outcomes"]["vetoed"]["p"],
            "vetoed_by": {who: cell["p"] for who, cell in draft["vetoed_by"].items()},
            "voted": draft["voted"],
        }
    return report


def tournament(folder: Path, scenario_name: str | None, runs: int, seed: int, workers: int | None):
    path = resolve_scenario(scenario_name)
    scenario = load_scenario(path)
    everyone = entries(folder, scenario)
    for entry in everyone:
        play(entry, path, runs, seed, workers)
    first = everyone[0].summary
    assert first is not None
    keys = list(first["points"][0]["drafts"])
    voted = [k for k in keys if any(e.summary["points"][0]["drafts"][k]["voted"] for e in everyone)]
    rows = [row(e, baseline_of(e, everyone), voted) for e in everyone]
    seats = list(dict.fromkeys(r["seat"] for r in rows))
    rows.sort(key=lambda r: (seats.index(r["seat"]), -r["utility"]["mean"], r["strategy"]))
    batch = first["batch"]
    return {
        "scenario": batch["scenario"],
        "scenario_hash": batch["scenario_hash"],
        "runs": runs,
        "seed": seed,
        "drafts": {k: first["points"][0]["drafts"][k]["symbol"] for k in voted},
        "strategies": rows,
    }


def percent(p: float) -> str:
    return f"{100 * p:5.1f}%"


def show(result: dict[str, Any]) -> None:
    drafts = result["drafts"]
    print(
        f"Tournament on {result['scenario']} (hash {result['scenario_hash']}): {result['runs']} runs per "
        f"strategy, root seed {result['seed']}: the same seeds for every strategy"
    )
    print("adoption (change from the seat's passive baseline, in points) and veto rate of each draft put to")
    print("the vote; the seat's mean utility of the outcome and its change; the moves the rules refused\n")
    width = min(32, max(24, *(len(symbol) for symbol in drafts.values())))
    head = f"{'seat':<20}{'strategy':<26}{'moves':>5}"
    under = " " * len(head)
    for symbol in drafts.values():
        head += f"  {symbol[:width]:<{width}}"
        under += f"  {'adopted (Δ)':<{width - 9}}{'vetoed':>9}"
    head += f"  {'utility':>8} {'Δ':>8}  {'skipped'}"
    under += f"  {'mean':>8} {'':>8}  moves in runs"
    print(head)
    print(under)
    for r in result["strategies"]:
        name = r["strategy"] + (" *" if r["strategy"] == r["baseline"] else "")
        line = f"{r['seat_name'][:19]:<20}{name[:25]:<26}{r['moves']:>5}"
        for key in drafts:
            d = r["drafts"][key]
            adopted = f"{percent(d['adopted'])} {100 * d['adopted_change']:+6.1f}"
            line += f"  {adopted:<{width - 9}}{percent(d['vetoed']):>9}"
        skipped = r["skipped"]
        line += f"  {r['utility']['mean']:+8.4f} {r['utility_change']:+8.4f}"
        line += f"  {skipped['moves']:>5} in {skipped['runs']}"
        print(line)
    print("\n* the seat's passive baseline (no moves)\n")
    print("Vetoes, by whom (share of runs)")
    for r in result["strategies"]:
        cells = []
        for key, symbol in drafts.items():
            by = r["drafts"][key]["vetoed_by"]
            if by:
                cells.append(
                    f"{symbol}: " + ", ".join(f"{who} {percent(p).strip()}" for who, p in by.items())
                )
        print(f"  {r['seat_name']}, {r['strategy']}: {'; '.join(cells) or 'no veto'}")
    skips = [r for r in result["strategies"] if r["skipped"]["moves"]]
    if skips:
        print("\nMoves skipped, by reason (runs where it happened, moves)")
        for r in skips:
            for reason, count in r["skipped"]["by_reason"].items():
                who = f"{r['seat_name']}, {r['strategy']}"
                print(f"  {who}: {reason}: {count['runs']} runs, {count['moves']} moves")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="runs per strategy (200)")
    parser.add_argument("--workers", type=int, default=None, help="local processes (all cores)")
    parser.add_argument("--seed", type=int, default=0, help="root seed: run i has its child seed i (0)")
    parser.add_argument("--strategies", type=Path, default=STRATEGIES, help="folder of move scripts")
    parser.add_argument("--scenario", default=None, help="scenario folder or name (the default scenario)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if args.runs < 1 or (args.workers is not None and args.workers < 1) or args.seed < 0:
        parser.error("--runs and --workers are at least 1, --seed at least 0")
    try:
        result = tournament(args.strategies, args.scenario, args.runs, args.seed, args.workers)
    except DiplosimError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        show(result)


if __name__ == "__main__":
    main()

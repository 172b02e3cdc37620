"""What the engine's actors do in engine-only runs: who makes statements and offers, whether
sponsors keep their word, and how much the roll calls vary.

    python benchmarks/engine_moves.py                 # 500 runs of the default scenario
    python benchmarks/engine_moves.py --runs 100 scenarios/syria-2012-07-china-abstains

Prints, over seeds 0..N-1:

* the share of runs in which an actor that sponsors no draft makes a public statement or an
  offer, and the mean number of statements, covers (statements with negative pressure),
  answers and offers per run, by actor;
* every ballot a sponsor cast on a draft it still sponsored at the vote that was not yes (there
  should be none), and the sponsors that left a draft;
* per draft put to the vote, the distinct roll calls and tallies seen, and the modal tally.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from sim import DiplomacyModel, default_scenario, load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "scenario", nargs="?", type=Path, default=None, help="scenario folder (default: the shipped one)"
    )
    parser.add_argument("--runs", type=int, default=500, help="runs, seeds 0..N-1 (default 500)")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario or default_scenario())
    model = DiplomacyModel(scenario, 0)
    ids = {agent.name: key for key, agent in model.actors.items()}
    sponsoring = {key for d in scenario.spec.drafts.values() for key in d.sponsors}
    with_moves = 0
    kinds: Counter[str] = Counter()
    by_actor: Counter[str] = Counter()
    broken: list[str] = []
    left: Counter[str] = Counter()
    roll_calls: dict[str, Counter[tuple]] = {}
    tallies: dict[str, Counter[str]] = {}
    for seed in range(args.runs):
        model.restart(seed)
        record = model.run()
        sponsors_at_end = {key: set(draft.sponsors) for key, draft in model.drafts.items()}
        outside = False
        for rnd in record.rounds:
            for move in rnd.pressure:
                kind = "cover" if move.kind == "statement" and move.amount < 0 else move.kind
                kinds[kind] += 1
                kinds["answers"] += bool(move.answers)
                by_actor[move.actor] += 1
                outside |= ids[move.actor] not in sponsoring
            for decision in rnd.decisions:
                if decision.action == "left":
                    left[f"{decision.actor} from {decision.symbol}"] += 1
        with_moves += outside
        for vote in record.votes:
            for member, ballot in vote.roll_call.items():
                if ids[member] in sponsors_at_end[vote.draft] and ballot != "yes":
                    broken.append(f"seed {seed}: {member} voted {ballot} on {vote.symbol}")
            roll_calls.setdefault(vote.symbol, Counter())[tuple(sorted(vote.roll_call.items()))] += 1
            tally = f"{vote.tally['yes']}-{vote.tally['no']}-{vote.tally['abstain']}"
            tallies.setdefault(vote.symbol, Counter())[tally] += 1
    runs = args.runs
    print(f"{scenario.spec.id}: {runs} engine-only runs (seeds 0..{runs - 1})")
    print(
        f"runs in which an actor sponsoring no draft makes a statement or an offer: {with_moves / runs:.1%}"
    )
    per_run = ", ".join(f"{kind} {count / runs:.1f}" for kind, count in sorted(kinds.items()))
    print(f"per run: {per_run}")
    ranked = ", ".join(f"{actor} {count / runs:.1f}" for actor, count in by_actor.most_common())
    print(f"statements and offers per run, by actor: {ranked}")
    print(f"ballots other than yes by a sponsor on its own draft: {len(broken)}")
    for line in broken[:10]:
        print(f"  {line}")
    print("sponsors that left a draft: " + (", ".join(f"{k} ({v} runs)" for k, v in left.items()) or "none"))
    for symbol, seen in roll_calls.items():
        modal, count = tallies[symbol].most_common(1)[0]
        print(
            f"{symbol}: {sum(seen.values())} votes, {len(seen)} distinct roll calls, "
            f"{len(tallies[symbol])} distinct tallies; modal tally {modal} ({count / sum(seen.values()):.1%})"
        )


if __name__ == "__main__":
    main()

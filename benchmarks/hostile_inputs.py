"""The hostile-input corpus (tests/hostile.py) replayed with its figures: each case's time and peak
memory, the counts of the hardening issue's closing note, and the two size targets.

    python benchmarks/hostile_inputs.py              # every case, then the size targets
    python benchmarks/hostile_inputs.py --only save  # the cases whose id holds "save"

A case counts as a clear error when the command exits 2 with no traceback and no secret in its
output; as a traceback when "Traceback" is printed; as a hang when the guard kills it; as a wrong
success when it exits 0; anything else is listed as it is. Targets (from the issue): each
refusal within 2 s and 300 MB; `validate` of a scenario with a 1 MB article and a missing quote
under 2 s; 2,000 actor files loaded under 10 s. This machine is shared: read a time over its
target twice before believing it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import CASES, SECRET, diplosim, make_project

SECONDS, MEGABYTES = 2.0, 300.0
ACTORS = 2000


def verdict(run) -> str:
    output = run.stdout + run.stderr
    if run.returncode is None:
        return "hang"
    if "Traceback" in output:
        return "traceback"
    if run.returncode == 0:
        return "wrong success"
    if run.returncode == 2 and SECRET not in output:
        return "clear error"
    return f"exit {run.returncode}"


def many_actors(folder: Path) -> Path:
    """The shipped scenario with ``ACTORS`` more actor files (outside the Council)."""
    project = make_project(folder)
    actors = project.scenario / "actors"
    for index in range(ACTORS):
        (actors / f"extra-{index:04d}.yaml").write_text(
            f"id: extra-{index:04d}\nname: Extra {index}\nkind: state\ncapability: 0.05\n"
            "ideal: {coercion: 50, transition: 50, mission: 50}\n"
            "salience: {coercion: 0.5, transition: 0.5, mission: 0.5}\n",
            encoding="utf-8",
        )
    return project.scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="Run only the cases whose id holds this text.")
    args = parser.parse_args()
    counts: dict[str, int] = {}
    slow = []
    print(f"{'case':38} {'kind':11} {'verdict':14} {'s':>6} {'MB':>6}")
    for case in CASES:
        if args.only not in case.id:
            continue
        with tempfile.TemporaryDirectory() as folder:
            project = make_project(Path(folder))
            command, _ = case.build(project)
            run = diplosim(*command, cwd=project.root)
        result = verdict(run)
        counts[result] = counts.get(result, 0) + 1
        mark = "" if run.seconds <= SECONDS and run.peak_mb <= MEGABYTES else "  over target"
        if mark:
            slow.append(case.id)
        print(f"{case.id:38} {case.kind:11} {result:14} {run.seconds:6.2f} {run.peak_mb:6.0f}{mark}")
    tried = sum(counts.values())
    print(
        f"\ninputs tried {tried} / clear errors {counts.get('clear error', 0)} / tracebacks "
        f"{counts.get('traceback', 0)} / hangs {counts.get('hang', 0)} / wrong successes "
        f"{counts.get('wrong success', 0)}"
        + "".join(f" / {k} {v}" for k, v in counts.items() if k.startswith("exit"))
    )
    print(f"over {SECONDS:g} s or {MEGABYTES:g} MB: {', '.join(slow) or 'none'}")
    if args.only:
        return
    with tempfile.TemporaryDirectory() as folder:
        scenario = many_actors(Path(folder))
        run = diplosim("validate", str(scenario), cwd=Path(folder), guard=120)
        print(
            f"validate with {ACTORS} more actor files: exit {run.returncode}, {run.seconds:.2f} s, "
            f"{run.peak_mb:.0f} MB (target under 10 s)"
        )


if __name__ == "__main__":
    main()

"""``--plot``: outcome probabilities with their 95% intervals, drawn with matplotlib.

A batch gets one panel per draft, a bar per outcome with its Wilson interval; a sweep gets one
panel per draft with each outcome's probability against the first varied value, a line per
combination of the other varied values, and the intervals as bands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import OutputExistsError, OutputFormatError
from .tables import OUTCOME_LABELS
from .writers import cannot_write, make_parent

FORMATS = (".png", ".svg", ".pdf")


def check_plot(path: Path) -> None:
    """Refuse a ``--plot`` file that cannot be drawn before any run, not after the whole batch:
    another format than PNG, SVG or PDF, a folder, or a folder that cannot be made for it."""
    if path.suffix.lower() not in FORMATS:
        raise OutputFormatError(f"--plot {path}: draws {', '.join(FORMATS)} files, not '{path.suffix}'")
    if path.is_dir():
        raise OutputExistsError("--plot: is a folder, not a file", path)
    make_parent(path)


def plot(summary: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    keys = list(summary["points"][0]["drafts"])
    figure, axes = plt.subplots(len(keys), 1, figsize=(8, 2.8 * len(keys)), squeeze=False)
    for ax, key in zip(axes[:, 0], keys, strict=True):
        if summary["batch"]["vary"]:
            _sweep_panel(ax, summary, key)
        else:
            _bar_panel(ax, summary["points"][0]["drafts"][key])
    batch = summary["batch"]
    figure.suptitle(f"{batch['scenario']}: {summary['runs']} runs, root seed {batch['seed']}")
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=120)
    except OSError as exc:
        raise cannot_write(exc, path, "--plot: cannot write the picture") from None
    finally:
        plt.close(figure)


def _bar_panel(ax, draft: dict[str, Any]) -> None:
    names = list(OUTCOME_LABELS)
    cells = [draft["outcomes"][n] for n in names]
    p = [c["p"] for c in cells]
    errors = [[c["p"] - c["low"] for c in cells], [c["high"] - c["p"] for c in cells]]
    ax.barh([OUTCOME_LABELS[n] for n in names], p, xerr=errors, capsize=4, color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("probability (95% Wilson interval)")
    ax.set_title(f"{draft['symbol']} ({draft['runs']} runs)", loc="left")


def _sweep_panel(ax, summary: dict[str, Any], key: str) -> None:
    paths = [axis["path"] for axis in summary["batch"]["vary"]]
    first, others = paths[0], paths[1:]
    points = summary["points"]
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for point in points:
        groups.setdefault(tuple(point["vary"][p] for p in others), []).append(point)
    shown = [n for n in OUTCOME_LABELS if any(p["drafts"][key]["outcomes"][n]["count"] for p in points)]
    for name in shown:
        for rest, members in groups.items():
            x = [float(m["vary"][first]) for m in members]
            cells = [m["drafts"][key]["outcomes"][name] for m in members]
            label = name.replace("_", " ") + "".join(f", {p}={v}" for p, v in zip(others, rest, strict=True))
            (line,) = ax.plot(x, [c["p"] for c in cells], marker="o", label=label)
            ax.fill_between(
                x, [c["low"] for c in cells], [c["high"] for c in cells], color=line.get_color(), alpha=0.2
            )
    ax.set_ylim(0, 1)
    ax.set_xlabel(first)
    ax.set_ylabel("probability")
    ax.set_title(points[0]["drafts"][key]["symbol"], loc="left")
    ax.legend(fontsize="small")

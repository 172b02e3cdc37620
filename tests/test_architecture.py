"""Import contract: the engine is reachable without the terminal app (as Harlequin enforces)."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from shared import FIXTURE

import sim

ENGINE = Path(sim.__file__).parent
FORBIDDEN = ("textual", "tui")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_engine_module_imports_the_tui_at_top_level():
    for path in ENGINE.rglob("*.py"):
        if path.is_relative_to(ENGINE / "cli"):
            continue  # the CLI may open the app lazily, inside its command
        assert not imported_modules(path) & set(FORBIDDEN), path


def run_python(code: str) -> str:
    """``code`` in a fresh interpreter, so that ``sys.modules`` shows what it alone imported."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_running_the_engine_never_loads_textual():
    code = (
        "import sys, sim\n"
        f"sim.run_scenario(sim.load_scenario({str(FIXTURE)!r}), 1)\n"
        "import sim.cli, sim.play.transcript\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui')))\n"
    )
    assert run_python(code).strip() == "[]"


def test_commands_that_run_no_model_do_not_load_mesa():
    """Mesa (with pandas and scipy) is most of the CLI's start-up; validate and --help skip it."""
    code = (
        "import sys, sim.cli\n"
        f"sim.load_scenario({str(FIXTURE)!r})\n"
        "print('mesa' in sys.modules)\n"
        "sim.DiplomacyModel\n"
        "print('mesa' in sys.modules)\n"
    )
    assert run_python(code).split() == ["False", "True"]


def test_the_cli_starts_without_what_only_some_commands_need():
    """Every command, and every refusal of bad input, imports sim.cli first: numpy, pyarrow, the
    batch runner, rich's progress and the editor are imported by the commands that use them."""
    heavy = ("numpy", "pyarrow", "sim.batch.session", "sim.batch.runner", "rich.progress", "sim.edit", "mesa")
    heavy += ("textual_serve", "aiohttp")  # diplosim serve's server
    code = f"import sys, sim.cli.main\nprint(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    assert run_python(code).strip() == "[]"


def test_the_import_contracts_hold():
    """Layers, the core without the app, no cycles inside sim: pyproject.toml's [tool.importlinter]."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter)], capture_output=True, text=True, timeout=300, cwd=Path(__file__).parent.parent
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", result.stdout), result.stdout[-4000:]

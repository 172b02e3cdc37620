"""Wheel build hook: compile the engine's hot path with mypyc.

The modules listed under ``[tool.hatch.build.targets.wheel.hooks.custom] compile`` in
pyproject.toml are plain typed Python. Compiled to C extensions they run a batch about four
times as fast, with the same records to the last bit (tests/test_compiled.py compares the
installed, compiled engine with the source). From a source checkout, or an editable install,
they run as the Python they are.

``DIPLOSIM_PURE=1`` builds a pure-Python wheel on purpose. When compiling fails (no C compiler,
say) the wheel is built pure Python too: slower, never different. pip shows the reason with
``-v``, and tests/test_compiled.py fails on such an install unless DIPLOSIM_PURE is set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="diplosim-engine",
    ext_modules=mypycify(
        ["--ignore-missing-imports", "--follow-imports=silent", *{modules!r}],
        opt_level="3",
        group_name="sim._engine",
    ),
)
"""


class CompileEngine(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        pure = os.environ.get("DIPLOSIM_PURE", "") not in ("", "0")
        if self.target_name != "wheel" or version == "editable" or pure:
            return
        modules = list(self.config.get("compile", []))
        if not modules:
            return
        self._work = Path(tempfile.mkdtemp(prefix="diplosim-mypyc-"))
        try:
            self._compile(modules, build_data)
        except BaseException:
            shutil.rmtree(self._work, ignore_errors=True)
            raise

    def _compile(self, modules: list[str], build_data: dict) -> None:
        shutil.copytree(
            Path(self.root) / "sim",
            self._work / "sim",
            ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"),
        )
        (self._work / "setup.py").write_text(SETUP.format(modules=modules), encoding="utf-8")
        self.app.display_info(f"compiling {len(modules)} engine modules with mypyc")
        env = {**os.environ, "CFLAGS": f"{os.environ.get('CFLAGS', '')} -ffp-contract=off".strip()}
        done = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace"],
            cwd=self._work,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-12:]
            self.app.display_warning(
                "could not compile the engine with mypyc; building a pure-Python wheel "
                "(same results, slower):\n" + "\n".join(last)
            )
            return
        built = [p for p in (self._work / "sim").rglob("*") if p.suffix in (".so", ".pyd")]
        for path in built:
            build_data["force_include"][str(path)] = str(path.relative_to(self._work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)

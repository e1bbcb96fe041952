"""The core (`journeymap/`) must run without Qt: import every module of it in a fresh
interpreter and check that no PySide6 or shiboken module came along."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import journeymap

ROOT = Path(__file__).resolve().parents[1]


def _core_modules() -> list[str]:
    names = ["journeymap"]
    for info in pkgutil.walk_packages(journeymap.__path__, "journeymap."):
        if not info.name.endswith("__main__"):  # importing it would run the program
            names.append(info.name)
    return names


def test_every_core_module_imports_without_qt():
    modules = _core_modules()
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"core imported Qt: {result.stdout.strip()}"

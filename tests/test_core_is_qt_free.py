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


FORBIDDEN = ("PySide6", "shiboken6", "ui", "app")


def _imports(path: Path) -> list[tuple[int, str]]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):  # every import, also those inside functions
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_core_source_imports_qt_or_the_editor_even_inside_a_function():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((ROOT / "journeymap").rglob("*.py"))
        for line, name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_python_m_journeymap_is_the_command_line_without_the_editor(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "journeymap", "--workspace", str(tmp_path / "w.journeymap"),
         "gui"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "journeymap: error: the editor is not part of 'python -m journeymap'; "
        "run 'journeymap' or 'python main.py' instead."]


def test_the_editor_calls_the_core_not_the_command_line():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for line, name in _imports(path)
        if name == "journeymap.cli" or name.startswith("journeymap.cli.")
    ]
    assert offenders == []

"""Fixtures for the window and panel tests: a MainWindow on a temporary workspace whose dialogs
are recorded instead of shown (nothing modal may block a test run).

Import the fixtures into a test module with `from test_window_helpers import ...`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.dialogs import WorkspaceChoice  # noqa: E402

__all__ = ["dialogs", "make_window", "sample_copy", "sample_file", "settings", "window",
           "workspace_path"]


class Dialogs(SimpleNamespace):
    """What the window asked the user, and what the test answers."""


@pytest.fixture
def dialogs(monkeypatch):
    from ui.main_window import MainWindow

    record = Dialogs(problems=[], messages=[], new_map=None, save_path=None, open_path=None,
                     problem_answer=WorkspaceChoice("cancel"))

    def problem_dialog(parent, path, message, *, can_read_only):
        record.problems.append(SimpleNamespace(path=path, message=message,
                                               can_read_only=can_read_only))
        answer = record.problem_answer
        record.problem_answer = WorkspaceChoice("cancel")  # answer once, then give up
        return answer

    monkeypatch.setattr(MainWindow, "problem_dialog", staticmethod(problem_dialog))
    monkeypatch.setattr(MainWindow, "message_dialog", staticmethod(
        lambda parent, kind, title, text: record.messages.append((kind, title, text))))
    monkeypatch.setattr(MainWindow, "new_map_dialog",
                        staticmethod(lambda parent, templates: record.new_map))
    monkeypatch.setattr(MainWindow, "save_file_dialog",
                        staticmethod(lambda parent, title, suggested, filt: record.save_path))
    monkeypatch.setattr(MainWindow, "open_file_dialog",
                        staticmethod(lambda parent, title, folder, filt: record.open_path))
    return record


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory) -> Path:
    """One sample workspace built per test run; tests get copies (building takes ~0.3 s)."""
    from journeymap.sample import create_sample_workspace

    path = tmp_path_factory.mktemp("sample") / "sample.journeymap"
    create_sample_workspace(path)
    return path


@pytest.fixture
def workspace_path(tmp_path) -> Path:
    """Where the window's workspace is: missing, so the window makes the first-start sample."""
    return tmp_path / "workshop.journeymap"


@pytest.fixture
def sample_copy(tmp_path, sample_file) -> Path:
    """A fresh copy of the sample workspace (the maps of every template)."""
    path = tmp_path / "copy.journeymap"
    shutil.copyfile(sample_file, path)
    return path


@pytest.fixture
def make_window(qtbot, dialogs, settings, sample_copy):
    """make_window(path=None, **kwargs) -> a shown MainWindow (closed after the test);
    by default on a copy of the sample workspace."""
    from ui.main_window import MainWindow

    made = []

    def make(path: Path | None = None, **kwargs):
        window = MainWindow(path or sample_copy, settings=settings, **kwargs)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        made.append(window)
        return window

    yield make
    for window in made:
        if window.session is not None:
            window.close()
        window.deleteLater()
    # Deferred deletes are not run by processEvents: without this every test's window (and
    # its thousands of child widgets) would live on and slow the following tests down.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window):
    return make_window()

"""Qt overrides in ui/ are guarded: an error is logged and kept, never left to crash shiboken."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from shiboken6 import Object as QtObject

import ui
from ui import safety

# Geometry queries return a value Qt needs (a QRectF, a path) and compute nothing that can fail;
# `CanvasView.scene` narrows the return type of an accessor.
UNGUARDED = {"boundingRect", "shape", "scene"}


def _qt_overrides():
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__
                    and issubclass(cls, QtObject)):
                continue
            qt_bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("PySide6")]
            for name, method in vars(cls).items():
                if (callable(method) and not name.startswith("__")
                        and any(name in vars(b) for b in qt_bases)):
                    yield f"{cls.__module__}.{cls.__qualname__}.{name}", method


def test_every_qt_override_in_ui_is_guarded():
    missing = [name for name, method in _qt_overrides()
               if name.rsplit(".", 1)[1] not in UNGUARDED and not getattr(method, "guarded", False)]
    assert missing == []


def test_the_scan_sees_overrides_outside_the_canvas():
    names = {name for name, _ in _qt_overrides()}
    assert {"ui.main_window.MainWindow.closeEvent", "ui.undo._QtCommand.undo",
            "ui.panels.find_bar.FindBar.eventFilter"} <= names


def test_a_guarded_filter_returns_its_fallback_and_keeps_the_error():
    @safety.guarded(fallback=False)
    def event_filter(watched, event):
        raise ValueError("broken filter")

    assert event_filter(None, None) is False
    assert [type(e) for e in safety.ERRORS] == [ValueError]
    safety.ERRORS.clear()


def test_the_canvas_name_of_the_guard_is_the_same_guard():
    from ui.canvas import safety as canvas_safety

    assert canvas_safety.guarded is safety.guarded and canvas_safety.ERRORS is safety.ERRORS


@pytest.mark.usefixtures("qtbot")
def test_the_map_list_delegate_paints_without_a_widget_in_the_option():
    from ui.panels.map_list import _MapDelegate

    image = QImage(200, 30, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    _MapDelegate().paint(painter, option, QModelIndex())
    painter.end()
    # the autouse fixture fails the test if the guarded paint raised

"""Guard against the PySide6 6.12.0 / Python 3.11 abi3 bug (shared/design.md): each call of a
void Qt method dropped a reference to None until the interpreter died in none_dealloc."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")


def test_void_qt_methods_do_not_leak_references_to_none(qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QGraphicsRectItem

    rect = QRectF(0, 0, 10, 10)
    item = QGraphicsRectItem(rect)
    before = sys.getrefcount(None)
    for i in range(10_000):
        rect.setWidth(float(i % 50))
        item.setPos(float(i % 7), 1.0)
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references"

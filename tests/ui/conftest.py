"""Fixtures and input helpers for the canvas tests (offscreen Qt, real mouse events)."""

from __future__ import annotations

import os
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from journeymap.document import Document  # noqa: E402
from journeymap.model import Map  # noqa: E402


def build_doc() -> Document:
    """Three stages x three lanes; a flow a -> b -> c -> d with one loop d -> c."""
    doc = Document(Map(id="map-ui", name="Canvas test journey"))
    for name in ("Reach", "Engage", "Retain"):
        doc.add_stage(name, id=f"st-{name.lower()}")
    doc.add_lane("Customer", kind="customer", id="ln-customer")
    doc.add_lane("Sales", id="ln-sales")
    doc.add_lane("Support", kind="backstage", id="ln-support")
    cards = [
        ("tp-a", "st-reach", "ln-customer", "Sees ad", 1),
        ("tp-b", "st-engage", "ln-sales", "Discovery call", 0),
        ("tp-c", "st-engage", "ln-sales", "Demo", 2),
        ("tp-d", "st-retain", "ln-customer", "Renews", -1),
        ("tp-e", "st-retain", "ln-support", "Support ticket", None),
    ]
    for tp_id, stage, lane, title, exp in cards:
        doc.add_touchpoint(stage, lane, title, id=tp_id, experience=exp)
    doc.add_connection("tp-a", "tp-b", id="cn-ab")
    doc.add_connection("tp-b", "tp-c", id="cn-bc")
    doc.add_connection("tp-c", "tp-d", id="cn-cd")
    doc.add_connection("tp-d", "tp-c", id="cn-dc", loop=True)
    doc.undo_stack.clear()
    return doc


@pytest.fixture
def doc() -> Document:
    return build_doc()


@pytest.fixture
def undo_stack(qtbot) -> QUndoStack:
    return QUndoStack()


def show_canvas(qtbot, doc, undo_stack, width: int = 1400, height: int = 900):
    """A CanvasView of `doc`, shown, exposed and focused (no minimap)."""
    from ui.canvas.view import CanvasView

    canvas = CanvasView(doc, undo_stack)
    canvas.set_overview_enabled(False)
    qtbot.addWidget(canvas)
    canvas.resize(width, height)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.activateWindow()
    canvas.setFocus()
    return canvas


@pytest.fixture
def view(qtbot, doc, undo_stack):
    return show_canvas(qtbot, doc, undo_stack)


# -- helpers -----------------------------------------------------------------------------------
def scene_point(view, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def card_point(view, tp_id: str, fx: float = 0.5, fy: float = 0.5) -> QPoint:
    """The viewport point at a fraction of a card's rectangle."""
    rect = view.scene().card_rect(tp_id)
    return scene_point(view, rect.x() + rect.width() * fx, rect.y() + rect.height() * fy)


def cell_point(view, stage: str, lane: str, fx: float = 0.5, fy: float = 0.5) -> QPoint:
    rect = view.scene().layout.cell_rects[(stage, lane)]
    return scene_point(view, rect.x + rect.w * fx, rect.y + rect.h * fy)


def drag(view, start: QPoint, end: QPoint, steps: int = 8,
         modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press, move in steps and release the left button on the viewport, as a user would.

    Qt 6 QTest remembers the pressed button, so plain QTest.mouseMove carries LeftButton.
    """
    port = view.viewport()
    QTest.mouseMove(port, start)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, modifiers, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(port, start + (end - start) * (i / steps))
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, modifiers, end)


def click(view, point: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers, point)


def double_click(view, point: QPoint) -> None:
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      point)


def cells(doc) -> dict[str, tuple[str, str]]:
    return {tp.id: (tp.stage, tp.lane) for tp in doc.map.touchpoints}


def cell_order(doc, stage: str, lane: str) -> list[str]:
    return [tp.id for tp in doc.map.cell(stage, lane)]


@pytest.fixture
def ui():
    """The input helpers above, as one namespace (test modules cannot import conftest)."""
    return SimpleNamespace(
        scene_point=scene_point, card_point=card_point, cell_point=cell_point, drag=drag,
        click=click, double_click=double_click, cells=cells, cell_order=cell_order,
    )


@pytest.fixture(autouse=True)
def no_swallowed_handler_errors():
    """Qt overrides in ui/ log and swallow errors (see ui/safety.py); fail the test on them."""
    from ui import safety

    safety.ERRORS.clear()
    yield
    errors, safety.ERRORS[:] = list(safety.ERRORS), []
    assert not errors, f"a guarded Qt override raised: {errors[0]!r}"

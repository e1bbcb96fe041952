"""Presentation mode as a room sees it at 1920 x 1080: the acquisition template's 15 card titles
at 28 px or more on screen, none cut, nothing drawn over another text; the inspector opened in
front of the room leaves out the fields hidden from it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QFontMetricsF, QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap.document import Document  # noqa: E402
from journeymap.templates import build_template  # noqa: E402

ROOM_PX = 28.0


@pytest.fixture
def presenting(qtbot):
    """A 1920 x 1080 canvas of the acquisition template, presenting."""
    from ui.canvas.view import CanvasView

    doc = Document(build_template("acquisition"))
    canvas = CanvasView(doc, QUndoStack())
    canvas.set_overview_enabled(False)
    qtbot.addWidget(canvas)
    canvas.resize(1920, 1080)
    canvas.show()
    qtbot.waitExposed(canvas)
    # What the window's F5 does to its canvas (the window test below presses F5 itself; the
    # offscreen screen is 800 x 800, so a full-screen window could not be 1920 x 1080).
    canvas.set_presentation(True)
    canvas.fit_to_window()
    assert canvas._style.presentation
    return canvas


def on_screen(canvas, rect: QRectF, card) -> QRectF:
    return canvas.mapFromScene(card.mapRectToScene(rect)).boundingRect().toRectF()


def test_acquisition_titles_are_28_px_on_screen_and_never_cut(presenting):
    canvas = presenting
    cards = canvas.scene().cards.values()
    assert len(cards) == 15
    scale = canvas.transform().m11()
    title = canvas._style.fonts.title
    assert title.pixelSize() * scale >= ROOM_PX
    # The map fills the screen and is all in sight.
    shown = canvas.mapFromScene(canvas.scene().sceneRect()).boundingRect()
    assert canvas.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown)
    assert shown.width() >= 0.95 * canvas.viewport().width() or \
        shown.height() >= 0.95 * canvas.viewport().height()
    fm = QFontMetricsF(title)
    for card in cards:
        parts = card.room_parts()
        drawn = " ".join(line for line, _ in parts["lines"])
        assert "\u2026" not in drawn, card.tp.title
        assert drawn.replace("- ", "-") == " ".join(card.tp.title.split()), drawn
        body = card.card_rect()
        for line, rect in parts["lines"]:
            assert fm.horizontalAdvance(line) <= rect.width() + 0.5
            assert body.contains(rect), (line, rect, body)
            # Nothing overprints: the experience pill is clear of every title line.
            if parts["pill"] is not None:
                assert not rect.intersects(parts["pill"][1]), (line, parts["pill"])
            assert on_screen(canvas, rect, card).height() >= ROOM_PX
        if parts["pill"] is not None:
            assert body.contains(parts["pill"][1])


def test_the_experience_band_title_does_not_run_into_its_numbers(presenting):
    labels = presenting.scene().emotion.frame_labels()
    _text, _font, title = labels["title"]
    assert [text for text, _ in labels["axis"]] == ["+2", "0", "\u22122"]
    for text, rect in labels["axis"]:
        assert not title.intersects(rect), text
    band = presenting.scene().layout.emotion_rect
    for line, rect in labels["caption"]:
        assert rect.bottom() <= band.bottom, line


def test_voting_while_presenting_makes_room_for_dots_under_the_titles(presenting, qtbot):
    canvas = presenting
    doc = canvas.document
    tp = doc.map.touchpoints[1]  # "Answer questions in industry communities": two lines
    canvas.set_voting(True)
    canvas.fit_to_window()
    doc.update("touchpoint", tp.id, votes={"Ann": 3})
    card = canvas.scene().cards[tp.id]
    parts = card.room_parts()
    assert parts["dots_y"] is not None
    last = parts["lines"][-1][1]
    from ui.canvas.presentation import DOT_R

    assert parts["dots_y"] - DOT_R >= last.bottom() - 0.5  # the dots are under the title
    assert "\u2026" not in " ".join(line for line, _ in parts["lines"])
    assert 2 * DOT_R * canvas.transform().m11() >= 14  # countable from the back of the room


def test_the_editing_card_keeps_its_look(qtbot):
    from ui.canvas.view import CanvasView

    doc = Document(build_template("acquisition"))
    canvas = CanvasView(doc, QUndoStack())
    qtbot.addWidget(canvas)
    assert canvas._style.fonts.title.pixelSize() == 12
    card = next(iter(canvas.scene().cards.values()))
    assert (card.w, card.h) == (168.0, 88.0)
    canvas.resize(1920, 1080)
    canvas.set_presentation(True)
    assert canvas._style.fonts.title.pixelSize() > 12
    canvas.set_presentation(False)
    assert canvas._style.fonts.title.pixelSize() == 12
    assert (card.w, card.h) == (168.0, 88.0)


def test_a_title_lengthened_while_presenting_is_fitted_again_not_cut(presenting, qtbot):
    canvas = presenting
    tp = canvas.document.map.touchpoints[2]
    canvas.document.update("touchpoint", tp.id,
                           title="Trade event talk with a demonstration corner for operators")
    card = canvas.scene().cards[tp.id]
    qtbot.waitUntil(lambda: "\u2026" not in " ".join(text for text, _ in card.room_parts()["lines"]))


def test_the_inspector_opened_while_presenting_leaves_out_hidden_fields(window, qtbot):
    tp = window.document().map.touchpoints[0]
    window.navigator.select_cards([tp.id])
    form = window.inspector.touchpoint
    assert {"owner", "channel", "experience", "raci"} <= set(form.shown_fields())
    window.actions.hide["owner"].trigger()
    window.actions.hide["raci"].trigger()
    assert "owner" in form.shown_fields()  # editing, the facilitator sees every field
    QTest.keyClick(window.canvas, Qt.Key.Key_F5)
    assert window.modes.presenting
    window.inspector_dock.show()  # e.g. from the toolbar's panel menu
    shown = form.shown_fields()
    assert "owner" not in shown and "raci" not in shown
    assert "title" in shown and "channel" in shown
    window.actions.hide["channel"].trigger()  # hidden while presenting: gone at once
    assert "channel" not in form.shown_fields()
    window.actions.hide["owner"].trigger()  # shown again to the room
    assert "owner" in form.shown_fields()
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not window.modes.presenting
    assert {"owner", "channel", "raci"} <= set(form.shown_fields())

"""Dot voting in the editor with real clicks and keys: two participants in their colours,
the budget refused visibly, number keys choosing who votes, the ranking with ties, clearing
one participant's dots (undoable) and the ranking exported as CSV."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap import voting  # noqa: E402


def click_card(qtbot, window, tp_id, modifier=Qt.KeyboardModifier.NoModifier):
    canvas = window.canvas
    rect = canvas.scene().layout.card_rects[tp_id]
    canvas.ensureVisible(rect.x, rect.y, rect.w, rect.h)
    point = canvas.mapFromScene(rect.x + rect.w / 2, rect.y + rect.h / 2)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def test_two_participants_vote_in_their_colours_within_the_budget(qtbot, window):
    document = window.document()
    a, b, c = document.map.touchpoints[:3]
    panel = window.facilitation
    panel.budget.setValue(2)
    assert document.map.dot_budget == 2
    window.actions.voting.trigger()
    panel.participant.setEditText("Ana")
    click_card(qtbot, window, a.id)
    panel.participant.setEditText("Ben")
    click_card(qtbot, window, a.id)
    click_card(qtbot, window, b.id)
    assert list(document.map.participants) == ["Ana", "Ben"]
    assert document.map.touchpoint(a.id).votes == {"Ana": 1, "Ben": 1}
    # The legend shows both, with what each has left; keys 1 and 2 pick who votes.
    legend = [panel.legend.item(i).text() for i in range(panel.legend.count())]
    assert legend == ["1  Ana — 1 of 2 left", "2  Ben — 0 of 2 left"]
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_1)
    assert panel.participant_name() == "Ana"
    click_card(qtbot, window, b.id)
    QTest.keyClick(window.canvas, Qt.Key.Key_2)
    assert panel.participant_name() == "Ben"
    # Ben has no dots left: the vote is refused, and says so.
    click_card(qtbot, window, c.id)
    assert document.map.touchpoint(c.id).votes == {}
    assert "Ben has used all 2 dots" in window.statusBar().currentMessage()
    # The canvas paints each dot in its participant's colour.
    colours = window.canvas.scene().vote_colours(document.map.touchpoint(a.id))
    assert colours == [(QColor(voting.PALETTE[0]), 1), (QColor(voting.PALETTE[1]), 1)]
    # Ranking: a and b have 2 dots each, tied at rank 1.
    ranking = [panel.ranking.item(i).text() for i in range(panel.ranking.count())]
    assert len(ranking) == 2 and all(text.strip().startswith("1=") for text in ranking)


def test_clear_one_participants_dots_is_undoable(qtbot, window):
    document = window.document()
    a, b = document.map.touchpoints[:2]
    panel = window.facilitation
    window.actions.voting.trigger()
    for name, tp in (("Ana", a), ("Ben", a), ("Ana", b)):
        panel.participant.setEditText(name)
        click_card(qtbot, window, tp.id)
    panel.choose_participant("Ana")
    qtbot.mouseClick(panel.clear_one, Qt.MouseButton.LeftButton)
    assert voting.given(document.map, "Ana") == 0
    assert voting.given(document.map, "Ben") == 1
    window.actions.undo.trigger()
    assert voting.given(document.map, "Ana") == 2


def test_the_ranking_exports_as_csv(qtbot, window, dialogs, tmp_path):
    document = window.document()
    panel = window.facilitation
    window.actions.voting.trigger()
    panel.participant.setEditText("Ana")
    click_card(qtbot, window, document.map.touchpoints[0].id)
    dialogs.save_path = tmp_path / "ranking.csv"
    qtbot.mouseClick(panel.export, Qt.MouseButton.LeftButton)
    text = dialogs.save_path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Rank,Touchpoint,Stage,Lane,Dots,Ana"
    assert document.map.touchpoints[0].title in text

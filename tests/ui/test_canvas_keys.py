"""Keyboard editing on the canvas: in-place titles, delete, navigation, clipboard, zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def type_title(view, text: str, finish=K.Key_Return) -> None:
    editor = view.title_editor()
    assert editor.isVisible()
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, finish)


def test_double_clicking_a_card_edits_its_title_in_place(ui, view, doc, undo_stack):
    ui.double_click(view, ui.card_point(view, "tp-a"))
    type_title(view, "Sees a billboard")
    assert doc.map.touchpoint("tp-a").title == "Sees a billboard"
    assert not view.title_editor().isVisible()
    undo_stack.undo()
    assert doc.map.touchpoint("tp-a").title == "Sees ad"


def test_escape_cancels_the_title_edit(ui, view, doc, undo_stack):
    view.edit_title("tp-a")
    type_title(view, "Something else", finish=K.Key_Escape)
    assert doc.map.touchpoint("tp-a").title == "Sees ad"
    assert undo_stack.count() == 0


def test_f2_and_enter_edit_the_selected_card(ui, view, doc):
    view.select_touchpoints(["tp-b"])
    QTest.keyClick(view, K.Key_F2)
    type_title(view, "First call")
    assert doc.map.touchpoint("tp-b").title == "First call"
    view.setFocus()
    QTest.keyClick(view, K.Key_Return)
    type_title(view, "Intro call")
    assert doc.map.touchpoint("tp-b").title == "Intro call"


def test_an_empty_title_is_refused_with_a_message(ui, view, doc, qtbot):
    view.edit_title("tp-a")
    with qtbot.waitSignal(view.message) as blocker:
        type_title(view, " ")
    assert "empty" in blocker.args[0]
    assert doc.map.touchpoint("tp-a").title == "Sees ad"


def test_double_clicking_an_empty_cell_creates_a_card_and_edits_it(ui, view, doc, undo_stack):
    ui.double_click(view, ui.cell_point(view, "st-reach", "ln-support"))
    new = doc.map.cell("st-reach", "ln-support")
    assert [tp.title for tp in new] == ["New touchpoint"]
    type_title(view, "Reads a review")
    assert doc.map.cell("st-reach", "ln-support")[0].title == "Reads a review"
    assert undo_stack.count() == 2


def test_delete_key_removes_the_selected_cards_in_one_step(ui, view, doc, undo_stack):
    view.select_touchpoints(["tp-b", "tp-c"])
    QTest.keyClick(view, K.Key_Delete)
    assert doc.map.touchpoint("tp-b") is None and doc.map.touchpoint("tp-c") is None
    assert {c.id for c in doc.map.connections} == set()
    assert set(view.scene().cards) == {"tp-a", "tp-d", "tp-e"}
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert set(view.scene().cards) == {"tp-a", "tp-b", "tp-c", "tp-d", "tp-e"}
    assert set(view.scene().links) == {"cn-ab", "cn-bc", "cn-cd", "cn-dc"}
    undo_stack.redo()
    assert set(view.scene().links) == set()


def test_delete_key_removes_a_selected_connection(ui, view, doc):
    view.scene().links["cn-ab"].setSelected(True)
    QTest.keyClick(view, K.Key_Delete)
    assert doc.map.find("connection", "cn-ab") is None
    assert "cn-ab" not in view.scene().links


def test_arrow_keys_move_the_selection_spatially(view):
    view.select_touchpoints(["tp-b"])
    QTest.keyClick(view, K.Key_Down)
    assert view.selected_touchpoints() == ["tp-c"]
    QTest.keyClick(view, K.Key_Right)
    assert view.selected_touchpoints() == ["tp-d"] or view.selected_touchpoints() == ["tp-e"]
    QTest.keyClick(view, K.Key_Left)
    assert view.selected_touchpoints() in (["tp-b"], ["tp-c"])


def test_tab_walks_the_cards_in_map_order_and_shift_tab_back(view, doc):
    order = [tp.id for tp in doc.map.touchpoints_in_display_order()]
    view.select_touchpoints([order[0]])
    seen = []
    for _ in order:
        QTest.keyClick(view, K.Key_Tab)
        seen.append(view.selected_touchpoints()[0])
    assert seen == order[1:] + order[:1]
    QTest.keyClick(view, K.Key_Backtab)
    assert view.selected_touchpoints() == [order[-1]]


def test_selection_changed_reports_ids_in_map_order(view, qtbot):
    with qtbot.waitSignal(view.selection_changed) as blocker:
        view.select_touchpoints(["tp-d", "tp-a"])
    assert blocker.args[0] == ["tp-a", "tp-d"]


def test_copy_and_paste_put_copies_into_the_selected_cell(view, doc, undo_stack):
    view.select_touchpoints(["tp-a"])
    QTest.keyClick(view, K.Key_C, CTRL)
    assert "journeymap-touchpoints" in QGuiApplication.clipboard().text()
    view.select_touchpoints(["tp-e"])
    QTest.keyClick(view, K.Key_V, CTRL)
    titles = [tp.title for tp in doc.map.cell("st-retain", "ln-support")]
    assert titles == ["Support ticket", "Sees ad"]
    assert len(view.selected_touchpoints()) == 1
    assert undo_stack.count() == 1


def test_plain_text_pastes_as_one_card_per_line(view, doc):
    QGuiApplication.clipboard().setText("Reads a blog\nAsks a friend\n\n")
    view.select_touchpoints(["tp-a"])
    view.paste()
    assert [tp.title for tp in doc.map.cell("st-reach", "ln-customer")] == [
        "Sees ad", "Reads a blog", "Asks a friend"]


def test_ctrl_d_duplicates_with_connections_among_the_copies(view, doc):
    view.select_touchpoints(["tp-b", "tp-c"])
    QTest.keyClick(view, K.Key_D, CTRL)
    assert [tp.title for tp in doc.map.cell("st-engage", "ln-sales")] == [
        "Discovery call", "Discovery call", "Demo", "Demo"]
    copies = view.selected_touchpoints()
    assert len(copies) == 2 and not {"tp-b", "tp-c"} & set(copies)
    assert any(c.source in copies and c.target in copies for c in doc.map.connections)


def test_find_selects_matching_cards(view):
    assert view.find("DEMO") == ["tp-c"]
    assert view.selected_touchpoints() == ["tp-c"]
    assert view.find("zzz") == []


def test_zoom_keys_and_reset(view):
    QTest.keyClick(view, K.Key_Equal, CTRL)
    assert view.zoom() > 1.0
    QTest.keyClick(view, K.Key_Minus, CTRL)
    QTest.keyClick(view, K.Key_Minus, CTRL)
    assert view.zoom() < 1.0
    QTest.keyClick(view, K.Key_0, CTRL)
    assert view.zoom() == 1.0


def test_ctrl_wheel_zooms_around_the_cursor(ui, view):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view.set_zoom(2.0)  # larger than the window, so the view can keep the point in place
    view.centerOn(view.scene().card_rect("tp-c").center())
    point = ui.card_point(view, "tp-c")
    before = view.mapToScene(point)
    event = QWheelEvent(QPointF(point), QPointF(view.viewport().mapToGlobal(point)), QPoint(),
                        QPoint(0, 120), Qt.MouseButton.NoButton, CTRL,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() > 2.0
    after = view.mapToScene(point)
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2


def test_fit_to_window_shows_the_whole_map(view):
    view.zoom_in()
    view.zoom_in()
    view.fit_to_window()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.adjusted(-2, -2, 2, 2).contains(view.scene().sceneRect())


def test_typing_a_title_in_place_saves_after_a_pause_as_one_step(view, doc, undo_stack, qtbot):
    view.edit_title("tp-a")
    editor = view.title_editor()
    editor.selectAll()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        QTest.keyClicks(editor, "Sees the billboard")
    assert doc.map.touchpoint("tp-a").title == "Sees the billboard"
    assert editor.isVisible() and undo_stack.count() == 1  # still editing; one step so far
    QTest.keyClicks(editor, " twice")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert doc.map.touchpoint("tp-a").title == "Sees the billboard twice"
    assert undo_stack.count() == 2
    undo_stack.undo()
    undo_stack.undo()
    assert doc.map.touchpoint("tp-a").title == "Sees ad"


def test_escape_after_a_saved_pause_puts_the_title_back(view, doc, qtbot):
    view.edit_title("tp-a")
    editor = view.title_editor()
    editor.selectAll()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        QTest.keyClicks(editor, "Oops")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert doc.map.touchpoint("tp-a").title == "Sees ad"

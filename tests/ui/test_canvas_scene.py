"""The scene follows the document incrementally; menus, headers and display options."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from journeymap.document import Document
from journeymap.model import Map
from ui.canvas.menus import build_menu
from ui.undo import UndoBinding


def _actions(menu) -> dict:
    found = {}
    for action in menu.actions():
        if action.menu():
            found.update({f"{action.text()}/{a.text()}": a for a in action.menu().actions()})
        elif action.text():
            found[action.text()] = action
    return found


def test_a_move_keeps_every_item_and_only_moves_the_affected_cards(view, doc):
    scene = view.scene()
    items = {tp_id: card for tp_id, card in scene.cards.items()}
    links = dict(scene.links)
    untouched = scene.cards["tp-e"].scenePos()
    doc.move_touchpoints(["tp-a"], "st-engage", "ln-customer")
    assert all(scene.cards[tp_id] is card for tp_id, card in items.items())
    assert all(scene.links[cid] is link for cid, link in links.items())
    assert scene.cards["tp-e"].scenePos() == untouched
    rect = scene.layout.card_rects["tp-a"]
    assert (scene.cards["tp-a"].scenePos().x(), scene.cards["tp-a"].scenePos().y()) == (
        rect.x, rect.y)


def test_edits_from_elsewhere_show_on_the_card(view, doc):
    card = view.scene().cards["tp-a"]
    doc.update("touchpoint", "tp-a", title="Sees a poster", experience=-2)
    assert view.scene().cards["tp-a"] is card
    assert card.tp.title == "Sees a poster"


def test_adding_and_removing_a_lane_adds_and_removes_its_items(view, doc, undo_stack):
    scene = view.scene()
    lane = doc.add_lane("Finance")
    assert lane.id in scene.lane_headers and lane.id in scene.containers
    doc.add_touchpoint("st-reach", lane.id, "Invoice sent")
    doc.remove("lane", lane.id)
    assert lane.id not in scene.lane_headers and lane.id not in scene.containers
    assert len(scene.cards) == 5
    undo_stack.undo()
    assert lane.id in scene.lane_headers and len(scene.cards) == 6
    parent = scene.cards[doc.map.cell("st-reach", lane.id)[0].id].parentItem()
    assert parent is scene.containers[lane.id]


def test_undo_and_redo_of_a_stage_deletion_restore_cards_and_links(view, doc, undo_stack):
    view.delete_header("stage", "st-engage")
    assert "st-engage" not in view.scene().stage_headers
    assert set(view.scene().links) == set()  # every link touched a card of Engage
    assert "tp-b" not in view.scene().cards
    undo_stack.undo()
    assert {"tp-b", "tp-c"} <= set(view.scene().cards)
    assert set(view.scene().links) == {"cn-ab", "cn-bc", "cn-cd", "cn-dc"}
    undo_stack.redo()
    assert "tp-b" not in view.scene().cards


def test_undo_binding_applies_each_command_exactly_once(doc):
    stack = QUndoStack()
    UndoBinding(doc, stack)
    calls = []
    doc.changed.connect(lambda changes: calls.append(changes))
    doc.update("touchpoint", "tp-a", title="Once")
    assert len(calls) == 1 and stack.count() == 1
    assert doc.map.touchpoint("tp-a").title == "Once"
    stack.undo()
    stack.redo()
    assert len(calls) == 3 and doc.map.touchpoint("tp-a").title == "Once"


def test_undo_binding_is_made_once_per_stack(doc):
    stack = QUndoStack()
    first = UndoBinding.ensure(doc, stack)
    assert UndoBinding.ensure(doc, stack) is first
    first.detach()
    doc.update("touchpoint", "tp-a", title="Local")
    assert stack.count() == 0 and doc.undo_stack


def test_double_clicking_a_stage_header_renames_it(ui, view, doc):
    rect = view.scene().layout.stage_header_rects["st-reach"]
    ui.double_click(view, ui.scene_point(view, rect.x + 40, rect.y + 20))
    editor = view.title_editor()
    editor.selectAll()
    QTest.keyClicks(editor, "Awareness")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert doc.map.stage("st-reach").name == "Awareness"


def test_header_menu_inserts_recolours_and_deletes(view, doc, undo_stack):
    header = view.scene().lane_headers["ln-sales"]
    actions = _actions(build_menu(view, header, header.scenePos()))
    assert {"Rename", "Colour\u2026", "Insert lane before", "Insert lane after"} <= set(actions)
    actions["Insert lane after"].trigger()
    assert [ln.name for ln in doc.map.lanes][2] == "New lane"
    view.title_editor().cancel()
    view.recolour_lane("ln-sales", "#123456")
    assert doc.map.lane("ln-sales").color == "#123456"
    delete = next(a for text, a in actions.items() if text.startswith("Delete lane"))
    delete.trigger()
    assert doc.map.lane("ln-sales") is None and doc.map.touchpoint("tp-b") is None
    undo_stack.undo()
    assert doc.map.touchpoint("tp-b") is not None


def test_connection_menu_marks_a_loop_and_edits_the_label(view, doc):
    link = view.scene().links["cn-ab"]
    actions = _actions(build_menu(view, link, link.midpoint()))
    actions["Loop (goes back on purpose)"].trigger()
    assert doc.map.find("connection", "cn-ab").loop
    assert link.kind == "loop"
    view.edit_link_label("cn-ab")
    editor = view.title_editor()
    QTest.keyClicks(editor, "2 weeks later")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert doc.map.find("connection", "cn-ab").label == "2 weeks later"


def test_backward_links_not_marked_as_loops_are_flagged(view, doc):
    conn = doc.add_connection("tp-d", "tp-a")
    assert view.scene().links[conn.id].kind == "backward"
    assert view.scene().links["cn-dc"].kind == "loop"
    assert view.scene().links["cn-ab"].kind == "forward"


def test_card_menu_sets_experience_and_moment_of_truth(view, doc):
    card = view.scene().cards["tp-e"]
    actions = _actions(build_menu(view, card, card.scenePos()))
    actions["Experience/+2  delighted"].trigger()
    actions["Moment of truth"].trigger()
    actions["Add a dot vote"].trigger()
    tp = doc.map.touchpoint("tp-e")
    assert (tp.experience, tp.moment_of_truth, tp.vote_total) == (2, True, 1)


def test_empty_area_menu_adds_stages_and_cards(view, doc):
    cell = view.scene().layout.cell_rects[("st-reach", "ln-sales")]
    from PySide6.QtCore import QPointF

    actions = _actions(build_menu(view, None, QPointF(*cell.center)))
    actions["New touchpoint here"].trigger()
    view.title_editor().cancel()
    assert [tp.title for tp in doc.map.cell("st-reach", "ln-sales")] == ["New touchpoint"]
    actions["Add stage"].trigger()
    view.title_editor().cancel()
    assert doc.map.stages[-1].name == "New stage"
    assert doc.map.stages[-1].id in view.scene().stage_headers


def test_switching_documents_shows_the_other_map(view, doc):
    from journeymap.document import Document
    from journeymap.model import Map

    other = Document(Map(id="map-2", name="Other"))
    stage, lane = other.add_stage("Only"), other.add_lane("Lane")
    tp = other.add_touchpoint(stage.id, lane.id, "Lonely card")
    old_scene = view.scene()
    view.set_document(other, QUndoStack(view))
    assert set(view.scene().cards) == {tp.id}
    doc.update("touchpoint", "tp-a", title="Not shown any more")  # the old scene stopped listening
    assert view.scene() is not old_scene
    other.update("touchpoint", tp.id, title="Shown")
    assert view.scene().cards[tp.id].tp.title == "Shown"


def test_problem_badges_hidden_fields_and_presentation_repaint_cards(view):
    view.set_problem_badges({"tp-a": "error", "tp-b": "warning"})
    assert view.scene().style.badges == {"tp-a": "error", "tp-b": "warning"}
    view.set_hidden_fields({"owner", "raci"})
    assert not view.scene().style.shows("owner")
    title_px = view.scene().style.fonts.title.pixelSize()
    view.set_presentation(True)
    assert view.scene().style.fonts.title.pixelSize() > title_px
    view.set_theme(dark=True)
    assert view.scene().style.theme.dark
    view.viewport().repaint()


def test_hiding_the_emotion_curve_hides_its_item(view, doc):
    assert view.scene().emotion.isVisible()
    view.set_hidden_fields({"emotion"})
    assert not view.scene().emotion.isVisible()


def test_a_card_whose_lane_is_missing_is_kept_hidden_instead_of_crashing(qapp):
    from journeymap.model import Lane, Stage, Touchpoint
    from ui.canvas.scene import JourneyScene

    m = Map(id="broken", name="Broken", stages=[Stage("s", "S")], lanes=[Lane("l", "L")],
            touchpoints=[Touchpoint("t1", "Fine", "s", "l"), Touchpoint("t2", "Lost", "s", "gone")])
    scene = JourneyScene(Document(m))
    assert scene.cards["t1"].isVisible() and not scene.cards["t2"].isVisible()

"""Dragging cards, connections and headers with real mouse events through the viewport."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt


def test_dragging_a_card_to_another_cell_moves_it_there_in_one_undo_step(ui, view, doc, undo_stack):
    before = ui.cells(doc)
    ui.drag(view, ui.card_point(view, "tp-a"), ui.cell_point(view, "st-retain", "ln-sales"))
    assert ui.cells(doc)["tp-a"] == ("st-retain", "ln-sales")
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert ui.cells(doc) == before
    undo_stack.redo()
    assert ui.cells(doc)["tp-a"] == ("st-retain", "ln-sales")


def test_the_dragged_card_lands_where_the_layout_places_it(ui, view, doc):
    ui.drag(view, ui.card_point(view, "tp-a"), ui.cell_point(view, "st-retain", "ln-sales"))
    card = view.scene().cards["tp-a"]
    rect = view.scene().layout.card_rects["tp-a"]
    assert (card.scenePos().x(), card.scenePos().y()) == (rect.x, rect.y)


def test_dropping_a_card_above_another_puts_it_first_in_the_cell(ui, view, doc):
    ui.drag(view, ui.card_point(view, "tp-c"), ui.card_point(view, "tp-b", 0.5, 0.2))
    assert ui.cell_order(doc, "st-engage", "ln-sales") == ["tp-c", "tp-b"]


def test_dropping_a_card_below_the_next_one_puts_it_after(ui, view, doc):
    ui.drag(view, ui.card_point(view, "tp-b"), ui.card_point(view, "tp-c", 0.5, 0.9))
    assert ui.cell_order(doc, "st-engage", "ln-sales") == ["tp-c", "tp-b"]


def test_dropping_outside_every_cell_snaps_the_card_back(ui, view, doc, undo_stack):
    home = view.scene().cards["tp-a"].scenePos()
    corner = view.mapFromScene(view.scene().sceneRect().topLeft()) + QPoint(5, 5)
    ui.drag(view, ui.card_point(view, "tp-a"), corner)
    assert undo_stack.count() == 0
    assert view.scene().cards["tp-a"].scenePos() == home


def test_drags_with_the_workspace_autosaving_reach_the_file_or_server(ui, view, doc,
                                                                     any_workspace):
    """The window's save path (Autosave) on both kinds of workspace: a move to another cell
    and a reorder inside one read back exactly as the screen shows them."""
    storage = pytest.importorskip("journeymap.storage")
    workspace = storage.Workspace.open(any_workspace)
    autosave = storage.Autosave(workspace, on_failed=pytest.fail)  # the window's save path
    try:
        workspace.add_map(doc.map)
        autosave.follow(doc)
        ui.drag(view, ui.card_point(view, "tp-a"), ui.cell_point(view, "st-retain", "ln-sales"))
        ui.drag(view, ui.card_point(view, "tp-c"), ui.card_point(view, "tp-b", 0.5, 0.2))
        assert autosave.all_saved
    finally:
        autosave.close()
        workspace.close()
    with storage.Workspace.open(any_workspace, readonly=True) as reader:  # read back
        loaded = reader.load_map(doc.map.id)
    moved = next(tp for tp in loaded.touchpoints if tp.id == "tp-a")
    assert (moved.stage, moved.lane) == ("st-retain", "ln-sales")
    assert ui.cell_order(doc, "st-engage", "ln-sales") == ["tp-c", "tp-b"]
    assert [tp.id for tp in loaded.touchpoints] == [tp.id for tp in doc.map.touchpoints]
    assert loaded == doc.map


def test_dragging_from_the_handle_to_another_card_adds_a_connection(ui, view, doc, undo_stack):
    ui.drag(view, ui.card_point(view, "tp-a", 1.0, 0.5), ui.card_point(view, "tp-e"))
    assert any(c.source == "tp-a" and c.target == "tp-e" for c in doc.map.connections)
    assert undo_stack.count() == 1
    assert len(view.scene().links) == len(doc.map.connections)
    undo_stack.undo()
    assert not any(c.source == "tp-a" and c.target == "tp-e" for c in doc.map.connections)
    assert len(view.scene().links) == len(doc.map.connections)


def test_a_connection_dropped_on_empty_space_adds_nothing(ui, view, doc, undo_stack):
    ui.drag(view, ui.card_point(view, "tp-a", 1.0, 0.5), ui.cell_point(view, "st-reach", "ln-support"))
    assert undo_stack.count() == 0
    assert view.scene()._link_preview is None


def test_rubber_band_selects_several_cards_and_they_move_in_one_step(ui, view, doc, undo_stack):
    b, c = view.scene().card_rect("tp-b"), view.scene().card_rect("tp-c")
    start = view.mapFromScene(c.bottomLeft()) + QPoint(-6, 6)  # empty: no card, no link
    end = view.mapFromScene(b.topRight()) + QPoint(6, -6)
    ui.drag(view, start, end)
    assert view.selected_touchpoints() == ["tp-b", "tp-c"]
    ui.drag(view, ui.card_point(view, "tp-b"), ui.cell_point(view, "st-reach", "ln-support"))
    assert ui.cells(doc)["tp-b"] == ui.cells(doc)["tp-c"] == ("st-reach", "ln-support")
    assert ui.cell_order(doc, "st-reach", "ln-support") == ["tp-b", "tp-c"]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert ui.cells(doc)["tp-b"] == ui.cells(doc)["tp-c"] == ("st-engage", "ln-sales")


def test_dragging_a_stage_header_reorders_the_stages(ui, view, doc, undo_stack):
    header = view.scene().layout.stage_header_rects["st-reach"]
    retain = view.scene().layout.stage_header_rects["st-retain"]
    start = view.mapFromScene(header.x + 40, header.y + 20)
    end = view.mapFromScene(retain.x + retain.w * 0.8, retain.y + 20)
    ui.drag(view, start, end)
    assert [s.id for s in doc.map.stages] == ["st-engage", "st-retain", "st-reach"]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert [s.id for s in doc.map.stages] == ["st-reach", "st-engage", "st-retain"]


def test_dragging_a_lane_header_down_reorders_the_lanes(ui, view, doc):
    header = view.scene().layout.lane_header_rects["ln-customer"]
    sales = view.scene().layout.lane_header_rects["ln-sales"]
    start = view.mapFromScene(header.x + 30, header.y + 20)
    end = view.mapFromScene(sales.x + 30, sales.y + sales.h * 0.8)
    ui.drag(view, start, end)
    assert [ln.id for ln in doc.map.lanes] == ["ln-sales", "ln-customer", "ln-support"]
    card = view.scene().cards["tp-a"]
    assert card.scenePos().y() == view.scene().layout.card_rects["tp-a"].y


def test_clicking_a_header_without_moving_changes_nothing(ui, view, doc, undo_stack):
    header = view.scene().layout.stage_header_rects["st-reach"]
    ui.click(view, view.mapFromScene(header.x + 40, header.y + 20))
    assert undo_stack.count() == 0


def test_ctrl_click_adds_a_card_to_the_selection(ui, view):
    ui.click(view, ui.card_point(view, "tp-a"))
    ui.click(view, ui.card_point(view, "tp-d"), Qt.KeyboardModifier.ControlModifier)
    assert view.selected_touchpoints() == ["tp-a", "tp-d"]

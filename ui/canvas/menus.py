"""Context menus of the canvas: one builder per kind of thing under the mouse.

Every action calls a `CanvasView` method, so menus, keys and the window's actions share one
path to the document.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMenu

from .card_item import CardItem
from .connection_item import LinkItem
from .headers import HeaderItem


def build_menu(view, item, scene_pos: QPointF) -> QMenu:
    menu = QMenu(view)
    if isinstance(item, CardItem):
        _card_menu(menu, view, item)
    elif isinstance(item, HeaderItem):
        _header_menu(menu, view, item)
    elif isinstance(item, LinkItem):
        _link_menu(menu, view, item)
    else:
        _empty_menu(menu, view, scene_pos)
    return menu


def _card_menu(menu: QMenu, view, card: CardItem) -> None:
    ids = view.selected_touchpoints() or [card.tp_id]
    menu.addAction("Edit title", lambda: view.edit_title(card.tp_id))
    menu.addAction("Duplicate", view.duplicate_selection)
    menu.addAction("Copy", view.copy_selection)
    menu.addSeparator()
    experience = menu.addMenu("Experience")
    labels = {2: "+2  delighted", 1: "+1  pleased", 0: "0  neutral", -1: "\u22121  annoyed",
              -2: "\u22122  angry", None: "Not rated"}
    for value, label in labels.items():
        action = experience.addAction(label, lambda v=value: view.set_experience(ids, v))
        action.setCheckable(True)
        action.setChecked(card.tp.experience == value)
    truth = menu.addAction("Moment of truth", lambda: view.toggle_moment_of_truth(ids))
    truth.setCheckable(True)
    truth.setChecked(card.tp.moment_of_truth)
    menu.addAction("Add a dot vote", lambda: view.add_vote(ids))
    menu.addSeparator()
    label = "Delete touchpoint" if len(ids) == 1 else f"Delete {len(ids)} touchpoints"
    menu.addAction(label, view.delete_selection)


def _header_menu(menu: QMenu, view, header: HeaderItem) -> None:
    kind, item_id = header.kind, header.item_id
    index = view.document.map.index_of(kind, item_id)
    menu.addAction("Rename", lambda: view.rename(kind, item_id))
    if kind == "lane":
        menu.addAction("Colour\u2026", lambda: view.recolour_lane(item_id))
    menu.addSeparator()
    menu.addAction(f"Insert {kind} before", lambda: view.insert_header(kind, index))
    menu.addAction(f"Insert {kind} after", lambda: view.insert_header(kind, index + 1))
    menu.addSeparator()
    count = sum(1 for tp in view.document.map.touchpoints if getattr(tp, kind) == item_id)
    suffix = f" and its {count} touchpoint{'s' if count != 1 else ''}" if count else ""
    menu.addAction(f"Delete {kind}{suffix}", lambda: view.delete_header(kind, item_id))


def _link_menu(menu: QMenu, view, link: LinkItem) -> None:
    conn_id = link.conn_id
    loop = menu.addAction("Loop (goes back on purpose)", lambda: view.toggle_loop(conn_id))
    loop.setCheckable(True)
    loop.setChecked(link.conn.loop)
    menu.addAction("Edit label", lambda: view.edit_link_label(conn_id))
    menu.addSeparator()
    menu.addAction("Delete connection", lambda: view.delete_connections([conn_id]))


def _empty_menu(menu: QMenu, view, scene_pos: QPointF) -> None:
    layout = view.scene().layout
    cell = layout.cell_at(scene_pos.x(), scene_pos.y()) if layout else None
    if cell is not None:
        menu.addAction("New touchpoint here", lambda: view.new_touchpoint(*cell))
        menu.addAction("Paste", view.paste)
        menu.addSeparator()
    menu.addAction("Add stage", lambda: view.insert_header("stage", None))
    menu.addAction("Add lane", lambda: view.insert_header("lane", None))
    menu.addSeparator()
    menu.addAction("Fit to window", view.fit_to_window)
    menu.addAction("Actual size", view.reset_zoom)

"""Editing operations of the canvas view: each one is a single document call (one undo step).

A mixin for `CanvasView`, kept apart so the view module holds only event handling (its zoom
and pan are in `view_zoom`, its keys in `view_keys`). Methods read `self.document`,
`self.scene()` and the selection helpers of the view.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QColorDialog

from journeymap.model import Touchpoint

from . import clipboard
from .card_item import STRIP

NEW_TITLE = "New touchpoint"
VOTER = "Room"  # participant name for dots added from the canvas during a workshop


class CanvasActions:
    # -- in-place editing ---------------------------------------------------------------------
    def edit_title(self, tp_id: str) -> None:
        card = self.scene().cards.get(tp_id)
        if card is None:
            return
        self.select_touchpoints([tp_id], frame=True)
        pos = card.scenePos()
        rect = QRectF(pos.x() + STRIP + 3, pos.y() + 20, card.w - STRIP - 8, 26)
        self._open_editor("touchpoint", tp_id, "title", card.tp.title, rect)

    def rename(self, kind: str, item_id: str) -> None:
        scene = self.scene()
        headers = scene.stage_headers if kind == "stage" else scene.lane_headers
        header = headers.get(item_id)
        if header is None:
            return
        self.ensureVisible(header.sceneBoundingRect(), 20, 20)
        pos = header.scenePos()
        x = 16.0 if kind == "stage" else 12.0
        rect = QRectF(pos.x() + x, pos.y() + 8, min(header.w - x - 8, 260), 28)
        self._open_editor(kind, item_id, "name", header.obj.name, rect)

    def edit_link_label(self, conn_id: str) -> None:
        link = self.scene().links.get(conn_id)
        if link is None or link.route is None:
            return
        mid = link.midpoint()
        rect = QRectF(mid.x() - 80, mid.y() - 13, 160, 26)
        self._open_editor("connection", conn_id, "label", link.conn.label, rect)

    def _commit_edit(self, kind: str, item_id: str, field: str, text: str) -> None:
        if self.document.map.find(kind, item_id) is None:
            return
        self.scene().try_edit(self.document.update, kind, item_id, **{field: text})

    # -- cards ---------------------------------------------------------------------------------
    def new_touchpoint(self, stage_id: str, lane_id: str, index: int | None = None) -> None:
        """Create a card in a cell and start editing its title."""
        tp = self.scene().try_edit(self.document.add_touchpoint, stage_id, lane_id, NEW_TITLE,
                                   index)
        if tp is not None:
            self.edit_title(tp.id)

    def _selected_objects(self) -> list[Touchpoint]:
        ids = set(self.selected_touchpoints())
        return [tp for tp in self.document.map.touchpoints if tp.id in ids]

    def copy_selection(self) -> None:
        touchpoints = self._selected_objects()
        if touchpoints:
            QGuiApplication.clipboard().setText(clipboard.remember(touchpoints))

    def paste(self) -> None:
        touchpoints = clipboard.from_text(QGuiApplication.clipboard().text()) or clipboard.local()
        if not touchpoints:
            return
        m = self.document.map
        target = self._target_cell()
        stages, lanes = {s.id for s in m.stages}, {ln.id for ln in m.lanes}
        homeless = any(tp.stage not in stages or tp.lane not in lanes for tp in touchpoints)
        if target is None and homeless and m.stages and m.lanes:
            target = (m.stages[0].id, m.lanes[0].id)
        stage, lane = target or (None, None)
        copies = self.scene().try_edit(self.document.copy_touchpoints, touchpoints, stage, lane)
        if copies:
            self.select_touchpoints([tp.id for tp in copies], frame=True)

    def _target_cell(self) -> tuple[str, str] | None:
        """Where pasted cards go: the cell of the last selected card, else the last cell
        clicked."""
        selected = self._selected_objects()
        if selected:
            return (selected[-1].stage, selected[-1].lane)
        m = self.document.map
        cell = self._last_cell
        if cell and m.stage(cell[0]) is not None and m.lane(cell[1]) is not None:
            return cell
        return None

    def duplicate_selection(self) -> None:
        touchpoints = self._selected_objects()
        if not touchpoints:
            return
        copies = self.scene().try_edit(self.document.copy_touchpoints, touchpoints)
        if copies:
            self.select_touchpoints([tp.id for tp in copies], frame=True)

    def delete_selection(self) -> None:
        """Delete the selected cards and connections as one undo step."""
        ids = self.selected_touchpoints()
        doomed = set(ids)
        links = [link.conn_id for link in self.scene().selected_links()
                 if link.conn.source not in doomed and link.conn.target not in doomed]
        if ids and links:
            label = f"Delete {len(ids)} touchpoints and {len(links)} connections"
            self.scene().try_edit(self.document.batch, label, lambda d: (
                d.remove_touchpoints(ids), d.remove_connections(links)))
        elif ids:
            self.scene().try_edit(self.document.remove_touchpoints, ids)
        elif links:
            self.delete_connections(links)

    def set_experience(self, ids: list[str], value: int | None) -> None:
        self._update_many(ids, "Set experience", experience=value)

    def toggle_moment_of_truth(self, ids: list[str]) -> None:
        first = self.document.map.touchpoint(ids[0]) if ids else None
        if first is not None:
            self._update_many(ids, "Moment of truth", moment_of_truth=not first.moment_of_truth)

    def add_vote(self, ids: list[str]) -> None:
        if len(ids) == 1:
            self.scene().try_edit(self.document.vote, ids[0], VOTER)
        elif ids:
            self.scene().try_edit(self.document.batch, "Vote",
                                  lambda d: [d.vote(tp_id, VOTER) for tp_id in ids])

    def _update_many(self, ids: list[str], label: str, **values) -> None:
        if len(ids) == 1:
            self.scene().try_edit(self.document.update, "touchpoint", ids[0], **values)
        elif ids:
            self.scene().try_edit(self.document.batch, label, lambda d: [
                d.update("touchpoint", tp_id, **values) for tp_id in ids])

    # -- connections ----------------------------------------------------------------------------
    def toggle_loop(self, conn_id: str) -> None:
        conn = self.document.map.find("connection", conn_id)
        if conn is not None:
            self.scene().try_edit(self.document.update, "connection", conn_id, loop=not conn.loop)

    def delete_connections(self, ids: list[str]) -> None:
        self.scene().try_edit(self.document.remove_connections, ids)

    # -- stages and lanes -----------------------------------------------------------------------
    def insert_header(self, kind: str, index: int | None) -> None:
        """Add a stage or lane at `index` (None = at the end) and start renaming it."""
        add = self.document.add_stage if kind == "stage" else self.document.add_lane
        item = self.scene().try_edit(add, f"New {kind}", index)
        if item is not None:
            self.rename(kind, item.id)

    def delete_header(self, kind: str, item_id: str) -> None:
        self.scene().try_edit(self.document.remove, kind, item_id)

    def recolour_lane(self, lane_id: str, color: str | None = None) -> None:
        lane = self.document.map.lane(lane_id)
        if lane is None:
            return
        if color is None:
            chosen = QColorDialog.getColor(QColor(lane.color), self, f"Colour of {lane.name}")
            if not chosen.isValid():
                return
            color = chosen.name()
        self.scene().try_edit(self.document.update, "lane", lane_id, color=color)

    # -- finding ---------------------------------------------------------------------------------
    def find(self, text: str) -> list[str]:
        """Select and frame the cards whose title, description, owner or channel contain
        `text` (ignoring case; not in a field hidden from the room); return their ids in map
        order."""
        needle = text.strip().casefold()
        if not needle:
            return []
        searched = ["title", "description"] + [name for name in ("owner", "channel")
                                                if self._style.shows(name)]
        found = [tp.id for tp in self.document.map.touchpoints
                 if any(needle in getattr(tp, name).casefold() for name in searched)]
        self.select_touchpoints(found, frame=True)
        return found

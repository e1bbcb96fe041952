"""JourneyScene: draws a Document's map and follows its `changed` event.

The scene never edits the model directly: user gestures become one document call each (one
undo step), and the scene updates from the resulting `Change`s. Items are kept in {id: item}
maps and reconciled incrementally; positions always come from `journeymap.layout`, the same
geometry the PDF export uses.

The class holds the state and the public surface; the work is in three modules of plain
functions taking the scene: `scene_items` (which items exist), `scene_layout` (where they
go) and `scene_gestures` (drop frames, drops, header drags, drawing a connection).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from journeymap.commands import Change
from journeymap.document import Document
from journeymap.errors import JourneymapError
from journeymap.layout import Layout, Metrics
from journeymap.model import Touchpoint

from . import collector, scene_gestures, scene_items, scene_layout
from .card_drag import CardDrag, Drop
from .card_item import CardItem
from .connection_item import LinkItem, LinkPreview
from .grid import LaneContainer, qrect
from .headers import HeaderItem, LaneHeaderItem, StageHeaderItem
from .palette import current_theme
from .scene_items import Z_CARDS
from .style import CanvasStyle

log = logging.getLogger(__name__)


class JourneyScene(QGraphicsScene):
    edit_requested = Signal(str, str)  # kind ("touchpoint", "stage", "lane", "connection"), id
    message = Signal(str)  # an edit was refused; one sentence for the status bar
    relaid_out = Signal()
    dropped = Signal(str, QPointF, QPointF)  # card id, pointer offset in the card, scene pos

    def __init__(self, document: Document, style: CanvasStyle | None = None,
                 metrics: Metrics | None = None, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.style = style or CanvasStyle(theme=current_theme())
        self.metrics = metrics or Metrics()
        self.card_size = (self.metrics.card_w, self.metrics.card_h)
        self.layout: Layout | None = None
        self._comment_counts: dict[str, int] | None = None  # see open_comments
        self.cards: dict[str, CardItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.containers: dict[str, LaneContainer] = {}
        self.stage_headers: dict[str, StageHeaderItem] = {}
        self.lane_headers: dict[str, LaneHeaderItem] = {}
        self._placed: dict[str, tuple] = {}  # tp id -> (lane, x, y) last set, to skip no-op setPos
        self._stage_numbers: dict[str, int] = {}
        self._stage_counts: dict[str, int] = {}
        self.drag = CardDrag(self)
        self._link_preview: LinkPreview | None = None
        self._link_target: CardItem | None = None
        self.relayout_count = 0
        self._label_fonts = None  # the fonts link labels were last measured in
        with collector.building():
            scene_items.build(self)
        document.changed.connect(self._on_changed)

    def detach(self) -> None:
        """Stop following the document (before switching maps); a drag in progress ends.
        The items are let go of: items and scene refer to each other, a cycle only the
        collector could free."""
        self.drag.cancel()
        self.document.changed.disconnect(self._on_changed)
        for items in (self.cards, self.links, self.containers, self.stage_headers,
                      self.lane_headers):
            items.clear()
        collector.release()

    # -- following the document (scene_items) ---------------------------------------------
    def _on_changed(self, changes: list[Change]) -> None:
        scene_items.on_changed(self, changes)

    def refresh_all(self) -> None:
        scene_items.refresh_all(self)

    # -- layout and sticky headers (scene_layout) ---------------------------------------------
    def relayout(self) -> None:
        scene_layout.relayout(self)

    def set_metrics(self, metrics: Metrics) -> None:
        """Another geometry for the grid (presentation mode's), every card resized once."""
        if metrics == self.metrics:
            return
        self.metrics = metrics
        self.card_size = (metrics.card_w, metrics.card_h)
        for card in self.cards.values():
            card.resize(*self.card_size)
        self.relayout()

    def pin_headers(self, visible: QRectF) -> None:
        scene_layout.pin_headers(self, visible)

    def snap_back(self) -> None:
        """Put every card back where the layout says (after a refused or empty drop)."""
        self._placed.clear()
        self.relayout()

    # -- facts headers show ---------------------------------------------------------------
    def stage_number(self, stage_id: str) -> int:
        return self._stage_numbers.get(stage_id, 0)

    def stage_count(self, stage_id: str) -> int:
        return self._stage_counts.get(stage_id, 0)

    def open_comments(self, tp_id: str) -> int:
        """Unresolved comments on a card (its badge); counted once per change of them."""
        if self._comment_counts is None:
            from journeymap.comments import open_counts

            self._comment_counts = open_counts(self.document.map)
        return self._comment_counts.get(tp_id, 0)

    def vote_colours(self, tp: Touchpoint) -> list[tuple[QColor, int]]:
        """(colour, dots) per participant on a card, in the order they joined; dots of a
        name that is not (or no longer) a participant in the theme's dot colour."""
        colours = self.document.map.participants
        known = [(QColor(colours[name]), tp.votes[name]) for name in colours if name in tp.votes]
        others = sum(count for name, count in tp.votes.items() if name not in colours)
        return known + ([(self.style.theme.vote, others)] if others else [])

    def raci_names(self, tp: Touchpoint) -> list[tuple[str, str]]:
        """(letter, role name) for the accountable and responsible roles, A first."""
        names = {role.id: role.name for role in self.document.map.roles}
        result = []
        for letter in ("A", "R"):
            for role_id in tp.roles_with(letter):
                if role_id in names:
                    result.append((letter, names[role_id]))
        return result

    # -- queries ------------------------------------------------------------------------------
    def card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        for item in self.items(pos):
            if isinstance(item, CardItem) and item is not exclude:
                return item
        return None

    def selected_cards(self) -> list[CardItem]:
        return [item for item in self.selectedItems() if isinstance(item, CardItem)]

    def selected_links(self) -> list[LinkItem]:
        return [item for item in self.selectedItems() if isinstance(item, LinkItem)]

    def card_rect(self, tp_id: str) -> QRectF | None:
        if self.layout is None or tp_id not in self.layout.card_rects:
            return None
        return qrect(self.layout.card_rects[tp_id])

    # -- card drag (card_drag.CardDrag moves the items; the drop is one command) ---------
    dragging_z = Z_CARDS + 0.5  # the lanes of dragged cards rise above the other lanes

    def links_of(self, ids: set[str]) -> list[LinkItem]:
        return [self.links[c.id] for c in self.document.map.connections
                if (c.source in ids or c.target in ids) and c.id in self.links]

    def follow_drag(self, links: list[LinkItem], scene_pos: QPointF) -> None:
        scene_gestures.follow_drag(self, links, scene_pos)

    def end_drag_visuals(self) -> None:
        scene_gestures.end_drag_visuals(self)

    def cancel_drag(self) -> bool:
        """Escape, focus loss or a map switch: dragged cards go back, the drop frame goes."""
        return self.drag.cancel()

    def cards_dropped(self, drop: Drop) -> None:
        scene_gestures.cards_dropped(self, drop)

    def try_edit(self, edit, *args, **kwargs):
        """Run a document edit; a refused edit becomes a `message`, never an exception."""
        try:
            return edit(*args, **kwargs)
        except JourneymapError as error:
            log.info("edit refused: %s", error)
            self.message.emit(str(error))
            return None

    # -- header drag and drawing a new connection (scene_gestures) ---------------------------
    def header_moving(self, header: HeaderItem, pos: QPointF) -> None:
        scene_gestures.header_moving(self, header, pos)

    def header_dropped(self, header: HeaderItem, pos: QPointF) -> None:
        scene_gestures.header_dropped(self, header, pos)

    def begin_link(self, card: CardItem, pos: QPointF) -> None:
        scene_gestures.begin_link(self, card, pos)

    def drag_link(self, pos: QPointF) -> None:
        scene_gestures.drag_link(self, pos)

    def end_link(self, card: CardItem, pos: QPointF | None) -> None:
        scene_gestures.end_link(self, card, pos)

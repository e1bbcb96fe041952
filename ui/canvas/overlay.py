"""CompareOverlay: planned vs actual drawn on top of a JourneyScene, without touching its items.

What it adds, all on one layer item above the cards (never children of cards, so the canvas
can rebuild its items freely):
- traffic: every designed connection that cases took, along the connection's own route,
  wider with more transitions;
- deviations: dashed arrows between two designed touchpoints for steps the map does not
  design, arching over the cards (designed loops arch under them); steps into or out of
  unmatched activities cannot be drawn and are listed by the panel instead;
- badges: cases ending at a card ("ended here", or "at goal" on a goal touchpoint), and
  "median 7.0 d / exp. 3 d" on connections slower than expected;
- a veil over touchpoints no case visited.

Lines use cosmetic pens (their width is screen pixels at any zoom); colours come from the
Okabe-Ito set, which stays distinct for the common colour-vision deficiencies, with a
lighter variant for the dark canvas. The overlay redraws after every relayout of the scene.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF

from journeymap.comparison import Comparison
from journeymap.comparison.formatting import share_text, slow_badge, slow_sentence
from journeymap.comparison.matching import TitleIndex
from journeymap.layout import Rect, Route, route_connection

from .overlay_items import (
    Z_OVERLAY,
    BadgeItem,
    Colours,
    FlowItem,
    Layer,
    OverlayHost,
    OverlayItem,
    VeilItem,
    arch_over,
    bezier,
    buckets,
    colours,
    traffic_width,
)

__all__ = ["Z_OVERLAY", "Colours", "CompareOverlay", "colours"]

MAX_DEVIATIONS = 40  # the most frequent; the panel lists them all


# -- the overlay ---------------------------------------------------------------------------
class CompareOverlay(QObject, OverlayHost):
    """Shows one comparison (the whole log, or one segment's: `Comparison.of_segment`) on a
    scene.

    `set_result(None)` clears it. It follows the scene's relayouts (`relaid_out`, or the
    document's `changed` event on a scene without that signal) and forgets a deleted scene.
    """

    def __init__(self, scene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self._result: Comparison | None = None
        self._layer: Layer | None = None
        self._visible = True
        self._items: list[OverlayItem] = []  # Python references: the layer owns the C++ side
        self._placed: dict[tuple[int, int], list[QRectF]] = {}  # badge rects by bucket
        relaid = getattr(scene, "relaid_out", None)
        if relaid is not None:
            relaid.connect(self.redraw)
            self._listener = None
        else:
            self._listener = lambda _changes: self.redraw()
            scene.document.changed.connect(self._listener)
        scene.destroyed.connect(self._scene_gone)

    # -- public ----------------------------------------------------------------------------
    def set_result(self, result: Comparison | None) -> None:
        self._result = result
        self.redraw()

    def result(self) -> Comparison | None:
        return self._result

    def set_visible(self, on: bool) -> None:
        self._visible = on
        if self._layer is not None:
            self._layer.setVisible(on)

    def items(self, kind: str | None = None) -> list[OverlayItem]:
        """The overlay's items, or those of one kind: traffic, deviation (lines), skipped
        (veils), and the badges ended, goal, slow, deviation_count, not_visited."""
        return [item for item in self._items if kind is None or item.kind == kind]

    def detach(self) -> None:
        """Remove the drawing and stop following the scene."""
        self._clear()
        if self.scene is None:
            return
        relaid = getattr(self.scene, "relaid_out", None)
        if relaid is not None:
            relaid.disconnect(self.redraw)
        if self._listener is not None:
            self.scene.document.changed.disconnect(self._listener)
        self.scene.destroyed.disconnect(self._scene_gone)
        self.scene = None

    def redraw(self) -> None:
        self._clear()
        if self.scene is None or self._result is None or self.scene.layout is None:
            return
        self._layer = Layer()
        self._layer.setVisible(self._visible)
        self.scene.addItem(self._layer)
        _Drawing(self, self._result).draw()

    # -- for the items (and OverlayHost's dark, font, metrics) -------------------------------
    def add(self, item: OverlayItem) -> None:
        if isinstance(item, BadgeItem):
            self._make_room(item)
        item.setParentItem(self._layer)
        self._items.append(item)

    def _make_room(self, badge: BadgeItem) -> None:
        """Move a badge down until it overlaps no badge placed before it (a few tries).
        Placed badges are kept in buckets of the scene, so this stays linear in badges."""
        rect = badge.rect
        for _ in range(6):
            if not any(rect.intersects(other) for other in self._near(rect)):
                break
            rect.translate(0, rect.height() + 2)
        for key in buckets(rect):
            self._placed.setdefault(key, []).append(rect)

    def _near(self, rect: QRectF):
        for key in buckets(rect):
            yield from self._placed.get(key, ())

    # -- internals -------------------------------------------------------------------------
    def _clear(self) -> None:
        layer, self._layer = self._layer, None
        self._items = []
        self._placed: dict[tuple[int, int], list[QRectF]] = {}
        if layer is not None and layer.scene() is not None:
            layer.scene().removeItem(layer)  # the children go with it

    def _scene_gone(self, *args) -> None:
        self.scene, self._layer, self._items, self._listener = None, None, [], None


class _Drawing:
    """Turns one comparison into overlay items (a helper object so each step stays short).
    Steps and ends name the touchpoint they stand for (`Step.source_id`); a connection's
    traffic is the step between its two cards' canonical titles."""

    def __init__(self, overlay: CompareOverlay, result: Comparison) -> None:
        self.overlay = overlay
        self.result = result
        self.figures = result.figures
        self.scene = overlay.scene
        self.map = self.scene.document.map
        self.layout = self.scene.layout
        self.titles = TitleIndex(self.map)
        self.cases = self.figures.cases
        self.deviations = [s for s in self.figures.deviations if self._on_canvas(s)]
        self.deviations = self.deviations[:MAX_DEVIATIONS]
        counts = [s.count for s in self.deviations] + [s.count for s in self.figures.steps]
        self.most = max(counts, default=0)

    def draw(self) -> None:
        # Badges tied to a card first: the ones placed later move out of their way.
        self._ends()
        self._skipped()
        routes = self._traffic()
        self._deviations()
        self._slow(routes)

    def _on_canvas(self, step) -> bool:
        """Both ends are touchpoints of the map shown (a stored comparison may name ids of
        touchpoints deleted since)."""
        return all(tp_id is not None and self.titles.title(tp_id) is not None
                   for tp_id in (step.source_id, step.target_id))

    def _rect(self, tp_id: str | None) -> Rect | None:
        return self.layout.card_rects.get(tp_id) if tp_id is not None else None

    def _label_rect(self, label: str) -> Rect | None:
        """The card a label (a title of the result) stands for."""
        return self._rect(self.titles.touchpoint(label))

    def _traffic(self) -> dict[tuple[str, str], Route]:
        """Widen every travelled connection; returns {(A, B): route} of the connections."""
        routes: dict[tuple[str, str], Route] = {}
        for conn in self.map.connections:
            source, target = self.titles.title(conn.source), self.titles.title(conn.target)
            route = route_connection(self.layout, conn, self.map)
            if source is None or target is None or route is None:
                continue
            routes.setdefault((source, target), route)
            count = self.figures.count(source, target)
            if count:
                key = self.figures.step(source, target).key
                tip = f"{key}: taken {count:,} times (designed)"
                width = traffic_width(count, self.most)
                self.overlay.add(FlowItem(self.overlay, "traffic", route, count, width, tip))
        return routes

    def _deviations(self) -> None:
        ceiling = self.layout.grid_rect.y
        for step in self.deviations:
            src, dst = self._rect(step.source_id), self._rect(step.target_id)
            if src is None or dst is None:
                continue
            route = arch_over(src, dst, ceiling)
            tip = f"{step.key}: {step.count:,} times, not designed ({step.kind or 'deviation'})"
            width = traffic_width(step.count, self.most)
            self.overlay.add(FlowItem(self.overlay, "deviation", route, step.count, width, tip))
            peak = bezier(route, 0.5)
            self.overlay.add(BadgeItem(self.overlay, "deviation_count", f"{step.count:,}", peak,
                                       "centre", tip))

    def _slow(self, routes: dict[tuple[str, str], Route]) -> None:
        for plan in self.result.planned:
            step = self.figures.step(plan.source, plan.target)
            route = routes.get((plan.source, plan.target))
            if step is None or step.median_days is None or step.median_days <= plan.days \
                    or route is None:
                continue
            text = slow_badge(step.median_days, plan.days)
            tip = f"{plan.key}: {slow_sentence(step.median_days, plan.days)}"
            middle = bezier(route, 0.5)
            if route.start[0] == route.end[0]:  # a link down the side of a column: go right
                anchor, align = middle + QPointF(-4, 0), "left"
            else:
                anchor, align = middle + QPointF(0, 14), "centre"
            self.overlay.add(BadgeItem(self.overlay, "slow", text, anchor, align, tip))

    def _ends(self) -> None:
        goals = {self.titles.touchpoint(g) for g in self.result.goal} - {None}
        for title, count in self.figures.drop_off.items():
            tp_id = self.titles.touchpoint(title)
            rect = self._rect(tp_id)
            if rect is None or not count:
                continue
            share = share_text(count, self.cases, digits=0, missing="")
            if tp_id in goals:
                kind, text = "goal", f"✓ {count:,} at goal ({share})"
                tip = f"{count:,} cases ended at {title}, a goal ({share} of all cases)"
            else:
                kind, text = "ended", f"{count:,} ended here ({share})"
                tip = f"{count:,} cases ended at {title} without reaching a goal ({share})"
            anchor = QPointF(rect.right - 6, rect.bottom + 3)  # mostly in the gap below
            self.overlay.add(BadgeItem(self.overlay, kind, text, anchor, "right", tip))

    def _skipped(self) -> None:
        for title in self.figures.skipped:
            rect = self._label_rect(title)
            if rect is None:
                continue
            tip = f"No case visited {title}."
            box = QRectF(rect.x, rect.y, rect.w, rect.h)
            self.overlay.add(VeilItem(self.overlay, box, tip))
            anchor = QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)
            self.overlay.add(BadgeItem(self.overlay, "not_visited", "not visited", anchor,
                                       "centre", tip))

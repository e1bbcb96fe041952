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

import math
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from journeymap.layout import Rect, Route, route_connection
from journeymap.mapping import normalise

from .safety import guarded

Z_OVERLAY = 4.0  # above cards (2) and the emotion curve (3), below the headers (5)
MAX_DEVIATIONS = 40  # the most frequent; the panel lists them all
MIN_PX, MAX_PX = 1.5, 11.0  # line widths for the least and the most travelled step
MARGIN = 36.0  # scene units around a flow's path that its pixels may cover
LOD_TEXT = 0.3  # below this zoom badges are not drawn


@dataclass(frozen=True)
class Colours:
    traffic: QColor
    deviation: QColor
    slow: QColor
    ended: QColor
    goal: QColor
    veil: QColor
    veil_line: QColor


def colours(dark: bool) -> Colours:
    """Okabe-Ito blue (traffic), vermillion (deviations), orange (slow), reddish purple
    (ended) and bluish green (goal); lighter variants on the dark canvas."""
    if dark:
        return Colours(QColor(86, 180, 233, 150), QColor("#ff8a4c"), QColor("#e69f00"),
                       QColor("#d98cb8"), QColor("#3fc59b"), QColor(18, 20, 23, 170),
                       QColor("#8a949f"))
    return Colours(QColor(0, 114, 178, 120), QColor("#d55e00"), QColor("#e69f00"),
                   QColor("#cc79a7"), QColor("#007a5a"), QColor(238, 240, 243, 185),
                   QColor("#8a949f"))


def split_pair(key: str, titles: set[str]) -> tuple[str, str]:
    """"A -> B" into (A, B); when titles themselves hold " -> ", the split naming two known
    titles wins."""
    parts = key.split(" -> ")
    splits = [(" -> ".join(parts[:i]), " -> ".join(parts[i:])) for i in range(1, len(parts))]
    for source, target in splits:
        if source in titles and target in titles:
            return source, target
    return splits[0] if splits else (key, "")


def traffic_width(count: int, most: int) -> float:
    """Pixels: square-root scaled so a step taken 4x as often looks 2x as wide."""
    if most <= 0 or count <= 0:
        return MIN_PX
    return MIN_PX + (MAX_PX - MIN_PX) * math.sqrt(count / most)


# -- geometry ------------------------------------------------------------------------------
BUCKET_W, BUCKET_H = 160.0, 40.0


def _buckets(rect: QRectF):
    """The grid buckets a rectangle touches (for finding badges near another)."""
    for bx in range(int(rect.left() // BUCKET_W), int(rect.right() // BUCKET_W) + 1):
        for by in range(int(rect.top() // BUCKET_H), int(rect.bottom() // BUCKET_H) + 1):
            yield bx, by


def bezier(route: Route, t: float) -> QPointF:
    u = 1 - t
    points = (route.start, route.c1, route.c2, route.end)
    weights = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
    return QPointF(sum(w * p[0] for w, p in zip(weights, points, strict=True)),
                   sum(w * p[1] for w, p in zip(weights, points, strict=True)))


def arch_over(src: Rect, dst: Rect, ceiling: float) -> Route:
    """A route leaving the top of `src` and entering the top of `dst`, arching above both
    (but not above `ceiling`, the top of the grid); a card to itself gets a small loop."""
    if src == dst:
        x, y = src.right - 18, src.y
        return Route((x, y), (x + 10, y - 34), (src.right + 28, y + 6), (src.right, y + 16), False)
    leftward = dst.x < src.x
    start = (src.x + src.w * (0.3 if leftward else 0.7), src.y)
    end = (dst.x + dst.w * (0.7 if leftward else 0.3), dst.y)
    top = min(start[1], end[1])
    rise = 26 + 0.12 * abs(end[0] - start[0])
    peak = max(top - rise, ceiling + 6)  # a cubic with both controls at y reaches 3/4 of it
    control = top - (top - peak) / 0.75
    return Route(start, (start[0], control), (end[0], control), end, leftward)


def route_path(route: Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.start))
    path.cubicTo(QPointF(*route.c1), QPointF(*route.c2), QPointF(*route.end))
    return path


# -- items ---------------------------------------------------------------------------------
class _Layer(QGraphicsItem):
    """The parent of every overlay item: one z-value, one thing to remove."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return QRectF()

    @guarded
    def paint(self, painter, option, widget=None) -> None:
        pass


class _Item(QGraphicsItem):
    """Overlay items never take the mouse: clicks and drags reach the cards below."""

    kind = ""

    def __init__(self, overlay: CompareOverlay, tooltip: str) -> None:
        super().__init__()
        self.overlay = overlay
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tooltip)

    def colours(self) -> Colours:
        return colours(self.overlay.dark())


class FlowItem(_Item):
    """A travelled step: a designed connection ("traffic") or a deviation (dashed)."""

    def __init__(self, overlay, kind: str, route: Route, count: int, width: float,
                 tooltip: str) -> None:
        super().__init__(overlay, tooltip)
        self.kind, self.route, self.count, self.width = kind, route, count, width
        self.path = route_path(route)
        self._bounds = self.path.controlPointRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._shape: QPainterPath | None = None

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """A band along the line (for tooltips); built on first use."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self.path)
        return self._shape

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        budget = MARGIN * lod  # pixels the bounding margin covers at this zoom
        width = min(self.width, budget / 3)
        colour = self.colours().traffic if self.kind == "traffic" else self.colours().deviation
        pen = QPen(colour, width)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.kind == "deviation":
            pen.setDashPattern([max(7 / width, 1.2), max(5 / width, 0.9)])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        if self.kind == "deviation":
            self._paint_head(painter, colour, min(9 + width * 1.4, budget))

    def _paint_head(self, painter: QPainter, colour: QColor, size: float) -> None:
        """An arrow head of `size` pixels, drawn in device space like the cosmetic line."""
        transform = painter.worldTransform()
        tip = transform.map(QPointF(*self.route.end))
        back = transform.map(bezier(self.route, 0.9))
        dx, dy = tip.x() - back.x(), tip.y() - back.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
        side = QPointF(-uy * size * 0.5, ux * size * 0.5)
        painter.save()
        painter.resetTransform()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, base + side, base - side]))
        painter.restore()


class BadgeItem(_Item):
    """A pill of text anchored at a scene point: kind ended, goal, slow, deviation_count or
    not_visited."""

    def __init__(self, overlay, kind: str, text: str, anchor: QPointF, align: str,
                 tooltip: str) -> None:
        super().__init__(overlay, tooltip)
        self.kind, self.text = kind, text
        font = overlay.font()
        metrics = overlay.metrics(font)
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 4
        x = {"left": anchor.x(), "right": anchor.x() - width}.get(align, anchor.x() - width / 2)
        self.rect = QRectF(x, anchor.y() - height / 2, width, height)
        self.setZValue(1)  # above the flows of the same layer

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def fill(self) -> QColor:
        c = self.colours()
        return {"ended": c.ended, "goal": c.goal, "slow": c.slow,
                "deviation_count": c.deviation, "not_visited": c.veil_line}[self.kind]

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            return
        from .palette import readable_on

        fill = self.fill()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        radius = self.rect.height() / 2
        painter.drawRoundedRect(self.rect, radius, radius)
        painter.setPen(readable_on(fill))
        painter.setFont(self.overlay.font())
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


class VeilItem(_Item):
    """Greys out a touchpoint no case visited."""

    kind = "skipped"

    def __init__(self, overlay, rect: QRectF, tooltip: str) -> None:
        super().__init__(overlay, tooltip)
        self.rect = rect

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        c = self.colours()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(c.veil_line, 1.2)
        pen.setCosmetic(True)
        pen.setDashPattern([3, 3])
        painter.setPen(pen)
        painter.setBrush(c.veil)
        painter.drawRoundedRect(self.rect, 6, 6)


# -- the overlay ---------------------------------------------------------------------------
class CompareOverlay(QObject):
    """Shows one comparison result (the whole log or one segment's figures) on a scene.

    `set_result(None)` clears it. It follows the scene's relayouts (`relaid_out`, or the
    document's `changed` event on a scene without that signal) and forgets a deleted scene.
    """

    def __init__(self, scene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self._result: dict | None = None
        self._layer: _Layer | None = None
        self._visible = True
        self._items: list[_Item] = []  # Python references: the layer owns the C++ side
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
    def set_result(self, result: dict | None) -> None:
        self._result = result
        self.redraw()

    def result(self) -> dict | None:
        return self._result

    def set_visible(self, on: bool) -> None:
        self._visible = on
        if self._layer is not None:
            self._layer.setVisible(on)

    def items(self, kind: str | None = None) -> list[_Item]:
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
        self._layer = _Layer()
        self._layer.setVisible(self._visible)
        self.scene.addItem(self._layer)
        _Drawing(self, self._result).draw()

    # -- for the items -----------------------------------------------------------------------
    def dark(self) -> bool:
        return bool(self.scene is not None and self.scene.style.theme.dark)

    def font(self):
        return self.scene.style.fonts.small

    def metrics(self, font):
        return self.scene.style.metrics(font)

    def add(self, item: _Item) -> None:
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
        for key in _buckets(rect):
            self._placed.setdefault(key, []).append(rect)

    def _near(self, rect: QRectF):
        for key in _buckets(rect):
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
    """Turns one result into overlay items (a helper object so each step stays short)."""

    def __init__(self, overlay: CompareOverlay, result: dict) -> None:
        self.overlay = overlay
        self.result = result
        self.scene = overlay.scene
        self.map = self.scene.document.map
        self.layout = self.scene.layout
        self.by_title = {}  # canonical title -> first touchpoint, as compare matches them
        for tp in self.map.touchpoints:
            self.by_title.setdefault(normalise(tp.title), tp)
        self.titles = {tp.title for tp in self.by_title.values()}
        self.by_id = {tp.id: tp for tp in self.map.touchpoints}
        self.cases = int(result.get("cases") or 0)
        self.transitions = result.get("transitions") or {}
        deviations = result.get("deviations") or {}
        self.deviations = [(key, n) for key, n in deviations.items()
                           if all(self._tp(t) is not None for t in self._pair(key))]
        self.deviations = self.deviations[:MAX_DEVIATIONS]
        counts = [n for _, n in self.deviations] + list(self.transitions.values())
        self.most = max(counts, default=0)

    def draw(self) -> None:
        # Badges tied to a card first: the ones placed later move out of their way.
        self._ends()
        self._skipped()
        routes = self._traffic()
        self._deviations()
        self._slow(routes)

    def _pair(self, key: str) -> tuple[str, str]:
        return split_pair(key, self.titles)

    def _tp(self, title: str):
        return self.by_title.get(normalise(title))

    def _rect(self, tp) -> Rect | None:
        return self.layout.card_rects.get(tp.id) if tp is not None else None

    def _title(self, tp_id: str) -> str | None:
        tp = self.by_id.get(tp_id)
        return None if tp is None else self.by_title[normalise(tp.title)].title

    def _traffic(self) -> dict[str, Route]:
        """Widen every travelled connection; returns {"A -> B": route} of the connections."""
        routes: dict[str, Route] = {}
        for conn in self.map.connections:
            source, target = self._title(conn.source), self._title(conn.target)
            route = route_connection(self.layout, conn, self.map)
            if source is None or target is None or route is None:
                continue
            key = f"{source} -> {target}"
            routes.setdefault(key, route)
            count = self.transitions.get(key, 0)
            if count:
                tip = f"{key}: taken {count:,} times (designed)"
                width = traffic_width(count, self.most)
                self.overlay.add(FlowItem(self.overlay, "traffic", route, count, width, tip))
        return routes

    def _deviations(self) -> None:
        kinds = self.result.get("deviation_kinds") or {}
        ceiling = self.layout.grid_rect.y
        for key, count in self.deviations:
            source, target = (self._tp(t) for t in self._pair(key))
            src, dst = self._rect(source), self._rect(target)
            if src is None or dst is None:
                continue
            route = arch_over(src, dst, ceiling)
            kind = kinds.get(key, "deviation")
            tip = f"{key}: {count:,} times, not designed ({kind})"
            width = traffic_width(count, self.most)
            self.overlay.add(FlowItem(self.overlay, "deviation", route, count, width, tip))
            peak = bezier(route, 0.5)
            self.overlay.add(BadgeItem(self.overlay, "deviation_count", f"{count:,}", peak,
                                       "centre", tip))

    def _slow(self, routes: dict[str, Route]) -> None:
        expected = self.result.get("expected_days") or {}
        median = self.result.get("median_days") or {}
        for key, days in expected.items():
            took = median.get(key)
            route = routes.get(key)
            if took is None or days is None or took <= days or route is None:
                continue
            text = f"median {took:.1f} d / exp. {days:g} d"
            tip = f"{key}: expected {days:g} days, the median case took {took:.1f} days"
            middle = bezier(route, 0.5)
            if route.start[0] == route.end[0]:  # a link down the side of a column: go right
                anchor, align = middle + QPointF(-4, 0), "left"
            else:
                anchor, align = middle + QPointF(0, 14), "centre"
            self.overlay.add(BadgeItem(self.overlay, "slow", text, anchor, align, tip))

    def _ends(self) -> None:
        goals = {normalise(g) for g in self.result.get("goal") or []}
        for title, count in (self.result.get("drop_off") or {}).items():
            tp = self._tp(title)
            rect = self._rect(tp)
            if rect is None or not count:
                continue
            share = f"{100 * count / self.cases:.0f} %" if self.cases else ""
            if normalise(title) in goals:
                kind, text = "goal", f"✓ {count:,} at goal ({share})"
                tip = f"{count:,} cases ended at {title}, a goal ({share} of all cases)"
            else:
                kind, text = "ended", f"{count:,} ended here ({share})"
                tip = f"{count:,} cases ended at {title} without reaching a goal ({share})"
            anchor = QPointF(rect.right - 6, rect.bottom + 3)  # mostly in the gap below
            self.overlay.add(BadgeItem(self.overlay, kind, text, anchor, "right", tip))

    def _skipped(self) -> None:
        for title in self.result.get("skipped") or []:
            rect = self._rect(self._tp(title))
            if rect is None:
                continue
            tip = f"No case visited {title}."
            box = QRectF(rect.x, rect.y, rect.w, rect.h)
            self.overlay.add(VeilItem(self.overlay, box, tip))
            anchor = QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)
            self.overlay.add(BadgeItem(self.overlay, "not_visited", "not visited", anchor,
                                       "centre", tip))

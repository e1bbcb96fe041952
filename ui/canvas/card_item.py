"""A touchpoint card: a QGraphicsItem that paints itself from its model object.

The card holds a reference to the live `Touchpoint` (never a copy of its fields) and reads
the shared `CanvasStyle` of its scene, so a refresh is just `update()`. Dragging uses Qt's own
move machinery; the scene turns the drop into one document command on release.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from journeymap.model import Touchpoint

from . import presentation
from .glyphs import channel_glyph, glyph_path
from .hover import Hoverable
from .palette import readable_on
from .safety import guarded
from .text import elide, wrap

RADIUS = 6.0
STRIP = 6.0  # the experience colour strip on the left edge
HANDLE_R = 5.5
PAD = 10.0  # bounding margin for the handle, the selection ring and the problem badge
MAX_DOTS = 6  # dots drawn on a card; more show as "+n"
LOD_PLAIN = 0.4  # below this zoom a card is drawn as a plain block (overview, far zoom)


@cache
def _strip_path(w: float, h: float) -> QPainterPath:
    body = QPainterPath()
    body.addRoundedRect(QRectF(0, 0, w, h), RADIUS, RADIUS)
    strip = QPainterPath()
    strip.addRect(QRectF(0, 0, STRIP, h))
    return body.intersected(strip)


@cache
def _shape(w: float, h: float, handle: bool) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, w, h), RADIUS, RADIUS)
    if handle:
        path.addEllipse(QPointF(w, h / 2), HANDLE_R + 3, HANDLE_R + 3)
    return path.simplified()


class CardItem(Hoverable, QGraphicsItem):
    def __init__(self, tp: Touchpoint, host) -> None:
        super().__init__()
        self.tp = tp
        self.host = host  # the JourneyScene: style, geometry, drag callbacks
        self.w, self.h = host.card_size
        self._bounds = QRectF(-PAD, -PAD, self.w + 2 * PAD, self.h + 2 * PAD)
        self._link_target = False  # a new connection would end here
        self._linking = False
        self._text_key: tuple | None = None
        self._title: list[str] = []
        # Not ItemIsMovable: the scene's CardDrag moves cards, only on real pointer moves.
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        if host.style.interactive:
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.setAcceptHoverEvents(True)

    def obj_ref(self):
        """The model object this item draws (the scene checks it was not replaced)."""
        return self.tp

    @property
    def tp_id(self) -> str:
        return self.tp.id

    def refresh(self) -> None:
        self._text_key = None
        self.update()

    def resize(self, w: float, h: float) -> None:
        """Another card size (presentation mode fills the screen with wider cards)."""
        self.prepareGeometryChange()
        self.w, self.h = w, h
        self._bounds = QRectF(-PAD, -PAD, w + 2 * PAD, h + 2 * PAD)
        self.refresh()

    def set_link_target(self, on: bool) -> None:
        self._link_target = on
        self.update()

    # -- geometry -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def card_rect(self) -> QRectF:
        """The card itself, without the margin for handle and badges."""
        return QRectF(0, 0, self.w, self.h)

    def shape(self) -> QPainterPath:
        return _shape(self.w, self.h, self.host.style.interactive)

    def handle_hit(self, pos: QPointF) -> bool:
        dx, dy = pos.x() - self.w, pos.y() - self.h / 2
        return self.host.style.interactive and dx * dx + dy * dy <= (HANDLE_R + 3) ** 2

    # -- painting -------------------------------------------------------------------------
    @guarded
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        style = self.host.style
        theme = style.theme
        selected = self.isSelected()
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        body = QRectF(0, 0, self.w, self.h)
        exp_colour = theme.experience(self.tp.experience) if style.shows("experience") else None
        if lod < LOD_PLAIN:
            painter.fillRect(body, theme.selection if selected else theme.card)
            if exp_colour is not None:
                painter.fillRect(QRectF(0, 0, STRIP * 2, self.h), exp_colour)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_body(painter, body, selected, exp_colour)
        if style.presentation:
            self._paint_for_room(painter)
        else:
            self._paint_top_row(painter)
            self._paint_title_and_footer(painter)
        if style.shows("badges"):
            self._paint_problem(painter)
        if style.shows("comments"):
            self._paint_comments(painter)
        if style.interactive and (self._hover or selected):
            self._paint_handle(painter)

    # -- the presentation card: title, experience, dots (presentation.py sizes it) ------------
    def room_parts(self) -> dict:
        """What the presentation card draws, and where (card coordinates): the title's lines
        with their rectangles, the experience pill and the dots row. Painting reads this."""
        style, tp = self.host.style, self.tp
        fonts = style.fonts
        text = None
        if tp.experience is not None and style.shows("experience"):
            text = presentation.pill_text(tp.experience)
        pill_w = presentation.pill_width(text, fonts.small) if text else 0.0
        geo = presentation.card_geometry(self.w, self.h, fonts.title, pill_w, style.dots_row)
        key = (tp.title, geo, style.generation)
        if key != self._text_key:
            self._title = wrap(tp.title, fonts.title, geo.text_w, geo.max_lines,
                               first_width=geo.first_w)
            self._text_key = key
        fm = style.metrics(fonts.title)
        lines = []
        for i, line in enumerate(self._title):
            top = geo.top + i * geo.step
            lines.append((line, QRectF(geo.text_x, top, fm.horizontalAdvance(line), geo.step)))
        pill = None
        if text:
            # Centred on the first line's capitals, flush with the right padding.
            centre = geo.top + (geo.step - fm.descent()) / 2 + (fm.ascent() - fm.capHeight()) / 2
            right = self.w - presentation.PAD_X
            pill = (text, QRectF(right - pill_w, centre - presentation.PILL_H / 2, pill_w,
                                 presentation.PILL_H))
        return {"lines": lines, "pill": pill, "dots_y": geo.dots_y, "geometry": geo}

    def _paint_for_room(self, painter: QPainter) -> None:
        style, theme = self.host.style, self.host.style.theme
        parts = self.room_parts()
        fm = style.metrics(style.fonts.title)
        painter.setFont(style.fonts.title)
        painter.setPen(theme.card_text)
        for line, rect in parts["lines"]:
            baseline = rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent()
            painter.drawText(QPointF(rect.left(), baseline), line)
        if parts["pill"] is not None:
            text, rect = parts["pill"]
            fill = theme.experience(self.tp.experience)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setPen(readable_on(fill))
            painter.setFont(style.fonts.small)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if self.tp.vote_total and style.shows("votes"):
            centre_y = parts["dots_y"]
            if centre_y is None:  # no row was kept (a vote came back by undo): the bottom pad
                centre_y = self.h - presentation.DOT_R - 2
            self._paint_votes(painter, centre_y, presentation.DOT_R)

    def _paint_comments(self, painter: QPainter) -> None:
        """A speech bubble with the number of open comments, on the top-left corner."""
        count = self.host.open_comments(self.tp.id)
        if not count:
            return
        style = self.host.style
        text = str(count)
        fm = style.metrics(style.fonts.small)
        bubble = QRectF(-7, -8, max(18.0, fm.horizontalAdvance(text) + 10), 14)
        tail = QPainterPath()
        tail.moveTo(bubble.left() + 5, bubble.bottom() - 1)
        tail.lineTo(bubble.left() + 4, bubble.bottom() + 4)
        tail.lineTo(bubble.left() + 10, bubble.bottom() - 1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.theme.comment)
        painter.drawRoundedRect(bubble, 5, 5)
        painter.drawPath(tail)
        painter.setPen(readable_on(style.theme.comment))
        painter.setFont(style.fonts.small)
        painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_body(self, painter: QPainter, body: QRectF, selected: bool, exp: QColor | None):
        theme = self.host.style.theme
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 60 if theme.dark else 26))
        painter.drawRoundedRect(body.translated(0, 1.6), RADIUS, RADIUS)
        painter.setBrush(theme.card)
        painter.setPen(QPen(theme.card_border, 1.0))
        painter.drawRoundedRect(body, RADIUS, RADIUS)
        if exp is not None:
            painter.fillPath(_strip_path(self.w, self.h), exp)
        if selected or self._link_target:
            pen = QPen(theme.selection if selected else theme.drop, 2.6)
            if not selected:
                pen.setDashPattern([3, 2])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(pen)
            painter.drawRoundedRect(body.adjusted(-1.5, -1.5, 1.5, 1.5), RADIUS + 1, RADIUS + 1)

    def _paint_top_row(self, painter: QPainter) -> None:
        style, theme, tp = self.host.style, self.host.style.theme, self.tp
        right = self.w - 8
        if tp.experience is not None and style.shows("experience"):
            right = self._paint_experience_pill(painter, right)
        if style.shows("badges"):
            right = self._paint_badges(painter, right)
        glyph = channel_glyph(tp.channel) if style.shows("channel") else None
        if glyph is None:
            return
        painter.save()
        painter.translate(STRIP + 7, 7)
        painter.setPen(QPen(theme.card_muted, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(glyph_path(glyph))
        painter.restore()
        fm = style.metrics(style.fonts.meta)
        painter.setFont(style.fonts.meta)
        painter.setPen(theme.card_muted)
        x = STRIP + 24
        painter.drawText(QPointF(x, 7 + 6 + fm.ascent() / 2 - 1), elide(tp.channel, fm, right - x - 4))

    def _paint_experience_pill(self, painter: QPainter, right: float) -> float:
        style = self.host.style
        value = self.tp.experience
        fill = style.theme.experience(value)
        text = f"{value:+d}" if value else "0"
        text = text.replace("-", "\u2212")
        fm = style.metrics(style.fonts.small)
        width = max(22.0, fm.horizontalAdvance(text) + 10)
        pill = QRectF(right - width, 6, width, 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, 7, 7)
        painter.setPen(readable_on(fill))
        painter.setFont(style.fonts.small)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return pill.x() - 4

    def _paint_badges(self, painter: QPainter, right: float) -> float:
        theme, tp = self.host.style.theme, self.tp
        badges = []
        if tp.moment_of_truth:
            badges.append(("truth", theme.truth, True))
        if tp.opportunities.strip():
            badges.append(("opportunity", theme.opportunity, False))
        if tp.pain_points.strip():
            badges.append(("pain", theme.pain, True))
        for name, colour, filled in badges:
            painter.save()
            painter.translate(right - 12, 7)
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(QBrush(colour) if filled else Qt.BrushStyle.NoBrush)
            painter.drawPath(glyph_path(name))
            painter.restore()
            right -= 15
        return right

    def _footer_lines(self) -> list[str]:
        style, tp = self.host.style, self.tp
        lines = []
        raci = self.host.raci_names(tp) if style.shows("raci") else []
        # The owner line would repeat the accountable role shown just below it.
        owner = tp.owner.strip().casefold()
        repeated = any(letter == "A" and name.casefold() == owner for letter, name in raci)
        if owner and style.shows("owner") and not style.presentation and not repeated:
            lines.append("owner")
        if raci and not style.presentation:
            lines.append("raci")
        return lines

    def _paint_title_and_footer(self, painter: QPainter) -> None:
        style, theme = self.host.style, self.host.style.theme
        fonts = style.fonts
        footer = self._footer_lines()
        meta_fm = style.metrics(fonts.meta)
        title_fm = style.metrics(fonts.title)
        top = 24.0
        footer_h = len(footer) * (meta_fm.lineSpacing() + 1)
        room = self.h - top - footer_h - 6
        max_lines = max(1, min(3, int(room // title_fm.lineSpacing())))
        width = self.w - STRIP - 14
        key = (self.tp.title, max_lines, width, style.generation)
        if key != self._text_key:
            self._title = wrap(self.tp.title, fonts.title, width, max_lines)
            self._text_key = key
        painter.setFont(fonts.title)
        painter.setPen(theme.card_text)
        y = top + title_fm.ascent()
        for line in self._title:
            painter.drawText(QPointF(STRIP + 7, y), line)
            y += title_fm.lineSpacing()
        self._paint_footer(painter, footer)

    def _paint_footer(self, painter: QPainter, footer: list[str]) -> None:
        style = self.host.style
        fm = style.metrics(style.fonts.meta)
        baseline = self.h - 7 - fm.descent()
        right = self.w - 8
        if self.tp.vote_total and style.shows("votes"):
            right = self._paint_votes(painter, baseline - fm.ascent() / 2 + 1)
        for what in reversed(footer):
            if what == "raci":
                self._paint_raci(painter, baseline, right)
            else:
                self._paint_owner(painter, baseline, right)
            baseline -= fm.lineSpacing() + 1
            right = self.w - 8

    def _paint_owner(self, painter: QPainter, baseline: float, right: float) -> None:
        style = self.host.style
        fm = style.metrics(style.fonts.meta)
        painter.save()
        painter.translate(STRIP + 7, baseline - fm.ascent() + 1)
        painter.scale(0.8, 0.8)
        painter.setPen(QPen(style.theme.card_muted, 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(glyph_path("person"))
        painter.restore()
        painter.setFont(style.fonts.meta)
        painter.setPen(style.theme.card_muted)
        x = STRIP + 20
        painter.drawText(QPointF(x, baseline), elide(self.tp.owner, fm, right - x))

    def _paint_raci(self, painter: QPainter, baseline: float, right: float) -> None:
        style, theme = self.host.style, self.host.style.theme
        fm = style.metrics(style.fonts.meta)
        x = STRIP + 7
        for letter, name in self.host.raci_names(self.tp):
            if x > right - 24:
                break
            chip = QRectF(x, baseline - fm.ascent() + 0.5, 12, fm.ascent() + 1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.card_text if letter == "A" else theme.card_muted)
            painter.drawRoundedRect(chip, 2.5, 2.5)
            painter.setPen(theme.card)
            painter.setFont(style.fonts.small)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, letter)
            painter.setFont(style.fonts.meta)
            painter.setPen(theme.card_muted)
            text = elide(name, fm, right - x - 16)
            painter.drawText(QPointF(x + 15, baseline), text)
            x += 15 + fm.horizontalAdvance(text) + 8

    def _paint_votes(self, painter: QPainter, centre_y: float, least: float = 4.0) -> float:
        """Each participant's dots in their colour, right-aligned; past MAX_DOTS the last
        place says "+n". A dot is at least 14 px across on screen when zoomed out to
        presentation size (and at least 8 scene units), so a room can count them."""
        style = self.host.style
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        radius = max(least, min(7.0, max(4.0, 7.0 / max(lod, 1e-3))))
        step = radius * 2 + 2
        dots = [colour for colour, count in self.host.vote_colours(self.tp) for _ in range(count)]
        shown = dots if len(dots) <= MAX_DOTS else dots[:MAX_DOTS - 1]
        right = self.w - 8
        x = right - radius
        outline = QPen(style.theme.card, 1.2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for colour in reversed(shown):
            painter.setPen(outline)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x, centre_y), radius, radius)
            x -= step
        if len(shown) < len(dots):
            painter.setFont(style.fonts.small)
            painter.setPen(style.theme.vote)
            text = f"+{len(dots) - len(shown)}"
            fm = style.metrics(style.fonts.small)
            width = fm.horizontalAdvance(text)
            painter.drawText(QPointF(x + radius - width, centre_y + fm.ascent() / 2 - 1), text)
            x -= width
        return x - 2

    def _paint_problem(self, painter: QPainter) -> None:
        level = self.host.style.badges.get(self.tp.id)
        if level not in ("error", "warning"):
            return
        theme = self.host.style.theme
        centre = QPointF(self.w - 1, 1)
        painter.setPen(QPen(theme.card, 1.5))
        if level == "error":
            painter.setBrush(theme.error)
            painter.drawEllipse(centre, 8, 8)
        else:
            painter.setBrush(theme.warning)
            path = QPainterPath()
            path.moveTo(centre.x(), centre.y() - 8.5)
            path.lineTo(centre.x() + 8.5, centre.y() + 6.5)
            path.lineTo(centre.x() - 8.5, centre.y() + 6.5)
            path.closeSubpath()
            painter.drawPath(path)
        painter.setPen(QPen(QColor("#ffffff") if level == "error" else QColor("#111111"), 2.0))
        top = centre.y() - (4.5 if level == "error" else 3)
        painter.drawLine(QPointF(centre.x(), top), QPointF(centre.x(), centre.y() + 1.2))
        painter.drawPoint(QPointF(centre.x(), centre.y() + 4))

    def _paint_handle(self, painter: QPainter) -> None:
        theme = self.host.style.theme
        centre = QPointF(self.w, self.h / 2)
        painter.setPen(QPen(theme.selection, 1.6))
        painter.setBrush(theme.card)
        painter.drawEllipse(centre, HANDLE_R, HANDLE_R)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.selection)
        painter.drawEllipse(centre, 2.2, 2.2)

    # -- interaction ------------------------------------------------------------------------
    @guarded
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.handle_hit(event.pos()):
            self._linking = True
            self.host.begin_link(self, event.scenePos())
            event.accept()
            return
        self._linking = False
        super().mousePressEvent(event)
        self.host.drag.press(self, event)

    @guarded
    def mouseMoveEvent(self, event) -> None:
        if self._linking:
            if event.buttons() & Qt.MouseButton.LeftButton:
                self.host.drag_link(event.scenePos())
            return
        self.host.drag.move(self, event)

    @guarded
    def mouseReleaseEvent(self, event) -> None:
        if self._linking:
            self._linking = False
            self.host.end_link(self, event.scenePos())
            return
        super().mouseReleaseEvent(event)
        drop = self.host.drag.release(self, event)
        if drop is not None:
            self.host.cards_dropped(drop)

    @guarded(fallback=False)
    def sceneEvent(self, event) -> bool:
        if event.type() == QEvent.Type.UngrabMouse:
            # A dialog or another window took the pointer mid-gesture: it is abandoned.
            if self._linking:
                self._linking = False
                self.host.end_link(self, None)
            self.host.drag.cancel()
        return super().sceneEvent(event)

    @guarded
    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.host.edit_requested.emit("touchpoint", self.tp.id)
            event.accept()

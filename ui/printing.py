"""Printing a journey map through the system print dialog, and a preview of the sheets.

How: an offscreen `JourneyScene` of the map (light theme, not interactive, so no selection,
hover, handles or dark theme print) is rendered with `QGraphicsScene.render` onto each page,
by the sheet plan of `print_preview.plan_sheets` — the PDF export's own rule and tile cutter.
A map that fits prints on one sheet; a larger one prints an overview with the tile grid, then
one sheet per tile with the stage and lane headers repeated and "continued" arrows.

Why not print the PDF export: rasterising it needs QtPdf, which PySide6-Essentials does not
ship; rendering the scene keeps the output vector and exactly what the canvas shows.

`paint_map` is the one painter; `print_map` and the preview dialog both call it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMarginsF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from journeymap.document import Document
from journeymap.layout import Rect
from journeymap.model import Map

from .print_preview import (
    SheetPlan,
    continued_line,
    map_facts,
    neighbours,
    plan_sheets,
    tile_caption,
)

log = logging.getLogger(__name__)

INK, MUTED, ACCENT, RULE = "#1f2933", "#56616d", "#2f5d8a", "#c5ccd4"
MARGIN_MM = 10.0
PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3,
          "A2": QPageSize.PageSizeId.A2, "A1": QPageSize.PageSizeId.A1,
          "A0": QPageSize.PageSizeId.A0, "LETTER": QPageSize.PageSizeId.Letter,
          "TABLOID": QPageSize.PageSizeId.Tabloid}
FOOTER_LINE = 12.0  # the rule above the footer, from the page's bottom edge


# -- the dialogs ------------------------------------------------------------------------------
def new_printer(name: str = "", paper: str = "A3", portrait: bool = False) -> QPrinter:
    """A high-resolution printer with 10 mm margins, A3 landscape unless told otherwise
    (`paper` is one of the PDF export's names: A4 ... A0, Letter, Tabloid)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = PAPERS.get(paper.upper(), QPageSize.PageSizeId.A3)
    printer.setPageSize(QPageSize(size))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait if portrait
                               else QPageLayout.Orientation.Landscape)
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                           QPageLayout.Unit.Millimeter)
    printer.setDocName(name or "Journey map")
    printer.setCreator("Journeymap")
    return printer


def run_dialog(dialog) -> bool:
    """Show a modal dialog; True when accepted. Tests replace this so nothing blocks."""
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def print_map(parent: QWidget | None, document: Document | Map, *, paper: str = "A3",
              portrait: bool = False) -> bool:
    """Ask for a printer (offered on `paper`, landscape unless `portrait`; the user may change
    both) and print; False when cancelled or failed. Takes a Document or its Map, so it also
    fits `MainWindow.print_backend`."""
    m = _the_map(document)
    printer = new_printer(m.name, paper, portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {m.name}")
    if not run_dialog(dialog):
        return False
    try:
        paint_map(printer, m)
    except OSError as error:
        _report(parent, str(error))
        return False
    return True


def build_preview(parent: QWidget | None, document: Document | Map, *, paper: str = "A3",
                  portrait: bool = False) -> QPrintPreviewDialog:
    """The preview dialog, not yet shown: its pages come from `paint_map`, so it shows exactly
    what printing from it (or from `print_map`) puts on paper."""
    m = _the_map(document)
    printer = new_printer(m.name, paper, portrait)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.journey_printer = printer  # the dialog does not own it: keep it alive with it
    dialog.setWindowTitle(f"Print preview — {m.name}")
    dialog.paintRequested.connect(lambda printer: _paint_or_report(dialog, printer, m))
    dialog.resize(1100, 800)
    return dialog


def preview_map(parent: QWidget | None, document: Document | Map, *, paper: str = "A3",
                portrait: bool = False) -> None:
    run_dialog(build_preview(parent, document, paper=paper, portrait=portrait))


def _the_map(document: Document | Map) -> Map:
    return document.map if isinstance(document, Document) else document


def _paint_or_report(parent, printer: QPrinter, m: Map) -> None:
    try:
        paint_map(printer, m)
    except OSError as error:
        _report(parent, str(error))


def _report(parent, text: str) -> None:
    """Tell the user through the main window's `report` (a hook in tests), else a box."""
    log.warning("printing failed: %s", text)
    widget = parent if isinstance(parent, QWidget) else None
    while widget is not None and not hasattr(widget, "report"):
        widget = widget.parentWidget()
    if widget is not None:
        widget.report("error", "Cannot print", text)
    else:
        QMessageBox.warning(parent, "Cannot print", text)


# -- painting ---------------------------------------------------------------------------------
def paint_map(printer: QPrinter, m: Map) -> int:
    """Print `m` on `printer` by the shared sheet plan; returns the number of pages painted."""
    scene = print_scene(m)
    try:
        layout = scene.layout
        page = printer.pageLayout()
        full = page.fullRect(QPageLayout.Unit.Point)
        printable = page.paintRect(QPageLayout.Unit.Point)
        plan = plan_sheets(layout, (full.width(), full.height()),
                           Rect(0, 0, printable.width(), printable.height()))
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(f"Could not start printing '{m.name}' on "
                          f"{printer.outputFileName() or printer.printerName() or 'the printer'}.")
        try:
            return _Pages(painter, printer, plan, scene, m).paint()
        finally:
            painter.end()
    finally:
        scene.detach()


def print_scene(m: Map):
    """A scene of its own for paper: the light theme and no interactive decoration."""
    from .canvas.palette import LIGHT
    from .canvas.scene import JourneyScene
    from .canvas.style import CanvasStyle

    scene = JourneyScene(Document(m), CanvasStyle(theme=LIGHT, interactive=False))
    scene.setBackgroundBrush(QColor("#ffffff"))
    return scene


def _font(pixels: int, bold: bool = False) -> QFont:
    # Pixel sizes in the page's point units (the painter is scaled to points), as the canvas
    # sizes its fonts, so the printer's resolution cannot double-scale them.
    font = QFont()
    font.setPixelSize(pixels)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _q(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


class _Pages:
    def __init__(self, painter: QPainter, printer: QPrinter, plan: SheetPlan, scene,
                 m: Map) -> None:
        self.p, self.printer, self.plan, self.scene, self.m = painter, printer, plan, scene, m
        self.layout = scene.layout
        self.number = 0

    def paint(self) -> int:
        self.p.setRenderHints(QPainter.RenderHint.Antialiasing
                              | QPainter.RenderHint.TextAntialiasing)
        if self.plan.tiles is None:
            self._start(map_facts(self.m))
            self._render(self._whole(), _q(self.plan.area), self.plan.scale)
            return self.number
        self._overview()
        for tile in self.plan.tiles.tiles:
            self._tile(tile)
        return self.number

    # -- pages ------------------------------------------------------------------------------
    def _start(self, line: str, note: str = "") -> None:
        if self.number and not self.printer.newPage():
            raise OSError(f"The printer refused page {self.number + 1} of '{self.m.name}'.")
        self.number += 1
        self._to_points()
        self._header(line)
        self._footer(note)

    def _to_points(self) -> None:
        """Page units are points (of the virtual page). Points -> device pixels goes in the
        window/viewport mapping, not the world transform: canvas items pick their level of
        detail from the world transform, so it must say how large they are on paper, as on
        screen (an overview's tiny cards are plain blocks), whatever the printer's dpi."""
        k = self.printer.resolution() / 72.0
        size = self.printer.pageLayout().paintRect(QPageLayout.Unit.Point).size()
        w, h = max(1, round(size.width())), max(1, round(size.height()))
        self.p.resetTransform()
        self.p.setWindow(QRect(0, 0, w, h))
        self.p.setViewport(QRect(0, 0, round(w * k), round(h * k)))
        self.p.scale(self.plan.zoom, self.plan.zoom)

    def _overview(self) -> None:
        tiles = self.plan.tiles
        self._start(f"Overview — the whole map on {len(tiles.tiles)} sheets")
        whole = self._whole()
        area = self.plan.area
        s = min(area.w / whole.width(), area.h / whole.height())
        self._render(whole, QRectF(area.x, area.y, whole.width() * s, whole.height() * s), s)
        pen = QPen(QColor(ACCENT), 1.2, Qt.PenStyle.DashLine)
        for tile in tiles.tiles:
            r = tile.region
            box = QRectF(area.x + r.x * s, area.y + r.y * s, r.w * s, r.h * s)
            if tile.col == 0:
                box.setLeft(area.x)
            if tile.row == 0:
                box.setTop(area.y)
            self.p.setPen(pen)
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawRect(box)
            self._sheet_badge(box.center(), str(tile.number))

    def _tile(self, tile) -> None:
        tiles = self.plan.tiles
        caption = tile_caption(self.m, self.layout, tile.region)
        self._start(f"Sheet {tile.number} of {len(tiles.tiles)} — {caption}",
                    continued_line(tiles, tile))
        m, s, a = self.layout.metrics, self.plan.scale, self.plan.area
        body = self.plan.body(tile, self.layout)
        r = tile.region
        head_h, lane_w = m.stage_header_h * s, m.lane_header_w * s
        self._render(QRectF(r.x, r.y, r.w, r.h), _q(body), s)
        self._render(QRectF(r.x, 0, r.w, m.stage_header_h),
                     QRectF(body.x, a.y, body.w, head_h), s)
        self._render(QRectF(0, r.y, m.lane_header_w, r.h),
                     QRectF(a.x, body.y, lane_w, body.h), s)
        self._render(QRectF(0, 0, m.lane_header_w, m.stage_header_h),
                     QRectF(a.x, a.y, lane_w, head_h), s)
        self._continued_headers(tile.region, body, s)
        block = Rect(a.x, a.y, body.right - a.x, body.bottom - a.y)
        for dr, dc, _other in neighbours(tiles, tile):
            self._edge_arrow(block, body, dr, dc)

    def _continued_headers(self, region: Rect, body: Rect, s: float) -> None:
        """A stage or lane cut by the sheet's edge keeps its name on this sheet too: it is
        written again at the start of the part of its header that shows."""
        style = self.scene.style
        for stage in self.m.stages:
            rect = self.layout.stage_header_rects.get(stage.id)
            if rect is not None and rect.x < region.x - 1 < rect.right - 2:
                self._header_label(QPointF(body.x, self.plan.area.y), s, QPointF(6, 10),
                                   stage.name, style)
        for lane in self.m.lanes:
            rect = self.layout.lane_header_rects.get(lane.id)
            if rect is not None and rect.y < region.y - 1 < rect.bottom - 2:
                self._header_label(QPointF(self.plan.area.x, body.y), s, QPointF(16, 10),
                                   lane.name, style)

    def _header_label(self, origin: QPointF, s: float, at: QPointF, name: str, style) -> None:
        """Name and "(continued)" in the canvas's header fonts, in layout units from `origin`."""
        fonts, theme = style.fonts, style.theme
        name_fm, sub_fm = style.metrics(fonts.header), style.metrics(fonts.header_sub)
        width = 112.0
        text = name_fm.elidedText(name, Qt.TextElideMode.ElideRight, width)
        box = QRectF(at.x() - 2, at.y() - 2, max(name_fm.horizontalAdvance(text),
                                                  sub_fm.horizontalAdvance("continued")) + 4,
                     name_fm.height() + sub_fm.height() + 4)
        self.p.save()
        self.p.translate(origin)
        self.p.scale(s, s)
        self.p.fillRect(box, theme.header)
        self.p.setFont(fonts.header)
        self.p.setPen(theme.header_text)
        self.p.drawText(QPointF(at.x(), at.y() + name_fm.ascent()), text)
        self.p.setFont(fonts.header_sub)
        self.p.setPen(theme.header_muted)
        self.p.drawText(QPointF(at.x(), at.y() + name_fm.height() + sub_fm.ascent()), "continued")
        self.p.restore()

    # -- pieces -------------------------------------------------------------------------------
    def _whole(self) -> QRectF:
        return QRectF(0, 0, self.layout.width, self.layout.height)

    def _render(self, source: QRectF, target: QRectF, scale: float) -> None:
        """Scene `source` into `target` (same proportions), clipped so neighbours stay out."""
        target = QRectF(target.x(), target.y(), source.width() * scale, source.height() * scale)
        self._show_cards_in(source)
        self.p.save()
        self.p.setClipRect(target, Qt.ClipOperation.IntersectClip)
        self.scene.render(self.p, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        self.p.restore()

    def _show_cards_in(self, source: QRectF) -> None:
        """Hide the cards outside `source`. Cards are children of their lane's container, and
        `render` paints whole subtrees: without this every sheet would carry (clipped away, but
        in the file) all the cards of the lanes it touches."""
        reach = source.adjusted(-4, -4, 4, 4)
        for tp_id, card in self.scene.cards.items():
            rect = self.layout.card_rects.get(tp_id)
            if rect is not None:
                card.setVisible(reach.intersects(_q(rect)))

    def _header(self, line: str) -> None:
        page = self.plan.page
        name_font, line_font = _font(13, bold=True), _font(9)
        name_fm, line_fm = QFontMetricsF(name_font), QFontMetricsF(line_font)
        base = 15.0
        name = name_fm.elidedText(self.m.name or "Journey map", Qt.TextElideMode.ElideRight,
                                  page.w * 0.5)
        self.p.setFont(name_font)
        self.p.setPen(QColor(INK))
        self.p.drawText(QPointF(0, base), name)
        x = name_fm.horizontalAdvance(name) + 12
        self.p.setFont(line_font)
        self.p.setPen(QColor(MUTED))
        self.p.drawText(QPointF(x, base),
                        line_fm.elidedText(line, Qt.TextElideMode.ElideRight, page.w - x))
        self.p.setPen(QPen(QColor(INK), 0.8))
        self.p.drawLine(QPointF(0, base + 6), QPointF(page.w, base + 6))

    def _footer(self, note: str) -> None:
        page = self.plan.page
        font = _font(8)
        fm = QFontMetricsF(font)
        y = page.h - 3
        self.p.setPen(QPen(QColor(RULE), 0.6))
        self.p.drawLine(QPointF(0, page.h - FOOTER_LINE), QPointF(page.w, page.h - FOOTER_LINE))
        self.p.setFont(font)
        self.p.setPen(QColor(MUTED))
        left = fm.elidedText(f"Journeymap · {self.m.name}", Qt.TextElideMode.ElideRight,
                             page.w * 0.4)
        self.p.drawText(QPointF(0, y), left)
        right = f"page {self.number} of {self.plan.page_count}"
        right_w = fm.horizontalAdvance(right)
        self.p.drawText(QPointF(page.w - right_w, y), right)
        if note:
            bold = _font(9, bold=True)
            self.p.setFont(bold)
            self.p.setPen(QColor(ACCENT))
            width = QFontMetricsF(bold).horizontalAdvance(note)
            self.p.drawText(QPointF(page.w - right_w - 24 - width, y), note)

    def _edge_arrow(self, block: Rect, body: Rect, dr: int, dc: int) -> None:
        """A triangle just outside the grid's edge (headers included), centred on the body,
        pointing to the sheet that continues."""
        cx = {-1: block.x - 8, 0: body.x + body.w / 2, 1: block.right + 8}[dc]
        cy = {-1: block.y - 8, 0: body.y + body.h / 2, 1: block.bottom + 8}[dr]
        size = 6.0
        path = QPainterPath()
        if dc:
            path.moveTo(cx + dc * size, cy)
            path.lineTo(cx - dc * size, cy - size)
            path.lineTo(cx - dc * size, cy + size)
        else:
            path.moveTo(cx, cy + dr * size)
            path.lineTo(cx - size, cy - dr * size)
            path.lineTo(cx + size, cy - dr * size)
        path.closeSubpath()
        self.p.fillPath(path, QColor(ACCENT))

    def _sheet_badge(self, centre: QPointF, text: str) -> None:
        font = _font(16, bold=True)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text) + 14, fm.height() + 4
        box = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)
        self.p.setPen(QPen(QColor(ACCENT), 1.2))
        self.p.setBrush(QColor("#ffffff"))
        self.p.drawRoundedRect(box, 4, 4)
        self.p.setFont(font)
        self.p.setPen(QColor(ACCENT))
        self.p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


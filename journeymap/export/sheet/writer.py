"""The journey map as a PDF: an A3-report sheet, or a tiled set for maps too big for one.

One sheet when the map fits at a scale where its smallest text prints at 6 pt or more:
title block, the stage x lane grid (same geometry as the canvas, scaled), emotion curve,
the filled A3 sections in a side band (landscape) or bottom band (portrait), legend.
Otherwise: a cover (title block, A3 report, personas, list of sheets), an overview (the whole
map in shapes with the tile grid), one page per tile with repeated headers and "continued"
markers. Then, when anything was cut or is not shown on the cards, a touchpoint index with
every title whole on one line; then the journey-check summary when asked for and available.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ...layout import Rect
from ...model import Map
from ..pdf import chrome, grid, theme, typeset
from ..pdf.canvas import binary_streams, new_canvas, save
from ..pdf.fonts import ensure_fonts
from ..pdf.frame import GAP, PageWriter
from ..pdf.view import SheetView, build_view
from .pages import draw_overview, index_blocks, report_blocks, summary_blocks, summary_tiles
from .tiles import TilePlan, fit_scale, plan_tiles

log = logging.getLogger(__name__)


def write_map_pdf(m: Map, out: Path, *, paper: str = "A3", portrait: bool = False,
                  summary: bool = True) -> None:
    page = theme.page_size(paper, portrait)
    ensure_fonts()
    view = build_view(m)
    report = _analyse(m) if summary else None
    subject = f"{m.kind} journey map"
    if m.description.strip():
        subject += f" — {m.description.strip()[:200]}"
    with binary_streams():
        canvas = new_canvas(out, page, title=m.name, author=m.owner, subject=subject,
                            keywords=["journey map", m.kind] + [s.name for s in m.stages][:20])
        MapSheetWriter(canvas, view, page, portrait).write(report)
        save(canvas, out)


def _analyse(m: Map):
    from ...analysis import analyse

    try:
        return analyse(m)
    except Exception:  # the sheet matters more than its appendix: print without it
        log.exception("journey analysis failed; the PDF has no summary page")
        return None


class MapSheetWriter(PageWriter):
    def __init__(self, canvas: Canvas, view: SheetView, page: tuple[float, float],
                 portrait: bool) -> None:
        super().__init__(canvas, view, page, portrait, chrome.legend_height)
        self.cut = False  # a card title was shortened: the index says it whole
        self.sections_cut = False
        self.tiled = False

    # -- the whole document --------------------------------------------------------------
    def write(self, report) -> None:
        band, columns, grid_area, scale = self._choose_sheet()
        if scale >= self.min_scale or not self.view.cards:
            self._single_sheet(band, columns, grid_area, min(scale, theme.MAX_GRID_SCALE))
            if self.view.sections and band is None:
                self._text_pages("A3 report", report_blocks(self.view, self._flow_width(1)), 1)
        else:
            self._tiled()
        self._appendix()
        if report is not None:
            self._summary(report)

    def _summary(self, report) -> None:
        """A row of key-figure tiles, then the figures and problems in columns."""
        self._headed_page("Journey check")
        top = self.frame.title.bottom - 30
        tiles_h = chrome.draw_tiles(self.c, Rect(self.frame.content.x, top - 48, self.frame.content.w,
                                            48), summary_tiles(report))
        columns = self._text_columns()
        area = Rect(self.frame.content.x, self.frame.footer.bottom + GAP, self.frame.content.w,
                    top - tiles_h - GAP - self.frame.footer.bottom - GAP)
        self._text_pages("Journey check", summary_blocks(report, self._flow_width(columns)),
                         columns, first_area=area)

    def _appendix(self) -> None:
        """Everything the sheets shortened or do not show, in full: the A3 sections (when
        cut), the personas' details (when not on a cover), the map's description, the stage
        goals and the touchpoint index."""
        columns = self._text_columns()
        width = self._flow_width(columns)
        blocks = []
        if self.sections_cut:
            blocks += report_blocks(self.view, width, personas=False)
        if not self.tiled and any(details for _, details in self.view.persona_details):
            blocks += report_blocks(self.view, width, sections=False)
        # The sheet shows the description's first line and the stage goals cut to a line:
        # the index carries them in full.
        texts = (self.view.description.strip() or any(st.goal.strip() for st in self.view.stages)
                 or any(e.details for e in self.view.index))
        if self.view.index and (self.cut or blocks or texts):
            blocks += index_blocks(self.view, width)
        if blocks:
            self._text_pages("Touchpoint index", blocks, columns)

    def _choose_sheet(self) -> tuple[Rect | None, int, Rect, float]:
        """Where the A3 sections go: a band beside or under the grid, whichever lets the grid
        print larger; the band takes the room the grid leaves. Without room for a band at
        a legible scale, the sections get a page of their own."""
        layout = self.view.layout
        mid = self.frame.middle
        bare = fit_scale(layout, mid.w, mid.h)
        if not self.view.sections:
            return None, 1, mid, bare
        options = [self._side_band(), self._bottom_band()]
        if self.portrait:
            options.reverse()
        best = max(options, key=lambda option: option[3])  # first wins a tie
        if best[3] >= self.min_scale:
            return best
        return None, 1, mid, bare

    def _side_band(self) -> tuple[Rect, int, Rect, float]:
        layout, mid = self.view.layout, self.frame.middle
        gap = GAP * 1.5
        scale = min(mid.h / layout.height, (mid.w - 190 - gap) / layout.width, theme.MAX_GRID_SCALE)
        band_w = max(190.0, min(mid.w - layout.width * scale - gap, mid.w * 0.42))
        band = Rect(mid.right - band_w, mid.y, band_w, mid.h)
        return band, 1, Rect(mid.x, mid.y, mid.w - band_w - gap, mid.h), scale

    def _bottom_band(self) -> tuple[Rect, int, Rect, float]:
        layout, mid = self.view.layout, self.frame.middle
        gap = GAP * 1.5
        scale = min(mid.w / layout.width, (mid.h - 130 - gap) / layout.height, theme.MAX_GRID_SCALE)
        band_h = max(130.0, min(mid.h - layout.height * scale - gap, mid.h * 0.45))
        band = Rect(mid.x, mid.y, mid.w, band_h)
        columns = max(2, min(4, int(mid.w // 260), len(self.view.sections)))
        area = Rect(mid.x, mid.y + band_h + gap, mid.w, mid.h - band_h - gap)
        return band, columns, area, scale

    # -- one sheet -----------------------------------------------------------------------
    def _single_sheet(self, band: Rect | None, columns: int, area: Rect, scale: float) -> None:
        number = self._new_page(self.view.name or "Journey map")
        chrome.draw_title_block(self.c, self.view, self.frame.title)
        layout = self.view.layout
        whole = Rect(0, 0, layout.width, layout.height)
        self._place(area.x, area.bottom, scale)
        grid.draw_corner(self.c, self.view)
        grid.draw_stage_headers(self.c, self.view, whole)
        grid.draw_lane_headers(self.c, self.view, whole)
        grid.draw_body(self.c, self.view, whole)
        self.c.restoreState()
        if band is not None:
            self.sections_cut = chrome.draw_sections(self.c, band, self.view.sections, columns)
            if columns == 1 and not self.sections_cut:
                used = chrome.sections_height(self.view.sections, band.w, 1) + GAP
                chrome.draw_glance(self.c, Rect(band.x, band.y, band.w, band.h - used), self.view)
        self._legend_and_footer(number)
        self.cut |= any(not typeset.fits(card.title, "cond-bold", theme.CARD_TITLE, grid.title_room(card.rect.w))
                        for card in self.view.cards)

    def _place(self, x: float, top: float, scale: float) -> None:
        self.c.saveState()
        self.c.translate(x, top)
        self.c.scale(scale, scale)

    def _legend_and_footer(self, number: int, note: str = "") -> None:
        chrome.draw_legend(self.c, self.frame.legend)
        self._footer(number, note)

    # -- tiles ---------------------------------------------------------------------------
    def _tile_area(self) -> Rect:
        mid = self.frame.middle
        head = 30.0  # map name and sheet line instead of the full title block
        return Rect(mid.x, mid.y + 20, mid.w, mid.h + chrome.TITLE_BLOCK_H + GAP - head - 20)

    def _tiled(self) -> None:
        area = self._tile_area()
        plan = plan_tiles(self.view.layout, area.w, area.h, theme.TILE_SCALE / self.zoom)
        self.cut = self.tiled = True
        self._cover(plan)
        number = self._new_page("Overview")
        self._small_header(f"Overview — the whole map on {len(plan.tiles)} sheets")
        draw_overview(self.c, self.view, plan, area)
        self._legend_and_footer(number)
        for tile in plan.tiles:
            self._tile_page(plan, tile, area)

    def _cover(self, plan: TilePlan) -> None:
        """Title block, the A3 sections across the top, then personas and the list of
        sheets in columns."""
        number = self._new_page(self.view.name or "Cover")
        chrome.draw_title_block(self.c, self.view, self.frame.title)
        self._legend_and_footer(number)
        mid = self.frame.middle
        top = mid.y + mid.h
        columns = self._cover_columns()
        if self.view.sections:
            need = chrome.sections_height(self.view.sections, mid.w, columns)
            band_h = min(need, mid.h * 0.6)
            self.sections_cut = chrome.draw_sections(self.c, Rect(mid.x, top - band_h, mid.w, band_h),
                                                self.view.sections, columns)
            top -= band_h + GAP * 2
        sheets = [f"Sheet {t.number}: {_tile_caption(self.view, t.region)}" for t in plan.tiles]
        width = self._flow_width(columns)
        blocks = report_blocks(self.view, width, sheets, sections=False)
        self._text_pages("Cover (continued)", blocks, columns,
                         first_area=Rect(mid.x, mid.y, mid.w, top - mid.y))

    def _tile_page(self, plan: TilePlan, tile, area: Rect) -> None:
        number = self._new_page(f"Sheet {tile.number}", level=1,
                                parent="Map sheets" if tile.number == 1 else "")
        caption = _tile_caption(self.view, tile.region)
        self._small_header(f"Sheet {tile.number} of {len(plan.tiles)} — {caption}")
        m = self.view.layout.metrics
        s = plan.scale
        region = tile.region
        body_x, body_top = area.x + m.lane_header_w * s, area.bottom - m.stage_header_h * s
        body_w, body_h = region.w * s, region.h * s
        self._clipped(Rect(body_x, body_top - body_h, body_w, body_h),
                      body_x - region.x * s, body_top + region.y * s, s,
                      lambda: grid.draw_body(self.c, self.view, region))
        head_region = Rect(region.x, 0, region.w, m.stage_header_h)
        self._clipped(Rect(body_x, body_top, body_w, m.stage_header_h * s),
                      body_x - region.x * s, area.bottom, s,
                      lambda: grid.draw_stage_headers(self.c, self.view, head_region))
        lane_region = Rect(0, region.y, m.lane_header_w, region.h)
        self._clipped(Rect(area.x, body_top - body_h, m.lane_header_w * s, body_h),
                      area.x, body_top + region.y * s, s,
                      lambda: grid.draw_lane_headers(self.c, self.view, lane_region))
        self._place(area.x, area.bottom, s)
        grid.draw_corner(self.c, self.view)
        self.c.restoreState()
        self._continued(plan, tile, Rect(body_x, body_top - body_h, body_w, body_h))
        self._legend_and_footer(number, f"sheet {tile.number} of {len(plan.tiles)}")

    def _clipped(self, clip: Rect, ox: float, oy: float, scale: float, draw) -> None:
        c = self.c
        c.saveState()
        path = c.beginPath()
        path.rect(clip.x, clip.y, clip.w, clip.h)
        c.clipPath(path, stroke=0, fill=0)
        c.translate(ox, oy)
        c.scale(scale, scale)
        draw()
        c.restoreState()

    def _continued(self, plan: TilePlan, tile, body: Rect) -> None:
        """Arrows at the edges that go on, and a line under the grid naming those sheets."""
        c = self.c
        notes = []
        for (dr, dc), arrow in (((0, -1), "← sheet {}"), ((-1, 0), "↑ sheet {}"),
                                ((0, 1), "sheet {} →"), ((1, 0), "↓ sheet {}")):
            other = plan.at(tile.row + dr, tile.col + dc)
            if other is None:
                continue
            notes.append(arrow.format(other.number))
            _edge_arrow(c, body, dr, dc)
        if notes:
            c.setFillColor(theme.ACCENT)
            typeset.draw(c, body.right, body.y - 25, "continued: " + " · ".join(notes), "cond-bold",
                   theme.LEGEND_PT, "right")

    # -- text pages ----------------------------------------------------------------------
    def _cover_columns(self) -> int:
        return max(1, min(3, int(self.frame.content.w // 330)))

    def _text_pages(self, title: str, blocks, columns: int, *, first_area: Rect | None = None
                    ) -> None:
        """Flow blocks over pages with a small header; with `first_area` the flow starts in
        that part of the current page."""
        flow = self._flow(title, columns, continued_level=1)
        if first_area is not None:
            flow.continue_in(first_area)
        elif not blocks:
            flow.start_page()
        for head, body in blocks:
            flow.heading(head)
            flow.add(body)


def _edge_arrow(c, body: Rect, dr: int, dc: int) -> None:
    cx = body.x + body.w / 2 + dc * (body.w / 2 + 7)
    cy = body.y + body.h / 2 - dr * (body.h / 2 + 7)
    size = 6.0
    c.setFillColor(theme.ACCENT)
    path = c.beginPath()
    if dc:
        path.moveTo(cx + dc * size, cy)
        path.lineTo(cx - dc * size, cy + size)
        path.lineTo(cx - dc * size, cy - size)
    else:
        path.moveTo(cx, cy - dr * size)
        path.lineTo(cx + size, cy + dr * size)
        path.lineTo(cx - size, cy + dr * size)
    path.close()
    c.drawPath(path, fill=1, stroke=0)


def _tile_caption(view: SheetView, region: Rect) -> str:
    stages = [s.name for s in view.stages if s.column.right > region.x + 1 and s.column.x < region.right - 1]
    lanes = [ln.name for ln in view.lanes if ln.row.bottom > region.y + 1 and ln.row.y < region.bottom - 1]
    emotion = view.layout.emotion_rect
    parts = []
    if stages:
        parts.append("stage " + stages[0] if len(stages) == 1 else f"stages {stages[0]} – {stages[-1]}")
    if lanes:
        parts.append("lane " + lanes[0] if len(lanes) == 1 else f"lanes {lanes[0]} – {lanes[-1]}")
    if emotion is not None and emotion.bottom > region.y + 1 and emotion.y < region.bottom - 1:
        parts.append("experience curve")
    return " · ".join(parts)

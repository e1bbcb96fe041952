"""The journey map as a PDF: an A3-report sheet, or a tiled set for maps too big for one.

One sheet when the map fits at a scale where its smallest text prints at 7 pt and its card
titles at 9 pt or more (`theme.FIT_MIN_SCALE`, in real points whatever the paper), or else
at the tiles' 6.5 pt (one sheet is better than a set of one tile): title
block, the stage x lane grid fitted to the sheet (`fit.fit_sheet`: the canvas's geometry with
cards packed and widened for the sheet's aspect, type growing up to a poster size), emotion
curve, the filled A3 sections in a side band (landscape) or bottom band (portrait), legend.
Otherwise: a cover (title block, A3 report, a thumbnail of the whole map with its sheets,
personas, list of sheets), an overview (the whole map in shapes with the tile grid and every
stage and lane named), one page per tile with repeated headers and "continued" markers (the
canvas's geometry, smallest text 6.5 pt). Then the touchpoint index with every title whole on one
line and every field in full; then the journey-check
summary when asked for and available — on the index's last page when it is short.

Bigger paper is read from further away, but not as far as its size would say: the page's
chrome (title block, legend, footer) grows with the square root of the paper's size (A1
x1.4, A0 x2), and the grid's sizes and the one-sheet/tiles decision are in real points, so
an A1 sheet holds more cards, or the same cards in bigger type, than an A3 one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ...layout import Rect
from ...model import Map
from ..pdf import chrome, grid, theme, typeset
from ..pdf.canvas import binary_streams, new_canvas, save
from ..pdf.flow import Flow
from ..pdf.fonts import ensure_fonts
from ..pdf.frame import GAP, PageWriter, paper_ratio, sheet_frame
from ..pdf.links import callout_in, link_callouts
from ..pdf.view import build_view
from .fit import SheetFit, fit_sheet
from .overview import draw_overview, draw_thumbnail
from .pages import (
    heading,
    index_blocks,
    report_blocks,
    summary_blocks,
    summary_tiles,
)
from .tile_marks import edge_arrow, tile_caption
from .tiles import TilePlan, plan_tiles

log = logging.getLogger(__name__)

SHORT_SUMMARY = 0.4  # a summary under this share of a text page joins the page before


def write_map_pdf(m: Map, out: Path, *, paper: str = "A3", portrait: bool = False,
                  summary: bool = True, comments: bool = False) -> None:
    page = theme.page_size(paper, portrait)
    ensure_fonts()
    report = _analyse(m) if summary else None
    subject = f"{m.kind} journey map"
    if m.description.strip():
        subject += f" — {m.description.strip()[:200]}"
    with binary_streams():
        canvas = new_canvas(out, page, title=m.name, author=m.owner, subject=subject,
                            keywords=["journey map", m.kind] + [s.name for s in m.stages][:20])
        MapSheetWriter(canvas, m, page, portrait).write(report, comments)
        save(canvas, out)


def _analyse(m: Map):
    from ...analysis import analyse

    try:
        return analyse(m)
    except Exception:  # the sheet matters more than its appendix: print without it
        log.exception("journey analysis failed; the PDF has no summary page")
        return None


def sheet_layout(m: Map, paper: str = "A3", portrait: bool = False):
    """The layout the map's PDF draws: fitted to the sheet (see `fit`) on one sheet, the
    canvas's own on tiles and their overview."""
    ensure_fonts()
    writer = MapSheetWriter(None, m, theme.page_size(paper, portrait), portrait)
    choice = writer._choose_sheet()
    return writer.view.layout if choice is None else choice[3].layout


def sheet_zoom(page: tuple[float, float]) -> float:
    """Virtual points -> real points on a journey sheet (see the module docstring)."""
    return paper_ratio(page) ** MapSheetWriter.chrome_growth


class MapSheetWriter(PageWriter):
    chrome_growth = 0.5

    def __init__(self, canvas: Canvas, m: Map, page: tuple[float, float], portrait: bool) -> None:
        super().__init__(canvas, build_view(m), page, portrait, chrome.legend_height)
        self.map = m
        # Scales in virtual points per layout unit; the thresholds are in real points.
        self.min_scale = theme.FIT_MIN_SCALE / self.zoom
        self.max_scale = theme.FIT_MAX_SCALE * paper_ratio(page) / self.zoom
        self.tile_scale = theme.TILE_SCALE / self.zoom
        self.sections_cut = False
        self.tiled = False
        self.flow: Flow | None = None  # the appendix's flow, which a short summary joins
        self.flow_title = ["Touchpoint index"]
        self.callouts: list = []  # link labels shown as numbered marks, listed by the legend
        self.tile_callouts: list = []  # the same on tiles: each tile lists those on it

    # -- the whole document --------------------------------------------------------------
    def write(self, report, comments: bool = False) -> None:
        choice = self._choose_sheet()
        if choice is not None:
            choice = self._make_room_for_callouts(choice)
        if choice is not None:
            band, columns, grid_area, fit = choice
            self._single_sheet(band, columns, grid_area, fit.scale)
            if self.view.sections and band is None:
                self._text_pages("A3 report", report_blocks(self.view, self._flow_width(1)), 1)
        else:
            self._tiled()
        self._appendix()
        if report is not None:
            self._summary(report)
        if comments and self.map.comments:
            self._comments()

    def _comments(self) -> None:
        """The comments in full; a few join the appendix's last page, like a short check."""
        from .comment_pages import comment_blocks

        columns = self._text_columns()
        blocks = comment_blocks(self.map, self._flow_width(columns))
        if self.flow is not None and self._short(blocks, columns):
            self.flow.heading(_band_heading("Comments", self.flow.width))
            for head, body in blocks:
                self.flow.heading(head)
                self.flow.add(body)
            return
        self._text_pages("Comments", blocks, columns)

    def _summary(self, report) -> None:
        """A row of key-figure tiles, then the figures and problems in columns; a short one
        (no tiles then: the figures say the same) goes on after the index on its page."""
        columns = self._text_columns()
        blocks = summary_blocks(report, self._flow_width(columns))
        if self.flow is not None and self._short(blocks, columns):
            self.flow_title[0] = "Journey check"
            flow = self.flow
            head, body = blocks[0]
            flow.heading(_band_heading("Journey check", flow.width))
            flow.heading(head)
            flow.add(body)
            key = f"check{self.pages}"
            self.c.bookmarkPage(key)  # the page the check begins on, now it is placed
            self.c.addOutlineEntry("Journey check", key, level=0, closed=False)
            for head, body in blocks[1:]:
                flow.heading(head)
                flow.add(body)
            return
        self._headed_page("Journey check")
        top = self.frame.title.bottom - 30
        tiles_h = chrome.draw_tiles(self.c, Rect(self.frame.content.x, top - 48, self.frame.content.w,
                                            48), summary_tiles(report))
        area = Rect(self.frame.content.x, self.frame.footer.bottom + GAP, self.frame.content.w,
                    top - tiles_h - GAP - self.frame.footer.bottom - GAP)
        self._text_pages("Journey check", blocks, columns, first_area=area)

    def _short(self, blocks, columns: int) -> bool:
        lines = sum(line.height + line.space_before for head, body in blocks for line in head + body)
        return lines <= self._text_area().h * columns * SHORT_SUMMARY

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
        # The sheet shows the description's first line, the stage goals cut to a line and
        # on a card what fits of its roles: the index always carries them in full.
        if self.view.index:
            blocks += index_blocks(self.view, width)
        if blocks:
            self.flow = self._text_pages(self.flow_title, blocks, columns)

    def _choose_sheet(self) -> tuple[Rect | None, int, Rect, SheetFit] | None:
        """Where the A3 sections go: a band beside or under the grid, whichever lets the grid
        print larger; the band takes the room the grid leaves. Without room for a band at
        a legible scale, the sections get a page of their own. A map legible on one sheet
        only in the tiles' smaller type (6.5 pt) still gets one sheet rather than a set of
        one tile; smaller than that, None (the map goes on tiles)."""
        mid = self.frame.middle
        bare = (None, 1, mid, self._fit(mid.w, mid.h))
        if not self.view.cards:
            return bare
        options = []
        if self.view.sections and bare[3].scale >= self.tile_scale:  # a band leaves less room
            options = [self._side_band(), self._bottom_band()]
            if self.portrait:
                options.reverse()
        best = max(options, key=lambda option: option[3].scale) if options else None  # first wins a tie
        for floor in (self.min_scale, self.tile_scale):
            for option in (best, bare):
                if option is not None and option[3].scale >= floor:
                    return option
        return None

    def _make_room_for_callouts(self, choice):
        """The sheet's view, with the legend grown to list the link labels that become
        numbered callouts (a taller legend leaves the grid less room, which may change
        which labels fit: a few rounds, the legend only ever growing)."""
        rows = 0
        for _round in range(3):
            self.view = build_view(self.map, choice[3].metrics)
            callouts = link_callouts(self.view)
            need = chrome.legend_height(self.frame.legend.w, callouts)
            if need <= self.frame.legend.h + 0.01 or not callouts:
                break
            rows = max(rows, need)
            self.frame = sheet_frame(self.page, lambda w, h=rows: h)
            choice = self._choose_sheet()
            if choice is None:
                return None
        self.callouts = link_callouts(self.view)
        return choice

    def _fit(self, width: float, height: float) -> SheetFit:
        return fit_sheet(self.map, max(width, 1.0), max(height, 1.0), self.max_scale)

    def _side_band(self) -> tuple[Rect, int, Rect, SheetFit]:
        mid = self.frame.middle
        gap = GAP * 1.5
        probe = self._fit(mid.w - 190 - gap, mid.h)
        band_w = max(190.0, min(mid.w - probe.natural[0] - gap, mid.w * 0.42))
        band = Rect(mid.right - band_w, mid.y, band_w, mid.h)
        area = Rect(mid.x, mid.y, mid.w - band_w - gap, mid.h)
        return band, 1, area, self._fit(area.w, area.h)

    def _bottom_band(self) -> tuple[Rect, int, Rect, SheetFit]:
        mid = self.frame.middle
        gap = GAP * 1.5
        probe = self._fit(mid.w, mid.h - 130 - gap)
        band_h = max(130.0, min(mid.h - probe.natural[1] - gap, mid.h * 0.45))
        band = Rect(mid.x, mid.y, mid.w, band_h)
        columns = max(2, min(4, int(mid.w // 260), len(self.view.sections)))
        area = Rect(mid.x, mid.y + band_h + gap, mid.w, mid.h - band_h - gap)
        return band, columns, area, self._fit(area.w, area.h)

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

    def _place(self, x: float, top: float, scale: float) -> None:
        self.c.saveState()
        self.c.translate(x, top)
        self.c.scale(scale, scale)

    def _legend_and_footer(self, number: int, note: str = "", callouts=None) -> None:
        chrome.draw_legend(self.c, self.frame.legend, self.callouts if callouts is None else callouts)
        self._footer(number, note)

    # -- tiles ---------------------------------------------------------------------------
    def _tile_area(self) -> Rect:
        mid = self.frame.middle
        head = 30.0  # map name and sheet line instead of the full title block
        return Rect(mid.x, mid.y + 20, mid.w, mid.h + chrome.TITLE_BLOCK_H + GAP - head - 20)

    def _tiled(self) -> None:
        self.tile_callouts = link_callouts(self.view)
        if self.tile_callouts:  # each tile lists its own callouts: room for a few rows of them
            width = self.frame.legend.w
            height = min(chrome.legend_height(width, self.tile_callouts),
                         chrome.legend_height(width) + 3 * chrome.LEGEND_ROW)
            self.frame = sheet_frame(self.page, lambda w: height)
        area = self._tile_area()
        plan = plan_tiles(self.view.layout, area.w, area.h, self.tile_scale)
        self.tiled = True
        self._cover(plan)
        number = self._new_page("Overview")
        self._small_header(f"Overview — the whole map on {len(plan.tiles)} sheets")
        draw_overview(self.c, self.view, plan, area)
        self._legend_and_footer(number)
        for tile in plan.tiles:
            self._tile_page(plan, tile, area)

    def _cover(self, plan: TilePlan) -> None:
        """Title block, the A3 sections across the top, a thumbnail of the whole map with
        its sheets, then personas and the list of sheets in columns."""
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
        # A thumbnail of the whole map with its sheets, across the page under the sections.
        layout = self.view.layout
        thumb_h = min(mid.h * 0.4, (top - mid.y) * 0.6, mid.w * layout.height / max(layout.width, 1))
        if thumb_h > 60:
            c = self.c
            c.setFillColor(theme.INK)
            typeset.draw(c, mid.x, top - 9, f"The whole map on {len(plan.tiles)} sheets", "bold",
                         theme.SECTION_HEAD_PT)
            used = draw_thumbnail(c, self.view, plan, Rect(mid.x, top - 14 - thumb_h, mid.w, thumb_h))
            top -= 14 + used + GAP * 2
        sheets = [f"Sheet {t.number}: {tile_caption(self.view, t.region)}" for t in plan.tiles]
        width = self._flow_width(columns)
        blocks = report_blocks(self.view, width, sheets, sections=False)
        self._text_pages("Cover", blocks, columns,
                         first_area=Rect(mid.x, mid.y, mid.w, top - mid.y))

    def _tile_page(self, plan: TilePlan, tile, area: Rect) -> None:
        number = self._new_page(f"Sheet {tile.number}", level=1,
                                parent="Map sheets" if tile.number == 1 else "")
        caption = tile_caption(self.view, tile.region)
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
        here = [mark for mark in self.tile_callouts if callout_in(mark, tile.region)]
        self._legend_and_footer(number, f"sheet {tile.number} of {len(plan.tiles)}", here)

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
            edge_arrow(c, body, dr, dc)
        if notes:
            c.setFillColor(theme.ACCENT)
            typeset.draw(c, body.right, body.y - 25, "continued: " + " · ".join(notes), "cond-bold",
                   theme.LEGEND_PT, "right")

    # -- text pages ----------------------------------------------------------------------
    def _cover_columns(self) -> int:
        return max(1, min(3, int(self.frame.content.w // 330)))

    def _text_pages(self, title: str | list[str], blocks, columns: int, *,
                    first_area: Rect | None = None) -> Flow:
        """Flow blocks over pages with a small header; with `first_area` the flow starts in
        that part of the current page. `title` may be a one-item list, so what flows on
        later (a short summary) can change the heading of the pages it opens."""
        holder = title if isinstance(title, list) else [title]
        state = {"first": True, "title": holder[0]}

        def start_page() -> None:
            first = state["first"] or holder[0] != state["title"]
            state["first"], state["title"] = False, holder[0]
            self._headed_page(holder[0] if first else f"{holder[0]} (continued)",
                              level=0 if first else 1)

        flow = Flow(self.c, self._text_area(), start_page, columns=columns)
        if first_area is not None:
            flow.continue_in(first_area)
            state["first"] = False
        elif not blocks:
            flow.start_page()
        for head, body in blocks:
            flow.heading(head)
            flow.add(body)
        return flow


def _band_heading(text: str, width: float):
    return heading(text, width, size=11.0)

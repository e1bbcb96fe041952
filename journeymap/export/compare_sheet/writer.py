"""Planned vs actual as a PDF: an A3 sheet of the map with what the event log shows on it.

Page 1: a title block (map, log, period, date of comparison, cases and events), the map's
stage x lane grid in the journey sheet's layout with the comparison drawn on it (connections
as wide as the cases that took them, deviations as dashed red arrows, cards with visits,
drop-off and timing against plan, untouched touchpoints greyed), and a band of headline
figures and short lists beside it (below it on portrait paper, or on a page of its own when
the grid would otherwise print too small; a map too big to label prints in shapes). Then,
with segments, a page with a table of the headline figures per segment, their time through
the stages, and a panel of each large segment's deviations; then, when the sheet shortened
any text or list, "Figures in full".

`write_compare_pdf(m, result, out)` takes the `Comparison` as `compare` gives it (see
journeymap/comparison/); it reads nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ...comparison import Comparison
from ...layout import Metrics, Rect
from ...model import Map
from ..pdf import chrome, theme, typeset
from ..pdf.canvas import binary_streams, new_canvas, save
from ..pdf.fonts import ensure_fonts
from ..pdf.frame import GAP, PageWriter
from ..pdf.view import SheetView, build_view
from .band import draw_band
from .cuts import Cuts, draw
from .figures import (
    card_figures,
    designed_flows,
    deviation_flows,
    log_name,
    period_text,
    segment_rows,
    stage_timings,
)
from .full import full_blocks
from .grid import draw_grid, draw_shape_names, draw_shapes
from .legend import draw_legend, legend_height
from .pages import (
    PANEL_MIN,
    PANELS,
    draw_panels,
    draw_segment_table,
    draw_stage_matrix,
    matrix_height,
)

BAND_MIN, BAND_MAX = 270.0, 360.0
TABLE_ROWS = 30  # segments beyond this are merged into one row


def write_compare_pdf(m: Map, result: Comparison, out: Path, paper: str = "A3", *,
                      portrait: bool = False, compared: str | None = None) -> None:
    """Write the planned-vs-actual report of `result` (from `compare(m, log)`) to `out`.

    `compared` is the date shown as the date of comparison (default: today)."""
    page = theme.page_size(paper, portrait)
    ensure_fonts()
    view = build_view(m, Metrics(emotion_h=0))  # no experience curve: the band is not about it
    subject = f"Planned vs actual: {m.name} against the event log {log_name(result)}"
    with binary_streams():
        canvas = new_canvas(out, page, title=f"{m.name} — planned vs actual", author=m.owner,
                            subject=subject,
                            keywords=["journey map", "planned vs actual", "event log",
                                      "conformance"])
        CompareSheetWriter(canvas, view, m, result, page, portrait,
                compared or date.today().isoformat()).write()
        save(canvas, out)


@dataclass
class CompareSheetPlan:
    """Where the grid and the band go on the sheet."""

    grid: Rect
    scale: float
    band: Rect | None  # None: the band has a page of its own
    columns: int = 1
    labels: bool = True  # False: the grid prints too small for text; shapes only


class CompareSheetWriter(PageWriter):
    note = "planned vs actual"

    def __init__(self, canvas: Canvas, view: SheetView, m: Map, result: Comparison,
                 page: tuple[float, float], portrait: bool, compared: str) -> None:
        super().__init__(canvas, view, page, portrait, legend_height)
        self.result = result
        self.cuts = Cuts()
        self.shapes = False  # the grid printed without text
        self.compared = compared
        self.figures = card_figures(m, result)
        self.flows = designed_flows(m, view.layout, result)
        self.deviations = deviation_flows(m, view.layout, result)

    def write(self) -> None:
        plan = self._plan()
        self.shapes = not plan.labels
        self._sheet(plan)
        if plan.band is None:
            self._band_page()
        if self.result.segments:
            self._segment_pages()
        if self.cuts.any or not plan.labels:
            self._full_pages()

    # -- the sheet ---------------------------------------------------------------------------
    def _plan(self) -> CompareSheetPlan:
        """The band beside or below the grid, whichever lets the grid print larger; on a
        page of its own when the grid would otherwise print too small to read. A map too
        big to label at all prints in shapes, with the band on the sheet when that costs
        the grid little."""
        layout, mid = self.view.layout, self.frame.middle
        options = [self._side(), self._bottom()]
        if self.portrait:
            options.reverse()
        best = max(options, key=lambda option: option.scale)  # the first wins a tie
        if best.scale >= self.min_scale:
            return best
        bare = min(mid.w / max(layout.width, 1), mid.h / max(layout.height, 1),
                   theme.MAX_GRID_SCALE)
        if bare >= self.min_scale:
            return CompareSheetPlan(mid, bare, None)
        plan = best if best.scale >= bare * 0.6 else CompareSheetPlan(mid, bare, None)
        note = 16.0  # a line under the grid says why it has no text
        plan.grid = Rect(plan.grid.x, plan.grid.y + note, plan.grid.w, plan.grid.h - note)
        plan.scale = min(plan.grid.w / max(layout.width, 1), plan.grid.h / max(layout.height, 1),
                         theme.MAX_GRID_SCALE)
        plan.labels = False
        return plan

    def _side(self) -> CompareSheetPlan:
        layout, mid = self.view.layout, self.frame.middle
        gap = GAP * 1.5
        band_w = min(BAND_MAX, max(BAND_MIN, mid.w * 0.27))
        scale = min(mid.h / max(layout.height, 1), (mid.w - band_w - gap) / max(layout.width, 1),
                    theme.MAX_GRID_SCALE)
        # the band takes what the grid leaves, up to 42 % of the width
        band_w = max(band_w, min(mid.w - layout.width * scale - gap, mid.w * 0.42))
        band = Rect(mid.right - band_w, mid.y, band_w, mid.h)
        return CompareSheetPlan(Rect(mid.x, mid.y, mid.w - band_w - gap, mid.h), scale, band,
                     2 if band_w >= 520 else 1)

    def _bottom(self) -> CompareSheetPlan:
        layout, mid = self.view.layout, self.frame.middle
        gap = GAP * 1.5
        band_h = min(330.0, max(240.0, mid.h * 0.36))
        scale = min(mid.w / max(layout.width, 1), (mid.h - band_h - gap) / max(layout.height, 1),
                    theme.MAX_GRID_SCALE)
        band_h = max(band_h, min(mid.h - layout.height * scale - gap, mid.h * 0.5))
        columns = max(2, min(4, int(mid.w // 250)))
        return CompareSheetPlan(Rect(mid.x, mid.y + band_h + gap, mid.w, mid.h - band_h - gap), scale,
                     Rect(mid.x, mid.y, mid.w, band_h), columns)

    def _sheet(self, plan: CompareSheetPlan) -> None:
        number = self._new_page(self.view.name or "Planned vs actual")
        self._title_block()
        c = self.c
        c.saveState()
        c.translate(plan.grid.x, plan.grid.bottom)
        c.scale(plan.scale, plan.scale)
        if plan.labels:
            draw_grid(c, self.view, self.figures, self.flows, self.deviations,
                      {s.name: s for s in stage_timings(self.result.figures)}, self.cuts)
        else:
            draw_shapes(c, self.view, self.figures, self.flows, self.deviations)
        c.restoreState()
        if not plan.labels:
            draw_shape_names(c, self.view, plan.grid.x, plan.grid.bottom, plan.scale)
        if not plan.labels:
            self._too_small_note(plan)
        if plan.band is not None:
            draw_band(c, plan.band, plan.columns, self.result, self.cuts)
        draw_legend(c, self.frame.legend)
        self._footer(number)

    def _too_small_note(self, plan: CompareSheetPlan) -> None:
        layout = self.view.layout
        y = plan.grid.bottom - layout.height * plan.scale - 11
        text = ("The map is too large to label on this paper: the touchpoints' figures are "
                "under “Figures in full”; a larger paper shows them on the cards.")
        draw(self.c, plan.grid.x, y, text, "cond", theme.LEGEND_PT, theme.MUTED)

    def _title_block(self) -> None:
        c, box, result = self.c, self.frame.title, self.result
        facts = self._facts(box.w * 0.55)
        top = box.y + box.h
        room = chrome.draw_facts(c, box, facts) - box.x - 12
        name = self.cuts.fit(self.view.name, "bold", theme.TITLE_PT, room)
        draw(c, box.x, top - 18, name, "bold", theme.TITLE_PT, theme.INK)
        x = box.x + draw(c, box.x, top - 33, "Planned vs actual  ", "bold", theme.SUBTITLE_PT,
                         theme.ACCENT)
        source = f"the map against the event log {result.log or ''}"
        if "COMPARED" not in [label for label, _, _ in facts]:
            source += f" · compared on {self.compared}"
        draw(c, x, top - 33, self.cuts.fit(source, "regular", theme.SUBTITLE_PT, box.right - x),
             "regular", theme.SUBTITLE_PT, theme.MUTED)
        self._goal_line(box, top - 46)
        c.setStrokeColor(theme.INK)
        c.setLineWidth(1.5)
        c.line(box.x, box.y, box.right, box.y)

    def _facts(self, room: float) -> list[tuple[str, str, float]]:
        """(label, value, width) of the facts on the right of the title block, in reading
        order; on narrow paper the least needed go (the subtitle names the log and date)."""
        result = self.result
        facts = [("EVENT LOG", log_name(result), 4), ("PERIOD", period_text(result), 2),
                 ("COMPARED", self.compared, 3),
                 ("CASES", f"{result.figures.cases:,}", 0),
                 ("EVENTS", f"{result.figures.events:,}", 1)]
        sized = []
        for label, value, rank in facts:
            value = self.cuts.fit(value, "bold", theme.VALUE_PT, chrome.FACT_VALUE_W)
            sized.append((label, value, chrome.fact_width(label, value), rank))
        while sum(item[2] for item in sized) > room and len(sized) > 2:
            sized.remove(max(sized, key=lambda item: item[3]))
        return [(label, value, w) for label, value, w, _ in sized]

    def _goal_line(self, box: Rect, y: float) -> None:
        goals = " · ".join(self.result.goal) or "none"
        x = box.x + draw(self.c, box.x, y, "Goal  ", "cond-bold", theme.BODY_PT, theme.ACCENT)
        segment = self.result.segment if self.result.segments else None
        tail = f"   Segments by {segment}" if segment else ""
        tail_w = typeset.width(tail, "cond", theme.BODY_PT)
        x += draw(self.c, x, y, self.cuts.fit(goals, "cond", theme.BODY_PT, box.right - x - tail_w),
                  "cond", theme.BODY_PT, theme.INK)
        if tail:
            draw(self.c, x, y, tail, "cond", theme.BODY_PT, theme.MUTED)

    # -- the band on a page of its own ---------------------------------------------------------
    def _band_page(self) -> None:
        self._headed_page("Figures")
        box = self._text_area()
        columns = max(1, int(box.w // 260))
        draw_band(self.c, box, columns, self.result, self.cuts,
                  limits={"variants": 10, "deviations": 14, "slow": 10, "unmatched": 10,
                          "skipped": 8})

    # -- segments ------------------------------------------------------------------------------
    def _segment_pages(self) -> None:
        """A table of every segment (past the room, the rest merged into one row), the
        time through stages of the largest ones, then a panel of each largest segment."""
        segments = self.result.segments
        area = self._text_area()
        names = list(segments)[:PANELS]
        fit = int((area.h * 0.45) // 15) - 2
        rows = segment_rows(self.result, max(4, min(TABLE_ROWS, fit)))
        if len(segments) > len(rows) or len(names) < len(segments):
            self.cuts.shortened = True
        title = f"Segments by {self.result.segment or 'segment'}"
        self._headed_page(title, f"{title} — {len(segments):,} segments, largest first")
        used = draw_segment_table(self.c, area, self.result, rows, self.cuts)
        box = Rect(area.x, area.y, area.w, area.h - used - GAP)
        if box.h >= matrix_height(len(names)) + PANEL_MIN + 40:
            used = draw_stage_matrix(self.c, box, self.result, names, self.cuts)
            box = Rect(box.x, box.y, box.w, box.h - used - GAP)
        if box.h >= PANEL_MIN + 20:
            names = self._panels(box, names)
        while names:
            more = f"{title} (continued)"
            self._headed_page(more, f"{more} — the largest segments")
            before = len(names)
            names = self._panels(area, names)
            if len(names) == before:  # not even one panel fits: stop rather than loop
                break

    def _panels(self, box: Rect, names: list[str]) -> list[str]:
        draw(self.c, box.x, box.bottom - 10, "THE LARGEST SEGMENTS", "bold", theme.LABEL_PT,
             theme.MUTED)
        inner = Rect(box.x, box.y, box.w, box.h - 18)
        return draw_panels(self.c, inner, self.result, names, self.cuts)

    # -- figures in full ----------------------------------------------------------------------
    def _full_pages(self) -> None:
        columns = self._text_columns()
        width = self._flow_width(columns)
        listed = self.view.cards if self.shapes else [
            card for card in self.view.cards if card.id in self.cuts.cards]
        where = {entry.number: f"{entry.stage} · {entry.lane}" for entry in self.view.index}
        cards = [(card.title, where.get(card.number, ""), self.figures[card.id])
                 for card in listed if not self.figures[card.id].skipped]
        flow = self._flow("Figures in full", columns)
        for head, body in full_blocks(self.result, cards, width):
            flow.heading(head)
            flow.add(body)

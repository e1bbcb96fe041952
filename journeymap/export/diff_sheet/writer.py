"""The current -> target sheet of a diff as a PDF (`journeymap diff OLD NEW -o diff.pdf`).

Page 1: a title block (both maps' names, the date, the headline counts), the to-be map's
stage x lane grid in the journey sheet's layout with the changes marked on it (see `grid`),
a legend, and the A3 band beside it (below it when that lets the grid print larger): the
as-is current condition beside the to-be goal, countermeasures and plan, the figures of both
maps side by side, and the change list. When the grid would print too small with the band
beside it, the band gets a page of its own; a map too big to label prints in shapes. The
change list goes on under "Changes in full" where the band has no room for it, followed by
any A3 text the band had to shorten, whole.

`write_diff_pdf(old, new, diff, out)` takes the `MapDiff` of `diff_maps(old, new)`.
"""

from __future__ import annotations

from datetime import date

from reportlab.pdfgen.canvas import Canvas

from ...diff import MapDiff
from ...layout import Rect
from ...model import Map
from ..compare_sheet.cuts import Cuts, draw
from ..compare_sheet.grid import draw_shape_names
from ..pdf import bidi, chrome, theme, typeset
from ..pdf.canvas import binary_streams, new_canvas, save
from ..pdf.flow import text_lines
from ..pdf.fonts import ensure_fonts
from ..pdf.frame import GAP, PageWriter
from ..sheet.pages import heading
from .band import (
    a3_texts,
    draw_a3_texts,
    draw_blocks,
    draw_figures,
    draw_more_note,
    draw_no_changes,
    figures_height,
    fitting,
)
from .changes import blocks, change_sections, positions
from .grid import draw_diff_grid
from .legend import draw_legend, legend_height
from .marks import DiffView, diff_view
from .plan import DiffSheetPlan, plan_sheet
from .shapes import draw_diff_shapes, draw_shape_titles
from .summary import headline_facts, summary_parts, summary_text

COLUMN_MIN = 230.0  # a column of the change list


def write_diff_pdf(old: Map, new: Map, diff: MapDiff, out, *, paper: str = "A3") -> None:
    """Write the current -> target sheet of `diff` (from `diff_maps(old, new)`) to `out`, a
    path or a binary stream."""
    page = theme.page_size(paper, False)
    ensure_fonts()
    dv = diff_view(old, new, diff)
    names = f"{diff.old_name} → {diff.new_name}"
    with binary_streams():
        canvas = new_canvas(out, page, title=f"Current → target: {names}", author=new.owner,
                            subject=f"What changes from {diff.old_name} to {diff.new_name}",
                            keywords=["journey map", "diff", "current → target", "A3"])
        DiffSheetWriter(canvas, dv, old, new, diff, page, date.today().isoformat()).write()
        save(canvas, out)


class DiffSheetWriter(PageWriter):
    note = "current → target"

    def __init__(self, canvas: Canvas, dv: DiffView, old: Map, new: Map, diff: MapDiff,
                 page: tuple[float, float], dated: str) -> None:
        dv.view.name = f"{diff.old_name} → {diff.new_name}"  # footers and page headers
        super().__init__(canvas, dv.view, page, False, legend_height)
        self.dv, self.old, self.new, self.diff = dv, old, new, diff
        self.dated = dated
        self.cuts = Cuts()  # the band's and title's texts: printed whole after the sheet
        self.title_cuts = Cuts()  # names and counts: printed whole after the sheet
        self.sections = change_sections(old, new, diff, set(dv.unplaced))
        self.rest = positions(self.sections)  # entries still to print

    def write(self) -> None:
        plan = plan_sheet(self.frame, self.dv.display, self.min_scale)
        name = self.view.name
        self.dv = diff_view(self.old, self.new, self.diff, plan.metrics)
        self.view = self.dv.view
        self.view.name = name
        self._sheet(plan)
        if plan.band is None:
            self._headed_page("A3 and figures", "As-is and to-be, the figures and the changes")
            self._band(self._text_area(), True)
        self._full_pages()

    # -- the sheet -----------------------------------------------------------------------------
    def _sheet(self, plan: DiffSheetPlan) -> None:
        number = self._new_page("Current → target")
        self._title_block()
        c = self.c
        if self.view.stages and self.view.lanes:
            self._grid(plan)
        else:
            draw(c, plan.grid.x, plan.grid.bottom - 14, "The to-be map has no stages or lanes "
                 "yet: there is no grid to mark the changes on.", "cond", theme.BODY_PT,
                 theme.MUTED)
        if plan.band is not None:
            self._band(plan.band, plan.wide)
        draw_legend(c, self.frame.legend)
        self._footer(number)

    def _grid(self, plan: DiffSheetPlan) -> None:
        c = self.c
        c.saveState()
        c.translate(plan.grid.x, plan.grid.bottom)
        c.scale(plan.scale, plan.scale)
        layout = self.view.layout
        clip = c.beginPath()  # a loop arching below the bottom lane stays on the grid
        clip.rect(-2, -layout.height - 2, layout.width + 4, layout.height + 4)
        c.clipPath(clip, stroke=0, fill=0)
        if plan.labels:
            draw_diff_grid(c, self.dv, Cuts())  # what a tag shortens, the change list has
        else:
            draw_diff_shapes(c, self.dv)
        c.restoreState()
        if not plan.labels:
            draw_shape_names(c, self.view, plan.grid.x, plan.grid.bottom, plan.scale)
            draw_shape_titles(c, self.dv, plan.grid.x, plan.grid.bottom, plan.scale)
            y = plan.grid.bottom - self.view.layout.height * plan.scale - 10
            text = ("The map is too large to label in full on this paper: a card's foot is "
                    "blue where it changed, pink where it moved, ochre where its RACI changed; "
                    "the change list names every change.")
            for line in typeset.wrap(text, "cond", theme.LEGEND_PT, plan.grid.w)[0][:2]:
                draw(c, plan.grid.x, y, line, "cond", theme.LEGEND_PT, theme.MUTED)
                y -= theme.LEGEND_PT + 2

    def _title_block(self) -> None:
        c, box, diff = self.c, self.frame.title, self.diff
        facts = []
        for label, value in [*headline_facts(diff), ("DATE", self.dated)]:
            facts.append((label, value, chrome.fact_width(label, value)))
        top = box.y + box.h
        room = chrome.draw_facts(c, box, facts) - box.x - 12
        x = box.x + draw(c, box.x, top - 18, "Current → target  ", "bold", theme.TITLE_PT,
                         theme.ACCENT)
        names = f"{bidi.isolate(diff.old_name)} → {bidi.isolate(diff.new_name)}"
        draw(c, x, top - 18, self.title_cuts.fit(names, "bold", theme.TITLE_PT, box.x + room - x),
             "bold", theme.TITLE_PT, theme.INK)
        subtitle = (f"What changes from the as-is map {bidi.isolate(diff.old_name)} to the "
                    f"to-be map {bidi.isolate(diff.new_name)} · compared on {self.dated}")
        draw(c, box.x, top - 33, self.title_cuts.fit(subtitle, "regular", theme.SUBTITLE_PT, room),
             "regular", theme.SUBTITLE_PT, theme.MUTED)
        x = box.x + draw(c, box.x, top - 46, "Changes  ", "cond-bold", theme.BODY_PT,
                         theme.ACCENT)
        draw(c, x, top - 46, self._summary_line(box.right - x), "cond", theme.BODY_PT,
             theme.INK)
        c.setStrokeColor(theme.INK)
        c.setLineWidth(1.5)
        c.line(box.x, box.y, box.right, box.y)

    def _summary_line(self, room: float) -> str:
        """The counts that fit whole, the total always: a count is never cut (those left
        out are on "Changes in full")."""
        if self.diff.empty:
            return summary_text(self.diff)
        parts, total = summary_parts(self.diff)
        for n in range(len(parts), 0, -1):
            more = "" if n == len(parts) else " · …"
            line = " · ".join(parts[:n]) + more + total
            if typeset.fits(line, "cond", theme.BODY_PT, room):
                self.title_cuts.cut |= bool(more)
                return line
        self.title_cuts.cut = True
        return total.lstrip(" —")

    # -- the band ------------------------------------------------------------------------------
    def _band(self, box: Rect, wide: bool) -> None:
        """Beside the grid: everything stacked. Wide (below the grid, or a page of its own):
        the A3 texts and figures on the left, the change list under them and on in columns
        on the right."""
        left = Rect(box.x, box.y, min(box.w * 0.42, 520.0), box.h) if wide else box
        figures_h = figures_height(self.diff.figures)
        room = left.h - figures_h - GAP - (0 if wide else 140)
        used = draw_a3_texts(self.c, left, a3_texts(self.old, self.new), 2, self.cuts,
                             min(room, left.h * (0.7 if wide else 0.36)))
        if self.diff.figures:
            below = Rect(left.x, left.y, left.w, left.h - used - GAP)
            used += GAP + draw_figures(self.c, below, self.diff.figures, Cuts())
        under = Rect(left.x, left.y, left.w, left.h - used - GAP)
        regions = [under] if under.h >= 90 or not wide else []
        if wide:
            regions.append(Rect(left.right + 18, box.y, box.right - left.right - 18, box.h))
        self._changes(regions)

    def _changes(self, regions: list[Rect]) -> None:
        """The change list's heading at the top of the first region, then as many entries
        as fit, region after region; a line at the foot of the last says where it goes on."""
        c, first = self.c, regions[0]
        total = len(self.rest)
        top = first.y + first.h
        title = f"Changes · {self.diff.count():,} in all" if total else "Changes"
        draw(c, first.x, top - 11, title, "bold", theme.SECTION_HEAD_PT, theme.INK)
        c.setStrokeColor(theme.INK)
        c.setLineWidth(0.8)
        c.line(first.x, top - 15, first.right, top - 15)
        regions = [Rect(first.x, first.y, first.w, first.h - 20), *regions[1:]]
        if not total:
            draw_no_changes(c, regions[0])
            return
        placed = []
        for index, area in enumerate(regions):
            columns = max(1, int((area.w + 12) // (COLUMN_MIN + 12)))
            width = (area.w - 12 * (columns - 1)) / columns
            laid = blocks(self.sections, self.rest, width)
            shown = fitting(laid, area.h, columns)
            if shown < len(laid) and index == len(regions) - 1:
                area = Rect(area.x, area.y + 14, area.w, area.h - 14)
                shown = fitting(laid, area.h, columns)
                draw_more_note(c, Rect(area.x, area.y - 14, area.w, 12), len(laid) - shown,
                               self.pages + 1)
            placed.append((area, columns, laid[:shown]))
            self.rest = self.rest[shown:]
        for area, columns, laid in placed:
            draw_blocks(c, area, columns, laid)

    # -- the pages after -----------------------------------------------------------------------
    def _full_pages(self) -> None:
        if not (self.rest or self.cuts.any or self.title_cuts.any):
            return
        columns = self._text_columns()
        width = self._flow_width(columns)
        flow = self._flow("Changes in full", columns)
        for head, body in blocks(self.sections, self.rest, width):
            flow.heading(head)
            flow.add(body)
        if self.title_cuts.any:
            flow.heading(heading("The maps compared", width))
            diff = self.diff
            rows = [("As-is", diff.old_name), ("To-be", diff.new_name),
                    ("Changes", summary_text(diff))]
            label_w = max(typeset.width(f"{label}  ", "cond-bold", theme.BODY_PT)
                          for label, _ in rows)
            for label, text in rows:
                flow.add(text_lines(text, width, indent=4, label=label, label_w=label_w))
        if self.cuts.any:
            for side, title, text in a3_texts(self.old, self.new):
                flow.heading(heading(f"{title} · {side.lower()}", width))
                flow.add(text_lines(text or "not filled in", width, indent=4,
                                    size=theme.SECTION_TEXT_PT), keep=False)

"""The segments pages after the planned-vs-actual sheet: a table of the headline figures per
segment, their time through the stages, and a panel of each large segment's deviations.
"Figures in full" is in `full`."""

from __future__ import annotations

from dataclasses import dataclass

from ...comparison import Comparison, Figures, Step
from ...comparison.formatting import MISSING, count_text, fraction_text, step_text
from ...layout import Rect
from ..pdf import theme, typeset
from .band import KIND_COLOURS, slow_line
from .cuts import Cuts, draw
from .figures import (
    SegmentRow,
    pdf_days,
    pdf_share,
    segment_row,
    slow_steps,
)

ROW_H = 15.0
PT = 8.0
SMALL = 6.5
PANELS = 12


# -- segments: the table -------------------------------------------------------------------------
def _columns(width: float) -> list[tuple[str, float, str]]:
    """(header, width, align) of the table's columns; the two text columns share the rest."""
    fixed = [("Cases", 52.0, "right"), ("Share", 44.0, "right"),
             ("Conforming", 96.0, "bar"), ("Reached a goal", 96.0, "bar"),
             ("Variants", 52.0, "right"), ("Events", 60.0, "right")]
    rest = max(120.0, width - sum(w for _, w, _ in fixed) - 18 * 8)
    name_w = min(220.0, rest * 0.34)
    return [("Segment", name_w, "left"), *fixed, ("Most frequent deviation", rest - name_w,
                                                   "left")]


def draw_segment_table(c, box: Rect, result: Comparison, rows: list[SegmentRow],
                       cuts: Cuts) -> float:
    """The table at the top of `box`, an "All cases" row first; returns the height used."""
    columns = _columns(box.w)
    top = box.y + box.h
    x = box.x
    for title, w, align in columns:
        anchor = x + w if align == "right" else x
        draw(c, anchor, top - 10, title.upper(), "bold", theme.LABEL_PT, theme.MUTED,
             "right" if align == "right" else "left")
        x += w + 18
    c.setStrokeColor(theme.INK)
    c.setLineWidth(0.8)
    c.line(box.x, top - ROW_H + 1, box.right, top - ROW_H + 1)
    total = segment_row("All cases", result.figures)
    y = top - ROW_H
    for index, row in enumerate([total, *rows]):
        if index % 2 == 0:
            c.setFillColor(theme.PANEL)
            c.rect(box.x, y - ROW_H, box.w, ROW_H, fill=1, stroke=0)
        _table_row(c, box.x, y - ROW_H + 4.5, columns, row, total.cases, index == 0, cuts)
        y -= ROW_H
    return top - y + 6


def _table_row(c, x: float, baseline: float, columns, row: SegmentRow, all_cases: int,
               bold: bool, cuts: Cuts) -> None:
    style = "cond-bold" if bold else "cond"
    values = [
        row.name, f"{row.cases:,}", pdf_share(row.cases, all_cases),
        (row.conforming, row.cases), (row.reached, row.cases),
        "–" if row.variants is None else f"{row.variants:,}", f"{row.events:,}",
        row.top_deviation or MISSING,
    ]
    for (_, w, align), value in zip(columns, values, strict=True):
        if align == "bar":
            _share_bar(c, x, baseline, w, *value)
        elif align == "right":
            draw(c, x + w, baseline, value, style, PT, theme.INK, "right")
        else:
            colour = theme.INK if value != "–" else theme.MUTED
            draw(c, x, baseline, cuts.fit(value, style, PT, w), style, PT, colour)
        x += w + 18


def _share_bar(c, x: float, baseline: float, w: float, part: int, whole: int) -> None:
    text = pdf_share(part, whole)
    bar_w = w - 38
    c.setFillColor(theme.RULE)
    c.rect(x, baseline, bar_w, 4, fill=1, stroke=0)
    if whole:
        c.setFillColor(theme.ACCENT)
        c.rect(x, baseline, bar_w * part / whole, 4, fill=1, stroke=0)
    draw(c, x + w, baseline, text, "cond-bold", PT, theme.INK, "right")


# -- segments: time through stages ---------------------------------------------------------------
def matrix_height(rows: int) -> float:
    return 22 + ROW_H * (rows + 1) + 6


def draw_stage_matrix(c, box: Rect, result: Comparison, names: list[str], cuts: Cuts) -> float:
    """Median days through each stage per segment, on red where slower than the stage's
    expected days and on green where within them; returns the height used."""
    stages = result.figures.stage_days
    if not stages:
        return 0.0
    top = box.y + box.h
    draw(c, box.x, top - 10, "TIME THROUGH STAGES (MEDIAN) BY SEGMENT", "bold", theme.LABEL_PT,
         theme.MUTED)
    name_w = _columns(box.w)[0][1]
    cell_w = (box.w - name_w - 18) / len(stages)
    y = top - 20
    x = box.x + name_w + 18
    for stage in stages:
        plan = f" · exp. {pdf_days(stage.expected)}" if stage.expected is not None else ""
        text = cuts.fit(stage.name + plan, "cond-bold", PT, cell_w - 8)
        draw(c, x + cell_w / 2, y - 10, text, "cond-bold", PT, theme.INK, "center")
        x += cell_w
    c.setStrokeColor(theme.INK)
    c.setLineWidth(0.8)
    c.line(box.x, y - ROW_H + 1, x, y - ROW_H + 1)
    y -= ROW_H
    segments = result.segments
    for label, source in [("All cases", result.figures)] + [(n, segments[n]) for n in names]:
        draw(c, box.x, y - ROW_H + 4.5, cuts.fit(label, "cond", PT, name_w), "cond", PT, theme.INK)
        x = box.x + name_w + 18
        by_name = {s.name: s for s in source.stage_days}
        for plan in stages:
            fig = by_name.get(plan.name)
            _matrix_cell(c, Rect(x + 1, y - ROW_H + 1, cell_w - 2, ROW_H - 2),
                         fig.median if fig else None, plan.expected, fig.cases if fig else 0)
            x += cell_w
        y -= ROW_H
    return top - y + 6


def _matrix_cell(c, cell: Rect, median, expected, cases: int) -> None:
    if median is None:
        draw(c, cell.x + cell.w / 2, cell.y + 3.5, "–", "cond", PT, theme.FAINT, "center")
        return
    late = expected is not None and median > expected
    colour = theme.ERROR if late else (theme.GOOD if expected is not None else theme.ACCENT)
    c.setFillColor(theme.tint(colour, 0.86))
    c.rect(cell.x, cell.y, cell.w, cell.h, fill=1, stroke=0)
    draw(c, cell.x + cell.w / 2 - 2, cell.y + 3.5, pdf_days(median), "cond-bold", PT, colour,
         "right")
    draw(c, cell.x + cell.w / 2 + 2, cell.y + 3.5, count_text(cases, "case"), "cond", SMALL,
         theme.MUTED)


# -- segments: one panel each ---------------------------------------------------------------------
PANEL_TOP = 36.0  # name and figures
LABEL_H = 13.0  # a block's label
ROW = 11.0
SLOW_ROW = 22.0
PANEL_PAD = 8.0


@dataclass
class _Block:
    label: str
    rows: list[tuple[float, object]]  # (height, painter(c, x, baseline, width))
    least: int  # rows shown even when room is short
    most: int

    def height(self, n: int) -> float:
        return LABEL_H + sum(h for h, _ in self.rows[:n]) if n else LABEL_H + ROW


def _panel_blocks(fig: Figures, result: Comparison, cuts: Cuts) -> list[_Block]:
    deviations = fig.deviations
    slow = slow_steps(result, fig)
    cases = fig.cases
    return [
        _Block(f"DEVIATIONS · {len(deviations):,}",
               [(ROW, _deviation_row(step, cuts)) for step in deviations[:8]], 2, 8),
        _Block("SLOWER THAN PLANNED", [(SLOW_ROW, _slow_row(step, cuts)) for step in slow[:2]],
               1, 2),
        _Block("MOST COMMON PATHS",
               [(ROW, _text_row(fraction_text(v.share, 0), " › ".join(v.activities), cuts))
                for v in fig.variant_list[:3]], 0, 3),
        _Block("WHERE CASES END",
               [(ROW, _text_row(pdf_share(int(n), cases), name, cuts))
                for name, n in list(fig.drop_off.items())[:4]], 0, 4),
    ]


def _allot(blocks: list[_Block], room: float) -> list[int]:
    """Rows per block: each block's least first, then more in order while room is left."""
    shown = [min(b.least, len(b.rows)) for b in blocks]
    used = sum(b.height(n) for b, n in zip(blocks, shown, strict=True) if b.least or n)
    for i, block in enumerate(blocks):
        while shown[i] < min(block.most, len(block.rows)):
            extra = block.height(shown[i] + 1) - (block.height(shown[i])
                                                  if (block.least or shown[i]) else 0)
            if used + extra > room:
                break
            used += extra
            shown[i] += 1
    return shown


def panel_columns(width: float) -> int:
    return max(2, min(4, int(width // 260)))


PANEL_MIN = PANEL_TOP + LABEL_H + 2 * ROW + LABEL_H + SLOW_ROW + 2 * PANEL_PAD


def draw_panels(c, box: Rect, result: Comparison, names: list[str], cuts: Cuts) -> list[str]:
    """Panels of the named segments in rows across the box, as tall as the room allows
    (their lists grow with it); returns the names that did not fit."""
    columns = panel_columns(box.w)
    gap = 14.0
    w = (box.w - gap * (columns - 1)) / columns
    rows = min(-(-len(names) // columns), int((box.h + gap) // (PANEL_MIN + gap)))
    if rows <= 0:
        return names
    room = (box.h + gap) / rows - gap
    panels = [(name, _panel_blocks(result.segments[name], result, cuts))
              for name in names[:rows * columns]]
    # One height for all: the tallest any panel needs, within the room.
    need = max(PANEL_TOP + 2 * PANEL_PAD + sum(b.height(n) for b, n in
                                               zip(blocks, _allot(blocks, 1e9), strict=True)
                                               if b.least or n)
               for _, blocks in panels)
    h = min(room, need)
    for index, (name, blocks) in enumerate(panels):
        row, col = divmod(index, columns)
        top = box.y + box.h - row * (h + gap)
        _panel(c, Rect(box.x + col * (w + gap), top - h, w, h), name,
               result.segments[name], blocks, cuts)
    return names[rows * columns:]


def _panel(c, box: Rect, name: str, fig: Figures, blocks: list[_Block], cuts: Cuts) -> None:
    c.setFillColor(theme.PANEL)
    c.roundRect(box.x, box.y, box.w, box.h, 4, fill=1, stroke=0)
    c.setFillColor(theme.ACCENT)
    c.rect(box.x, box.y, 3, box.h, fill=1, stroke=0)
    x, w = box.x + 10, box.w - 18
    top = box.y + box.h
    draw(c, x, top - 15, cuts.fit(name, "bold", 10, w), "bold", 10, theme.INK)
    cases = fig.cases
    facts = (f"{count_text(cases, 'case')} · "
             f"{pdf_share(fig.conforming_cases, cases)} conforming · "
             f"{pdf_share(fig.reached_goal, cases)} reached a goal")
    draw(c, x, top - 28, cuts.fit(facts, "cond", PT, w), "cond", PT, theme.INK)
    y = top - PANEL_TOP
    shown = _allot(blocks, box.h - PANEL_TOP - 2 * PANEL_PAD)
    for block, n in zip(blocks, shown, strict=True):
        if not (block.least or n):
            continue
        draw(c, x, y - 8, block.label, "bold", theme.LABEL_PT, theme.MUTED)
        y -= LABEL_H
        if not block.rows:
            draw(c, x, y - 8, "none", "cond", PT, theme.MUTED)
            y -= ROW
        for height, paint in block.rows[:n]:
            paint(c, x, y - 8, w)
            y -= height
        if n < len(block.rows):
            cuts.shortened = True


def _deviation_row(step: Step, cuts: Cuts):
    kind = step.kind or ""

    def paint(c, x, y, w):
        kind_w = typeset.width(kind, "cond-bold", SMALL) + 4
        draw(c, x + 26, y, f"{step.count:,}", "cond-bold", PT, theme.ERROR, "right")
        text = step_text(step.source, step.target)
        draw(c, x + 32, y, cuts.fit(text, "cond", PT, w - 32 - kind_w - 4), "cond",
             PT, theme.INK)
        draw(c, x + w, y, kind, "cond-bold", SMALL, KIND_COLOURS.get(kind, theme.MUTED), "right")

    return paint


def _slow_row(step, cuts: Cuts):
    def paint(c, x, y, w):
        draw(c, x, y, cuts.fit(step.text, "cond", PT, w), "cond", PT, theme.INK)
        typeset.draw_segments(c, x + 8, y - 10, slow_line(step))

    return paint


def _text_row(lead: str, text: str, cuts: Cuts):
    def paint(c, x, y, w):
        draw(c, x + 26, y, lead, "cond-bold", PT, theme.INK, "right")
        draw(c, x + 32, y, cuts.fit(text, "cond", PT, w - 32), "cond", PT, theme.INK)

    return paint

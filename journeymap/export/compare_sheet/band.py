"""The side band of the planned-vs-actual sheet (in points): headline tiles, then short lists
— most common paths, deviations, steps slower than planned, time through stages, unmatched
activities, touchpoints never visited — flowed into one or more columns.

Every list shows its first rows; what does not fit (rows, or words cut with an ellipsis) is
recorded in `Cuts`, and the sheet then gets "Figures in full" pages with all of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...comparison import Comparison
from ...comparison.formatting import count_text, fraction_text, step_text
from ...layout import Rect
from ..pdf import chrome, theme, typeset
from .cuts import Cuts, draw
from .figures import SlowStep, StageTiming, pdf_days, pdf_share, slow_steps, stage_timings

HEAD_PT = theme.SECTION_HEAD_PT
ROW_PT = 7.5
SMALL_PT = 6.5
LEAD = ROW_PT * 1.3
HEAD_H = 18.0
GAP = 8.0

KIND_COLOURS = {
    "skip": theme.WARNING,
    "backward": theme.BACKWARD,
    "unplanned": theme.ERROR,
    "repeat": theme.LOOP,
    "unmatched": theme.MUTED,
}


@dataclass
class Item:
    height: float
    paint: Callable[[object, float, float], None]  # (canvas, x, top)


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


# -- the whole band ------------------------------------------------------------------------------
def draw_band(c, box: Rect, columns: int, result: Comparison, cuts: Cuts, *,
              limits: dict[str, int] | None = None) -> None:
    """Tiles across the top of the band, the lists below them in `columns`."""
    gutter = 16.0
    tiles_h = _draw_tiles(c, box, result, columns)
    rest = Rect(box.x, box.y, box.w, box.h - tiles_h - GAP)
    width = (box.w - gutter * (columns - 1)) / columns
    sections = band_sections(result, width, cuts, limits or {})
    fill_columns(c, rest, columns, gutter, sections, cuts)


def headline_tiles(result: Comparison) -> list[tuple[str, str, object]]:
    figures = result.figures
    cases, conforming, reached = figures.cases, figures.conforming_cases, figures.reached_goal
    skipped_rows = result.skipped_rows
    return [
        (pdf_share(conforming, cases), f"conforming cases · {conforming:,} of {cases:,}",
         theme.ACCENT),
        (pdf_share(reached, cases), f"reached a goal · {reached:,} of {cases:,}", theme.GOOD),
        (f"{figures.variants:,}", "distinct paths (variants)", theme.INK),
        (f"{skipped_rows:,}", "log rows skipped (unreadable)",
         theme.WARNING if skipped_rows else theme.INK),
    ]


def _draw_tiles(c, box: Rect, result: Comparison, columns: int) -> float:
    tiles = headline_tiles(result)
    per_row = 4 if columns > 1 or box.w >= 520 else 2
    tile_h = 44.0
    top = box.y + box.h
    rows = [tiles[i:i + per_row] for i in range(0, len(tiles), per_row)]
    for row in rows:
        top -= tile_h
        chrome.draw_tiles(c, Rect(box.x, top, box.w, tile_h), row)
        top -= 6
    return box.y + box.h - top - 6


def fill_columns(c, box: Rect, columns: int, gutter: float, sections: list[Section],
                 cuts: Cuts) -> None:
    """Sections one after another down the columns; a heading stays with its first row.
    When the last column is full, the rest is left for the "Figures in full" pages and a
    line at the foot of the column says so."""
    width = (box.w - gutter * (columns - 1)) / columns
    placed, complete = _place(box, columns, width, gutter, sections, 0.0)
    if not complete:
        placed, _ = _place(box, columns, width, gutter, sections, LEAD + 4)
        cuts.shortened = True
        draw(c, box.x + (columns - 1) * (width + gutter), box.y + 3,
             "More under “Figures in full”, after the sheet.", "cond", SMALL_PT, theme.MUTED)
    for paint, x, y in placed:
        paint(c, x, y)


def _place(box: Rect, columns: int, width: float, gutter: float, sections: list[Section],
           reserve: float) -> tuple[list[tuple[Callable, float, float]], bool]:
    """Where each heading and row goes: [(painter, x, top)], and whether everything fit.
    The last column keeps `reserve` points free at its foot."""
    top = box.y + box.h
    col, y = 0, top
    placed: list[tuple[Callable, float, float]] = []

    def floor() -> float:
        return box.y + (reserve if col == columns - 1 else 0.0)

    for section in sections:
        first = section.items[0].height if section.items else 0.0
        space = GAP if y < top else 0.0
        if y - space - HEAD_H - first < floor():
            col, y, space = col + 1, top, 0.0
            if col >= columns:
                return placed, False
        y -= space
        placed.append((_heading_painter(section.title, width),
                       box.x + col * (width + gutter), y))
        y -= HEAD_H
        for item in section.items:
            if y - item.height < floor():
                col, y = col + 1, top
                if col >= columns:
                    return placed, False
            placed.append((item.paint, box.x + col * (width + gutter), y))
            y -= item.height
    return placed, True


def _heading_painter(title: str, width: float):
    def paint(c, x, top):
        _heading(c, x, top, width, title)

    return paint


def _heading(c, x: float, top: float, width: float, title: str) -> None:
    draw(c, x, top - 11, typeset.ellipsize(title, "bold", HEAD_PT, width), "bold", HEAD_PT, theme.INK)
    c.setStrokeColor(theme.INK)
    c.setLineWidth(0.8)
    c.line(x, top - 15, x + width, top - 15)


# -- the lists -----------------------------------------------------------------------------------
def band_sections(result: Comparison, width: float, cuts: Cuts, limits: dict[str, int]
                  ) -> list[Section]:
    def limit(name: str, default: int) -> int:
        return limits.get(name, default)

    sections = [
        _variants(result, width, cuts, limit("variants", 4)),
        _deviations(result, width, cuts, limit("deviations", 6)),
        _slow(result, width, cuts, limit("slow", 4)),
        _stages(result, width, cuts),
        _unmatched(result, width, cuts, limit("unmatched", 4)),
        _never_visited(result, width, cuts, limit("skipped", 4)),
    ]
    return [s for s in sections if s is not None]


def _more(shown: int, total: int, noun: str, cuts: Cuts) -> list[Item]:
    if total <= shown:
        return []
    cuts.shortened = True
    text = f"+ {total - shown:,} more {noun} in “Figures in full”"

    def paint(c, x, top):
        draw(c, x, top - ROW_PT, text, "cond", SMALL_PT, theme.MUTED)

    return [Item(LEAD + 1, paint)]


def _note(text: str) -> Item:
    def paint(c, x, top):
        draw(c, x, top - ROW_PT, text, "cond", ROW_PT, theme.MUTED)

    return Item(LEAD + 2, paint)


def _variants(result: Comparison, width: float, cuts: Cuts, limit: int) -> Section:
    listed = result.figures.variant_list
    total = result.figures.variants
    section = Section(f"Most common paths · {total:,} in all")
    if not listed:
        section.items.append(_note("No cases in the log."))
        return section
    top_share = max(v.share for v in listed)
    left = 42.0
    for variant in listed[:limit]:
        path = " › ".join(variant.activities)
        lines = cuts.wrap(path, "cond", ROW_PT, width - left, 2)
        section.items.append(Item(max(len(lines) * LEAD, 2 * LEAD) + 4,
                                  _variant_painter(variant, lines, left, top_share)))
    section.items += _more(min(limit, len(listed)), total, "paths", cuts)
    return section


def _variant_painter(variant, lines: list[str], left: float, top_share: float):
    def paint(c, x, top):
        share = variant.share
        draw(c, x, top - ROW_PT, fraction_text(share), "cond-bold", ROW_PT, theme.INK)
        draw(c, x, top - ROW_PT - LEAD + 1, count_text(variant.cases, "case"), "cond",
             SMALL_PT, theme.MUTED)
        c.setFillColor(theme.tint(theme.ACCENT, 0.3))
        c.rect(x, top - 2 * LEAD - 1.5, max(1.0, (left - 8) * share / top_share), 2, fill=1,
               stroke=0)
        y = top - ROW_PT
        for line in lines:
            draw(c, x + left, y, line, "cond", ROW_PT, theme.INK)
            y -= LEAD

    return paint


def _kind_pill(c, right: float, top: float, kind: str) -> float:
    if not kind:
        return 0.0
    colour = KIND_COLOURS.get(kind, theme.MUTED)
    w = typeset.width(kind, "cond-bold", SMALL_PT) + 6
    c.setFillColor(theme.tint(colour, 0.86))
    c.roundRect(right - w, top - ROW_PT - 2.2, w, ROW_PT + 2.2, 2, fill=1, stroke=0)
    draw(c, right - w / 2, top - ROW_PT + 0.2, kind, "cond-bold", SMALL_PT, colour, "center")
    return w


def _deviations(result: Comparison, width: float, cuts: Cuts, limit: int) -> Section:
    deviations = result.figures.deviations
    section = Section("Most frequent deviations")
    if not deviations:
        section.items.append(_note("None: every step followed a designed connection."
                                   if result.figures.cases else "No steps in the log."))
        return section
    count_w, pill_w = 34.0, 50.0
    for step in deviations[:limit]:
        lines = cuts.wrap(step_text(step.source, step.target), "cond", ROW_PT,
                          width - count_w - pill_w, 2)
        section.items.append(Item(len(lines) * LEAD + 3,
                                  _deviation_painter(step.count, step.kind or "", lines, count_w,
                                                     width)))
    section.items += _more(min(limit, len(deviations)), len(deviations), "deviations", cuts)
    return section


def _deviation_painter(count: int, kind: str, lines: list[str], count_w: float, width: float):
    def paint(c, x, top):
        draw(c, x + count_w - 8, top - ROW_PT, f"{count:,}", "cond-bold", ROW_PT, theme.ERROR,
             "right")
        y = top - ROW_PT
        for line in lines:
            draw(c, x + count_w, y, line, "cond", ROW_PT, theme.INK)
            y -= LEAD
        _kind_pill(c, x + width, top, kind)

    return paint


def _slow(result: Comparison, width: float, cuts: Cuts, limit: int) -> Section:
    steps = slow_steps(result)
    section = Section("Slower than planned (median)")
    if not steps:
        has_plan = bool(result.planned)
        section.items.append(_note("No designed step took longer than expected." if has_plan
                                   else "The map gives no expected days to compare with."))
        return section
    for step in steps[:limit]:
        lines = cuts.wrap(step.text, "cond", ROW_PT, width, 2)
        section.items.append(Item((len(lines) + 1) * LEAD + 3, _slow_painter(step, lines)))
    section.items += _more(min(limit, len(steps)), len(steps), "slow steps", cuts)
    return section


def slow_line(step: SlowStep) -> list[tuple[str, str, float, object]]:
    tail = f"  ·  {count_text(step.cases, 'case')}"
    if step.p90 is not None:
        tail = f"  ·  p90 {pdf_days(step.p90)}" + tail
    return [(f"expected {pdf_days(step.expected)}, ", "cond", ROW_PT, theme.INK),
            (f"took {pdf_days(step.median)}", "cond-bold", ROW_PT, theme.ERROR),
            (tail, "cond", SMALL_PT, theme.MUTED)]


def _slow_painter(step: SlowStep, lines: list[str]):
    def paint(c, x, top):
        y = top - ROW_PT
        for line in lines:
            draw(c, x, y, line, "cond", ROW_PT, theme.INK)
            y -= LEAD
        typeset.draw_segments(c, x + 8, y, slow_line(step))

    return paint


def _stages(result: Comparison, width: float, cuts: Cuts) -> Section | None:
    """One line a stage: name, a bar (median solid, p90 pale, the plan as a tick), figures."""
    rows = stage_timings(result.figures)
    if not rows:
        return None
    section = Section("Time through stages (median)")
    scale = max([v for r in rows for v in (r.expected, r.median, r.p90) if v is not None],
                default=0.0)
    name_w = min(width * 0.3, max(typeset.width(r.name, "cond-bold", ROW_PT) for r in rows) + 8)
    text_w = max(sum(typeset.width(t, st, sz) for t, st, sz, _ in stage_summary(r)) for r in rows)
    bar_w = max(30.0, width - name_w - text_w - 10)
    for row in rows:
        name = cuts.fit(row.name, "cond-bold", ROW_PT, name_w - 6)
        section.items.append(Item(LEAD + 5, _stage_painter(row, name, name_w, bar_w, width,
                                                           scale)))
    return section


def stage_summary(row: StageTiming) -> list[tuple[str, str, float, object]]:
    if row.median is None:
        plan = f"exp. {pdf_days(row.expected)} · " if row.expected is not None else ""
        return [(plan + "none went on", "cond", ROW_PT, theme.MUTED)]
    late = row.expected is not None and row.median > row.expected
    segs = []
    if row.expected is not None:
        segs.append((f"exp. {pdf_days(row.expected)}, ", "cond", ROW_PT, theme.INK))
    segs.append((f"took {pdf_days(row.median)}", "cond-bold", ROW_PT,
                 theme.ERROR if late else (theme.GOOD if row.expected is not None else theme.INK)))
    return segs


def _stage_painter(row: StageTiming, name: str, name_w: float, bar_w: float, width: float,
                   scale: float):
    def paint(c, x, top):
        baseline = top - ROW_PT - 1
        draw(c, x, baseline, name, "cond-bold", ROW_PT, theme.INK)
        _stage_bar(c, x + name_w, baseline, bar_w, row, scale)
        typeset.draw_segments(c, x + width, baseline, stage_summary(row), "right")

    return paint


def _stage_bar(c, x: float, y: float, w: float, row: StageTiming, scale: float) -> None:
    """A track, the p90 pale, the median solid, the plan as a tick."""
    if scale <= 0:
        return
    c.setFillColor(theme.PANEL)
    c.rect(x, y, w, 5, fill=1, stroke=0)
    late = row.expected is not None and row.median is not None and row.median > row.expected
    colour = theme.ERROR if late else theme.ACCENT
    if row.p90 is not None:
        c.setFillColor(theme.tint(colour, 0.75))
        c.rect(x, y, w * min(row.p90 / scale, 1), 5, fill=1, stroke=0)
    if row.median is not None:
        c.setFillColor(colour)
        c.rect(x, y, w * min(row.median / scale, 1), 5, fill=1, stroke=0)
    if row.expected is not None:
        tick = x + w * min(row.expected / scale, 1)
        c.setStrokeColor(theme.INK)
        c.setLineWidth(1.4)
        c.line(tick, y - 2, tick, y + 7)


def _unmatched(result: Comparison, width: float, cuts: Cuts, limit: int) -> Section | None:
    unmatched = result.figures.unmatched_activities
    if not unmatched:
        return None
    section = Section("Activities matching no touchpoint")
    for name, events in list(unmatched.items())[:limit]:
        count = count_text(int(events), "event")
        room = width - typeset.width(count, "cond", ROW_PT) - 10
        section.items.append(Item(LEAD + 1, _pair_row(cuts.fit(name, "cond", ROW_PT, room),
                                                      count, width)))
    section.items += _more(min(limit, len(unmatched)), len(unmatched), "activities", cuts)
    return section


def _pair_row(left: str, right: str, width: float):
    def paint(c, x, top):
        draw(c, x, top - ROW_PT, left, "cond", ROW_PT, theme.INK)
        draw(c, x + width, top - ROW_PT, right, "cond", ROW_PT, theme.MUTED, "right")

    return paint


def _never_visited(result: Comparison, width: float, cuts: Cuts, limit: int) -> Section | None:
    skipped = result.figures.skipped
    if not skipped:
        return None
    section = Section(f"Never visited · {count_text(len(skipped), 'touchpoint')}")
    lines = typeset.wrap(" · ".join(skipped), "cond", ROW_PT, width)[0]
    if len(lines) > limit:
        lines = cuts.wrap(" · ".join(skipped), "cond", ROW_PT, width, limit)
        cuts.shortened = True
    for line in lines:
        section.items.append(Item(LEAD, _line_painter(line)))
    return section


def _line_painter(line: str):
    def paint(c, x, top):
        draw(c, x, top - ROW_PT, line, "cond", ROW_PT, theme.INK)

    return paint



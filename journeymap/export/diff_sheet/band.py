"""The A3 band of the current -> target sheet, in points: the as-is map's current condition
beside the to-be map's goal, its countermeasures and plan, the figures of both maps side
by side, and the start of the change list (the rest goes on "Changes in full").

A text the band has to shorten is cut with an ellipsis and recorded in `Cuts`; the pages
after the sheet then print it whole. Numbers are never cut.
"""

from __future__ import annotations

from ...layout import Rect
from ...model import Map
from ..compare_sheet.cuts import Cuts, draw
from ..pdf import theme, typeset
from ..pdf.flow import Flow
from .changes import Block, block_height
from .grid import ADDED, CHANGED

TEXT_PT = 7.5
TEXT_LEAD = TEXT_PT * 1.3
HEAD_H = 17.0
GUTTER = 12.0


def a3_texts(old: Map, new: Map) -> list[tuple[str, str, str]]:
    """(side, title, text): what the band sets side by side, as-is first."""
    return [("AS-IS", "Current condition", old.current_condition),
            ("TO-BE", "Goal", new.goal),
            ("TO-BE", "Countermeasures", new.countermeasures),
            ("TO-BE", "Plan", new.plan)]


def _lines(text: str, width: float) -> list[str]:
    return typeset.wrap(text, "cond", TEXT_PT, width)[0] if text.strip() else []


def _need(text: str, width: float) -> float:
    return HEAD_H + max(1, len(_lines(text, width))) * TEXT_LEAD + 4


def draw_a3_texts(c, box: Rect, texts: list[tuple[str, str, str]], columns: int,
                  cuts: Cuts, room: float) -> float:
    """The texts in rows of `columns` at the top of `box`, within `room` points of height;
    returns the height used."""
    w = (box.w - GUTTER * (columns - 1)) / columns
    rows = [texts[i:i + columns] for i in range(0, len(texts), columns)]
    needs = [max(_need(text, w) for _, _, text in row) for row in rows]
    heights = list(needs)
    if sum(needs) > room:  # rows that need little keep it, the others share the rest
        fair = room / len(rows)
        small = [n for n in needs if n <= fair]
        share = (room - sum(small)) / max(1, len(needs) - len(small))
        heights = [n if n <= fair else share for n in needs]
    top = box.y + box.h
    for row, h in zip(rows, heights, strict=True):
        for index, (side, title, text) in enumerate(row):
            _section(c, box.x + index * (w + GUTTER), top, w, h, side, title, text, cuts)
        top -= h
    return box.y + box.h - top


def _section(c, x: float, top: float, w: float, h: float, side: str, title: str, text: str,
             cuts: Cuts) -> None:
    colour = theme.MUTED if side == "AS-IS" else theme.ACCENT
    tag_w = typeset.width(side, "bold", theme.LABEL_PT - 1) + 6
    c.setFillColor(theme.tint(colour, 0.85))
    c.roundRect(x, top - 13, tag_w, 10, 2, fill=1, stroke=0)
    draw(c, x + 3, top - 10.5, side, "bold", theme.LABEL_PT - 1, colour)
    draw(c, x + tag_w + 4, top - 11, cuts.fit(title, "bold", theme.SECTION_HEAD_PT, w - tag_w - 4),
         "bold", theme.SECTION_HEAD_PT, theme.INK)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.5)
    c.line(x, top - 15.5, x + w, top - 15.5)
    lines = _lines(text, w - 2)
    if not lines:
        draw(c, x + 1, top - HEAD_H - TEXT_PT, "not filled in", "cond", TEXT_PT, theme.FAINT)
        return
    fit = max(1, int((h - HEAD_H - 4) / TEXT_LEAD + 1e-6))
    shown = lines[:fit]
    if len(lines) > fit:
        cuts.cut = True
        shown[-1] = typeset.ellipsize(shown[-1] + " " + typeset.ELLIPSIS * 3, "cond", TEXT_PT,
                                      w - 2)
    y = top - HEAD_H - TEXT_PT
    for line in shown:
        if typeset.starts_right(line):  # a right-to-left paragraph lines up on the right
            draw(c, x + w - 1, y, line, "cond", TEXT_PT, theme.INK, "right")
        else:
            draw(c, x + 1, y, line, "cond", TEXT_PT, theme.INK)
        y -= TEXT_LEAD


# -- figures side by side ------------------------------------------------------------------------
FIGURE_NAMES = {
    "touchpoints": "Touchpoints",
    "connections": "Connections",
    "errors": "Errors in the journey check",
    "experience": "Average experience",
    "expected_days": "Expected days, longest path",
}
BETTER = {"errors": -1, "experience": 1}  # which way is better, where one is
ROW_H = 13.0


def figure_text(name: str, value) -> str:
    if value is None:
        return "–"
    if name == "experience":
        return theme.experience_label(value, 2)
    if name == "expected_days":
        return f"{value:,.6g} d"
    return f"{value:,}"


def change_text(name: str, old, new) -> tuple[str, object]:
    """'+2', '−0.25', 'same' or '–', in green where better and red where worse."""
    if old is None or new is None:
        return ("–" if old == new else "new" if old is None else "gone"), theme.MUTED
    delta = round(new - old, 6)
    if not delta:
        return "same", theme.MUTED
    text = ("+" if delta > 0 else "\u2212") + (f"{abs(delta):,.6g}" if isinstance(delta, float)
                                              else f"{abs(delta):,}")
    better = BETTER.get(name)
    if better is None:
        return text, theme.INK
    return text, (theme.GOOD if delta * better > 0 else theme.ERROR)


def figures_height(figures: dict) -> float:
    return HEAD_H + ROW_H * (len(figures) + 1) + 4


def draw_figures(c, box: Rect, figures: dict, cuts: Cuts) -> float:
    """A table at the top of `box`: figure, as-is, to-be, change; returns the height used."""
    top = box.y + box.h
    draw(c, box.x, top - 11, "Figures", "bold", theme.SECTION_HEAD_PT, theme.INK)
    c.setStrokeColor(theme.INK)
    c.setLineWidth(0.8)
    c.line(box.x, top - 15, box.right, top - 15)
    values = [(figure_text(n, o), figure_text(n, v), *change_text(n, o, v))
              for n, (o, v) in figures.items()]
    col = [max([typeset.width(row[i], "cond-bold", theme.BODY_PT) for row in values]
               + [40.0]) + 10 for i in range(3)]
    label_w = box.w - sum(col)
    xs = [box.x + label_w + sum(col[:i + 1]) for i in range(3)]
    y = top - HEAD_H - 9
    heads = ["as-is", "to-be", "change"]
    for x, text in zip(xs, heads, strict=True):
        draw(c, x, y, text, "cond-bold", theme.LABEL_PT, theme.MUTED, "right")
    for index, ((name, _), (was, now, delta, colour)) in enumerate(
            zip(figures.items(), values, strict=True)):
        y -= ROW_H
        if index % 2 == 0:
            c.setFillColor(theme.PANEL)
            c.rect(box.x, y - 3.5, box.w, ROW_H, fill=1, stroke=0)
        label = FIGURE_NAMES.get(name, name.replace("_", " ").capitalize())
        draw(c, box.x + 3, y, cuts.fit(label, "cond", theme.BODY_PT, label_w - 8), "cond",
             theme.BODY_PT, theme.INK)
        draw(c, xs[0], y, was, "cond", theme.BODY_PT, theme.MUTED, "right")
        draw(c, xs[1], y, now, "cond-bold", theme.BODY_PT, theme.INK, "right")
        draw(c, xs[2], y, delta, "cond-bold", theme.BODY_PT, colour, "right")
    return top - y + 6


# -- the change list's start ---------------------------------------------------------------------
def fitting(blocks: list[Block], height: float, columns: int) -> int:
    """How many of the blocks, in order, fit whole in `columns` of `height` (a block is
    never split here; the rest go on the pages after the sheet)."""
    col, room = 0, height
    for index, block in enumerate(blocks):
        need = block_height(block)
        if need > room:
            col, room = col + 1, height
            if col >= columns or need > height:
                return index
        room -= need
    return len(blocks)


def draw_blocks(c, box: Rect, columns: int, blocks: list[Block]) -> None:
    """Blocks that `fitting` said fit, flowed down the columns of `box`."""
    flow = Flow(c, box, lambda: None, columns=columns, gutter=GUTTER)
    for head, body in blocks:
        flow.heading(head)
        flow.add(body)


def draw_no_changes(c, box: Rect) -> None:
    c.setFillColor(theme.tint(ADDED, 0.9))
    c.roundRect(box.x, box.y + box.h - 40, box.w, 40, 4, fill=1, stroke=0)
    draw(c, box.x + 10, box.y + box.h - 17, "No changes", "bold", 11, ADDED)
    draw(c, box.x + 10, box.y + box.h - 31,
         "The two maps are the same: nothing was added, removed, moved or changed.",
         "cond", theme.BODY_PT, theme.INK)


def draw_more_note(c, box: Rect, more: int, page: int) -> None:
    text = f"The list goes on under “Changes in full”, page {page}: {more:,} more"
    draw(c, box.x, box.y + 2, text, "cond-bold", theme.BODY_PT, CHANGED)

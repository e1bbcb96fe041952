"""The chrome of a journey-map page, in points: title block, legend, footer, A3 sections."""

from __future__ import annotations

import math
from collections.abc import Callable

from ...layout import Rect
from . import theme, typeset
from .links import draw_callout_mark, link_colour
from .view import SheetView

TITLE_BLOCK_H = 54.0
FOOTER_H = 12.0


def _text(c, x, y, text, style, size, colour, align="left") -> float:
    c.setFillColor(colour)
    return typeset.draw(c, x, y, text, style, size, align)


# -- title block -------------------------------------------------------------------------
def draw_title_block(c, view: SheetView, box: Rect, sheet_label: str = "") -> None:
    """Map name, journey kind, description and personas on the left; owner, date, version
    (and which sheet this is) as labelled facts on the right. `box` is the block's area."""
    facts = []
    for label, value in (("OWNER", view.owner), ("DATE", view.date),
                         ("VERSION", view.version), ("SHEET", sheet_label)):
        if value and value.strip():
            value = typeset.ellipsize(value, "bold", theme.VALUE_PT, FACT_VALUE_W)
            facts.append((label, value, fact_width(label, value)))
    top = box.y + box.h
    room = draw_facts(c, box, facts) - box.x - 12
    _text(c, box.x, top - 18, typeset.ellipsize(view.name, "bold", theme.TITLE_PT, room), "bold",
          theme.TITLE_PT, theme.INK)
    kind = f"{view.kind[:1].upper()}{view.kind[1:]} journey map"
    subtitle = " · ".join(filter(None, [kind, view.description.strip().split("\n")[0]]))
    _text(c, box.x, top - 33, typeset.ellipsize(subtitle, "regular", theme.SUBTITLE_PT, room), "regular",
          theme.SUBTITLE_PT, theme.MUTED)
    if view.personas:
        people = " · ".join(f"{n} — {d}" if d else n for n, d in view.personas)
        x = box.x + _text(c, box.x, top - 46, "Personas  ", "cond-bold", theme.BODY_PT, theme.ACCENT)
        _text(c, x, top - 46, typeset.ellipsize(people, "cond", theme.BODY_PT, box.right - x), "cond",
              theme.BODY_PT, theme.INK)
    c.setStrokeColor(theme.INK)
    c.setLineWidth(1.5)
    c.line(box.x, box.y, box.right, box.y)


FACT_VALUE_W = 170.0  # a fact's value is cut to this width


def fact_width(label: str, value: str) -> float:
    return max(typeset.width(value, "bold", theme.VALUE_PT), typeset.width(label, "bold", theme.LABEL_PT)) + 16


def draw_facts(c, box: Rect, facts: list[tuple[str, str, float]]) -> float:
    """(label, value, width) facts side by side at the right of a title block, each after a
    thin rule; returns the x where the first begins (the room left for the title)."""
    right = box.right
    top = box.y + box.h
    for label, value, w in reversed(facts):
        x = right - w
        _text(c, x + 8, top - 10, label, "bold", theme.LABEL_PT, theme.MUTED)
        _text(c, x + 8, top - 24, value, "bold", theme.VALUE_PT, theme.INK)
        c.setStrokeColor(theme.RULE)
        c.setLineWidth(0.6)
        c.line(x, top - 28, x, top - 2)
        right = x
    return right


# -- legend ------------------------------------------------------------------------------
def _legend_items() -> list[tuple[str, object]]:
    """(label, painter) pairs; a painter draws its symbol in a 14 x 8 pt box at (x, y)."""
    items: list[tuple[str, object]] = []
    for value in (-2, -1, 0, 1, 2):
        items.append((theme.EXPERIENCE_NAMES[value], ("chip", value)))
    items.append(("not rated", ("chip", None)))
    items += [("pain points", ("badge", "⚠", theme.ERROR)), ("opportunities", ("badge", "★", theme.GOOD)),
              ("moment of truth", ("badge", "◆", theme.LOOP)), ("votes", ("badge", "●", theme.INK)),
              ("leads to", ("line", theme.LINK, False)), ("loop", ("line", theme.LOOP, True)),
              ("goes back, not marked a loop", ("line", theme.BACKWARD, False)),
              ("experience curve: a dot per rated touchpoint · shade = stage range · gap = no rated touchpoint",
               ("none",)),
              ("R responsible · A accountable · C consulted · I informed", ("none",)),
              ("card: title · channel · owner · RACI · #index entry", ("none",))]
    return items


def _callout_items(callouts) -> list[tuple[str, object]]:
    """The link labels that found no free spot on the sheet, by their callout's number."""
    return [(callout.text, ("callout", callout.number, callout.link)) for callout in callouts]


def _symbol_width(symbol) -> float:
    if symbol[0] == "callout":
        return 12.0
    return 0.0 if symbol[0] == "none" else (18.0 if symbol[0] == "chip" else 16.0)


LEGEND_ROW = 12.0


def legend_rows(items, symbol_width: Callable[[object], float], width: float
                ) -> list[list[tuple[str, object, float]]]:
    """(label, symbol) items laid out in rows `width` wide, after the word "Legend"; each
    as (label, symbol, width taken)."""
    rows: list[list[tuple[str, object, float]]] = [[]]
    x = typeset.width("Legend  ", "cond-bold", theme.LEGEND_PT)
    for label, symbol in items:
        w = symbol_width(symbol) + typeset.width(label, "cond", theme.LEGEND_PT) + 14
        if x + w > width and rows[-1]:
            rows.append([])
            x = 0.0
        rows[-1].append((label, symbol, w))
        x += w
    return rows


def legend_rows_height(rows: list) -> float:
    return 8 + LEGEND_ROW * len(rows)


def draw_legend_rows(c, box: Rect, rows: list, symbol_width: Callable[[object], float],
                     draw_symbol: Callable[[object, float, float, object], None]) -> None:
    """A rule over the box, then "Legend" and the rows of `legend_rows`; `draw_symbol(c, x,
    y, symbol)` paints each symbol."""
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.6)
    c.line(box.x, box.y + box.h, box.right, box.y + box.h)
    y = box.y + box.h - 12
    x = box.x + _text(c, box.x, y, "Legend  ", "cond-bold", theme.LEGEND_PT, theme.INK)
    for row in rows:
        for label, symbol, w in row:
            draw_symbol(c, x, y, symbol)
            _text(c, x + symbol_width(symbol), y, label, "cond", theme.LEGEND_PT, theme.INK)
            x += w
        y -= LEGEND_ROW
        x = box.x


def legend_height(width: float, callouts=()) -> float:
    items = _legend_items() + _callout_items(callouts)
    return legend_rows_height(legend_rows(items, _symbol_width, width))


def draw_legend(c, box: Rect, callouts=()) -> None:
    """The legend, then the link labels that became numbered callouts (`callouts`)."""
    items = _legend_items() + _callout_items(callouts)
    rows = legend_rows(items, _symbol_width, box.w)
    room = max(1, int((box.h - 8) // LEGEND_ROW + 0.01))
    draw_legend_rows(c, box, rows[:room], _symbol_width, _draw_symbol)


def _draw_symbol(c, x: float, y: float, symbol) -> None:
    kind = symbol[0]
    if kind == "chip":
        value = symbol[1]
        c.setFillColor(theme.experience_colour(value))
        c.roundRect(x, y - 2.5, 15, 9, 2, fill=1, stroke=0)
        _text(c, x + 7.5, y, theme.experience_label(value), "bold", theme.LABEL_PT,
              theme.experience_ink(value), "center")
    elif kind == "badge":
        _text(c, x + 6, y, symbol[1], "bold", theme.LEGEND_PT, symbol[2], "center")
    elif kind == "callout":
        draw_callout_mark(c, x + 5, y + 2.5, symbol[1], link_colour(symbol[2]), 10.0,
                          theme.LEGEND_PT)
    elif kind == "line":
        c.setStrokeColor(symbol[1])
        c.setFillColor(symbol[1])
        c.setLineWidth(1.1)
        if symbol[2]:
            c.setDash(3, 2)
        c.line(x, y + 2.5, x + 10, y + 2.5)
        c.setDash()
        path = c.beginPath()
        path.moveTo(x + 13, y + 2.5)
        path.lineTo(x + 9, y + 4.5)
        path.lineTo(x + 9, y + 0.5)
        path.close()
        c.drawPath(path, fill=1, stroke=0)


# -- footer ------------------------------------------------------------------------------
def draw_footer(c, box: Rect, name: str, page: int, note: str = "") -> None:
    y = box.y + 2
    left = f"Journeymap · {name}"
    _text(c, box.x, y, typeset.ellipsize(left, "cond", theme.FOOTER_PT, box.w * 0.6), "cond",
          theme.FOOTER_PT, theme.MUTED)
    right = f"{note} · page {page}" if note else f"page {page}"
    _text(c, box.right, y, right, "cond", theme.FOOTER_PT, theme.MUTED, "right")


# -- A3 sections -------------------------------------------------------------------------
SECTION_LEAD = theme.SECTION_TEXT_PT * 1.3


def _section_lines(text: str, width: float) -> list[str]:
    return typeset.wrap(text, "cond", theme.SECTION_TEXT_PT, width)[0]


def _share(needs: list[float], room: float) -> list[float]:
    """Water-filling: each gets what it needs if it can, the rest split the remaining room."""
    given = [0.0] * len(needs)
    open_ = list(range(len(needs)))
    while open_:
        fair = room / len(open_)
        small = [i for i in open_ if needs[i] <= fair]
        if not small:
            for i in open_:
                given[i] = fair
            break
        for i in small:
            given[i] = needs[i]
            room -= needs[i]
            open_.remove(i)
    return given


def sections_height(sections: list[tuple[str, str]], width: float, columns: int) -> float:
    """Height that shows every section whole in `columns`."""
    col_w = (width - 14.0 * (columns - 1)) / columns
    per_col = -(-len(sections) // columns)
    return max((sum(22 + len(_section_lines(text, col_w - 4)) * SECTION_LEAD
                    for _, text in sections[i:i + per_col])
                for i in range(0, len(sections), per_col)), default=0.0) + 2


def draw_sections(c, box: Rect, sections: list[tuple[str, str]], columns: int = 1) -> bool:
    """The filled A3 sections, numbered, in `columns`; text that does not fit is cut with an
    ellipsis. Returns True when something was cut (the appendix then prints it whole)."""
    if not sections:
        return False
    gutter = 14.0
    col_w = (box.w - gutter * (columns - 1)) / columns
    per_col = -(-len(sections) // columns)
    truncated = False
    for col in range(columns):
        chunk = sections[col * per_col:(col + 1) * per_col]
        start = col * per_col
        x = box.x + col * (col_w + gutter)
        wrapped = [_section_lines(text, col_w - 4) for _, text in chunk]
        needs = [22 + len(lines) * SECTION_LEAD for lines in wrapped]
        top = box.y + box.h
        for offset, ((title, _), lines, room) in enumerate(
                zip(chunk, wrapped, _share(needs, box.h), strict=True)):
            truncated |= _draw_section(c, x, top, col_w, room, start + offset + 1, title, lines)
            top -= room
    return truncated


def _draw_section(c, x, top, width, room, number, title, lines) -> bool:
    c.setFillColor(theme.ACCENT)
    c.roundRect(x, top - 14, 13, 12, 2, fill=1, stroke=0)
    _text(c, x + 6.5, top - 11, str(number), "bold", theme.LABEL_PT + 1, theme.WHITE, "center")
    _text(c, x + 18, top - 11, title, "bold", theme.SECTION_HEAD_PT, theme.INK)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.5)
    c.line(x, top - 17, x + width, top - 17)
    fit = max(0, int((room - 22) / SECTION_LEAD + 1e-6))
    shown = lines[:fit]
    cut = len(lines) > fit
    if cut and shown:
        shown[-1] = typeset.ellipsize(shown[-1] + " " + typeset.ELLIPSIS * 3, "cond", theme.SECTION_TEXT_PT,
                                width - 4)
    y = top - 17 - SECTION_LEAD
    for line in shown:
        if typeset.starts_right(line):  # a right-to-left paragraph lines up on the right
            _text(c, x + width - 2, y + 2, line, "cond", theme.SECTION_TEXT_PT, theme.INK, "right")
        else:
            _text(c, x + 2, y + 2, line, "cond", theme.SECTION_TEXT_PT, theme.INK)
        y -= SECTION_LEAD
    return cut


# -- key-figure tiles ------------------------------------------------------------------------
VALUE_PT, VALUE_MIN_PT = 18.0, 10.0
TILE_GAP = 8.0


def draw_tiles(c, box: Rect, tiles: list[tuple[str, str, object]]) -> float:
    """Equal tiles across the box: a big value over a small label. Returns the height used.

    A value is never cut: the row's type shrinks until every value fits, and when even the
    smallest does not, the tiles go on two (or more) rows of `box.h` each, downwards."""
    if not tiles:
        return 0.0
    per_row = len(tiles)
    size = _value_size(tiles, _tile_width(box.w, per_row))
    while size is None and per_row > 1:
        per_row = math.ceil(per_row / 2)
        size = _value_size(tiles, _tile_width(box.w, per_row))
    size = size or VALUE_MIN_PT
    w = _tile_width(box.w, per_row)
    bottom = box.y
    for start in range(0, len(tiles), per_row):
        if start:
            bottom -= box.h + TILE_GAP
        for index, tile in enumerate(tiles[start:start + per_row]):
            _draw_tile(c, Rect(box.x + index * (w + TILE_GAP), bottom, w, box.h), tile, size)
    return box.y + box.h - bottom


def _tile_width(total: float, per_row: int) -> float:
    return (total - TILE_GAP * (per_row - 1)) / per_row


def _value_size(tiles, w: float) -> float | None:
    """The largest size (one for the row, so the values read as a set) at which every value
    fits its tile, or None when one does not fit even at the smallest."""
    widest = max(typeset.width(value, "bold", 1.0) for value, _, _ in tiles)
    if widest <= 0:
        return VALUE_PT
    size = min(VALUE_PT, (w - 14) / widest)
    return size if size >= VALUE_MIN_PT else None


def _draw_tile(c, box: Rect, tile: tuple[str, str, object], size: float) -> None:
    value, label, colour = tile
    c.setFillColor(theme.PANEL)
    c.roundRect(box.x, box.y, box.w, box.h, 4, fill=1, stroke=0)
    c.setFillColor(colour)
    c.rect(box.x, box.y, 3, box.h, fill=1, stroke=0)
    _text(c, box.x + 10, box.y + box.h - 8 - size * 0.74, value, "bold", size, colour)
    lines, _ = typeset.wrap(label, "cond", theme.LEGEND_PT, box.w - 14, max_lines=2)
    y = box.y + 7 + (len(lines) - 1) * (theme.LEGEND_PT + 1.5)
    for line in lines:
        _text(c, box.x + 10, y, line, "cond", theme.LEGEND_PT, theme.MUTED)
        y -= theme.LEGEND_PT + 1.5


# -- what is left of a side band -------------------------------------------------------------
def glance_rows(view: SheetView) -> list[tuple[str, str]]:
    cards = view.cards
    rated = [card.experience for card in cards if card.experience is not None]
    loops = sum(1 for link in view.links if link.loop)
    rows = [
        ("Touchpoints", f"{len(cards)} in {len(view.stages)} stages × {len(view.lanes)} lanes"),
        ("Connections", f"{len(view.links)}" + (f", {loops} loops" if loops else "")),
        ("Pain points", str(sum(card.pain_points for card in cards))),
        ("Opportunities", str(sum(card.opportunities for card in cards))),
        ("Moments of truth", str(sum(card.moment_of_truth for card in cards))),
        ("Votes", str(sum(card.votes for card in cards))),
        ("Experience", f"{theme.experience_label(sum(rated) / len(rated), 1)} average of "
                       f"{len(rated)} rated" if rated else "not rated yet"),
    ]
    owners = sum(1 for card in cards if card.owner.strip())
    rows.append(("Owners", f"{owners} of {len(cards)} touchpoints have one"))
    return rows


def draw_glance(c, box: Rect, view: SheetView) -> None:
    """Key counts of the map, in the room a side band has left under the A3 sections."""
    rows = glance_rows(view)
    need = 22 + len(rows) * SECTION_LEAD
    if box.h < need:
        return
    top = box.y + box.h
    c.setFillColor(theme.PANEL)
    c.roundRect(box.x, top - need - 4, box.w, need + 4, 4, fill=1, stroke=0)
    _text(c, box.x + 8, top - 14, "At a glance", "bold", theme.SECTION_HEAD_PT, theme.INK)
    label_w = max(typeset.width(label, "cond-bold", theme.SECTION_TEXT_PT) for label, _ in rows) + 10
    y = top - 17 - SECTION_LEAD
    for label, value in rows:
        _text(c, box.x + 8, y + 2, label, "cond-bold", theme.SECTION_TEXT_PT, theme.MUTED)
        _text(c, box.x + 8 + label_w, y + 2,
              typeset.ellipsize(value, "cond", theme.SECTION_TEXT_PT, box.w - label_w - 16), "cond",
              theme.SECTION_TEXT_PT, theme.INK)
        y -= SECTION_LEAD

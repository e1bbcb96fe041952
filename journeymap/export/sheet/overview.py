"""The overview page of a tiled map and the cover's thumbnail: the whole map in shapes, every
lane and stage named, each sheet outlined with its number badge in a free spot."""

from __future__ import annotations

from ...emotion_curve import value_y
from ...layout import Rect
from ..pdf import curve, theme, typeset
from ..pdf.view import SheetView
from .tiles import TilePlan

OVERVIEW_PT = 7.0
NAME_LEAD = 8.5


def draw_overview(c, view: SheetView, plan: TilePlan, area: Rect) -> None:
    """The whole map in shapes only (no card text: it would print below 6 pt) with the tile
    grid and sheet numbers; every lane named in a column at its left, the stages in a strip
    above (both outside the map, so no name is left out for want of room)."""
    names_w = min(max((typeset.width(lane.name, "cond-bold", OVERVIEW_PT) for lane in view.lanes),
                      default=0.0) + 8, area.w * 0.18)
    strip = 14.0
    box = Rect(area.x + names_w, area.y, area.w - names_w, area.h - strip)
    scale = _map_shapes(c, view, box)
    _overview_names(c, view, box, scale, names_w, strip)
    _overview_tiles(c, view, plan, box, scale)


def draw_thumbnail(c, view: SheetView, plan: TilePlan, box: Rect) -> float:
    """The whole map small, with its sheets outlined and numbered (for the cover); returns
    the height used."""
    scale = _map_shapes(c, view, box)
    _overview_tiles(c, view, plan, box, scale, largest=10.0)
    return view.layout.height * scale


def _map_shapes(c, view: SheetView, box: Rect) -> float:
    """Lanes, stage lines, links, cards and curve of the whole map, scaled into the box
    from its top-left corner; returns the scale."""
    layout = view.layout
    scale = min(box.w / max(layout.width, 1), box.h / max(layout.height, 1))
    c.saveState()
    c.translate(box.x, box.y + box.h)
    c.scale(scale, scale)
    for index, lane in enumerate(view.lanes):
        colour = theme.hex_colour(lane.colour)
        c.setFillColor(theme.tint(colour, 0.9 if index % 2 else 0.86))
        c.rect(0, -lane.row.bottom, lane.row.w, lane.row.h, fill=1, stroke=0)
        c.setFillColor(colour)
        c.rect(0, -lane.row.bottom, layout.metrics.lane_header_w * 0.25, lane.row.h, fill=1, stroke=0)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(1 / scale * 0.5)
    for stage in view.stages:
        c.line(stage.column.x, 0, stage.column.x, -layout.height)
    for link in view.links:
        r = link.route
        c.setStrokeColor(theme.LOOP if link.loop else theme.LINK)
        for p0, p1, p2, p3 in r.segments():
            c.bezier(p0[0], -p0[1], p1[0], -p1[1], p2[0], -p2[1], p3[0], -p3[1])
    c.setStrokeColor(theme.CARD_EDGE)
    for card in view.cards:
        c.setFillColor(theme.experience_colour(card.experience) if card.experience is not None
                       else theme.WHITE)
        rect = card.rect
        c.rect(rect.x, -rect.bottom, rect.w, rect.h, fill=1, stroke=1)
    _overview_curve(c, view, scale)
    c.restoreState()
    return scale


def _overview_curve(c, view: SheetView, scale: float) -> None:
    """The sheet's emotion curve in small: the same points and breaks, no numbers."""
    rect = view.layout.emotion_rect
    if rect is None:
        return
    c.setFillColor(theme.PANEL)
    c.rect(rect.x, -rect.bottom, rect.w, rect.h, fill=1, stroke=0)
    c.setStrokeColor(theme.INK)
    c.setLineWidth(1.2 / scale)
    curve.draw_curve_line(c, rect, view.emotion)
    for point in view.emotion.points:
        c.setFillColor(theme.experience_colour(point.value))
        c.circle(point.x, -value_y(rect, point.value), 3 / scale, fill=1, stroke=0)


def _overview_names(c, view: SheetView, box: Rect, scale: float, names_w: float,
                    strip: float) -> None:
    """Stage names over the map (cut to their column, the index has them whole); lane
    names whole in the column left of it, wrapped, 6 pt when a lane is too thin for 7."""
    top = box.y + box.h
    c.setFillColor(theme.INK)
    for stage in view.stages:
        room = stage.header.w * scale - 4
        if room > 12:
            typeset.draw(c, box.x + stage.header.x * scale + 2, top + strip - 10,
                         typeset.ellipsize(stage.name, "cond-bold", OVERVIEW_PT, room),
                         "cond-bold", OVERVIEW_PT)
    room = names_w - 6
    for lane in view.lanes:
        height = lane.header.h * scale
        size = OVERVIEW_PT
        lines = typeset.wrap(lane.name, "cond-bold", size, room)[0]
        if len(lines) * NAME_LEAD > height:
            size = theme.MIN_PT
            lines = typeset.wrap(lane.name, "cond-bold", size, room)[0]
        lead = size + 1.5
        y = top - (lane.header.y + lane.header.h / 2) * scale + (len(lines) - 1) * lead / 2 - size * 0.35
        for line in lines:
            typeset.draw(c, box.x - 4, y, line, "cond-bold", size, "right")
            y -= lead


def _overview_tiles(c, view: SheetView, plan: TilePlan, box: Rect, scale: float,
                    largest: float = 18.0) -> None:
    """Each tile's outline and its number on a badge in a free spot of the tile (an empty
    card slot or cell), never over a card."""
    top = box.y + box.h
    spots = free_spots(view)
    for tile in plan.tiles:
        r = tile.region
        x, y = box.x + r.x * scale, top - r.bottom * scale
        w, h = r.w * scale, r.h * scale
        c.setStrokeColor(theme.ACCENT)
        c.setLineWidth(1.2)
        c.setDash(6, 3)
        c.rect(x, y, w, h, fill=0, stroke=1)
        c.setDash()
        label = str(tile.number)
        badge = badge_rect(label, r, spots, scale, largest)
        if badge is None:  # no free spot: the middle of the tile, as small as allowed
            size = theme.MIN_PT + 2
            tw = typeset.width(label, "bold", size) + 8
            badge = (Rect(r.x + r.w / 2 - tw / scale / 2, r.y + r.h / 2 - size * 0.7 / scale,
                          tw / scale, size * 1.4 / scale), size)
        spot, size = badge
        bx, by = box.x + spot.x * scale, top - spot.bottom * scale
        c.setFillColor(theme.WHITE)
        c.setStrokeColor(theme.ACCENT)
        c.roundRect(bx, by, spot.w * scale, spot.h * scale, 3, fill=1, stroke=1)
        c.setFillColor(theme.ACCENT)
        typeset.draw(c, bx + spot.w * scale / 2, by + spot.h * scale / 2 - size * 0.35, label,
                     "bold", size, "center")


def badge_rect(label: str, region: Rect, spots: list[Rect], scale: float,
               largest: float) -> tuple[Rect, float] | None:
    """(badge rect in layout units, type size) for a tile's number: in the free spot of the
    region that takes the largest badge (nearest the tile's middle among equals), or None."""
    per_pt = typeset.width(label, "bold", 1.0)
    cx, cy = region.center
    best = None
    for spot in spots:
        x0, y0 = max(spot.x, region.x), max(spot.y, region.y)
        x1, y1 = min(spot.right, region.right), min(spot.bottom, region.bottom)
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            continue
        w, h = (x1 - x0) * scale, (y1 - y0) * scale
        size = min(largest, (h - 2) / 1.4, (w - 10) / max(per_pt, 0.1))
        if size < 8.0:
            continue
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        key = (round(size, 1), -((mx - cx) ** 2 + (my - cy) ** 2))
        if best is None or key > best[0]:
            bw, bh = (per_pt * size + 8) / scale, size * 1.4 / scale
            best = (key, Rect(mx - bw / 2, my - bh / 2, bw, bh), size)
    return None if best is None else (best[1], best[2])


def free_spots(view: SheetView) -> list[Rect]:
    """The parts of the cells no card takes, layout units: the rest of a cell's last row
    of cards, and the empty rows under it (an empty cell is free as a whole)."""
    layout = view.layout
    m = layout.metrics
    step_x, step_y = m.card_w + m.gap, m.card_h + m.gap
    cells = list(layout.cell_rects.items())
    count: dict[tuple[str, str], int] = {}
    columns_at = sorted((rect.x, stage_id) for stage_id, rect in layout.stage_rects.items())
    lanes_at = sorted((rect.y, lane_id) for lane_id, rect in layout.lane_rects.items())
    for card in view.cards:
        stage = _last_at(columns_at, card.rect.x)
        lane = _last_at(lanes_at, card.rect.y)
        count[(stage, lane)] = count.get((stage, lane), 0) + 1
    spots = []
    for (stage_id, lane_id), cell in cells:
        cols = layout.stage_columns.get(stage_id, 1)
        rows = max(1, round((cell.h - m.gap) / step_y))
        n = count.get((stage_id, lane_id), 0)
        full, rest = -(-n // cols), n % cols
        x0, y0 = cell.x + m.gap / 2, cell.y + m.gap / 2
        if rest:
            spots.append(Rect(x0 + rest * step_x, y0 + (full - 1) * step_y, (cols - rest) * step_x,
                              step_y))
        if full < rows:
            spots.append(Rect(x0, y0 + full * step_y, cols * step_x, (rows - full) * step_y))
    return spots


def _last_at(starts: list[tuple[float, str]], position: float) -> str:
    found = starts[0][1]
    for start, key in starts:
        if start <= position + 0.01:
            found = key
    return found

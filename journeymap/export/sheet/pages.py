"""Content of the text pages (A3 report, touchpoint index, journey check) as flow blocks,
and the overview page of a tiled map."""

from __future__ import annotations

from ...emotion_curve import value_y
from ...layout import Rect
from ..pdf import grid, theme, typeset
from ..pdf.flow import Line, Seg, text_lines
from ..pdf.view import IndexEntry, SheetView
from .tiles import TilePlan

Block = tuple[list[Line], list[Line]]  # (heading kept with it, body)

H2 = 9.0
SMALL = 7.0


def heading(text: str, width: float, size: float = H2, band=theme.PANEL) -> list[Line]:
    """A banded heading; a long one wraps (a stage or map name is never cut)."""
    lines, _ = typeset.wrap(text, "bold", size, width - 8)
    return [Line([Seg(line, "bold", size, theme.INK)], size * 1.9, indent=4,
                 space_before=6 if index == 0 else 0, band=band)
            for index, line in enumerate(lines or [""])]


# -- A3 report, personas, sheet list -----------------------------------------------------------
def report_blocks(view: SheetView, width: float, sheets: list[str] | None = None, *,
                  sections: bool = True, personas: bool = True) -> list[Block]:
    blocks: list[Block] = []
    for number, (title, text) in enumerate(view.sections if sections else [], start=1):
        blocks.append((heading(f"{number}  {title}", width),
                       text_lines(text, width, size=theme.SECTION_TEXT_PT, indent=4)))
    if personas and view.persona_details:
        head = heading("Personas", width)
        for name, details in view.persona_details:
            body = [Line([Seg(name, "cond-bold", theme.BODY_PT + 0.5, theme.INK)], 12, 4, 3)]
            for label, text in details:
                body += text_lines(text, width, size=theme.BODY_PT - 0.5, indent=4, label=label)
            blocks.append((head, body))
            head = []
    if sheets:
        head = heading("Sheets in this set", width)
        body = [Line([Seg(line, "cond", theme.BODY_PT, theme.INK)], theme.BODY_PT * 1.4, 4)
                for line in sheets]
        blocks.append((head, body))
    return blocks


# -- touchpoint index ------------------------------------------------------------------------
def index_blocks(view: SheetView, width: float) -> list[Block]:
    """The map's description, then the touchpoints stage by stage; each stage's heading is
    followed by its goal and expected days in full (the stage header on the sheet cuts them)."""
    blocks: list[Block] = []
    blocks.append((heading("About this map", width), _about_lines(view, width)))
    stages = {}
    for stage_view in view.stages:
        stages.setdefault(stage_view.name, stage_view)
    stage = None
    for entry in view.index:
        head: list[Line] = []
        if entry.stage != stage:
            stage = entry.stage
            head = heading(f"Stage: {stage}" if stage else "Stage: –", width)
            head += _stage_lines(stages.get(stage), width)
        blocks.append((head, _entry_lines(entry, width)))
    return blocks


def _about_lines(view: SheetView, width: float) -> list[Line]:
    """What the title block shows in a line each (and may cut), in full."""
    lines = text_lines(view.name, width, style="cond-bold", size=theme.BODY_PT + 0.5, indent=4)
    for label, text in (("Journey", view.kind), ("Owner", view.owner), ("Date", view.date),
                        ("Version", view.version), ("Description", view.description)):
        if text.strip():
            lines += text_lines(text.strip(), width, size=SMALL + 0.5, indent=4, label=label)
    return lines


def _stage_lines(stage, width: float) -> list[Line]:
    if stage is None:
        return []
    lines = []
    if stage.days is not None:
        lines += text_lines(f"about {stage.days:g} days", width, size=SMALL + 0.5, indent=4,
                            label="Expected", colour=theme.MUTED)
    if stage.goal.strip():
        lines += text_lines(stage.goal.strip(), width, size=SMALL + 0.5, indent=4, label="Goal")
    return lines


def _title_line(entry: IndexEntry, width: float) -> list[Line]:
    """The full title on one line, shrinking the type down to 6 pt before it would wrap."""
    number = f"{entry.number}  "
    num_w = typeset.width(number, "cond-bold", 8.0)
    chip = theme.experience_label(entry.experience) if entry.experience is not None else ""
    room = width - num_w - 4 - (typeset.width("  " + chip, "bold", 7.0) if chip else 0)
    for size in (8.5, 7.5, 6.5, theme.MIN_PT):
        if typeset.fits(entry.title, "cond-bold", size, room):
            segs = [Seg(number, "cond-bold", 8.0, theme.FAINT), Seg(entry.title, "cond-bold", size)]
            if chip:
                segs.append(Seg("  " + chip, "bold", 7.0, theme.experience_colour(entry.experience)
                                if entry.experience else theme.MUTED))
            return [Line(segs, 12.0, 0, 5)]
    lines = text_lines(entry.title, width - num_w, style="cond-bold", size=6.5, indent=num_w)
    lines[0].segs.insert(0, Seg(number, "cond-bold", 8.0, theme.FAINT))
    lines[0].indent = 0
    lines[0].space_before = 5
    return lines


def _entry_lines(entry: IndexEntry, width: float) -> list[Line]:
    indent = 14.0
    lines = _title_line(entry, width)
    facts = " · ".join(filter(None, [
        entry.lane, entry.channel.strip(),
        f"owner {entry.owner.strip()}" if entry.owner.strip() else "", entry.evidence]))
    lines += text_lines(facts, width, size=SMALL, colour=theme.MUTED, indent=indent)
    if entry.raci:
        raci = " · ".join(f"{letter} {', '.join(names)}" for letter, names in entry.raci)
        lines += text_lines(raci, width, size=SMALL, indent=indent, label="RACI")
    for label, text in entry.details:
        lines += text_lines(text, width, size=SMALL + 0.5, indent=indent, label=label)
    if entry.leads_to:
        lines += text_lines("; ".join(entry.leads_to), width, size=SMALL, colour=theme.MUTED,
                            indent=indent, label="Leads to")
    return lines


# -- journey check summary -----------------------------------------------------------------------
def summary_blocks(report, width: float) -> list[Block]:
    """Key figures (labels aligned in one column), then every problem, errors first."""
    problems = list(getattr(report, "problems", []) or [])
    figures = getattr(report, "figures", {}) or {}
    rows = _figure_rows(figures)
    label_w = max((typeset.width(label + "  ", "cond-bold", theme.BODY_PT) for label, _ in rows),
                  default=0.0)
    label_w = min(label_w, width * 0.35)
    blocks: list[Block] = []
    head = heading("Key figures", width)
    for label, value in rows:
        blocks.append((head, text_lines(value, width, size=theme.BODY_PT, indent=4, label=label,
                                        label_w=label_w)))
        head = []
    head = heading(f"Problems ({len(problems)})" if problems else "Problems — none found", width)
    if not problems:
        blocks.append((head, [Line([Seg("Every check passed.", "cond", theme.BODY_PT)], 12, 4)]))
    for problem in problems:
        blocks.append((head, _problem_lines(problem, width)))
        head = []
    return blocks


def summary_tiles(report) -> list[tuple[str, str, object]]:
    """(big value, label, colour) for the row of tiles on top of the summary page."""
    figures = getattr(report, "figures", {}) or {}
    problems = list(getattr(report, "problems", []) or [])
    errors = sum(1 for p in problems if getattr(p, "severity", "") == "error")
    path = figures.get("critical_path") or {}
    days = path.get("days")
    hand = figures.get("handoffs") or {}
    tiles = [
        (str(figures.get("touchpoints", "–")), "touchpoints", theme.INK),
        (f"{figures.get('connections', '–')}", f"connections · {figures.get('loops', 0)} loops",
         theme.INK),
        (f"{figures.get('stages', '–')} × {figures.get('lanes', '–')}", "stages × lanes", theme.INK),
        (str(figures.get("depth", "–")), "stages reached", theme.INK),
        (str(hand.get("total", "–")), "hand-offs between lanes", theme.INK),
        (f"{days:g} d" if days is not None else "–", "critical path", theme.INK),
        (str(errors), "errors", theme.ERROR if errors else theme.GOOD),
        (str(len(problems) - errors), "warnings", theme.WARNING if len(problems) - errors else theme.GOOD),
    ]
    return tiles


def _problem_lines(problem, width: float) -> list[Line]:
    severity = str(getattr(problem, "severity", ""))
    colour = theme.ERROR if severity == "error" else theme.WARNING
    code = str(getattr(problem, "code", ""))
    lines = [Line([Seg("● ", "bold", theme.BODY_PT, colour), Seg(code, "cond-bold", theme.BODY_PT, colour),
                   Seg(f"  {severity}", "cond", SMALL, theme.MUTED)], 12.0, 4, 4)]
    lines += text_lines(str(getattr(problem, "message", "")), width, size=theme.BODY_PT, indent=14)
    titles = list(getattr(problem, "touchpoints", []) or [])
    if titles:
        lines += text_lines("; ".join(titles), width, size=SMALL, colour=theme.MUTED, indent=14,
                            label="Touchpoints")
    return lines


def _figure_rows(figures: dict) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []

    def add(label, value):
        if value not in (None, "", [], {}):
            rows.append((label, str(value)))

    add("Touchpoints", figures.get("touchpoints"))
    if "connections" in figures:
        add("Connections", f"{figures['connections']} (loops {figures.get('loops', 0)})")
    add("Stages · lanes · roles", " · ".join(str(figures.get(k, "–"))
                                            for k in ("stages", "lanes", "roles")))
    add("Entries", "; ".join(figures.get("entries", []) or []))
    add("Goals", "; ".join(figures.get("goals", []) or []))
    add("Depth", f"{figures['depth']} stages reached" if "depth" in figures else None)
    reach = figures.get("reach") or {}
    for key, label in (("main_path", "Reach, main path"), ("reachable", "Reach, all paths")):
        add(label, _reach_text(reach.get(key)))
    hand = figures.get("handoffs") or {}
    if hand:
        add("Handoffs", f"{hand.get('total', 0)} in all, {hand.get('main_path', 0)} on the main path")
    add("Critical path", _critical_path_text(figures.get("critical_path") or {}))
    evidence = figures.get("evidence") or {}
    if evidence:
        add("Evidence", " · ".join(f"{k} {v * 100:.0f} %" for k, v in evidence.items()))
    experience = figures.get("experience") or {}
    if experience:
        add("Experience", " · ".join(f"{k} {theme.experience_label(v, 1) if v is not None else '–'}"
                                     for k, v in experience.items()))
    per_lane = figures.get("touchpoints_per_lane") or {}
    if per_lane:
        add("Touchpoints per lane", " · ".join(f"{k} {v}" for k, v in per_lane.items()))
    return rows


def _reach_text(part: dict | None) -> str | None:
    if not part:
        return None
    return (f"{part.get('touchpoints', 0)} touchpoints in {part.get('lanes', 0)} "
            f"lanes ({', '.join(part.get('lane_names', []))})")


def _critical_path_text(path: dict) -> str | None:
    if not path.get("titles"):
        return None
    days = path.get("days")
    planned = path.get("planned_stage_days")
    extra = f" — {days:g} days" if days is not None else ""
    extra += f" (stages planned: {planned:g} days)" if planned is not None else ""
    return " → ".join(path["titles"]) + extra


# -- overview of a tiled map ---------------------------------------------------------------------
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
        c.bezier(r.start[0], -r.start[1], r.c1[0], -r.c1[1], r.c2[0], -r.c2[1], r.end[0], -r.end[1])
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
    grid.draw_curve_line(c, rect, view.emotion)
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

"""Drawing the stage x lane grid of a SheetView on a canvas, in layout units.

The caller sets up a transform so that layout point (x, y) -- y growing downwards -- lands
at canvas point (x, -y); all sizes here are layout units and scale with the map. Each
function takes the layout region to draw, so a tiled sheet draws only what it shows.
"""

from __future__ import annotations

from ...emotion_curve import value_y
from ...layout import Rect
from . import bidi, theme, typeset
from . import paint as paint
from .curve import draw_emotion, emotion_in
from .links import draw_link, draw_link_labels, link_in
from .shapes import draw_text, overlaps
from .view import CardView, SheetView

PAD = 6.0
STRIP = 5.0
RADIUS = 4.0
CHIP_W, CHIP_H = 26.0, 14.0


def title_room(card_w: float = 168.0) -> float:
    """Width for a card title beside the experience chip, layout units."""
    return card_w - STRIP - PAD * 2 - CHIP_W - 4


def draw_corner(c, view: SheetView) -> None:
    """The white corner over the lane and stage headers, saying which way each runs."""
    m = view.layout.metrics
    paint.fill(c, theme.WHITE)
    paint.rect(c, 0, -m.stage_header_h, m.lane_header_w, m.stage_header_h)
    draw_text(c, m.lane_header_w - 8, 20, "stages →", "cond", theme.STAGE_META, theme.MUTED, "right")
    draw_text(c, 12, 38, "lanes ↓", "cond", theme.STAGE_META, theme.MUTED)


# -- headers -------------------------------------------------------------------------------
def draw_stage_headers(c, view: SheetView, region: Rect) -> None:
    """Stage names along the top; a stage cut by the region's left edge keeps its name in
    sight, marked as continued."""
    for stage in view.stages:
        head = stage.header
        if head.right <= region.x or head.x >= region.right:
            continue
        paint.fill(c, theme.PANEL)
        paint.stroke(c, theme.RULE)
        paint.line_width(c, 0.8)
        paint.rect(c, head.x, -head.bottom, head.w, head.h)
        paint.line(c, head.x, -head.y, head.x, -head.bottom)
        x0 = max(head.x, region.x) + PAD + 2
        room = min(head.right, region.right) - x0 - PAD
        name = stage.name + (" (continued)" if head.x < region.x else "")
        draw_text(c, x0, head.y + 21, typeset.ellipsize(name, "bold", theme.STAGE_NAME, room),
              "bold", theme.STAGE_NAME, theme.INK)
        meta = " · ".join(filter(None, [
            f"≈ {stage.days:g} d" if stage.days is not None else "",
            f"Goal: {stage.goal.strip()}" if stage.goal.strip() else "",
        ]))
        if meta:
            draw_text(c, x0, head.y + 37, typeset.ellipsize(meta, "cond", theme.STAGE_META, room),
                  "cond", theme.STAGE_META, theme.MUTED)
    paint.stroke(c, theme.INK)
    paint.line_width(c, 1.2)
    top = view.layout.metrics.stage_header_h
    paint.line(c, region.x, -top, region.right, -top)


def draw_lane_headers(c, view: SheetView, region: Rect) -> None:
    """Lane names down the left; the emotion band's axis is labelled here too."""
    metrics = view.layout.metrics
    for lane in view.lanes:
        head = lane.header
        if head.bottom <= region.y or head.y >= region.bottom:
            continue
        colour = theme.hex_colour(lane.colour)
        paint.fill(c, theme.tint(colour, 0.82))
        paint.rect(c, head.x, -head.bottom, head.w, head.h)
        paint.fill(c, colour)
        paint.rect(c, head.x, -head.bottom, 5, head.h)
        y0 = max(head.y, region.y)
        room = head.w - PAD * 2 - 6
        lines, _ = typeset.wrap(lane.name, "cond-bold", theme.LANE_NAME, room, max_lines=3)
        y = y0 + 18
        for line in lines:
            draw_text(c, head.x + 12, y, line, "cond-bold", theme.LANE_NAME, theme.INK)
            y += 14
        # Kind, capacity and "continued" go on lines of their own rather than being cut:
        # a capacity is a number and is never split from its unit.
        parts = [lane.kind]
        if lane.capacity is not None:
            parts.append(f"capacity {lane.capacity:g}/wk")
        if head.y < region.y:
            parts.append("continued")
        lead = theme.LANE_META + 2
        for line in _joined_lines(parts, " · ", "cond", theme.LANE_META, room):
            draw_text(c, head.x + 12, y + 1, line, "cond", theme.LANE_META, theme.MUTED)
            y += lead
    emotion = view.layout.emotion_rect
    if emotion is not None and emotion.bottom > region.y and emotion.y < region.bottom:
        x = metrics.lane_header_w
        draw_text(c, 12, emotion.y + 18, "Experience", "cond-bold", theme.LANE_NAME, theme.INK)
        y = emotion.y + 33
        for line in _joined_lines(["each rated touchpoint", view.emotion.source], " · ", "cond",
                                  theme.LANE_META, x - 36):
            draw_text(c, 12, y, line, "cond", theme.LANE_META, theme.MUTED)
            y += theme.LANE_META + 2
        for value in (2, 0, -2):
            draw_text(c, x - 6, value_y(emotion, value) + 3, theme.experience_label(value), "cond",
                  theme.CURVE_LABEL, theme.MUTED, "right")


# -- body ----------------------------------------------------------------------------------
def draw_body(c, view: SheetView, region: Rect) -> None:
    """Cells, links, cards and the emotion curve that fall in the region."""
    _draw_rows(c, view, region)
    for link in view.links:
        if link_in(link, region):
            draw_link(c, link)
    for card in view.cards:
        if overlaps(card.rect, region):
            draw_card(c, card)
    draw_link_labels(c, view, region)
    if view.layout.emotion_rect is not None and overlaps(view.layout.emotion_rect, region):
        draw_emotion(c, emotion_in(view, region))



def _draw_rows(c, view: SheetView, region: Rect) -> None:
    grid = view.layout.grid_rect
    for index, lane in enumerate(view.lanes):
        row = lane.row
        if row.bottom <= region.y or row.y >= region.bottom:
            continue
        colour = theme.hex_colour(lane.colour)
        paint.fill(c, theme.tint(colour, 0.95 if index % 2 else 0.92))
        paint.rect(c, grid.x, -row.bottom, grid.w, row.h)
        paint.stroke(c, theme.RULE)
        paint.line_width(c, 0.6)
        paint.line(c, grid.x, -row.bottom, grid.right, -row.bottom)
    paint.stroke(c, theme.RULE)
    paint.line_width(c, 0.8)
    for stage in view.stages:
        col = stage.column
        if region.x <= col.x <= region.right:
            paint.line(c, col.x, -grid.y, col.x, -grid.bottom)


RACI_LEAD = 11.5  # layout units between RACI lines on a card
FOOT_ROW = 19.0  # from a card's foot to the lowest baseline above its badges and number


def draw_card(c, card: CardView) -> None:
    r = card.rect
    x, top, w, h = r.x, r.y, r.w, r.h
    paint.fill(c, theme.WHITE)
    paint.stroke(c, theme.CARD_EDGE)
    paint.line_width(c, 0.8)
    paint.round_rect(c, x, -(top + h), w, h, RADIUS, do_stroke=True)
    c.saveState()
    paint.clip_round_rect(c, x, -(top + h), w, h, RADIUS)
    paint.fill(c, theme.experience_colour(card.experience))
    paint.rect(c, x, -(top + h), STRIP, h)
    c.restoreState()
    _draw_chip(c, x + w - PAD - CHIP_W, top + PAD, card.experience)

    left = x + STRIP + PAD
    room_for_title = title_room(w)
    lines, _ = typeset.wrap(card.title, "cond-bold", theme.CARD_TITLE, room_for_title, max_lines=2)
    y = top + 16
    for line in lines or [""]:
        draw_text(c, left, y, line, "cond-bold", theme.CARD_TITLE, theme.INK)
        y += 13
    room = x + w - PAD - left
    meta = " · ".join(bidi.isolate(t) for t in filter(None, [card.channel.strip(), card.owner.strip()]))
    if meta:
        draw_text(c, left, y, typeset.ellipsize(meta, "cond", theme.CARD_META, room), "cond", theme.CARD_META,
              theme.MUTED)
        y += 12.5
    if card.raci:
        last_baseline = top + h - FOOT_ROW  # above the row of badges and the index number
        _draw_raci(c, left, y, room, max(1, int((last_baseline - y) // RACI_LEAD) + 1), card.raci)
    _draw_badges(c, left, top + h - 6.5, x + w - PAD, card)


def _draw_chip(c, x: float, top: float, experience: int | None) -> None:
    paint.fill(c, theme.experience_colour(experience))
    paint.round_rect(c, x, -(top + CHIP_H), CHIP_W, CHIP_H, 3)
    draw_text(c, x + CHIP_W / 2, top + 10.5, theme.experience_label(experience), "bold", theme.CHIP,
          theme.experience_ink(experience), "center")


def _draw_raci(c, x: float, y: float, room: float, lines: int,
               pairs: list[tuple[str, tuple[str, ...]]]) -> None:
    """Letters and role names on up to `lines` lines, each name whole; the roles left out
    are counted in a "+N" at the end (the index lists them all), so none disappears silently.

    Letter and name are drawn apart with a fixed gap, so a right-to-left name never loses
    its space to the bidi reordering of a leading blank."""
    size, gap = theme.CARD_META, typeset.width(" ", "cond", theme.CARD_META)
    # One piece per role: (letters shown before it or "", its name).
    pieces = [(letters if k == 0 else "", name)
              for letters, names in pairs for k, name in enumerate(names)]
    left, end = x, x + room
    line, shown = 1, 0
    for letters, name in pieces:
        after = len(pieces) - shown - 1
        reserve = typeset.width(f" +{after}", "cond-bold", size) if after else 0.0
        sep = (gap * 2 if letters else typeset.width(", ", "cond", size)) if x > left else 0.0
        need = sep + (typeset.width(letters, "cond-bold", size) + gap if letters else 0.0) \
            + typeset.width(name, "cond", size)
        if x + need + reserve > end and x > left:
            if line == lines:
                break
            line, x, y, sep = line + 1, left, y + RACI_LEAD, 0.0
        if sep:
            x += draw_text(c, x, y, "," if not letters else "", "cond", size, theme.INK) + \
                (gap if not letters else gap * 2)
        if letters:
            x += draw_text(c, x, y, letters, "cond-bold", size, theme.ACCENT) + gap
        if x + typeset.width(name, "cond", size) + reserve > end:  # alone on its line
            name = typeset.ellipsize(name, "cond", size, max(end - x - reserve, 0))
        x += draw_text(c, x, y, name, "cond", size, theme.INK)
        shown += 1
    if shown < len(pieces):
        draw_text(c, x, y, f" +{len(pieces) - shown}", "cond-bold", size, theme.MUTED)


def _draw_badges(c, x: float, baseline: float, right: float, card: CardView) -> None:
    badges = []
    if card.pain_points:
        badges.append(("⚠ pain", theme.ERROR))
    if card.opportunities:
        badges.append(("★ idea", theme.GOOD))
    if card.moment_of_truth:
        badges.append(("◆ MoT", theme.LOOP))
    if card.votes:
        badges.append((f"● {card.votes}", theme.INK))
    number = f"#{card.number}"
    limit = right - typeset.width(number, "cond", theme.CARD_META) - 4
    for text, colour in badges:
        w = typeset.width(text, "cond-bold", theme.CARD_META) + 6
        if x + w > limit:
            break
        paint.stroke(c, colour)
        paint.fill(c, theme.tint(colour, 0.9))
        paint.line_width(c, 0.6)
        paint.round_rect(c, x, -(baseline + 3), w, 13, 3, do_stroke=True)
        draw_text(c, x + 3, baseline, text, "cond-bold", theme.CARD_META, colour)
        x += w + 3
    draw_text(c, right, baseline, number, "cond", theme.CARD_META, theme.FAINT, "right")


def _joined_lines(parts: list[str], sep: str, style: str, size: float, room: float) -> list[str]:
    """Parts joined by `sep` while they fit, each part kept whole (wrapped only if it alone
    is too wide)."""
    lines: list[str] = []
    for part in (p for p in parts if p):
        if lines and typeset.width(lines[-1] + sep + part, style, size) <= room:
            lines[-1] += sep + part
        elif typeset.width(part, style, size) <= room:
            lines.append(part)
        else:
            lines += typeset.wrap(part, style, size, room)[0]
    return lines

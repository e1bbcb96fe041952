"""The map grid of the planned-vs-actual sheet, in layout units (same transform as pdf.grid).

The grid itself (stage and lane headers, lane rows) is the journey sheet's; on it go the
designed connections with their width by cases, the most frequent deviations as dashed red
arrows, and cards that say what happened there: visits, cases ending there, the timing of
the busiest designed step against the plan. Touchpoints no case visited are greyed.
"""

from __future__ import annotations

from dataclasses import replace

from ...comparison.formatting import count_text
from ...layout import Rect
from ..pdf import grid, links, theme, typeset
from ..pdf import paint as paint
from ..pdf.view import CardView, SheetView
from .cuts import Cuts
from .figures import CardFigures, FlowView, StageTiming, Timing, pdf_days, pdf_share, width_for

PAD = grid.PAD
STRIP = grid.STRIP
TAG_H = 13.0
UNUSED = theme.FAINT
TRAFFIC = theme.tint(theme.ACCENT, 0.35)
DEVIATION = theme.ERROR
LATE, ON_TIME = theme.ERROR, theme.GOOD
ENDS = theme.WARNING


def draw_grid(c, view: SheetView, figures: dict[str, CardFigures], flows: list[FlowView],
              deviations: list[FlowView], stages: dict[str, StageTiming], cuts: Cuts) -> None:
    """The whole grid with the comparison on it; the caller has set the transform."""
    whole = Rect(0, 0, view.layout.width, view.layout.height)
    grid.draw_corner(c, view)
    grid.draw_stage_headers(c, view, whole)
    _stage_badges(c, view, stages)
    grid.draw_lane_headers(c, view, whole)
    grid.draw_body(c, replace(view, cards=[], links=[]), whole)  # lane rows and stage rules
    top = max([f.count for f in flows + deviations], default=0)
    for flow in flows:
        _draw_flow(c, flow, top)
    for flow in deviations:
        _draw_flow(c, flow, top)
    for card in view.cards:
        local = Cuts()
        draw_card(c, card, figures[card.id], local)
        if local.cut:
            cuts.cut = True
            cuts.cards.add(card.id)
    _draw_tags(c, view, flows + deviations)


# -- stage headers: how long cases took ----------------------------------------------------------
def _stage_badges(c, view: SheetView, stages: dict[str, StageTiming]) -> None:
    """'took 35 d' at the right of a stage's name, when the name leaves room for it."""
    for stage in view.stages:
        timing = stages.get(stage.name)
        if timing is None or timing.median is None:
            continue
        head = stage.header
        text = f"took {pdf_days(timing.median)}"
        w = typeset.width(text, "cond-bold", theme.STAGE_META) + 8
        name_w = typeset.width(stage.name, "bold", theme.STAGE_NAME)
        if PAD + 2 + name_w + 8 + w + PAD > head.w:
            continue
        late = timing.expected is not None and timing.median > timing.expected
        colour = LATE if late else (ON_TIME if timing.expected is not None else theme.MUTED)
        _pill(c, head.right - PAD - w, head.y + 9, w, text, colour)


def _pill(c, x: float, top: float, w: float, text: str, colour, style="cond-bold") -> None:
    paint.fill(c, theme.tint(colour, 0.88))
    paint.stroke(c, colour)
    paint.line_width(c, 0.6)
    paint.round_rect(c, x, -(top + TAG_H), w, TAG_H, 3, do_stroke=True)
    grid.draw_text(c, x + 4, top + 9.8, text, style, theme.CARD_META, colour)


# -- connections ---------------------------------------------------------------------------------
def _flow_colour(flow: FlowView):
    if flow.kind:
        return DEVIATION
    if flow.count <= 0:
        return UNUSED
    if flow.loop:
        return theme.LOOP
    return theme.BACKWARD if flow.warning else TRAFFIC


def _draw_flow(c, flow: FlowView, top: int) -> None:
    colour = _flow_colour(flow)
    width = width_for(flow.count, top)
    paint.stroke(c, colour)
    paint.fill(c, colour)
    paint.line_width(c, width)
    if flow.kind:
        c.setDash(max(6.0, width * 1.6), max(4.0, width))
    elif flow.count <= 0:
        c.setDash(2, 3)
    elif flow.loop:
        c.setDash(8, 4)
    head = 6.0 + width * 0.8
    links.draw_arrow(c, flow.route, head, head * 0.5)


def _text_zone(card: CardView) -> Rect:
    """The part of a card its text uses: a tag may cover the card's side margins."""
    r = card.rect
    return Rect(r.x + STRIP + PAD - 1, r.y, r.w - STRIP - 2 * PAD + 2, r.h)


def _draw_tags(c, view: SheetView, flows: list[FlowView]) -> None:
    """Case counts on the connections, where no card text or other tag is: at the middle
    of the route or, failing that, a little before or after it. Deviations first, then the
    busiest connections."""
    blocked = [_text_zone(card) for card in view.cards]
    ordered = sorted((f for f in flows if f.count > 0), key=lambda f: (not f.kind, -f.count))
    for flow in ordered:
        text = f"×{flow.count:,}" if flow.kind else f"{flow.count:,}"
        w = typeset.width(text, "cond-bold", theme.LINK_LABEL) + 8
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            mx, my = links.bezier_at(flow.route, t)
            tag = Rect(mx - w / 2, my - TAG_H / 2, w, TAG_H)
            if not any(grid.overlaps(tag, rect) for rect in blocked):
                blocked.append(tag)
                _tag(c, tag, text, DEVIATION if flow.kind else theme.ACCENT)
                break


def _tag(c, tag: Rect, text: str, colour) -> None:
    paint.fill(c, theme.WHITE)
    paint.stroke(c, colour)
    paint.line_width(c, 0.7)
    paint.round_rect(c, tag.x, -tag.bottom, tag.w, tag.h, TAG_H / 2, do_stroke=True)
    grid.draw_text(c, tag.x + tag.w / 2, tag.y + TAG_H / 2 + 3.6, text, "cond-bold", theme.LINK_LABEL,
          colour, "center")


# -- cards ---------------------------------------------------------------------------------------
def draw_card(c, card: CardView, fig: CardFigures, cuts: Cuts) -> None:
    r = card.rect
    x, top, w, h = r.x, r.y, r.w, r.h
    paint.fill(c, theme.PANEL if fig.skipped else theme.WHITE)
    paint.stroke(c, theme.FAINT if fig.skipped else theme.CARD_EDGE)
    paint.line_width(c, 0.8)
    if fig.skipped:
        c.setDash(3, 2)
    paint.round_rect(c, x, -(top + h), w, h, grid.RADIUS, do_stroke=True)
    c.setDash()
    c.saveState()
    paint.clip_round_rect(c, x, -(top + h), w, h, grid.RADIUS)
    paint.fill(c, theme.RULE if fig.skipped else (theme.GOOD if fig.goal else theme.ACCENT))
    paint.rect(c, x, -(top + h), STRIP, h)
    c.restoreState()
    left = x + STRIP + PAD
    room = x + w - PAD - left
    ink = theme.FAINT if fig.skipped else theme.INK
    lines = cuts.wrap(card.title, "cond-bold", theme.CARD_TITLE, room, 2)
    y = top + 16
    for line in lines or [""]:
        grid.draw_text(c, left, y, line, "cond-bold", theme.CARD_TITLE, ink)
        y += 13
    if fig.skipped:
        grid.draw_text(c, left, y + 1, "never visited", "cond", theme.CARD_META, theme.MUTED)
        return
    y = _visit_lines(c, left, y + 1, room, fig, cuts)
    if fig.timing is not None:
        _timing_badge(c, left, top + h - 6 - TAG_H, room, fig.timing, cuts)


def _visit_lines(c, x: float, y: float, room: float, fig: CardFigures, cuts: Cuts) -> float:
    """'412 visits · 38 end here (9 %)' on one line when it fits, else on two."""
    visits = count_text(fig.visits, "visit")
    extra = []
    if fig.ends:
        share = pdf_share(fig.ends, fig.visits)
        if fig.goal:
            extra.append((f"✓ {fig.ends:,} reached the goal", theme.GOOD))
        else:
            extra.append((f"{fig.ends:,} end here ({share})", ENDS))
    if fig.repeats:
        extra.append((f"↻ {fig.repeats:,} again", theme.LOOP))
    pieces = [(visits, theme.INK)] + extra
    line = " · ".join(text for text, _ in pieces)
    if typeset.fits(line, "cond-bold", theme.CARD_META, room):
        rows = [pieces]
    else:
        rows = [[(visits, theme.INK)] + extra[1:], extra[:1]] if extra else [pieces]
    for row in rows:
        segs = []
        for index, (text, colour) in enumerate(row):
            if index:
                segs.append((" · ", "cond", theme.CARD_META, theme.MUTED))
            segs.append((cuts.fit(text, "cond-bold", theme.CARD_META, room), "cond-bold",
                         theme.CARD_META, colour))
        if segs:
            typeset.draw_segments(c, x, -y, segs)
            y += 12.5
    return y


def timing_text(timing: Timing, room: float) -> str:
    if timing.expected is None:
        return f"median {pdf_days(timing.median)}"
    for text in (f"median {pdf_days(timing.median)} / expected {pdf_days(timing.expected)}",
                 f"median {pdf_days(timing.median)} / exp. {pdf_days(timing.expected)}",
                 f"{pdf_days(timing.median)} / exp. {pdf_days(timing.expected)}"):
        if typeset.width(text, "cond-bold", theme.CARD_META) + 8 <= room:
            return text
    return text


def _timing_badge(c, x: float, top: float, room: float, timing: Timing, cuts: Cuts) -> None:
    colour = theme.MUTED if timing.expected is None else (LATE if timing.late else ON_TIME)
    text = cuts.fit(timing_text(timing, room), "cond-bold", theme.CARD_META, room - 8)
    w = typeset.width(text, "cond-bold", theme.CARD_META) + 8
    _pill(c, x, top, w, text, colour)


# -- a map too big to label ----------------------------------------------------------------------
def draw_shapes(c, view: SheetView, figures: dict[str, CardFigures], flows: list[FlowView],
                deviations: list[FlowView]) -> None:
    """The grid without any text (it would print below 6 pt): lane rows, connections by
    traffic, deviations, cards filled by what happened there."""
    layout = view.layout
    paint.fill(c, theme.PANEL)
    paint.rect(c, layout.metrics.lane_header_w, -layout.metrics.stage_header_h,
               layout.width - layout.metrics.lane_header_w, layout.metrics.stage_header_h)
    for index, lane in enumerate(view.lanes):
        colour = theme.hex_colour(lane.colour)
        paint.fill(c, theme.tint(colour, 0.9 if index % 2 else 0.86))
        paint.rect(c, 0, -lane.row.bottom, lane.row.w, lane.row.h)
        paint.fill(c, colour)
        paint.rect(c, 0, -lane.row.bottom, layout.metrics.lane_header_w * 0.25, lane.row.h)
    paint.stroke(c, theme.RULE)
    paint.line_width(c, 1.0)
    for stage in view.stages:
        paint.line(c, stage.column.x, 0, stage.column.x, -layout.height)
    top = max([f.count for f in flows + deviations], default=0)
    for flow in flows + deviations:
        _draw_flow(c, flow, top)
    for card in view.cards:
        fig = figures[card.id]
        r = card.rect
        paint.fill(c, theme.PANEL if fig.skipped else theme.WHITE)
        paint.stroke(c, theme.FAINT if fig.skipped else theme.CARD_EDGE)
        paint.line_width(c, 1.0)
        paint.rect(c, r.x, -r.bottom, r.w, r.h, do_stroke=True)
        if not fig.skipped:
            paint.fill(c, theme.GOOD if fig.goal else theme.ACCENT)
            paint.rect(c, r.x, -r.bottom, STRIP * 2, r.h)


def draw_shape_names(c, view: SheetView, x0: float, top: float, scale: float,
                     size: float = 7.0) -> None:
    """Stage and lane names in points over a shapes-only grid, where they fit whole."""
    for stage in view.stages:
        head = stage.header
        if typeset.fits(stage.name, "cond-bold", size, head.w * scale - 6):
            c.setFillColor(theme.INK)
            typeset.draw(c, x0 + head.x * scale + 3, top - head.h * scale / 2 - size * 0.35,
                   stage.name, "cond-bold", size)
    lane_x = view.layout.metrics.lane_header_w * 0.25
    for lane in view.lanes:
        head = lane.header
        room = (head.w - lane_x) * scale - 6
        if head.h * scale >= size + 4 and typeset.fits(lane.name, "cond-bold", size, room):
            c.setFillColor(theme.INK)
            typeset.draw(c, x0 + lane_x * scale + 3, top - (head.y + head.h / 2) * scale - size * 0.35,
                   lane.name, "cond-bold", size)

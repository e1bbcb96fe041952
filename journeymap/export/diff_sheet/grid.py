"""The to-be map's grid with the changes marked, in layout units (same transform as pdf.grid).

The grid, links and cards are the journey sheet's; on them go: added cards in a thick green
outline with a "+ new" tag, changed cards with a "Δ" tag naming the fields, moved cards with
a "from Stage · Lane" tag and a faint dotted arrow from their old cell, cards whose RACI
changed with a "RACI" tag, removed cards as dashed grey ghosts in their old cell, added
connections thick green, removed ones dashed grey, changed ones blue. Every mark differs by
line style or text as well as by colour.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib import colors

from ...layout import Rect
from ..compare_sheet.cuts import Cuts
from ..pdf import bidi, grid, links, theme, typeset
from ..pdf import paint as paint
from ..pdf.shapes import draw_text
from ..pdf.view import CardView
from .marks import MARK_H, CardMarks, DiffView, field_label

# Okabe-Ito hues, darkened to print on white; each mark has its own line style or text too
ADDED = colors.HexColor("#007a5a")  # bluish green: thick solid outline, "+ new"
CHANGED = colors.HexColor("#0065a0")  # blue: "Δ fields"
MOVED = colors.HexColor("#a8528a")  # reddish purple: dotted arrow, "↪ from"
RACI = colors.HexColor("#8a6a00")  # dark yellow: "RACI"
REMOVED = theme.FAINT  # grey, dashed
TAG_H = 13.0
PAD = grid.PAD


def draw_diff_grid(c, dv: DiffView, cuts: Cuts) -> None:
    """The whole grid with the changes on it; the caller has set the transform."""
    view = dv.view
    whole = Rect(0, 0, view.layout.width, view.layout.height)
    grid.draw_corner(c, view)
    grid.draw_stage_headers(c, view, whole)
    grid.draw_lane_headers(c, view, whole)
    _header_marks(c, dv, cuts)
    grid.draw_body(c, replace(view, cards=[], links=[]), whole)  # lane rows and stage rules
    draw_links(c, dv)
    for card in view.cards:
        if dv.is_ghost(card):
            draw_ghost(c, card, cuts)
        else:
            draw_marked_card(c, card, dv.marks.get(card.id), cuts)
    links.draw_link_labels(c, view, whole)


def draw_links(c, dv: DiffView) -> None:
    """Removed connections under everything, the map's own links, then the changed and
    added ones over them; the moves' faint arrows last."""
    for mark in dv.links:
        if mark.kind == "removed":
            _arrow(c, mark.route, REMOVED, 1.4, (5, 3))
    for link in dv.view.links:
        links.draw_link(c, link)
    for kind, colour, width in (("changed", CHANGED, 2.2), ("added", ADDED, 3.2)):
        for mark in dv.links:
            if mark.kind == kind:
                _arrow(c, mark.route, colour, width, None)
    for route, _card_id in dv.moves:
        _arrow(c, route, theme.tint(MOVED, 0.35), 1.2, (1.5, 3))
        paint.stroke(c, MOVED)
        paint.fill(c, theme.WHITE)
        paint.line_width(c, 1.2)
        c.circle(route.start[0], -route.start[1], 4, stroke=1, fill=1)


def _arrow(c, route, colour, width: float, dash) -> None:
    paint.stroke(c, colour)
    paint.fill(c, colour)
    paint.line_width(c, width)
    if dash:
        c.setDash(*dash)
    head = 6.0 + width * 0.9
    links.draw_arrow(c, route, head, head * 0.5)


# -- cards ---------------------------------------------------------------------------------------
def mark_tags(marks: CardMarks) -> list[tuple[str, object, bool]]:
    """(text, colour, may be shortened) of a card's tags, in the order they are drawn."""
    tags: list[tuple[str, object, bool]] = []
    if marks.added:
        tags.append(("+ new", ADDED, False))
    if marks.fields:
        tags.append(("Δ " + ", ".join(field_label(name) for name in marks.fields), CHANGED,
                     True))
    if marks.raci:
        tags.append(("RACI", RACI, False))
    if marks.moved_from is not None:
        cell = marks.moved_from
        tags.append((f"↪ from {bidi.isolate(cell.stage)} · {bidi.isolate(cell.lane)}", MOVED,
                     True))
    return tags


def draw_marked_card(c, card: CardView, marks: CardMarks | None, cuts: Cuts) -> None:
    """The sheet's card; a marked one keeps a row at its foot for its tags."""
    if marks is None or not marks.any:
        grid.draw_card(c, card)
        return
    r = card.rect
    paint.fill(c, theme.WHITE)
    paint.stroke(c, theme.CARD_EDGE)
    paint.line_width(c, 0.8)
    paint.round_rect(c, r.x, -r.bottom, r.w, r.h, grid.RADIUS, do_stroke=True)
    grid.draw_card(c, replace(card, rect=Rect(r.x, r.y, r.w, r.h - MARK_H)))
    _draw_tags(c, r, mark_tags(marks), cuts)
    if marks.added:
        paint.stroke(c, ADDED)
        paint.line_width(c, 3.2)
        paint.round_rect(c, r.x - 1.6, -(r.bottom + 1.6), r.w + 3.2, r.h + 3.2, grid.RADIUS + 1,
                         do_fill=False, do_stroke=True)


def _draw_tags(c, r: Rect, tags: list[tuple[str, object, bool]], cuts: Cuts) -> None:
    """Tags left to right in the row at the card's foot; one that has no room is shortened
    (a list of fields becomes their count), and what is left out is counted as "+N"."""
    x, right = r.x + PAD, r.right - PAD
    top = r.bottom - MARK_H + (MARK_H - TAG_H) / 2
    for index, (text, colour, flexible) in enumerate(tags):
        rest = len(tags) - index - 1
        reserve = (typeset.width(f"+{rest}", "cond-bold", theme.CARD_META) + 4) if rest else 0
        room = right - x - reserve - 6
        if text.startswith("Δ ") and not typeset.fits(text, "cond-bold", theme.CARD_META, room):
            count = text.count(",") + 1
            text = f"Δ {count} field{'s' if count != 1 else ''}"
        if flexible:
            shown = typeset.ellipsize(text, "cond-bold", theme.CARD_META, room)
            cuts.cut |= shown != typeset.clean(text)
            if len(shown) < 4:
                shown = ""
        else:
            shown = text if typeset.fits(text, "cond-bold", theme.CARD_META, room) else ""
        if not shown:
            left = len(tags) - index
            draw_text(c, x, top + 9.8, f"+{left}", "cond-bold", theme.CARD_META, theme.MUTED)
            cuts.cut = True
            return
        w = typeset.width(shown, "cond-bold", theme.CARD_META) + 6
        pill(c, x, top, w, shown, colour)
        x += w + 3


def pill(c, x: float, top: float, w: float, text: str, colour, dashed: bool = False) -> None:
    paint.fill(c, theme.tint(colour, 0.88))
    paint.stroke(c, colour)
    paint.line_width(c, 0.7)
    if dashed:
        c.setDash(2, 1.5)
    paint.round_rect(c, x, -(top + TAG_H), w, TAG_H, 3, do_stroke=True)
    c.setDash()
    draw_text(c, x + 3, top + 9.8, text, "cond-bold", theme.CARD_META, colour)


def draw_ghost(c, card: CardView, cuts: Cuts) -> None:
    """A removed touchpoint where it was: dashed, grey, its title and a "removed" tag."""
    r = card.rect
    paint.fill(c, theme.PANEL)
    paint.stroke(c, REMOVED)
    paint.line_width(c, 1.0)
    c.setDash(4, 3)
    paint.round_rect(c, r.x, -r.bottom, r.w, r.h, grid.RADIUS, do_stroke=True)
    c.setDash()
    left = r.x + grid.STRIP + PAD
    room = r.right - PAD - left
    lines, cut = typeset.wrap(card.title, "cond-bold", theme.CARD_TITLE, room, max_lines=2)
    cuts.cut |= cut
    y = r.y + 16
    for line in lines or [""]:
        draw_text(c, left, y, line, "cond-bold", theme.CARD_TITLE, theme.MUTED)
        y += 13
    meta = " · ".join(filter(None, [card.channel.strip(), card.owner.strip()]))
    if meta:
        draw_text(c, left, y, typeset.ellipsize(meta, "cond", theme.CARD_META, room), "cond",
                  theme.CARD_META, theme.FAINT)
    text = "− removed"
    top = r.bottom - MARK_H + (MARK_H - TAG_H) / 2
    pill(c, r.x + PAD, top, typeset.width(text, "cond-bold", theme.CARD_META) + 6, text,
         theme.MUTED, dashed=True)


# -- stage and lane headers ----------------------------------------------------------------------
def _header_marks(c, dv: DiffView, cuts: Cuts) -> None:
    """"new" or "was Old name" on a stage's header (right of its name, else over the end of
    its second line) and at the foot of a lane's header."""
    for stage in dv.view.stages:
        text = dv.stage_marks.get(stage.id)
        if not text:
            continue
        head = stage.header
        name_w = typeset.width(stage.name, "bold", theme.STAGE_NAME)
        room = head.w - 2 * PAD - 4
        w = min(typeset.width(text, "cond-bold", theme.CARD_META) + 6, room)
        top = head.y + 9 if PAD + 2 + name_w + 8 + w + PAD <= head.w else head.y + 27
        shown = typeset.ellipsize(text, "cond-bold", theme.CARD_META, w - 6)
        cuts.cut |= shown != typeset.clean(text)
        pill(c, head.right - PAD - w, top, w, shown, ADDED if text == "new" else CHANGED)
    for lane in dv.view.lanes:
        text = dv.lane_marks.get(lane.id)
        if not text:
            continue
        head = lane.header
        room = head.w - 12 - PAD
        shown = typeset.ellipsize(text, "cond-bold", theme.CARD_META, room - 6)
        cuts.cut |= shown != typeset.clean(text)
        w = typeset.width(shown, "cond-bold", theme.CARD_META) + 6
        pill(c, head.x + 12, head.bottom - 6 - TAG_H, w, shown,
             ADDED if text == "new" else CHANGED)

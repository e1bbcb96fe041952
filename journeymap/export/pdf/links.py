"""The sheet's links: curves with arrowheads in their kind's colour, and their day labels
placed once for the whole sheet by the core's label placement."""

from __future__ import annotations

from ...label_placement import LabelRequest, bezier_point, place_labels, route_spots
from ...layout import Rect
from . import paint, theme, typeset
from .shapes import draw_text, overlaps
from .view import LinkTag, LinkView, SheetView

TAG_H = 13.0  # a link label's tag

def link_in(link: LinkView, region: Rect) -> bool:
    xs = [p[0] for p in link.route.points]
    ys = [p[1] for p in link.route.points]
    return overlaps(Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1), region)


def _link_colour(link: LinkView):
    if link.loop:
        return theme.LOOP
    return theme.BACKWARD if link.warning else theme.LINK


def draw_link(c, link: LinkView) -> None:
    route = link.route
    colour = _link_colour(link)
    paint.stroke(c, colour)
    paint.fill(c, colour)
    paint.line_width(c, 1.2)
    if link.loop:
        c.setDash(5, 3)
    draw_arrow(c, route, 7.0, 7.0 * 0.45)


def draw_arrow(c, route, head: float, half: float) -> None:
    """The route's curve in the current stroke (and dash) ending in a solid arrowhead `head`
    long and `2 * half` wide in the current fill colour; the dash ends with the curve."""
    tip = route.end
    back = route.c2 if route.c2 != route.end else route.c1
    dx, dy = tip[0] - back[0], tip[1] - back[1]
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    base = (tip[0] - ux * head, tip[1] - uy * head)
    points = route.points
    flipped = [(x, -y) for x, y in points[:-1]] + [(base[0], -base[1])]
    paint.chain(c, flipped)
    c.setDash()
    paint.polygon(c, [(tip[0], -tip[1]),
                      (base[0] - uy * half, -(base[1] + ux * half)),
                      (base[0] + uy * half, -(base[1] - ux * half))])


def bezier_at(route, t: float) -> tuple[float, float]:
    """The point at parameter t of a route's Bézier."""
    return bezier_point(route, t)


def link_tags(view: SheetView) -> list[LinkTag]:
    """Where the link labels go, placed once for the whole sheet (tiles agree on them) by
    the rule the canvas uses: along the link, clear of the cards and of each other. A label
    with no clear spot is left out: on a card it would hide text and garble the text layer."""
    if view.link_tags is None:
        requests, texts = [], {}
        for number, link in enumerate(view.links):
            if not link.label:
                continue
            text = typeset.ellipsize(link.label, "cond", theme.LINK_LABEL, 110)
            w = typeset.width(text, "cond", theme.LINK_LABEL) + 6
            requests.append(LabelRequest(number, w, TAG_H, route_spots(link.route, w / 2 - 3)))
            texts[number] = text
        placed = place_labels((card.rect for card in view.cards), requests, only_clear=True)
        view.link_tags = [LinkTag(view.links[number], texts[number], label.rect)
                          for number, label in placed.labels.items()]
    return view.link_tags


def draw_link_labels(c, view: SheetView, region: Rect) -> None:
    """Each placed label on a white tag in its link's colour. A tile shows a tag only
    whole: one its edge cuts moves inside when it lands clear of the cards there, else it is
    left to the neighbouring sheet (and the index, which lists every label in full)."""
    for tag in link_tags(view):
        if not overlaps(tag.rect, region):
            continue
        rect = _inside(tag.rect, region)
        if rect is None or (rect != tag.rect and any(overlaps(rect, card.rect) for card in view.cards)):
            continue
        colour = _link_colour(tag.link)
        paint.fill(c, theme.WHITE)
        paint.stroke(c, colour)
        paint.line_width(c, 0.5)
        paint.round_rect(c, rect.x, -rect.bottom, rect.w, rect.h, 3, do_stroke=True)
        draw_text(c, rect.x + rect.w / 2, rect.y + 10, tag.text, "cond", theme.LINK_LABEL, colour,
                  "center")


def _inside(rect: Rect, region: Rect) -> Rect | None:
    """`rect` moved the least way to lie wholly in `region`, or None when it is larger."""
    if rect.w > region.w or rect.h > region.h:
        return None
    x = min(max(rect.x, region.x), region.right - rect.w)
    y = min(max(rect.y, region.y), region.bottom - rect.h)
    return rect if (x, y) == (rect.x, rect.y) else Rect(x, y, rect.w, rect.h)

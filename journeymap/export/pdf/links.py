"""The sheet's links: curves with arrowheads in their kind's colour, and their day labels
placed once for the whole sheet by the core's label placement."""

from __future__ import annotations

from ...label_placement import LabelRequest, arrow_box, bezier_point, place_labels, route_spots
from ...layout import Rect
from . import paint, theme, typeset
from .shapes import draw_text, overlaps
from .view import LinkCallout, LinkTag, LinkView, SheetView

TAG_H = 13.0  # a link label's tag
HEAD = 7.0  # a link's arrowhead
CALLOUT = 14.0  # the numbered mark of a label that found no free spot (number: LINK_LABEL)
TITLE_W = 90.0  # card titles in the legend's list of callouts are cut to this width
LABEL_W = 150.0  # and the link labels to this

def link_in(link: LinkView, region: Rect) -> bool:
    xs = [p[0] for p in link.route.points]
    ys = [p[1] for p in link.route.points]
    return overlaps(Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1), region)


def link_colour(link: LinkView):
    if link.loop:
        return theme.LOOP
    return theme.BACKWARD if link.warning else theme.LINK


def draw_link(c, link: LinkView) -> None:
    route = link.route
    colour = link_colour(link)
    paint.stroke(c, colour)
    paint.fill(c, colour)
    paint.line_width(c, 1.2)
    if link.loop:
        c.setDash(5, 3)
    draw_arrow(c, route, HEAD, HEAD * 0.45)


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
    with no clear spot is left out (on a card it would hide text and garble the text layer):
    it becomes a numbered callout on its link (`link_callouts`)."""
    if view.link_tags is None:
        requests, texts = [], {}
        for number, link in enumerate(view.links):
            if not link.label:
                continue
            text = typeset.ellipsize(link.label, "cond", theme.LINK_LABEL, 110)
            w = typeset.width(text, "cond", theme.LINK_LABEL) + 6
            requests.append(LabelRequest(number, w, TAG_H, route_spots(link.route, w / 2 - 3)))
            texts[number] = text
        heads = [arrow_box(link.route, HEAD) for link in view.links]
        placed = place_labels([card.rect for card in view.cards] + heads, requests,
                              only_clear=True)
        view.link_tags = [LinkTag(view.links[number], texts[number], label.rect)
                          for number, label in placed.labels.items()]
        left = [r for r in requests if r.key not in placed.labels]
        view.link_callouts = _callouts(view, left, [t.rect for t in view.link_tags])
    return view.link_tags


def link_callouts(view: SheetView) -> list[LinkCallout]:
    """The labels with no free spot, as numbered marks on their links (clear of the cards
    and tags where the link leaves room), numbered left to right."""
    link_tags(view)
    return view.link_callouts or []


def _callouts(view: SheetView, left, tags: list[Rect]) -> list[LinkCallout]:
    if not left:
        return []
    marks = [LabelRequest(r.key, CALLOUT, CALLOUT, route_spots(view.links[r.key].route, 0))
             for r in left]
    placed = place_labels([card.rect for card in view.cards] + tags, marks).labels
    order = sorted(placed, key=lambda key: (placed[key].rect.x, placed[key].rect.y))
    callouts = []
    for number, key in enumerate(order, 1):
        link = view.links[key]
        ends = " → ".join(_short(t) for t in (link.source_title, link.target_title))
        callouts.append(LinkCallout(number, link, f"{_short(link.label, LABEL_W)}  {ends}",
                                    placed[key].rect))
    return callouts


def _short(title: str, room: float = TITLE_W) -> str:
    """A text for the list of callouts: whole when short, else cut after a word (never
    inside or right after a number, which would read as a different figure) with "…"."""
    if typeset.width(title, "cond", theme.LEGEND_PT) <= room:
        return title
    words = title.split()
    while words and (typeset.width(" ".join(words) + "…", "cond", theme.LEGEND_PT) > room
                     or any(ch.isdigit() for ch in words[-1]) or len(words) == len(title.split())):
        words.pop()
    if not words:
        return typeset.ellipsize(title, "cond", theme.LEGEND_PT, room)
    return " ".join(words).rstrip(",.;:·-") + "…"


def draw_callout_mark(c, x: float, y: float, number: int, colour, size: float = CALLOUT,
                      text: float = theme.LINK_LABEL) -> None:
    """A disc `size` across centred on (x, y) in PDF coordinates (y up), with its number in
    `text` points."""
    paint.fill(c, theme.WHITE)
    paint.stroke(c, colour)
    paint.line_width(c, 0.7)
    c.circle(x, y, size / 2, stroke=1, fill=1)
    c.setFillColor(colour)
    typeset.draw(c, x, y - text * 0.36, str(number), "cond-bold", text, "center")


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
        colour = link_colour(tag.link)
        paint.fill(c, theme.WHITE)
        paint.stroke(c, colour)
        paint.line_width(c, 0.5)
        paint.round_rect(c, rect.x, -rect.bottom, rect.w, rect.h, 3, do_stroke=True)
        draw_text(c, rect.x + rect.w / 2, rect.y + 10, tag.text, "cond", theme.LINK_LABEL, colour,
                  "center")
    for mark in link_callouts(view):
        if callout_in(mark, region):
            x, y = (_inside(mark.rect, region) or mark.rect).center
            draw_callout_mark(c, x, -y, mark.number, link_colour(mark.link))


def callout_in(mark: LinkCallout, region: Rect) -> bool:
    """Whether a callout belongs to `region`: its centre lies there (so on tiles each shows,
    and is listed, on one sheet, moved inside its edge when the edge cuts it)."""
    x, y = mark.rect.center
    return region.x <= x < region.right and region.y <= y < region.bottom


def _inside(rect: Rect, region: Rect) -> Rect | None:
    """`rect` moved the least way to lie wholly in `region`, or None when it is larger."""
    if rect.w > region.w or rect.h > region.h:
        return None
    x = min(max(rect.x, region.x), region.right - rect.w)
    y = min(max(rect.y, region.y), region.bottom - rect.h)
    return rect if (x, y) == (rect.x, rect.y) else Rect(x, y, rect.w, rect.h)

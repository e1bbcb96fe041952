"""The comments appendix of the journey sheet (`export --format pdf --comments`): every
comment in full, those on the map first, then card by card in the sheet's order; resolved
ones marked, a comment on a deleted card named with the card's last title."""

from __future__ import annotations

from ...comments import on_card
from ...model import Map
from ..pdf import bidi, theme
from ..pdf.flow import Line, Seg, text_lines
from .pages import heading


def comment_blocks(m: Map, width: float) -> list:
    order = {tp.id: index for index, tp in enumerate(m.touchpoints_in_display_order())}
    comments = sorted(m.comments, key=lambda c: (c.touchpoint is not None,
                                                 order.get(c.touchpoint, len(order)),
                                                 c.created))
    blocks = []
    where_before = object()
    for comment in comments:
        title, deleted = on_card(m, comment)
        where = "On the map" if title is None else (
            f"On a deleted card: {bidi.isolate(title)}" if deleted else
            f"On {bidi.isolate(title)}")
        head = heading(where, width) if where != where_before else []
        where_before = where
        state = "resolved" if comment.resolved else "open"
        when = comment.created.replace("T", " ").removesuffix("Z")
        meta = f"{bidi.isolate(comment.author) or 'someone'} · {when} UTC · {state}"
        colour = theme.MUTED if comment.resolved else theme.INK
        body = [Line([Seg(meta, "cond-bold", theme.BODY_PT, colour)], theme.BODY_PT * 1.5, 4,
                     space_before=3)]
        body += text_lines(comment.text, width, size=theme.BODY_PT, indent=10, colour=colour)
        blocks.append((head, body))
    return blocks

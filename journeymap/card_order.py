"""Where cards go in a map's touchpoint list when they are added, moved or shifted.

A card's place in its stage x lane cell is its place among that cell's cards in
`Map.touchpoints`, which is kept in display order (stage by stage, lane by lane).
"""

from __future__ import annotations

from .errors import ValidationError
from .model import Map


def insert_position(m: Map, order: list[str], cells: dict[str, tuple[str, str]],
                    cell: tuple[str, str], index: int | None) -> int:
    """Where cards go in `order` (touchpoint ids, whose cells `cells` gives) to sit at
    `index` within `cell`: before the card now at `index`, else after the cell's last
    card, else (an empty cell) before the first card of a later cell."""
    inside = [tp_id for tp_id in order if cells[tp_id] == cell]
    if index is not None and 0 <= index < len(inside):
        return order.index(inside[index])
    if inside:
        return order.index(inside[-1]) + 1
    stage_pos = m.stage_index()
    lane_pos = {ln.id: i for i, ln in enumerate(m.lanes)}
    key = (stage_pos[cell[0]], lane_pos[cell[1]])
    for position, tp_id in enumerate(order):
        stage, lane = cells[tp_id]
        if (stage_pos.get(stage, 0), lane_pos.get(lane, 0)) > key:
            return position
    return len(order)


def order_with(m: Map, ids: list[str], stage: str, lane: str, index: int | None) -> list[str]:
    """The touchpoint id order after placing `ids` in a cell at `index` within it."""
    moving = set(ids)
    cells = {t.id: (t.stage, t.lane) for t in m.touchpoints if t.id not in moving}
    order = list(cells)
    position = insert_position(m, order, cells, (stage, lane), index)
    return order[:position] + list(ids) + order[position:]


def shifted_cells(m: Map, ids: list[str], stages: int, lanes: int) -> dict[str, tuple[str, str]]:
    """Each card's cell once moved by `stages` and `lanes`; refused whole (ValidationError)
    when any card would leave the grid."""
    stage_ids = [s.id for s in m.stages]
    lane_ids = [ln.id for ln in m.lanes]
    targets: dict[str, tuple[str, str]] = {}
    for tp_id in ids:
        tp = m.touchpoint(tp_id)
        s = stage_ids.index(tp.stage) + stages
        ln = lane_ids.index(tp.lane) + lanes
        if not 0 <= s < len(stage_ids):
            end = "last" if stages > 0 else "first"
            raise ValidationError(f"'{tp.title}' would go past the {end} stage; nothing was moved.")
        if not 0 <= ln < len(lane_ids):
            end = "last" if lanes > 0 else "first"
            raise ValidationError(f"'{tp.title}' would go past the {end} lane; nothing was moved.")
        targets[tp_id] = (stage_ids[s], lane_ids[ln])
    return targets

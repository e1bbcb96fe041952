"""Keyboard navigation between cards: spatial (arrow keys) and in map order (Tab)."""

from __future__ import annotations

from journeymap.layout import Rect

# Direction -> (dx, dy) unit vector in scene coordinates (y grows downwards).
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


def neighbour(rects: dict[str, Rect], current: str, direction: str) -> str | None:
    """The card the arrow key should go to: the nearest card whose centre lies ahead in
    `direction`, preferring cards in line with the current one (off-axis distance costs
    double)."""
    if current not in rects:
        return None
    dx, dy = DIRECTIONS[direction]
    cx, cy = rects[current].center
    best, best_score = None, float("inf")
    for tp_id, rect in rects.items():
        if tp_id == current:
            continue
        x, y = rect.center
        ahead = (x - cx) * dx + (y - cy) * dy
        if ahead <= 1:
            continue
        aside = abs((x - cx) * dy) + abs((y - cy) * dx)
        score = ahead + 2 * aside
        if score < best_score:
            best, best_score = tp_id, score
    return best


def step(order: list[str], current: str | None, forward: bool) -> str | None:
    """The next (or previous) id in `order`, wrapping around; the first (last) with none."""
    if not order:
        return None
    if current not in order:
        return order[0] if forward else order[-1]
    index = order.index(current) + (1 if forward else -1)
    return order[index % len(order)]

"""Hover highlighting shared by the items that light up under the pointer."""

from __future__ import annotations

from .safety import guarded


class Hoverable:
    """Mix in before `QGraphicsItem`: keeps `_hover` and repaints when it changes. The item
    still calls `setAcceptHoverEvents(True)` where hovering should show."""

    _hover = False

    @guarded
    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    @guarded
    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

"""The card drag as a small explicit state machine: idle -> pressed -> dragging -> idle.

Qt's own item moving (ItemIsMovable) reacts to every move event the card receives while it
holds the mouse grab, including the one QGraphicsView replays when a relayout scrolls the view
during a drop. A drag started by such a replayed move never ends, and the next drop then moves
the wrong cards. So the cards are moved here, and only when:

- the left button was pressed on this card (state "pressed"),
- the move carries the left button and went past the platform's drag distance,
- the pointer really moved (a replayed event repeats the last screen position).

The state goes back to idle *before* the drop becomes a document edit, so nothing the edit
causes (relayout, scrolling, replayed events) can touch the finished gesture. Escape, focus
loss, a lost mouse grab and a map switch cancel: the cards snap back and the drop frame goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication


class DragState(Enum):
    IDLE = "idle"
    PRESSED = "pressed"
    DRAGGING = "dragging"


@dataclass
class Drop:
    """A finished drag: what moved and where the pointer let go."""

    anchor: object  # the CardItem the pointer held
    ids: set[str]
    scene_pos: QPointF
    grab_offset: QPointF  # pointer minus the anchor card's top-left, in scene units


@dataclass
class _Gesture:
    card: object
    press_scene: QPointF
    press_screen: QPointF
    last_screen: QPointF
    grab: QPointF  # where on the card the pointer pressed
    starts: dict = field(default_factory=dict)  # CardItem -> its pos() when the drag began
    links: list = field(default_factory=list)


class CardDrag:
    def __init__(self, scene) -> None:
        self.scene = scene
        self.state = DragState.IDLE
        self._gesture: _Gesture | None = None

    @property
    def active(self) -> bool:
        return self.state is DragState.DRAGGING

    def press(self, card, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.cancel()
        screen = QPointF(event.screenPos())
        self._gesture = _Gesture(card, QPointF(event.scenePos()), screen, screen,
                                 QPointF(event.pos()))
        self.state = DragState.PRESSED

    def move(self, card, event) -> None:
        gesture = self._gesture
        if self.state is DragState.IDLE or gesture is None or card is not gesture.card:
            return
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return
        screen = QPointF(event.screenPos())
        if screen == gesture.last_screen:
            return  # a replayed or synthetic event: the pointer did not move
        gesture.last_screen = screen
        if self.state is DragState.PRESSED:
            if (screen - gesture.press_screen).manhattanLength() < QApplication.startDragDistance():
                return
            self._begin(gesture)
        delta = QPointF(event.scenePos()) - gesture.press_scene
        for item, start in gesture.starts.items():
            item.setPos(start + delta)
        self.scene.follow_drag(gesture.links, QPointF(event.scenePos()))

    def release(self, card, event) -> Drop | None:
        """End the gesture; a Drop when cards were dragged (the caller turns it into an edit)."""
        gesture, was = self._gesture, self.state
        self._gesture, self.state = None, DragState.IDLE
        if was is not DragState.DRAGGING or gesture is None or card is not gesture.card:
            if was is DragState.DRAGGING:
                self._restore(gesture)
            return None
        self._end_visuals(gesture)
        return Drop(gesture.card, {c.tp_id for c in gesture.starts},
                    QPointF(event.scenePos()), gesture.grab)

    def cancel(self) -> bool:
        """Abandon the gesture (Escape, focus loss, map switch); True when a drag was undone."""
        gesture, was = self._gesture, self.state
        self._gesture, self.state = None, DragState.IDLE
        if was is DragState.DRAGGING and gesture is not None:
            self._restore(gesture)
            return True
        return False

    # -- inside ----------------------------------------------------------------------------
    def _begin(self, gesture: _Gesture) -> None:
        card = gesture.card
        if not card.isSelected():
            self.scene.clearSelection()
            card.setSelected(True)
        moving = [c for c in self.scene.selected_cards() if c.isVisible()] or [card]
        gesture.starts = {c: QPointF(c.pos()) for c in moving}
        gesture.links = self.scene.links_of({c.tp_id for c in moving})
        for c in moving:
            c.setZValue(1)
            c.setOpacity(0.9)
            if c.parentItem() is not None:
                c.parentItem().setZValue(self.scene.dragging_z)
        self.state = DragState.DRAGGING

    def _end_visuals(self, gesture: _Gesture) -> None:
        for c in gesture.starts:
            c.setZValue(0)
            c.setOpacity(1.0)
        self.scene.end_drag_visuals()

    def _restore(self, gesture: _Gesture | None) -> None:
        if gesture is None:
            return
        self._end_visuals(gesture)
        self.scene.snap_back()

"""The journey canvas: a QGraphicsScene that follows a Document, and the view that edits it."""

from .scene import JourneyScene
from .style import CanvasStyle
from .view import CanvasView

__all__ = ["CanvasStyle", "CanvasView", "JourneyScene"]

"""The canvas's graphics items, in one place for readers (each lives in its own module)."""

from .card_item import CardItem
from .connection_item import LinkItem, LinkPreview
from .emotion import EmotionItem
from .grid import CornerItem, DropMarker, GridItem, LaneContainer
from .headers import HeaderItem, LaneHeaderItem, StageHeaderItem

__all__ = [
    "CardItem", "CornerItem", "DropMarker", "EmotionItem", "GridItem", "HeaderItem",
    "LaneContainer", "LaneHeaderItem", "LinkItem", "LinkPreview", "StageHeaderItem",
]

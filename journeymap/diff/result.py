"""The typed result of a diff. Items are named by id on both sides (`old_id`, `new_id`) so the
canvas can find its cards; titles and names are the new map's where an item is in both."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    stage: str  # stage name
    lane: str  # lane name


@dataclass
class MovedTouchpoint:
    old_id: str
    new_id: str
    title: str
    old_cell: Cell
    new_cell: Cell


@dataclass
class TouchpointChange:
    old_id: str
    new_id: str
    title: str
    fields: dict[str, tuple]  # field -> (old, new); `position` is 1-based within the cell


@dataclass
class ConnectionChange:
    old_id: str
    new_id: str
    source: str  # titles, as in the new map
    target: str
    fields: dict[str, tuple]


@dataclass
class RaciChange:
    touchpoint_id: str  # the new map's
    touchpoint: str
    role: str  # the new role's name, or the removed role's
    old: str  # letters in R-A-C-I order, "" for none
    new: str


@dataclass
class NamedListDiff:
    """Stages, lanes or roles: what was added, removed, renamed, and whether the order of
    those in both changed."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    reordered: bool = False
    added_ids: list[str] = field(default_factory=list)  # new map's ids
    removed_ids: list[str] = field(default_factory=list)  # old map's ids

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.reordered)


@dataclass
class Endpoints:
    """A connection named by its ends' titles (and its id, on the side it is on)."""

    id: str
    source: str
    target: str
    source_id: str = ""  # the cards' ids on the connection's side
    target_id: str = ""


@dataclass
class MapDiff:
    old_name: str
    new_name: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (new id, title)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (old id, title)
    moved: list[MovedTouchpoint] = field(default_factory=list)
    changed: list[TouchpointChange] = field(default_factory=list)
    connections_added: list[Endpoints] = field(default_factory=list)
    connections_removed: list[Endpoints] = field(default_factory=list)
    connections_changed: list[ConnectionChange] = field(default_factory=list)
    raci: list[RaciChange] = field(default_factory=list)
    stages: NamedListDiff = field(default_factory=NamedListDiff)
    lanes: NamedListDiff = field(default_factory=NamedListDiff)
    roles: NamedListDiff = field(default_factory=NamedListDiff)
    map_fields: dict[str, tuple] = field(default_factory=dict)  # name, description, A3 ...
    figures: dict[str, tuple] = field(default_factory=dict)  # figure -> (old, new)
    # old id -> new id of every touchpoint, stage and lane in both maps (for drawing the
    # old places of removed and moved cards on the new map)
    touchpoint_pairs: dict[str, str] = field(default_factory=dict)
    stage_pairs: dict[str, str] = field(default_factory=dict)
    lane_pairs: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing changes (the figures are the same then too)."""
        return not (
            self.added or self.removed or self.moved or self.changed
            or self.connections_added or self.connections_removed or self.connections_changed
            or self.raci or self.map_fields
            or not self.stages.empty or not self.lanes.empty or not self.roles.empty
        )

    def count(self) -> int:
        """How many changes the change list has."""
        lists = (self.added, self.removed, self.moved, self.changed, self.connections_added,
                 self.connections_removed, self.connections_changed, self.raci)
        named = sum(len(d.added) + len(d.removed) + len(d.renamed) + int(d.reordered)
                    for d in (self.stages, self.lanes, self.roles))
        return sum(len(items) for items in lists) + named + len(self.map_fields)

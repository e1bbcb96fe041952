"""A new map without a template."""

from __future__ import annotations

from ..document import Document
from ..model import Map, new_id


def blank_map(name: str):
    """A new map without a template: the closed loop of seed 002 and the usual departments."""
    document = Document(Map(id=new_id("map"), name=""))
    document.set_map_fields(name=name)  # validated like any edit of the name
    for stage in ("Reach", "Engage", "Enroll", "Retain", "Develop"):
        document.add_stage(stage)
    for lane, kind, color in (
        ("Customer", "customer", "#e69f00"),
        ("Marketing", "frontstage", "#56b4e9"),
        ("Sales", "frontstage", "#009e73"),
        ("Operations", "backstage", "#0072b2"),
        ("Customer service", "frontstage", "#cc79a7"),
    ):
        document.add_lane(lane, kind=kind, color=color)
    return document.map

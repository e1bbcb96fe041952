"""What changes from one map to another: the `journeymap diff` engine.

`diff_maps(old, new)` matches the items of two maps (matching.py), compares what matched
(compute.py) and returns a typed `MapDiff` (result.py); `to_json_dict` (json_form.py) is the
`diff --json` contract, and the canvas overlay and the current -> target sheet read the type.
"""

from .compute import diff_maps
from .json_form import to_json_dict
from .result import (
    ConnectionChange,
    MapDiff,
    MovedTouchpoint,
    NamedListDiff,
    RaciChange,
    TouchpointChange,
)

__all__ = [
    "ConnectionChange",
    "MapDiff",
    "MovedTouchpoint",
    "NamedListDiff",
    "RaciChange",
    "TouchpointChange",
    "diff_maps",
    "to_json_dict",
]

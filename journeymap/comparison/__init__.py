"""Planned vs actual: a journey map against an event log.

- `matching`: which touchpoint an activity stands for; the map's canonical titles.
- `metrics`: `compare(m, log)`, the polars queries, giving a `result.Comparison`.
- `result`: the typed result (steps, variants, ends, stages, segments, period).
- `json_form`: the result as the `compare --json` object of the contract, and back.
- `text`: the command line's summary; `formatting`: days, shares and counts as text.
"""

from .json_form import from_json_dict, to_json_dict
from .metrics import compare
from .result import Comparison, Figures, Step
from .text import format_comparison

__all__ = ["Comparison", "Figures", "Step", "compare", "format_comparison", "from_json_dict",
           "to_json_dict"]

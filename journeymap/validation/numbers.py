"""Numbers Journeymap accepts: finite, and in a range a journey can have.

Every way in (the editor, the workshop sheet, the map file) checks amounts against these
limits, so no infinite, NaN or absurdly large value can reach a layout, an export or the
database. The map file's JSON Schema states the same maxima (a test keeps them equal).
"""

from __future__ import annotations

import math

# The largest value of each amount; all amounts are zero or more.
AMOUNT_MAXIMUM = {
    "days": 36_500,  # a hundred years
    "volume": 1_000_000_000,  # cases per week
    "capacity": 1_000_000_000,  # cases per week
    "cost": 1_000_000_000_000,
}
VOTES_MAXIMUM = 1_000_000  # dots one participant gives one card


_WHAT = {
    "days": "number of days",
    "volume": "weekly volume",
    "capacity": "weekly capacity",
    "cost": "cost",
}


def amount_problem(value: float | int, field: str) -> str | None:
    """None if `value` is a valid amount for `field`, else the predicate of a sentence whose
    subject is the value: `is larger than 36,500, the largest number of days Journeymap
    accepts`."""
    maximum = AMOUNT_MAXIMUM[field]
    if isinstance(value, float) and math.isnan(value):
        return "is not a number"
    if value < 0:
        return "is not a number of zero or more"
    if value > maximum:
        return f"is larger than {maximum:,}, the largest {_WHAT[field]} Journeymap accepts"
    return None


def shown_number(value: float | int) -> str:
    """A number as a message quotes it, short even for 400 digits or infinity."""
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "a number too large to hold"
        text = repr(value)
        return text if len(text) <= 20 else f"{value:.6g}"
    if abs(value) < 10**20:
        return str(value)
    try:
        return f"a number of {len(str(abs(value)))} digits"
    except ValueError:  # Python will not write out more than 4,300 digits
        return "a number of thousands of digits"

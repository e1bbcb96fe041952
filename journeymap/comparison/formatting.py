"""Days, shares and counts of a comparison as text: the one home of these rules for the
command line's summary, the Compare panel, the canvas overlay and the planned-vs-actual PDF.

Each place keeps its own look through the options (the summary says "7 days", a table
"7 d", the PDF rounds from 10 days up and from 10 % up), so all of them change together.
"""

from __future__ import annotations

import math

MISSING = "–"


def days_text(days: float | None, *, words: bool = False, whole_from: float | None = None,
              missing: str = MISSING) -> str:
    """'7 d', '2.5 d', '5 h', '20 min'; with `words` '7 days', '1 day'; from `whole_from`
    days up no decimals ('12 d'); `missing` for None (or NaN)."""
    if days is None or (isinstance(days, float) and math.isnan(days)):
        return missing
    if whole_from is not None and days >= whole_from:
        return f"{days:,.0f} " + ("days" if words else "d")
    if days >= 1 or days == 0:
        text = f"{days:.1f}".removesuffix(".0")
        if words:
            return f"{text} day" + ("" if text == "1" else "s")
        return f"{text} d"
    if days * 24 >= 1:
        return f"{days * 24:.1f}".removesuffix(".0") + " h"
    return f"{max(days * 1440, 0):.0f} min"


def share_text(part: int, whole: int, *, digits: int | None = 1, width: int = 0,
               missing: str = MISSING) -> str:
    """`part` of `whole` in per cent: '12.5 %' (`digits` decimals, right-aligned in `width`
    characters); `digits=None` gives none from 10 % up and one below ('12 %', '2.5 %');
    `missing` when `whole` is 0."""
    if not whole:
        return missing
    value = 100 * part / whole
    if digits is None:
        digits = 0 if value >= 10 or value == 0 else 1
    return f"{value:{width}.{digits}f} %"


def fraction_text(fraction: float, digits: int = 1) -> str:
    """A share given as a fraction (a variant's): 0.125 -> '12.5 %'."""
    return f"{100 * fraction:.{digits}f} %"


def count_text(n: int, noun: str) -> str:
    """'1 case', '1,204 cases'."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def step_text(source: str, target: str) -> str:
    """A step as it is shown (with a real arrow): 'A → B'."""
    return f"{source} → {target}"


def slow_badge(median: float, expected: float) -> str:
    """The overlay's badge on a connection slower than planned."""
    return f"median {median:.1f} d / exp. {expected:g} d"


def slow_sentence(median: float, expected: float) -> str:
    return f"expected {expected:g} days, the median case took {median:.1f} days"

"""The colours and weights of the RACI letters, shared by the PDF and the workbook.

Each letter has a light fill (dark text stays readable on it) and a dark ink of the same
hue. Printed in black and white the letters stay apart by three things at once: the letter
itself, its weight (R and A bold, C and I regular) and the grey of the fill, which steps
from dark to light in the order A, R, C, I (greys of about 72 %, 84 %, 93 % and 96 %).

A cell that holds several letters ("R/A") takes the fill of its most binding letter, in
the order A, R, C, I: the sheet shows who answers for a touchpoint first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LetterStyle:
    ink: str  # RRGGBB, the letter
    fill: str  # RRGGBB, the cell
    bold: bool
    meaning: str


LETTER_STYLES: dict[str, LetterStyle] = {
    "R": LetterStyle("08306B", "C6DBEF", True, "responsible"),
    "A": LetterStyle("67001F", "F4A582", True, "accountable"),
    "C": LetterStyle("00441B", "E5F5E0", False, "consulted"),
    "I": LetterStyle("3F3F3F", "F4F4F4", False, "informed"),
}
FILL_ORDER = "ARCI"  # which letter's fill a cell with several letters takes


def cell_letter(value: str) -> str | None:
    """The letter whose fill a matrix cell ("R/A", "C", "") takes; None for an empty cell."""
    for letter in FILL_ORDER:
        if letter in value:
            return letter
    return None

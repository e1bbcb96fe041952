"""Limits on what an importer reads, so that a hostile or broken file is refused in seconds
instead of filling the memory or running for hours (zip and gzip bombs, huge cells, deep XML).

Every limit has a default sized well above real files (a 5-million-row event log, a
100,000-row workshop sheet) and an environment variable that raises it for a file the user
trusts. A file beyond a limit is refused with one sentence that names the file, the limit
and the variable. The checks themselves live in `journeymap.io.guards`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import ImportFileError


class ImportLimitError(ImportFileError):
    """A file to import goes beyond one of Journeymap's limits; the message says how to raise it."""


@dataclass(frozen=True)
class Limit:
    """One limit: `what` reads in a sentence ("the limit on inflated size"), `unit` follows
    the number ("MB"), `scale` turns the number into what is counted (MB -> bytes)."""

    what: str
    env: str
    default: int
    unit: str
    scale: int = 1

    def setting(self) -> int:
        """The limit in its own unit: the environment variable if set, else the default."""
        text = os.environ.get(self.env, "").strip()
        if not text:
            return self.default
        try:
            value = int(text.replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise ImportFileError(
                f"The environment variable {self.env} is '{text}'; it must be a whole number "
                f"above 0 ({self.unit}), or unset for the default of {self.default:,}."
            )
        return value

    def value(self) -> int:
        """The limit in what is counted (bytes for MB)."""
        return self.setting() * self.scale

    def refuse(self, file: str, found: str) -> ImportLimitError:
        """`found` says what the file has, e.g. "inflates to more than 1,024 MB"."""
        return ImportLimitError(
            f"{file} {found}, beyond the limit on {self.what} ({self.setting():,} {self.unit}); "
            f"if you trust the file, set the environment variable {self.env} to a larger "
            "number and try again."
        )


_MB = 1024 * 1024

# Compressed input (XLSX parts, .xes.gz) may inflate to this much in all.
INFLATED = Limit("inflated size", "JOURNEYMAP_MAX_INFLATED_MB", 2048, "MB", _MB)
# Inflated ÷ compressed size, checked once a part or stream is past COMPRESSION_GRACE bytes:
# real XLSX and XES compress 5-30 to 1, bombs about 1,000 to 1 (Apache POI uses 100 too).
COMPRESSION = Limit("compression ratio", "JOURNEYMAP_MAX_COMPRESSION_RATIO", 100, "to 1")
COMPRESSION_GRACE = 1 * _MB
# Rows of a CSV, XLSX or Parquet file, events of an XES file, rows of a workshop sheet.
ROWS = Limit("rows", "JOURNEYMAP_MAX_ROWS", 20_000_000, "rows")
# One cell of a CSV or XLSX file (131,072 is also Python's csv default; Excel stops at 32,767).
CELL = Limit("cell length", "JOURNEYMAP_MAX_CELL_CHARS", 131_072, "characters")
# One attribute value, tag or text of an XML file (XES, the parts of an XLSX workbook).
ATTRIBUTE = Limit("attribute length", "JOURNEYMAP_MAX_ATTRIBUTE_CHARS", 131_072, "characters")
# Elements inside each other in an XML file: XES needs about 6, XLSX about 8.
DEPTH = Limit("XML nesting depth", "JOURNEYMAP_MAX_XML_DEPTH", 100, "levels")

ALL = (INFLATED, COMPRESSION, ROWS, CELL, ATTRIBUTE, DEPTH)

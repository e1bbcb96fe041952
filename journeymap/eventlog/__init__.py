"""Event-log readers: CSV, XLSX, Parquet and XES (.xes, .xes.gz) into one polars frame.

Every reader first turns the file into a table of columns with their own names (XES: the
trace's `concept:name` becomes `case:concept:name`, other trace attributes `case:KEY`, event
attributes keep their keys), then the same rules apply to all formats:

- Columns are found by exact, case-insensitive name (surrounding spaces ignored), first match
  wins: case `case:concept:name` > `case` > `customer`; activity `concept:name` > `activity`;
  time `time:timestamp` > `timestamp`. `case_col` / `activity_col` / `timestamp_col` override.
- Case ids and activities are trimmed; an empty value counts as missing.
- Timestamps: ISO 8601 (`T` or a space, fractional seconds or not, offsets `Z`, `+02:00`,
  `+0200`, `+02`), `YYYY-MM-DD HH:MM`, a date alone, and spreadsheet forms `DD/MM/YYYY`,
  `DD.MM.YYYY`, `YYYY/MM/DD` with `HH:MM[:SS]` or a 12-hour `HH:MM[:SS] AM`. Slashed dates
  (`01/03/2026`) are read day first; a file in which no date has a first number above 12
  but some date has a second number above 12 is read month first (as US spreadsheets write
  them); when both readings fit every date, day first, with a warning. XLSX and Parquet
  date-times are used as they are. Offsets are respected and everything is held in UTC; no
  offset means UTC.
- A row missing a case, an activity or a readable timestamp is skipped; one warning names how
  many and the first (its row number and why). A row with none of the three (a blank line)
  is not an event and is left out silently. A file with no readable row is an error.
- `row` is the position in the source: the spreadsheet row for CSV and XLSX (the header is
  row 1, so the first event is row 2; a quoted field spanning lines counts as one row), the
  1-based record number for Parquet, the 1-based event number in file order for XES.
- `since` / `until` keep events by their own time: `since <= time`, and `time <= until` --
  an `until` given as a bare date keeps that whole day. Cases are not completed or cut
  further; events outside the period are counted in `EventLog.outside_period`.

The frame keeps file order; `compare` sorts it by (case, time, row), so equal timestamps keep
file order. Exact duplicate rows are kept.

Every reader works under the import limits of `journeymap.io.limits` (rows, cell and attribute
length, inflated size and compression ratio, XML nesting; no DTD): XLSX archives are checked
by their declared sizes before openpyxl inflates anything, XES (UTF-8 or UTF-16, plain or
gzipped) is parsed as a stream with no tree kept, the gzip stream counted as it inflates.
A timestamp before year 1 or after year 9999 (in UTC) makes its row unreadable, so it is
skipped with the others. A Parquet column of lists or structures is refused when it is used.

Public: `read_log`, `EventLog`, `parse_times`; and for choosing columns before a read (the
editor's Compare panel): `log_format(path)`, `log_columns(path)` (the header only, cheap
except for XES) and `detect_columns(available, case_col, activity_col, timestamp_col)`;
`CORE_COLUMNS`, the frame's own columns.

The modules, one job each: `sniffing` (the format, a CSV's encoding and separator),
`readers` (CSV, XLSX, Parquet; the dispatch by format), `xes` (the streaming XES reader),
`columns` (which column is the case, the activity, the timestamp), `timestamps` (parsing
them), `normalise` (the event frame, skipped rows), `periods` (`--since` / `--until`) and
`reading` (`read_log`, which runs them in turn).
"""

from .columns import CORE_COLUMNS, by_folded_name, detect_columns
from .readers import log_columns
from .reading import EventLog, read_log
from .sniffing import log_format
from .timestamps import parse_times

__all__ = [
    "CORE_COLUMNS",
    "EventLog",
    "by_folded_name",
    "detect_columns",
    "log_columns",
    "log_format",
    "parse_times",
    "read_log",
]

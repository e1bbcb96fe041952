"""One comparison in a child process: `python -m journeymap.compare_job`.

The editor runs `read_log` + `compare` here rather than in a thread, because a polars read
cannot be interrupted: cancelling means killing this process, which costs the editor nothing.

Protocol (between our own two processes, so pickle on the way in is fine):
- stdin: a pickle of `{"map": Map, "log": path, "options": {...}}`; options are
  `case_col`, `activity_col`, `timestamp_col`, `since`, `until`, `segment` (column names and
  dates as text, None or "" for the default) and `mapping` ({activity: touchpoint title}).
- stdout: UTF-8 JSON, one message a line, in this order:
  `{"progress": text}` (several), `{"columns": [header], "detected": {"case", "activity",
  "time": column or null}}` (once the header is known), `{"warnings": [sentences]}` (if
  any), then exactly one of `{"result": {...compare result...}}` or `{"error": sentence}`.
"""

from __future__ import annotations

import json
import logging
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import ImportFileError, JourneymapError
from .model import Map

log = logging.getLogger(__name__)

Send = Callable[..., None]


# -- the log's header ----------------------------------------------------------------------
def header_columns(path: Path, *, full: bool = False) -> list[str] | None:
    """The columns of an event log, read cheaply: CSV and Parquet headers, the first XLSX row.

    XES has no header; its columns are known only after parsing it all, so None unless
    `full`. Raises `ImportFileError` when the file is no readable log at all.
    """
    from .eventlog import log_columns, log_format

    if not full and log_format(path).startswith("xes"):
        return None
    return log_columns(path)


def detect(columns: list[str], options: dict) -> dict[str, str | None]:
    """The column each role would use, by the reader's rules; None when none fits."""
    from .eventlog import detect_columns

    return detect_columns(
        columns,
        case_col=options.get("case_col") or None,
        activity_col=options.get("activity_col") or None,
        timestamp_col=options.get("timestamp_col") or None,
    )


# -- the job -----------------------------------------------------------------------------
def run(m: Map, path: Path, options: dict, send: Send) -> dict:
    """Read the log and compare it with `m`, reporting progress through `send(**message)`."""
    from .compare import compare
    from .eventlog import CORE_COLUMNS, read_log

    path = Path(path)
    send(progress=f"Reading the columns of {path.name}…")
    columns = header_columns(path)
    if columns is not None:
        send(columns=columns, detected=detect(columns, options))
    segment = options.get("segment") or None
    # Only the columns needed: a log with many attribute columns reads much faster.
    attributes = [segment] if segment else ([] if columns is not None else None)
    send(progress=f"Reading {path.name}…")
    try:
        event_log, warnings = read_log(
            path,
            case_col=options.get("case_col") or None,
            activity_col=options.get("activity_col") or None,
            timestamp_col=options.get("timestamp_col") or None,
            since=options.get("since") or None,
            until=options.get("until") or None,
            attributes=attributes,
        )
    except ImportFileError:
        if columns is None:
            _send_full_header(path, options, send)
        raise
    if columns is None:
        extras = [c for c in event_log.frame.columns if c not in CORE_COLUMNS]
        send(columns=extras, detected={})
    if warnings:
        send(warnings=warnings)
    send(progress=f"Comparing {event_log.frame.height:,} events with the map…")
    return compare(m, event_log, segment=segment, mapping=options.get("mapping") or None)


def _send_full_header(path: Path, options: dict, send: Send) -> None:
    """After a failed read, the header still helps the user pick the right columns."""
    try:
        columns = header_columns(path, full=True) or []
    except ImportFileError:
        return
    send(columns=columns, detected=detect(columns, options))


def answer(request: dict, send: Send) -> None:
    """Run one request; end with exactly one `result` or `error` message."""
    try:
        result = run(request["map"], Path(request["log"]), request.get("options") or {}, send)
    except JourneymapError as error:
        send(error=str(error))
    except MemoryError:
        send(error="The event log is too large to compare in the memory available.")
    except Exception as error:  # a bug: still one sentence for the user, the trace in the log
        log.exception("comparison failed")
        send(error=f"The comparison failed unexpectedly ({type(error).__name__}: {error}).")
    else:
        send(result=result)


def main() -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    out = sys.stdout.buffer

    def send(**message) -> None:
        out.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()

    request = pickle.load(sys.stdin.buffer)
    answer(request, send)
    return 0


if __name__ == "__main__":
    sys.exit(main())

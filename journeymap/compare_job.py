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
  any), then exactly one of `{"result": {...}}` (the comparison in its JSON form,
  `journeymap.comparison.to_json_dict`; the editor rebuilds the type with `from_json_dict`)
  or `{"error": sentence}`.
"""

from __future__ import annotations

import json
import logging
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from .comparison import Comparison
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


# -- reading and comparing: the one way, for the editor's job and the command line ---------
def log_options(options: dict) -> dict:
    """`read_log`'s column and period options from `options` ("" or None: the default)."""
    keys = ("case_col", "activity_col", "timestamp_col", "since", "until")
    return {key: options.get(key) or None for key in keys}


def compare_log(m: Map, path: Path, options: dict, *, attributes: list[str] | None,
                progress: Callable[[str], None] = lambda text: None,
                on_read: Callable | None = None) -> tuple[Comparison, list[str]]:
    """Read the event log at `path` and compare it with `m`: (result, the reader's warnings).

    `options` as in the module text; `attributes` the extra columns to read (None: all).
    `on_read(event_log, warnings)` runs between reading and comparing.
    """
    from .comparison import compare
    from .eventlog import read_log

    progress(f"Reading {path.name}…")
    event_log, warnings = read_log(path, **log_options(options), attributes=attributes)
    if on_read is not None:
        on_read(event_log, warnings)
    progress(f"Comparing {event_log.frame.height:,} events with the map…")
    result = compare(m, event_log, segment=options.get("segment") or None,
                     mapping=options.get("mapping") or None)
    return result, warnings


# -- the job -----------------------------------------------------------------------------
def run(m: Map, path: Path, options: dict, send: Send) -> Comparison:
    """Read the log and compare it with `m`, reporting progress through `send(**message)`."""
    from .eventlog import CORE_COLUMNS

    path = Path(path)
    send(progress=f"Reading the columns of {path.name}…")
    columns = header_columns(path)
    if columns is not None:
        send(columns=columns, detected=detect(columns, options))
    segment = options.get("segment") or None
    # Only the columns needed: a log with many attribute columns reads much faster.
    attributes = [segment] if segment else ([] if columns is not None else None)

    def on_read(event_log, warnings: list[str]) -> None:
        if columns is None:
            extras = [c for c in event_log.frame.columns if c not in CORE_COLUMNS]
            send(columns=extras, detected={})
        if warnings:
            send(warnings=warnings)

    try:
        result, _warnings = compare_log(m, path, options, attributes=attributes,
                                        progress=lambda text: send(progress=text),
                                        on_read=on_read)
    except ImportFileError:
        if columns is None:
            _send_full_header(path, options, send)
        raise
    return result


def _send_full_header(path: Path, options: dict, send: Send) -> None:
    """After a failed read, the header still helps the user pick the right columns."""
    try:
        columns = header_columns(path, full=True) or []
    except ImportFileError:
        return
    send(columns=columns, detected=detect(columns, options))


def answer(request: dict, send: Send) -> None:
    """Run one request; end with exactly one `result` or `error` message."""
    from .comparison import to_json_dict

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
        send(result=to_json_dict(result))


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

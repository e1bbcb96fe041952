"""The XES reader (.xes, .xes.gz; UTF-8 or UTF-16): parsed as a stream, no tree kept, under
the import limits. Each event becomes a row: the trace's `concept:name` as
`case:concept:name`, its other attributes as `case:KEY`, the event's attributes under their
keys."""

from __future__ import annotations

import gzip
from pathlib import Path

from ..errors import ImportFileError
from ..io import guards, limits
from .sniffing import not_a_log

_XES_VALUE_TAGS = {"string", "date", "int", "float", "boolean", "id"}


def read_xes(path: Path, *, gzipped: bool) -> dict[str, list]:
    """{attribute: one value (or None) per event}: the events of every trace, with `case:KEY`
    columns from the trace's attributes."""
    columns: dict[str, list] = {}
    reader = _XesReader(path.name, columns)
    try:
        with path.open("rb") as raw:
            if gzipped:
                with gzip.GzipFile(fileobj=raw) as inflating:
                    reader.parse(guards.InflateCounter(inflating, raw, path.name))
            else:
                reader.parse(raw)
    except _NotXes:
        raise not_a_log(path, "its XML root is not <log>") from None
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    for values in columns.values():
        values.extend([None] * (reader.count - len(values)))
    return columns


class _NotXes(Exception):
    """The XML's root element is not <log>."""


class _XesReader:
    """Fills `columns` (one list per attribute, padded with None) from XES parse events,
    streamed through `guards.XmlGuard` (limits on depth, value length, no DTD); `count` is
    the number of events, bounded by the row limit."""

    def __init__(self, file: str, columns: dict[str, list]) -> None:
        self.file, self.columns = file, columns
        self.count = 0
        self._most = limits.ROWS.value()
        self._stack: list[str] = []
        self._trace: dict[str, str] = {}
        self._events: list[dict[str, str]] = []

    def parse(self, stream) -> None:
        guards.XmlGuard(self.file, start=self._start, end=self._end, kind="XES").parse(stream)

    def _start(self, tag: str, attributes: dict) -> None:
        stack = self._stack
        if not stack and tag != "log":
            raise _NotXes
        parent = stack[-1] if stack else ""
        stack.append(tag)
        if tag in _XES_VALUE_TAGS and "key" in attributes:
            _take_attribute(tag, attributes, parent, self._trace, self._events)
        elif tag == "trace":
            self._trace, self._events = {}, []
        elif tag == "event":
            self._events.append({})
            if self.count + len(self._events) > self._most:
                raise limits.ROWS.refuse(self.file, f"has more than {self._most:,} events")

    def _end(self, tag: str) -> None:
        self._stack.pop()
        parent = self._stack[-1] if self._stack else ""
        if tag == "trace":
            self.count = _flush_trace(self._trace, self._events, self.columns, self.count)
        elif tag == "event" and parent == "log":  # an event outside traces
            self.count = _flush_trace({}, self._events[-1:], self.columns, self.count)
            self._events.clear()


def _take_attribute(tag: str, attributes: dict, parent: str, trace: dict, events: list) -> None:
    """Direct attributes of an event or a trace; nested (list, container) values are left."""
    key, value = attributes["key"], attributes.get("value")
    if parent == "event" and events:
        events[-1][key] = value
    elif parent == "trace":
        trace[f"case:{key}"] = value


def _flush_trace(trace: dict, events: list[dict], columns: dict[str, list], count: int) -> int:
    for event in events:
        row = {**trace, **event}
        for key, value in row.items():
            column = columns.get(key)
            if column is None:
                column = columns[key] = []
            column.extend([None] * (count - len(column)))
            column.append(value)
        count += 1
    events.clear()
    return count

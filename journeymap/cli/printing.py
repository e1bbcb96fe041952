"""What the commands print on stdout: user text with control characters escaped.

A map name, a card title or a log's activity can hold anything a workspace stored before the
text rule, or anything an event log brings; printed raw, ESC or BEL could retitle or rewrite
the user's terminal, and a line break could forge a line. So the values a report quotes are
escaped before the report is built (`shown_map`, and `format_comparison(shown=escaped)` for
a comparison: a line break inside a title becomes `\\x0a`), and the finished text once more
(see `journeymap.validation.characters`). JSON is printed with the same characters as `\\uNNNN` escapes,
so it stays the same JSON value.
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import fields

from ..model import COLLECTIONS, Map
from ..validation.characters import escaped, is_multiline, json_safe


def write_report(text: str) -> None:
    """A multi-line report (check, compare): line breaks and tabs kept, the rest escaped."""
    sys.stdout.write(escaped(text, keep_newlines=True))


def write_line(text: str) -> None:
    """One line of output; a line break inside a value is shown as `\\x0a`."""
    sys.stdout.write(escaped(text) + "\n")


def write_json(value) -> None:
    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def shown_map(m: Map) -> Map:
    """A copy of `m` whose text fields are escaped for display (ids and numbers unchanged)."""
    shown = copy.deepcopy(m)
    _escape_fields(shown)
    for collection in COLLECTIONS:
        for item in getattr(shown, collection):
            _escape_fields(item)
    return shown


def _escape_fields(item) -> None:
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, str) and f.name != "id":
            setattr(item, f.name, escaped(value, keep_newlines=is_multiline(f.name)))

"""What the commands print on stdout: user text with control characters escaped.

A map name, a card title or a log's activity can hold anything a workspace stored before the
text rule, or anything an event log brings; printed raw, ESC or BEL could retitle or rewrite
the user's terminal. Reports keep their own line breaks and tabs; every other refused
character is shown as `\\xNN` (see `journeymap.text_rules`). JSON is printed with the same
characters as `\\uNNNN` escapes, so it stays the same JSON value.
"""

from __future__ import annotations

import json
import sys

from ..text_rules import escaped, json_safe


def write_report(text: str) -> None:
    """A multi-line report (check, compare): line breaks and tabs kept, the rest escaped."""
    sys.stdout.write(escaped(text, keep_newlines=True))


def write_line(text: str) -> None:
    """One line of output; a line break inside a value is shown as `\\x0a`."""
    sys.stdout.write(escaped(text) + "\n")


def write_json(value) -> None:
    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")

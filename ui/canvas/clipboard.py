"""Copying cards: an in-process list plus JSON text on the system clipboard.

The JSON lets cards travel between two Journeymap windows or processes. The clipboard can
hold anything, so only the shape is read here (unknown keys dropped, a missing or blank
title named "Pasted touchpoint"); the values are judged by the document's paste, with the
rules of an edit (`journeymap.validation`), and a bad card refuses the paste in the same
sentence an edit would get. Plain text pastes as one new card per line, like sticky notes.
Votes never travel: a pasted card starts without dots, wherever it came from.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, fields

from journeymap.model import Touchpoint

FORMAT = "journeymap-touchpoints"
MAX_LINES = 200  # a pasted text longer than this is not a list of sticky notes
LINE_TITLE = 500  # a sticky note's title is the first this many characters of its line
UNTITLED = "Pasted touchpoint"

_local: list[Touchpoint] = []
_SKIP = {"id", "stage", "lane", "votes"}  # a paste gets a new id, cell, and no dots


def remember(touchpoints: list[Touchpoint]) -> str:
    """Keep copies for an in-process paste; return the JSON for the system clipboard."""
    _local[:] = [_without_votes(tp) for tp in touchpoints]
    payload = {"format": FORMAT, "touchpoints": [asdict(tp) for tp in _local]}
    return json.dumps(payload, ensure_ascii=False)


def _without_votes(tp: Touchpoint) -> Touchpoint:
    twin = copy.deepcopy(tp)
    twin.votes = {}
    return twin


def local() -> list[Touchpoint]:
    return [copy.deepcopy(tp) for tp in _local]


def from_text(text: str) -> list[Touchpoint] | None:
    """Touchpoints from clipboard text: our JSON, or one per line of plain text."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.startswith("{"):
        try:
            payload = json.loads(stripped)
        except ValueError:
            payload = None
        if isinstance(payload, dict) and payload.get("format") == FORMAT:
            items = payload.get("touchpoints")
            return [_touchpoint(item) for item in items if isinstance(item, dict)] \
                if isinstance(items, list) else None
    lines = [line.strip() for line in stripped.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        return None
    return [Touchpoint(id=f"clip-{i}", title=line[:LINE_TITLE], stage="", lane="")
            for i, line in enumerate(lines)]


def _touchpoint(data: dict) -> Touchpoint:
    tp = Touchpoint(id=str(data.get("id") or "clip"), title=UNTITLED,
                    stage=str(data.get("stage", "")), lane=str(data.get("lane", "")))
    for f in fields(Touchpoint):
        if f.name not in _SKIP and f.name in data:
            setattr(tp, f.name, data[f.name])
    if isinstance(tp.title, str) and not tp.title.strip():
        tp.title = UNTITLED
    return tp

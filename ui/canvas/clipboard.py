"""Copying cards: an in-process list plus JSON text on the system clipboard.

The JSON lets cards travel between two Journeymap windows or processes; it is read back
defensively (unknown keys dropped, values of the wrong type reset), because the clipboard
can hold anything. Plain text pastes as one new card per line, like sticky notes.
Votes never travel: a pasted card starts without dots, wherever it came from.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import asdict, fields

from journeymap.model import EVIDENCE_LEVELS, EXPERIENCE_RANGE, Touchpoint, normalise_raci

FORMAT = "journeymap-touchpoints"
MAX_LINES = 200  # a pasted text longer than this is not a list of sticky notes

_local: list[Touchpoint] = []
_FLOAT_FIELDS = {"days", "volume", "cost"}
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
    return [Touchpoint(id=f"clip-{i}", title=line[:500], stage="", lane="")
            for i, line in enumerate(lines)]


def _touchpoint(data: dict) -> Touchpoint:
    tp = Touchpoint(id=str(data.get("id") or "clip"), title="Pasted touchpoint",
                    stage=str(data.get("stage", "")), lane=str(data.get("lane", "")))
    for f in fields(Touchpoint):
        if f.name in _SKIP or f.name not in data:
            continue
        value = _clean(f.name, data[f.name], getattr(tp, f.name))
        setattr(tp, f.name, value)
    if not tp.title.strip():
        tp.title = "Pasted touchpoint"
    return tp


def _clean(name: str, value, default):
    if name in _FLOAT_FIELDS:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok and math.isfinite(value) and value >= 0 else None
    if name == "experience":
        low, high = EXPERIENCE_RANGE
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return value if ok else None
    if name == "moment_of_truth":
        return bool(value)
    if name == "evidence":
        return value if value in EVIDENCE_LEVELS else default
    if name == "raci":
        if not isinstance(value, dict):
            return {}
        letters = {str(k): normalise_raci(v) for k, v in value.items() if isinstance(v, str)}
        return {k: v for k, v in letters.items() if v}
    return value[:20_000] if isinstance(value, str) else default

"""Which touchpoint an event-log activity stands for.

An activity matches a touchpoint whose title is the same text ignoring case and surrounding
or repeated spaces (the first such touchpoint in map order when titles repeat). Activities
that match no title are looked up, the same way, in the mapping given for this comparison
(`--mapping FILE`, activity -> touchpoint title), then in the mapping saved with the map
(`Map.mapping`, activity -> touchpoint id). A title match always wins: a mapping only covers
the rest. An entry of the saved mapping whose touchpoint was deleted is ignored.

A mapping file is either
- CSV (`,` or `;`, UTF-8 with or without BOM) with a header naming the columns `activity`
  and `touchpoint` (case-insensitive; `title` is accepted for `touchpoint`), one activity a
  row; or
- JSON: one object `{"activity": "touchpoint title", ...}`.

Activities and titles are one-line text that follows `characters` (no control characters but
tab); a refused one is an error naming the row (CSV) or the activity (JSON).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from .errors import ImportFileError, ValidationError
from .model import Map, Touchpoint
from .validation.characters import escaped, problem


def normalise(name: str) -> str:
    """The form names are compared in: case folded, spaces trimmed and collapsed."""
    return " ".join(name.split()).casefold()


def read_mapping(path: Path) -> dict[str, str]:
    """Read a mapping file (see the module docstring) into {activity: touchpoint title}."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportFileError(f"The mapping file {path} does not exist.") from None
    except IsADirectoryError:
        raise ImportFileError(f"The mapping file {path} is a folder, not a file.") from None
    except OSError as exc:
        raise ImportFileError(
            f"The mapping file {path} cannot be read: {exc.strerror or exc}."
        ) from None
    except UnicodeDecodeError:
        raise ImportFileError(f"The mapping file {path.name} is not UTF-8 text.") from None
    if text.lstrip().startswith(("{", "[")):
        return _mapping_from_json(text, path.name)
    return _mapping_from_csv(text, path.name)


def _mapping_from_json(text: str, name: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"The mapping file {name} is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise ImportFileError(
            f"The mapping file {name} nests lists or objects too deeply to be a mapping; it "
            'must hold one JSON object {"activity": "touchpoint title", ...}.'
        ) from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise ImportFileError(f"The mapping file {name} is not valid JSON: {exc}.") from None
    if not isinstance(data, dict):
        raise ImportFileError(
            f"The mapping file {name} must hold one JSON object "
            '{"activity": "touchpoint title", ...}, not a list.'
        )
    result: dict[str, str] = {}
    for activity, title in data.items():
        if not isinstance(title, str) or not title.strip() or not activity.strip():
            shown = _quoted(title) if isinstance(title, str) else _json_shown(title)
            raise ImportFileError(
                f"The mapping file {name} maps activity {_quoted(activity)} to {shown}; "
                "each activity needs a touchpoint title as text."
            )
        _check_text(activity, f"The mapping file {name}, activity {_quoted(activity)}")
        _check_text(title, f"The mapping file {name}, the title for activity {_quoted(activity)}")
        result[activity] = title
    return result


def _mapping_from_csv(text: str, name: str) -> dict[str, str]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ImportFileError(f"The mapping file {name} is empty.")
    header = [normalise(cell) for cell in rows[0]]
    activity = _column(header, ("activity",), name, rows[0])
    title = _column(header, ("touchpoint", "title"), name, rows[0])
    result: dict[str, str] = {}
    seen: dict[str, tuple[str, int]] = {}  # activity key -> (title key, first row)
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        act = row[activity] if activity < len(row) else ""
        tp = row[title] if title < len(row) else ""
        _check_text(act, f"The mapping file {name}, row {number}, column activity")
        _check_text(tp, f"The mapping file {name}, row {number}, column touchpoint")
        act, tp = act.strip(), tp.strip()
        if not act or not tp:
            missing = "activity" if not act else "touchpoint"
            raise ImportFileError(f"The mapping file {name}, row {number}, has no {missing}.")
        key, earlier = normalise(act), seen.get(normalise(act))
        if earlier is not None and earlier[0] != normalise(tp):
            raise ImportFileError(
                f"The mapping file {name} maps activity {_quoted(act)} twice, to different "
                f"touchpoints (rows {earlier[1]} and {number})."
            )
        seen.setdefault(key, (normalise(tp), number))
        result[act] = tp
    return result


def _check_text(text: str, where: str) -> None:
    """Refuse text against validation.characters: control characters anywhere (str.strip would drop some
    at the ends), a line break inside the name."""
    clause = problem(text, multiline=True) or problem(text.strip(), multiline=False)
    if clause is not None:
        raise ImportFileError(f"{where}: the text {clause}.")


def _quoted(text: str) -> str:
    """'text' for a message, control characters shown as \\xNN."""
    return f"'{escaped(text)}'"


def _json_shown(value) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _column(header: list[str], names: tuple[str, ...], file: str, raw: list[str]) -> int:
    for wanted in names:
        if wanted in header:
            return header.index(wanted)
    raise ImportFileError(
        f"The mapping file {file} has no '{names[0]}' column; its header is: "
        f"{', '.join(raw) or 'empty'}."
    )


def resolve(
    m: Map, activities: Iterable[str], mapping: dict[str, str] | None = None
) -> dict[str, Touchpoint]:
    """{activity: touchpoint} for every activity that matches one; the rest are unmatched.

    Raises `ValidationError` when `mapping` names a title the map does not have.
    """
    by_title: dict[str, Touchpoint] = {}
    for tp in m.touchpoints:
        by_title.setdefault(normalise(tp.title), tp)
    chosen = _given_mapping(m, by_title, mapping or {})
    by_id = {tp.id: tp for tp in m.touchpoints}
    saved = {normalise(a): by_id[t] for a, t in m.mapping.items() if t in by_id}
    result = {}
    for activity in activities:
        key = normalise(activity)
        tp = by_title.get(key) or chosen.get(key) or saved.get(key)
        if tp is not None:
            result[activity] = tp
    return result


def _given_mapping(
    m: Map, by_title: dict[str, Touchpoint], mapping: dict[str, str]
) -> dict[str, Touchpoint]:
    chosen = {}
    for activity, title in mapping.items():
        tp = by_title.get(normalise(title))
        if tp is None:
            raise ValidationError(
                f"The mapping sends activity {_quoted(activity)} to {_quoted(title)}, but map "
                f"{_quoted(m.name)} has no touchpoint with that title."
            )
        chosen[normalise(activity)] = tp
    return chosen

"""The JSON map file: `{"format": "journeymap", "version": 2, "map": {...}}`.

Version 2 added `participants` ([{"name", "colour"}], in the order they joined) and
`dot_budget`; version-1 files still import.

`map` holds every field of the Map dataclass in declaration order, then the flat lists
(personas, stages, lanes, roles, touchpoints, connections) in display order, each item with
all of its fields. Amounts (days, volume, cost, capacity) are always written as floats
(`3.0`) and read back as floats, so export -> import -> export gives the same bytes. The JSON
Schema in `resources/journeymap.schema.json` documents each field; reading checks it, then
holds the map to the rules of an edit (`journeymap.validation`: references between items,
text, each field's rule), and names the JSON path of the first problem.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from dataclasses import fields
from pathlib import Path

from ..errors import ImportFileError, ValidationError
from ..model import CLASS_OF_KIND, COLLECTIONS, KIND_OF_COLLECTION, Map, new_id
from ..resources import resource_path
from ..validation import (
    MapValidationError,
    checked_map_name,
    json_path,
    shown_key,
    validate_map,
)
from ..validation.characters import is_multiline, normalise_line_breaks, quoted

FORMAT = "journeymap"
FORMAT_VERSION = 2  # 2 added the workshop participants and the dot budget
_AMOUNT_FIELDS = {"days", "volume", "cost", "capacity"}
_PATTERN_WORDS = {
    "^#[0-9a-fA-F]{6}$": "a colour like #1f77b4",
    "^R?A?C?I?$": 'RACI letters in R, A, C, I order (like "RA")',
}


# -- writing ---------------------------------------------------------------------------------
def _sorted_dict(value: dict, rank=None) -> dict:
    """A dict in a canonical order, so the bytes do not depend on how it was built."""
    if rank is None:
        return dict(sorted(value.items()))
    last = len(rank)
    return dict(sorted(value.items(), key=lambda item: (rank.get(item[0], last), item[0])))


def _item_dict(item, role_rank: dict[str, int]) -> dict:
    result = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name in _AMOUNT_FIELDS and value is not None:
            value = float(value)
        elif f.name == "raci":
            value = _sorted_dict(value, role_rank)  # in the map's role order
        elif isinstance(value, dict):
            value = _sorted_dict(value)
        result[f.name] = value
    return result


def map_to_dict(m: Map) -> dict:
    """The map file's envelope with the whole map in it (plain JSON types, no timestamps).

    Lists keep their (display) order; inside `raci` roles follow the map's role order, and
    `votes` and `mapping` are sorted by key.
    """
    role_rank = {role.id: index for index, role in enumerate(m.roles)}
    body = {}
    for f in fields(Map):
        if f.name == "id":
            continue  # the workspace's id for the map, not part of the map (see _build_map)
        value = getattr(m, f.name)
        if f.name in COLLECTIONS:
            value = [_item_dict(item, role_rank) for item in value]
        elif f.name == "participants":  # in the order they joined
            value = [{"name": name, "colour": colour} for name, colour in value.items()]
        elif isinstance(value, dict):
            value = _sorted_dict(value)
        body[f.name] = value
    return {"format": FORMAT, "version": FORMAT_VERSION, "map": body}


def map_to_json(m: Map) -> str:
    """The canonical text of a map file: 2-space indent, UTF-8 characters, final newline."""
    return json.dumps(map_to_dict(m), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_map_file(m: Map, path: Path) -> None:
    Path(path).write_bytes(map_to_json(m).encode("utf-8"))


# -- reading ---------------------------------------------------------------------------------
def read_map_file(path: Path) -> Map:
    """The map stored in a JSON map file, ids and name as in the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc
    if not data.strip():
        raise ImportFileError(f"{path.name} is empty.")
    if b"\x00" in data:
        raise ImportFileError(f"{path.name} is a binary file, not a JSON map file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path.name} must be UTF-8 text, but it is not.") from exc
    try:
        parsed = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ImportFileError(
            f"{path.name} nests lists or objects more deeply than any map file does "
            f"(Python's limit is about {sys.getrecursionlimit()} levels), so it is not a map file."
        ) from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except ValueError as exc:
        raise ImportFileError(f"{path.name} is not valid JSON: {exc}.") from exc
    return map_from_dict(parsed, path.name)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def map_from_dict(data: dict, source: str = "map file") -> Map:
    """A Map from a parsed map file; ImportFileError names `source` and the JSON path."""
    _check_envelope(data, source)
    error = _first_schema_error(data)
    if error is not None:
        path = json_path(error.absolute_path)
        raise ImportFileError(f"{source}, at {path}: {_schema_message(error)}.")
    journey_map = _build_map(data["map"])
    try:  # the rules of an edit, for every item of the map
        validate_map(journey_map, source)
    except MapValidationError as error:
        raise ImportFileError(str(error)) from None
    return journey_map


def map_from_stored_dict(data: dict, source: str) -> Map:
    """A map Journeymap itself wrote (a version in the workspace): held to the rules of an
    edit without the JSON Schema pass, which costs most of the time on a large map; a
    shape the builder cannot take gets the full reader, and its precise sentence."""
    try:
        _check_envelope(data, source)
        journey_map = _build_map(data["map"])
    except (KeyError, TypeError, AttributeError, ValueError):
        return map_from_dict(data, source)
    try:
        validate_map(journey_map, source)
    except MapValidationError as error:
        raise ImportFileError(str(error)) from None
    return journey_map


def read_any(path: Path, name: str | None = None) -> tuple[Map, list[str]]:
    """A new map from a workshop sheet (.csv, .xlsx) or a map file (.json), with warnings.

    A map file keeps its own name unless `name` is given.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    name = checked_map_name(name, "The map name given") if name and name.strip() else None
    if suffix in (".csv", ".xlsx"):
        from .sheet_read import read_sheet

        # Named after the file unless given a name; a file's name may hold anything.
        return read_sheet(path, name or _name_from_file(path))
    if suffix == ".json":
        journey_map = read_map_file(path)
        if name:
            journey_map.name = name
        return journey_map, []
    kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
    raise ImportFileError(
        f"{path.name}: Journeymap imports .csv and .xlsx workshop sheets and .json map files, "
        f"not {kind}."
    )


def _name_from_file(path: Path) -> str:
    try:
        return checked_map_name(path.stem, f"The file name {quoted(path.name)}")
    except ValidationError as exc:
        raise ImportFileError(f"{exc} Give the map a name with --name.") from None


def _check_envelope(data, source: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError(
            f'{source} is not a Journeymap map file (it lacks "format": "{FORMAT}").'
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFileError(
            f"{source} has no valid map file version (a whole number from 1), "
            f"but {shown_key(version)}."
        )
    if version > FORMAT_VERSION:
        raise ImportFileError(
            f"{source} was made by a newer Journeymap (map file version {version}); this "
            f"version reads version {FORMAT_VERSION}, so update Journeymap to open it."
        )


@functools.cache
def _validator():
    from jsonschema import Draft202012Validator  # imported only when a map file is read

    schema = json.loads(resource_path("journeymap.schema.json").read_text(encoding="utf-8"))
    # Inlining the local $refs once makes validation about 40% faster (no lookups per item).
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


def _inline_refs(node, defs: dict):
    """The schema with every `{"$ref": "#/$defs/x", ...}` replaced by x merged with the rest."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        result.update(_inline_refs(defs[ref.removeprefix("#/$defs/")], defs))
    for key, value in node.items():
        if key not in ("$ref", "$defs"):
            result[key] = _inline_refs(value, defs)
    return result


def _first_schema_error(data):
    from jsonschema.exceptions import best_match

    return best_match(_validator().iter_errors(data))


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}


def _schema_message(error) -> str:
    """One plain clause for a JSON Schema error."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    if keyword in ("minimum", "maximum") and isinstance(instance, float) and math.isinf(instance):
        return "the number is too large to hold (beyond about 1.8e308)"
    if keyword == "type":
        expected = [value] if isinstance(value, str) else value
        return f"{shown_key(instance)} is not {' or '.join(_TYPE_WORDS[t] for t in expected)}"
    if keyword == "minimum":
        return f"{shown_key(instance)} is below the minimum of {value}"
    if keyword == "maximum":
        return f"{shown_key(instance)} is above the maximum of {value}"
    if keyword == "enum":
        return f"{shown_key(instance)} is not one of {', '.join(shown_key(v) for v in value)}"
    if keyword == "required":
        missing = next((n for n in value if n not in instance), value[0])
        return f'the field "{missing}" is missing'
    if keyword == "additionalProperties" and isinstance(value, bool):
        extra = sorted(set(instance) - set(error.schema.get("properties", {})))
        return f'"{extra[0] if extra else "?"}" is not a field Journeymap knows here'
    if keyword in ("pattern", "minLength") and isinstance(instance, str) and not instance.strip():
        return "it must not be empty"
    if keyword == "pattern" and value in _PATTERN_WORDS:
        return f"{shown_key(instance)} is not {_PATTERN_WORDS[value]}"
    if keyword == "maxLength":
        return f"the text is longer than {value} characters"
    return error.message


def _build_item(kind: str, data: dict):
    values = {}
    for name, value in data.items():
        if isinstance(value, str) and is_multiline(name):
            value = normalise_line_breaks(value)
        elif name in _AMOUNT_FIELDS and value is not None:
            value = float(value)
        elif name == "experience" and value is not None:
            value = int(value)
        elif name == "votes":
            value = {participant: int(dots) for participant, dots in value.items()}
        elif isinstance(value, dict):
            value = dict(value)
        values[name] = value
    return CLASS_OF_KIND[kind](**values)


def _build_map(body: dict) -> Map:
    # A map's id names it inside one workspace; a file may be imported many times, so each
    # import gets a fresh one (the ids of stages, lanes, cards … are kept).
    values = {"id": new_id("map")}  # the workspace checks it against its own maps
    for name, value in body.items():
        if name == "id":
            continue
        if isinstance(value, str) and is_multiline(name):
            value = normalise_line_breaks(value)
        elif name in COLLECTIONS:
            kind = KIND_OF_COLLECTION[name]
            value = [_build_item(kind, item) for item in value]
        elif name == "participants":
            value = {entry["name"]: entry["colour"] for entry in value}
        elif isinstance(value, dict):
            value = dict(value)
        values[name] = value
    return Map(**values)

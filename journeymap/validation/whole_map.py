"""A map that comes in whole - from a workshop sheet or a map file - is held to the same
rules as an edit, item by item, before anything uses it (`validate_map`); a map to be stored
in a workspace to the structure's rules (`check_structure`).

The first broken rule is a `MapProblem` naming its place in the map; `validate_map` raises
it as `MapValidationError`, whose `problem` the importers turn into their own sentence (a
sheet's row, a map file's JSON path). Order: the structure (ids, references), then the
characters of every text, then each field's own rule, so a file's first problem is named.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from ..errors import ValidationError
from ..model import COLLECTIONS, KIND_OF_COLLECTION, Map
from ..text_rules import is_multiline
from .structure import MapProblem, structure_problems
from .text import cell_problem, line_problem
from .values import REFERENCE_FIELDS, checked_map_values, checked_value, is_plain_text


class MapValidationError(ValidationError):
    """A whole map breaks a rule; `problem` says where and what."""

    def __init__(self, problem: MapProblem, source: str) -> None:
        super().__init__(problem.sentence(source))
        self.problem = problem


def validate_map(m: Map, source: str | None = None) -> None:
    """Refuse `m` (`MapValidationError`) unless every item follows the rules of an edit."""
    problem = next(map_problems(m), None)
    if problem is not None:
        raise MapValidationError(problem, source or f"The map '{m.name}'")


def check_structure(m: Map, source: str | None = None) -> None:
    """Refuse `m` (`MapValidationError`) if its ids repeat or its cards and connections point
    nowhere: what a workspace needs to store a map. Storage keeps any text and value, and
    RACI letters of roles gone (older workspaces hold what today's edits refuse)."""
    problem = next(structure_problems(m, raci=False), None)
    if problem is not None:
        raise MapValidationError(problem, source or f"The map '{m.name}'")


def map_problems(m: Map) -> Iterator[MapProblem]:
    yield from structure_problems(m)
    yield from _text_problems(m)
    yield from _value_problems(m)


def _text_problems(m: Map) -> Iterator[MapProblem]:
    """Every string of the map (values, and the keys of votes, RACI and the log mapping)
    against the length and `text_rules`; multi-line only in multi-line fields."""
    for name, value in _fields(m):
        yield from _text_of((name,), name, value)
    for collection in COLLECTIONS:
        for index, item in enumerate(getattr(m, collection)):
            for name, value in _fields(item):
                yield from _text_of((collection, index, name), name, value)


def _text_of(path: tuple, name: str, value) -> Iterator[MapProblem]:
    if isinstance(value, str):
        clause = cell_problem(value, value, multiline=is_multiline(name))
        if clause is not None:
            yield MapProblem(path, f"the text {clause}")
    elif isinstance(value, dict):
        for key, inner in value.items():
            for text in (key, inner):
                if isinstance(text, str):
                    clause = line_problem(text, text, multiline=False)
                    if clause is not None:
                        yield MapProblem((*path, key), f"the text {clause}")


def _value_problems(m: Map) -> Iterator[MapProblem]:
    """Each field's own rule (names not empty, numbers in range, known choices ...), as
    `values` applies it to an edit; texts already passed `_text_problems`."""
    for name, value in _fields(m):
        if name not in COLLECTIONS and not (isinstance(value, str) and is_plain_text("map", name)):
            yield from _refusal((name,), checked_map_values, {name: value})
    for collection in COLLECTIONS:
        kind = KIND_OF_COLLECTION[collection]
        for index, item in enumerate(getattr(m, collection)):
            for name, value in _fields(item):
                if name in REFERENCE_FIELDS or (
                    isinstance(value, str) and is_plain_text(kind, name)
                ):
                    continue
                yield from _refusal((collection, index, name), checked_value, kind, name, value)


def _refusal(path: tuple, check, *args) -> Iterator[MapProblem]:
    try:
        check(*args)
    except ValidationError as error:
        yield MapProblem(path, str(error).rstrip("."))


def _fields(obj) -> Iterator[tuple[str, object]]:
    """The fields of a map or an item; a map's own id belongs to the workspace, not to it."""
    for f in fields(obj):
        if not (f.name == "id" and isinstance(obj, Map)):
            yield f.name, getattr(obj, f.name)

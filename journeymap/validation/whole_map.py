"""A map that comes in whole - from a workshop sheet or a map file - is held to the same
rules as an edit, item by item, before anything uses it (`validate_map`); a map to be stored
in a workspace to the structure's rules (`check_structure`).

The first broken rule is a `MapProblem` naming its place in the map; `validate_map` raises
it as `MapValidationError`, whose `problem` the importers turn into their own sentence (a
sheet's row, a map file's JSON path). Order: the structure (ids, references), then the
characters of every text, then each field's own rule, so a file's first problem is named.
"""

from __future__ import annotations

from dataclasses import fields

from ..errors import ValidationError
from ..model import CLASS_OF_KIND, COLLECTIONS, KIND_OF_COLLECTION, Map
from .characters import is_multiline, problem
from .structure import MapProblem, structure_problems
from .text import TEXT_LIMIT, cell_problem, line_problem
from .values import REFERENCE_FIELDS, checked_map_values, checked_value, is_plain_text


class MapValidationError(ValidationError):
    """A whole map breaks a rule; `problem` says where and what."""

    def __init__(self, problem: MapProblem, source: str) -> None:
        super().__init__(problem.sentence(source))
        self.problem = problem


def validate_map(m: Map, source: str | None = None) -> None:
    """Refuse `m` (`MapValidationError`) unless every item follows the rules of an edit."""
    problem = first_problem(m)
    if problem is not None:
        raise MapValidationError(problem, source or f"The map '{m.name}'")


def check_structure(m: Map, source: str | None = None) -> None:
    """Refuse `m` (`MapValidationError`) if its ids repeat or its cards and connections point
    nowhere: what a workspace needs to store a map. Storage keeps any text and value, and
    RACI letters of roles gone (older workspaces hold what today's edits refuse)."""
    problem = next(structure_problems(m, raci=False), None)
    if problem is not None:
        raise MapValidationError(problem, source or f"The map '{m.name}'")


def first_problem(m: Map) -> MapProblem | None:
    """The first rule `m` breaks: structure, then texts, then values; None if it has none."""
    return next(structure_problems(m), None) or _text_problem(m) or _value_problem(m)


def _text_problem(m: Map) -> MapProblem | None:
    """The first string of the map (values, and the keys of votes, RACI and the log
    mapping) that the length or `characters` refuse; multi-line only in multi-line fields."""
    for name in _MAP_FIELDS:
        found = _text_of((name,), name, getattr(m, name))
        if found is not None:
            return found
    for collection, kind in KIND_OF_COLLECTION.items():
        names = _ITEM_FIELDS[kind]
        for index, item in enumerate(getattr(m, collection)):
            if _plainly_fine(kind, item):
                continue
            for name in names:
                found = _text_of((collection, index, name), name, getattr(item, name))
                if found is not None:
                    return found
    return None


def _plainly_fine(kind: str, item) -> bool:
    """All of an item's texts pass, asked in one go (a shortcut for large maps: the field
    at fault is looked for only when this says no). Tabs join the texts, as any text may
    hold them; the one-line texts and the keys and values of its dicts must not break."""
    try:
        lines = "\t".join([getattr(item, name) for name in _ONE_LINE[kind]]
                          + [key for name in _DICTS[kind] for key in getattr(item, name)]
                          + [text for name in _TEXT_DICTS[kind] for text in getattr(item, name)
                             .values()])
        multi = "\t".join([getattr(item, name) for name in _MULTI_LINE[kind]])
    except (TypeError, AttributeError):  # a value of another type: asked field by field
        return False
    return (len(lines) + len(multi) <= TEXT_LIMIT and problem(lines) is None
            and problem(multi, multiline=True) is None)


def _text_of(path: tuple, name: str, value) -> MapProblem | None:
    if isinstance(value, str):
        clause = cell_problem(value, value, multiline=is_multiline(name))
        if clause is not None:
            return MapProblem(path, f"the text {clause}")
    elif isinstance(value, dict):
        for key, inner in value.items():
            for text in (key, inner):
                if isinstance(text, str):
                    clause = line_problem(text, text, multiline=False)
                    if clause is not None:
                        return MapProblem((*path, key), f"the text {clause}")
    return None


def _value_problem(m: Map) -> MapProblem | None:
    """The first field whose own rule (names not empty, numbers in range, known choices ...)
    `values` refuses, as for an edit; texts already passed `_text_problem`."""
    for name in _MAP_FIELDS:
        value = getattr(m, name)
        if not (isinstance(value, str) and is_plain_text("map", name)):
            found = _refusal((name,), checked_map_values, {name: value})
            if found is not None:
                return found
    for collection, kind in KIND_OF_COLLECTION.items():
        judged, plain = _JUDGED[kind], _PLAIN[kind]
        for index, item in enumerate(getattr(m, collection)):
            for name in judged:
                found = _refusal((collection, index, name), checked_value, kind, name,
                                 getattr(item, name))
                if found is not None:
                    return found
            for name in plain:  # free text of another type than str (a broken source)
                value = getattr(item, name)
                if not isinstance(value, str):
                    found = _refusal((collection, index, name), checked_value, kind, name, value)
                    if found is not None:
                        return found
    return None


def _refusal(path: tuple, check, *args) -> MapProblem | None:
    try:
        check(*args)
    except ValidationError as error:
        return MapProblem(path, str(error).rstrip("."))
    return None


# Field names, looked up once: a map's own fields (its id belongs to the workspace, and its
# lists are walked item by item), each kind's fields, and those with a rule beyond text.
_MAP_FIELDS = tuple(f.name for f in fields(Map) if f.name != "id" and f.name not in COLLECTIONS)
_ITEM_FIELDS = {kind: tuple(f.name for f in fields(cls)) for kind, cls in CLASS_OF_KIND.items()}
_ONE_LINE = {kind: tuple(f.name for f in fields(cls) if f.type == "str" and not is_multiline(f.name))
             for kind, cls in CLASS_OF_KIND.items()}
_MULTI_LINE = {kind: tuple(f.name for f in fields(cls) if f.type == "str" and is_multiline(f.name))
               for kind, cls in CLASS_OF_KIND.items()}
_DICTS = {kind: tuple(f.name for f in fields(cls) if f.type.startswith("dict"))
          for kind, cls in CLASS_OF_KIND.items()}
_TEXT_DICTS = {kind: tuple(f.name for f in fields(cls) if f.type == "dict[str, str]")
               for kind, cls in CLASS_OF_KIND.items()}
_JUDGED = {  # true or false fields are left out: any value is read as one
    kind: tuple(f.name for f in fields(cls) if f.name not in REFERENCE_FIELDS
                and f.type != "bool" and not is_plain_text(kind, f.name))
    for kind, cls in CLASS_OF_KIND.items()
}
_PLAIN = {
    kind: tuple(n for n in names if n not in REFERENCE_FIELDS and is_plain_text(kind, n))
    for kind, names in _ITEM_FIELDS.items()
}

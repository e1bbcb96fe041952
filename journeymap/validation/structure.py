"""The rules that tie a map's items together: ids unique within their list, references that
point at an item the map has; for edits also one role per name, one connection per pair.

The document asks them of every edit (`find`, `check_new_id`, `check_role_name`,
`check_new_connection`); `whole_map` asks them of a map that comes in whole, where a broken
rule is a `MapProblem` at a place in the map (`map.touchpoints[3].stage`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import NotFoundError, ValidationError
from ..model import CLASS_OF_KIND, COLLECTIONS, Map
from .characters import json_safe
from .numbers import shown_number

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Key(str):
    """A dict key in a path that is always shown in brackets (`raci["ro1"]`)."""


def json_path(parts) -> str:
    """`map.touchpoints[3].experience` style; odd keys in brackets (`votes["Ana M."]`)."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part) and not isinstance(part, Key):
            text += f".{part}" if text else part
        else:
            text += f"[{json_safe(json.dumps(part, ensure_ascii=False))}]"
    return text or "the top level"


def shown_key(value) -> str:
    """A JSON value as a message quotes it (numbers short, text escaped, at most 40)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return shown_number(value)
    text = json_safe(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class MapProblem:
    """A rule a whole map breaks: where (`("touchpoints", 3, "stage")`, inside `map`) and the
    clause that says what is wrong (`there is no stage with id "st-9"`)."""

    path: tuple
    clause: str

    @property
    def where(self) -> str:
        return json_path(("map", *self.path))

    def sentence(self, source: str) -> str:
        """`{source}, at map.touchpoints[3].stage: there is no stage with id "st-9".`"""
        return f"{source}, at {self.where}: {self.clause}."


def missing(kind: str, item_id: str) -> str:
    return f'there is no {kind} with id "{item_id}"'


# -- for edits -------------------------------------------------------------------------------
def find(m: Map, kind: str, item_id: str):
    """The item of `kind` with `item_id`, or `NotFoundError`."""
    if kind not in CLASS_OF_KIND:
        raise ValidationError(f"Unknown kind '{kind}'.")
    item = m.find(kind, item_id)
    if item is None:
        raise NotFoundError(f"{missing(kind, item_id).capitalize()} in map '{m.name}'.")
    return item


def check_new_id(m: Map, kind: str, item_id: str) -> None:
    if any(existing.id == item_id for existing in m.collection(kind)):
        raise ValidationError(f"A {kind} with id '{item_id}' already exists.")


def check_role_name(m: Map, name: str, role_id: str | None = None) -> None:
    """Refuse a role name another role (not `role_id`) has."""
    if any(r.name == name and r.id != role_id for r in m.roles):
        raise ValidationError(f"There is already a role named '{name}'.")


def check_new_connection(m: Map, source: str, target: str) -> None:
    find(m, "touchpoint", source)
    find(m, "touchpoint", target)
    if any(c.source == source and c.target == target for c in m.connections):
        raise ValidationError("These two touchpoints are already connected.")


# -- for a whole map -------------------------------------------------------------------------
def structure_problems(m: Map, *, raci: bool = True) -> Iterator[MapProblem]:
    """Every broken structure rule, ids first, then references (those of RACI letters only
    with `raci`). Two roles of one name or two connections between the same cards are
    refused as edits but kept in a whole map, as a map file may hold them."""
    first_index: dict[str, dict[str, int]] = {}
    for collection in COLLECTIONS:
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(m, collection)):
            if item.id in seen:
                yield MapProblem(
                    (collection, index, "id"),
                    f'the id "{item.id}" is already used by map.{collection}[{seen[item.id]}]',
                )
            else:
                seen[item.id] = index
        first_index[collection] = seen

    def absent(item_id: str, collection: str) -> bool:
        return item_id not in first_index[collection]

    for index, tp in enumerate(m.touchpoints):
        if absent(tp.stage, "stages"):
            yield MapProblem(("touchpoints", index, "stage"), missing("stage", tp.stage))
        if absent(tp.lane, "lanes"):
            yield MapProblem(("touchpoints", index, "lane"), missing("lane", tp.lane))
        for role_id in tp.raci if raci else ():
            if absent(role_id, "roles"):
                yield MapProblem(("touchpoints", index, "raci", Key(role_id)),
                                 missing("role", role_id))
    for index, conn in enumerate(m.connections):
        for end in ("source", "target"):
            if absent(getattr(conn, end), "touchpoints"):
                yield MapProblem(("connections", index, end),
                                 missing("touchpoint", getattr(conn, end)))

"""The rules for the values of a map's and its items' fields, as an edit applies them.

`checked(kind, values)` validates and normalises field values for a stage, lane, role,
persona, touchpoint or connection, `checked_map_values(values)` for the map's own fields;
each raises `ValidationError` with one sentence on the first bad value. The document runs
them on every edit, the paste on every pasted card, and `whole_map` on every item of a map
that comes in whole (an import, a map being stored).
"""

from __future__ import annotations

import math
import re

from ..commands import MAP_SCALAR_FIELDS
from ..errors import ValidationError
from ..model import (
    CLASS_OF_KIND,
    EVIDENCE_LEVELS,
    EXPERIENCE_RANGE,
    JOURNEY_KINDS,
    LANE_KINDS,
    normalise_raci,
)
from .characters import escaped
from .numbers import VOTES_MAXIMUM, amount_problem, shown_number
from .text import accepted, checked_map_name, checked_text, required_text

COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
NUMBER_FIELDS = frozenset({"days", "volume", "cost", "capacity"})
TITLE_FIELDS = frozenset({"name", "title"})
# Fields that point at other items (or are the item's own id): the structure's rules.
REFERENCE_FIELDS = frozenset({"id", "stage", "lane", "source", "target", "raci"})
_LOW, _HIGH = EXPERIENCE_RANGE
NOT_AN_EXPERIENCE = f"is not a whole number from {_LOW} to {_HIGH}"


def checked(kind: str, values: dict) -> dict:
    """Validate and normalise field values for an item of `kind`; raise on the first bad one."""
    known = CLASS_OF_KIND[kind].__dataclass_fields__
    result = {}
    for name, value in values.items():
        if name not in known or name == "id":
            raise ValidationError(f"A {kind} has no field '{name}' that can be edited.")
        result[name] = checked_value(kind, name, value)
    return result


def is_plain_text(kind: str, name: str) -> bool:
    """The field holds free text (`checked_text`'s rule), not a name, number or choice."""
    if kind == "map":
        return name not in ("name", "kind", "mapping", "participants", "dot_budget")
    return name not in _NOT_PLAIN_TEXT and not (name == "kind" and kind == "lane")


_NOT_PLAIN_TEXT = TITLE_FIELDS | NUMBER_FIELDS | REFERENCE_FIELDS | {
    "experience", "evidence", "color", "moment_of_truth", "loop", "votes", "resolved",
    "touchpoint",
}


def checked_value(kind: str, name: str, value):
    """One field's value for an item of `kind`, validated and normalised."""
    if name in TITLE_FIELDS:
        return required_text(value, f"A {kind} {name}")
    if name in NUMBER_FIELDS:
        return checked_amount(value, name)
    if name == "experience":
        return checked_experience(value)
    if name == "evidence":
        return checked_choice(value, EVIDENCE_LEVELS, "Evidence")
    if name == "kind" and kind == "lane":
        return checked_choice(value, LANE_KINDS, "Lane kind")
    if name == "color":
        if not isinstance(value, str) or not COLOR.match(value):
            raise ValidationError(f"A colour must look like #1f77b4, not '{value}'.")
        return value.lower()
    if name in ("moment_of_truth", "loop", "resolved"):
        return bool(value)
    if name == "touchpoint":  # a comment's card (no reference: the card may be gone)
        if value is not None and not isinstance(value, str):
            raise ValidationError("A comment's touchpoint is an id or none.")
        return value
    if name == "votes":
        return checked_votes(value)
    if name == "raci":
        return checked_raci(value)
    if name in ("stage", "lane", "source", "target"):
        return value
    return checked_text(value, name)


def checked_map_values(values: dict) -> dict:
    """The map's own fields (name, kind, A3 texts, log mapping), validated and normalised."""
    result = {}
    for name, value in values.items():
        if name not in MAP_SCALAR_FIELDS:
            raise ValidationError(f"A map has no field '{name}'.")
        if name == "kind":
            result[name] = checked_choice(value, JOURNEY_KINDS, "Journey kind")
        elif name == "name":
            result[name] = checked_map_name(value)
        elif name == "mapping":
            result[name] = checked_mapping(value)
        elif name == "participants":
            result[name] = checked_participants(value)
        elif name == "dot_budget":
            result[name] = checked_budget(value)
        else:
            result[name] = checked_text(value, name)
    return result


PARTICIPANT_NAME_LIMIT = 80
BUDGET_MAXIMUM = 99


def checked_participants(value) -> dict[str, str]:
    """{name: colour}: names one line and unique (case aside), colours like #1f77b4."""
    if not isinstance(value, dict):
        raise ValidationError("The participants must be names with a colour each.")
    result: dict[str, str] = {}
    seen: set[str] = set()
    for name, colour in value.items():
        kept = required_text(name, "A participant's name")
        if len(kept) > PARTICIPANT_NAME_LIMIT:
            raise ValidationError(f"A participant's name is at most {PARTICIPANT_NAME_LIMIT} "
                                  "characters long.")
        if kept.casefold() in seen:
            raise ValidationError(f"Two participants are named '{escaped(kept)}'.")
        seen.add(kept.casefold())
        if not isinstance(colour, str) or not COLOR.match(colour):
            raise ValidationError(f"The colour of {escaped(kept)} must look like #1f77b4, "
                                  f"not '{escaped(str(colour))}'.")
        result[kept] = colour.lower()
    return result


def checked_budget(value) -> int | None:
    """Dots per participant: a whole number from 1 to 99, or None (0 too) for no limit."""
    if value is None or value == 0:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= BUDGET_MAXIMUM:
        raise ValidationError(f"The dot budget is a whole number from 1 to {BUDGET_MAXIMUM} "
                              f"(or none), not {escaped(str(value))}.")
    return value


def check_item(kind: str, item) -> dict:
    """Every field of a whole item but its references, validated as an edit of it would be;
    the normalised values by field name."""
    return checked(kind, {
        name: getattr(item, name)
        for name in CLASS_OF_KIND[kind].__dataclass_fields__
        if name not in REFERENCE_FIELDS
    })


def checked_amount(value, name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"The {name} must be a number.")
    if isinstance(value, float) and math.isinf(value):
        raise ValidationError(f"The {name} must be a finite number, not {shown_number(value)}.")
    clause = amount_problem(value, name)
    if clause is not None:
        raise ValidationError(f"The {name} {shown_number(value)} {clause}.")
    return float(value)


def experience_problem(value) -> str | None:
    """`NOT_AN_EXPERIENCE` unless `value` is a whole number in `EXPERIENCE_RANGE`."""
    if isinstance(value, bool) or not isinstance(value, int) or not _LOW <= value <= _HIGH:
        return NOT_AN_EXPERIENCE
    return None


def checked_experience(value) -> int | None:
    if value is None or value == "":
        return None
    if experience_problem(value) is not None:
        shown = shown_number(value) if isinstance(value, int | float) else escaped(str(value))[:40]
        raise ValidationError(f"Experience {shown} {NOT_AN_EXPERIENCE}.")
    return value


def checked_choice(value, choices, what: str) -> str:
    if value not in choices:
        raise ValidationError(f"{what} must be one of {', '.join(choices)}, not '{value}'.")
    return value


def checked_votes(value) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= VOTES_MAXIMUM
        for v in value.values()
    ):
        raise ValidationError(
            f"Votes must map participants to whole numbers of dots from 0 to {VOTES_MAXIMUM:,}."
        )
    return {
        accepted(str(k), "A participant's name", multiline=False): int(v)
        for k, v in value.items()
        if v
    }


def checked_raci(value) -> dict[str, str]:
    """Role id -> letters, normalised to R-A-C-I order; roles without a letter dropped."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValidationError("A RACI must map role ids to letters.")
    letters = {role_id: normalise_raci(v) for role_id, v in value.items()}
    return {role_id: v for role_id, v in letters.items() if v}


def checked_mapping(value) -> dict[str, str]:
    """A saved log mapping: activity name -> touchpoint id, both one-line text."""
    if not isinstance(value, dict):
        raise ValidationError("A log mapping must be a dictionary.")
    for activity, tp_id in value.items():
        if not isinstance(activity, str) or not isinstance(tp_id, str):
            raise ValidationError("A log mapping must map activity names to touchpoint ids.")
        accepted(activity, "An activity name in the log mapping", multiline=False)
        accepted(tp_id, "A touchpoint id in the log mapping", multiline=False)
    return value


def typed_amount(text: str, label: str) -> float | None:
    """An amount as typed into a form (`2.5`, `2,5`, `1 200`; empty is None), for the field
    that `label` names, or `ValidationError`; the ranges are `checked_amount`'s, on commit."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned and cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(
            f"{label} must be a number, like 3 or 2.5, not '{text.strip()}'.") from None
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValidationError(f"{label} must be a number of zero or more, not '{text.strip()}'.")
    return value

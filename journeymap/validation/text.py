"""The rules for text fields: how long one may be, and which characters it may hold.

The characters are `characters`' (one rule for every way text comes in); this module adds the
length and the wording of a refused field, for an edit ("The description is longer than
20000 characters.") and for a file's cell or JSON value ("the text is longer than ...").
"""

from __future__ import annotations

from ..errors import ValidationError
from .characters import is_multiline, normalise_line_breaks, problem

TEXT_LIMIT = 20_000  # characters in one text field: a name, a title, a description ...
TOO_LONG = f"is longer than {TEXT_LIMIT} characters"


def checked_text(value, name: str) -> str:
    """Free text for the field `name` (may be empty; CR/CRLF as newline in multi-line
    fields), or `ValidationError` naming the field."""
    if value is None:
        return ""
    what = f"The {name.replace('_', ' ')}"
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text.")
    if len(value) > TEXT_LIMIT:
        raise ValidationError(f"{what} {TOO_LONG}.")
    return accepted(value, what, multiline=is_multiline(name))


def required_text(value, what: str) -> str:
    """A name or title, trimmed; `what` is the subject of the sentence, e.g. "A map name"."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{what} cannot be empty.")
    if len(value.strip()) > TEXT_LIMIT:
        raise ValidationError(f"{what} cannot be longer than {TEXT_LIMIT} characters.")
    # The untrimmed text too: str.strip would silently drop control characters at the ends.
    accepted(value, what, multiline=True)
    return accepted(value.strip(), what, multiline=False)


def accepted(text: str, what: str, *, multiline: bool) -> str:
    """`text` (line breaks normalised when multi-line) if `characters` accept it."""
    if multiline:
        text = normalise_line_breaks(text)
    clause = problem(text, multiline=multiline)
    if clause is not None:
        raise ValidationError(f"{what} {clause}.")
    return text


def checked_map_name(value, what: str = "A map name") -> str:
    """A map name as the document keeps it (trimmed, not empty, not too long, no control
    characters), or `ValidationError`: for callers that name a map without a document
    (rename, duplicate, import); `what` is the subject of the error's sentence."""
    return required_text(value, what)


def cell_problem(raw: str, kept: str, *, multiline: bool) -> str | None:
    """Why a file's text value is refused - too long, or `line_problem` - or None."""
    if len(raw) > TEXT_LIMIT:
        return TOO_LONG
    return line_problem(raw, kept, multiline=multiline)


def line_problem(raw: str, kept: str, *, multiline: bool) -> str | None:
    """Why a file's text value is refused by `characters` (the predicate of "the text ..."),
    or None. `kept` is what will be stored (maybe trimmed); the control characters are
    looked for in the whole of `raw`, as str.strip would silently drop some at the ends."""
    clause = problem(raw, multiline=True)
    if clause is None and not multiline and "\n" in kept:
        clause = problem(kept, multiline=False)
    return clause

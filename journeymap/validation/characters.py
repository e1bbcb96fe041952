"""Text Journeymap accepts, and text as it is shown on a terminal.

One rule for every way text comes in (the editor, the workshop sheet, the map file, mapping
files, command-line arguments):

- Unicode control characters (category Cc: U+0000-U+001F, U+007F-U+009F) are refused, except
  tab everywhere and newline in multi-line fields (`MULTILINE_FIELDS`); CR and CRLF become a
  newline first. Lone surrogates (U+D800-U+DFFF, e.g. invalid UTF-8 smuggled in by the
  operating system) and the noncharacters U+FFFE and U+FFFF are refused too: they cannot be
  stored as UTF-8 or written into an XLSX cell.
- Format characters (category Cf: ZWJ, LRM, RLM ...) and everything else are kept verbatim:
  scripts need them.

Text already stored is never rewritten; whatever is printed to a terminal or put in an error
line goes through `escaped`, which shows a refused character as `\\xNN` or `\\uNNNN`, so data in
a workspace cannot move the cursor, retitle the window or hide a line.
"""

from __future__ import annotations

import re

# Fields whose editors take several lines (the inspector's and the A3 form's text boxes,
# a sheet's Description and extra columns, which become notes).
MULTILINE_FIELDS = frozenset(
    {
        "description",
        "pain_points",
        "opportunities",
        "resources",
        "notes",
        "goals",
        "frustrations",
        "goal",
        "background",
        "current_condition",
        "analysis",
        "countermeasures",
        "plan",
        "follow_up",
        "text",  # a comment's
    }
)

_OTHER = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"  # all refused but tab, LF
_REFUSED_SINGLE = re.compile(f"[\n{_OTHER}]")
_REFUSED_MULTI = re.compile(f"[{_OTHER}]")
_LINE_BREAK = re.compile(r"\r\n?")

_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "backspace",
    "\x0a": "a line break",
    "\x0d": "a carriage return",
    "\x1b": "ESC",
    "\x7f": "DEL",
}


def is_multiline(field: str) -> bool:
    return field in MULTILINE_FIELDS


def normalise_line_breaks(text: str) -> str:
    """CR and CRLF as newline (what every way in does first, in every field)."""
    return _LINE_BREAK.sub("\n", text) if "\r" in text else text


def shown_character(char: str) -> str:
    """`\\x1b` for one character (`\\ud800` beyond U+00FF). A byte that was not UTF-8 in
    a file name or argument (Python keeps it as U+DC80-U+DCFF) shows as that byte, `\\xff`."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def problem(text: str, *, multiline: bool = False) -> str | None:
    """None if `text` (line breaks already normalised) is acceptable, else the predicate of
    a sentence saying why not - `holds the control character \\x1b (ESC), which Journeymap
    does not accept` - to which callers give their subject ("the text", "The map name")."""
    found = (_REFUSED_MULTI if multiline else _REFUSED_SINGLE).search(text)
    if found is None:
        return None
    char = found.group()
    code = shown_character(char)
    if char == "\n":
        return f"holds a line break ({code}), which only multi-line text fields accept"
    if "\ud800" <= char <= "\udfff":
        return (
            f"holds {code}, a lone surrogate rather than a character (the trace of text that "
            "is not valid UTF-8), which Journeymap does not accept"
        )
    if char in "\ufffe\uffff":
        return f"holds {code}, which is not a character, so Journeymap does not accept it"
    name = f" ({_NAMES[char]})" if char in _NAMES else ""
    return f"holds the control character {code}{name}, which Journeymap does not accept"


def escaped(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every refused character shown as `\\xNN`/`\\uNNNN` (tab always kept,
    newlines kept when asked), for terminals, error lines and dialogs."""
    pattern = _REFUSED_MULTI if keep_newlines else _REFUSED_SINGLE
    return pattern.sub(lambda found: shown_character(found.group()), str(text))


def quoted(text: str, limit: int = 40) -> str:
    """`"text"` for a message: escaped, and shortened to `limit` characters."""
    shown = escaped(text)
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    return f'"{shown}"'


# In JSON output every control character must already be an escape (json.dumps does that for
# U+0000-U+001F); DEL, C1 controls and lone surrogates it leaves as they are.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def json_safe(json_text: str) -> str:
    """JSON text with DEL, C1 controls, lone surrogates and U+FFFE/U+FFFF as `\\uNNNN`
    escapes: the same JSON value, safe on a terminal and encodable as UTF-8."""
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)

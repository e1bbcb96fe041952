"""What a valid map is: the one set of rules every way into a map goes through.

- `characters`: the characters any text may hold, for every way text comes in (also CLI
  arguments and mapping files), and text as it is shown on a terminal.
- `numbers`: the finite ranges of amounts (days, volume, cost) and votes.
- `text`: the length of a text field (`TEXT_LIMIT`) and the `characters` rule, worded for an
  edit or for a file's cell.
- `values`: each field's rule (names, amounts, experience, choices, colours, votes, RACI,
  the log mapping), as the document applies it to an edit and the paste to a pasted card.
- `structure`: ids, references between items, one role per name, one connection per pair.
- `whole_map`: all of them for a map that comes in whole - an imported sheet or map file -
  so an import is held to exactly the rules of an edit; the structure's rules for a map
  stored in a workspace (storage keeps any text, as older workspaces hold it).

Callers: `journeymap.document` (every edit), `io.sheet_read` and `io.mapfile` (imports),
`storage.workspace` (storing a map), the editor's clipboard and form fields.
"""

from .structure import (
    MapProblem,
    check_new_connection,
    check_new_id,
    check_role_name,
    find,
    json_path,
    missing,
    shown_key,
)
from .text import (
    TEXT_LIMIT,
    TOO_LONG,
    cell_problem,
    checked_map_name,
    checked_text,
    line_problem,
    required_text,
)
from .values import (
    NOT_AN_EXPERIENCE,
    check_item,
    checked,
    checked_experience,
    checked_map_values,
    checked_raci,
    experience_problem,
    typed_amount,
)
from .whole_map import MapValidationError, check_structure, first_problem, validate_map

__all__ = [
    "NOT_AN_EXPERIENCE",
    "TEXT_LIMIT",
    "TOO_LONG",
    "MapProblem",
    "MapValidationError",
    "cell_problem",
    "check_item",
    "check_new_connection",
    "check_structure",
    "check_new_id",
    "check_role_name",
    "checked",
    "checked_experience",
    "checked_map_name",
    "checked_map_values",
    "checked_raci",
    "checked_text",
    "experience_problem",
    "find",
    "first_problem",
    "json_path",
    "line_problem",
    "missing",
    "required_text",
    "shown_key",
    "typed_amount",
    "validate_map",
]

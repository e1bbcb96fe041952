"""Which columns hold the case, the activity and the timestamp: found by exact,
case-insensitive name (surrounding spaces ignored), the first listed name winning, unless an
option names the column; and the attribute columns asked for."""

from __future__ import annotations

from ..errors import ImportFileError

CASE_NAMES = ("case:concept:name", "case", "customer")
ACTIVITY_NAMES = ("concept:name", "activity")
TIME_NAMES = ("time:timestamp", "timestamp")
CORE_COLUMNS = ("case", "activity", "time", "row")  # the event frame's own columns

_ROLES = (  # role, default names, the option that overrides them
    ("case", CASE_NAMES, "--case-col"),
    ("activity", ACTIVITY_NAMES, "--activity-col"),
    ("time", TIME_NAMES, "--timestamp-col"),
)


def by_folded_name(columns: list[str]) -> dict[str, str]:
    """{trimmed, case-folded name: the first column with it}."""
    folded: dict[str, str] = {}
    for column in columns:
        folded.setdefault(column.strip().casefold(), column)
    return folded


def detect_columns(
    available: list[str],
    case_col: str | None = None,
    activity_col: str | None = None,
    timestamp_col: str | None = None,
) -> dict[str, str | None]:
    """{"case", "activity", "time": the column `read_log` would use, or None if none fits}."""
    folded = by_folded_name(available)
    overrides = (case_col, activity_col, timestamp_col)
    found = {}
    for (role, defaults, _), override in zip(_ROLES, overrides, strict=True):
        names = [override] if override is not None else defaults
        found[role] = next((folded[k] for k in (n.strip().casefold() for n in names)
                            if k in folded), None)
    return found


def resolve_columns(
    available: list[str], name: str, case_col, activity_col, timestamp_col
) -> dict[str, str]:
    found = detect_columns(available, case_col, activity_col, timestamp_col)
    listing = ", ".join(available) if available else "none"
    overrides = (case_col, activity_col, timestamp_col)
    for (role, defaults, option), override in zip(_ROLES, overrides, strict=True):
        if found[role] is not None:
            continue
        if override is not None:
            raise ImportFileError(
                f"The event log {name} has no column '{override}' (given by {option}); "
                f"its columns are: {listing}."
            )
        what = "timestamp" if role == "time" else role
        raise ImportFileError(
            f"The event log {name} has no {what} column (looked for "
            f"{', '.join(defaults)}; choose one with {option}); its columns are: {listing}."
        )
    return found


def attribute_columns(available: list[str], wanted, name: str) -> list[str]:
    if wanted is None:
        return list(available)
    folded = by_folded_name(available)
    found = []
    for column in wanted:
        match = column if column in available else folded.get(column.strip().casefold())
        if match is None:
            raise ImportFileError(
                f"The event log {name} has no column '{column}'; its columns are: "
                f"{', '.join(available)}."
            )
        found.append(match)
    return found

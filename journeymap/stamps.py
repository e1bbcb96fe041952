"""Who and when, as Journeymap records them on versions, comments and saved rows."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime


def utc_now() -> str:
    """The current time as stored: ISO-8601 UTC to the second, e.g. 2026-11-23T18:44:11Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_user() -> str | None:
    """The operating-system user, or None where there is none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None

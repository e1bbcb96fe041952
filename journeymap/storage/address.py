"""Where a workspace is: a file path, or a PostgreSQL server's URL.

A server URL is never a path: it does not go through path handling, and its printable form
(`str(address)`, used in every message, log line and the editor's recent workspaces) leaves
out any password. libpq's own conventions supply one: `.pgpass`, `PGPASSWORD`, and URL
parameters such as `sslmode`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import WorkspaceError

_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_SECRET_PARAMETERS = ("password", "sslpassword")  # libpq takes these in the query too


def is_server(text: object) -> bool:
    return isinstance(text, (str, ServerAddress)) and (
        isinstance(text, ServerAddress) or text.strip().lower().startswith(_SCHEMES)
    )


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL database holding a workspace. The password (if the URL had one) is
    kept only in memory, for the connection."""

    url: URL

    def __str__(self) -> str:
        # URL is a named tuple; its .set() would keep a password given as None.
        shown = self.url._replace(drivername="postgresql", password=None)
        shown = shown.difference_update_query(
            [key for key in shown.query if key.lower() in _SECRET_PARAMETERS])
        return shown.render_as_string(hide_password=False)

    def secrets(self) -> list[str]:
        """Every password the address holds (never to be shown)."""
        found = [str(self.url.password)] if self.url.password else []
        for key, value in self.url.query.items():
            if key.lower() in _SECRET_PARAMETERS:
                found += [value] if isinstance(value, str) else list(value)
        return [secret for secret in found if secret]

    def __fspath__(self) -> str:  # pragma: no cover - a guard: a URL is not a path
        raise TypeError("a server workspace has no file path")

    @property
    def name(self) -> str:
        return self.url.database or ""

    @property
    def engine_url(self) -> URL:
        return self.url.set(drivername="postgresql+psycopg")


def parse_server(text: str) -> ServerAddress:
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError) as error:
        # Never echo what may be a password: only what follows the last @, if there is one.
        shown = f"'…@{text.split('@')[-1]}' is" if "@" in text else "The address given is"
        raise WorkspaceError(
            f"{shown} not a PostgreSQL workspace address; write it as "
            f"postgresql://USER@HOST:PORT/DATABASE."
        ) from error
    if not url.database:
        raise WorkspaceError(
            f"The server workspace {ServerAddress(url)} names no database; write it as "
            f"postgresql://USER@HOST:PORT/DATABASE."
        )
    return ServerAddress(url)


def parse(text: str | Path) -> Path | ServerAddress:
    """A workspace argument as a path (expanded `~`) or a server address."""
    if isinstance(text, ServerAddress):
        return text
    if is_server(str(text)):
        return parse_server(str(text))
    if str(text).strip().lower().startswith(("postgresql:/", "postgres:/",
                                             "postgresql+psycopg:/")):
        # A URL turned into a path (which keeps one slash): never make folders named so.
        raise WorkspaceError(
            f"'…@{str(text).split('@')[-1]}' looks like a server workspace's address with a "
            f"slash lost; write it as postgresql://USER@HOST:PORT/DATABASE.")
    return Path(text).expanduser()

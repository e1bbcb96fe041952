"""Versions of a map: its whole state saved as the canonical map-file JSON, read-only.

A snapshot of a state identical to one of the map's versions (same bytes, found by their
sha256) returns that version instead of storing the state twice. A version holds
everything a map file holds (votes included); the map's id is not part of it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import Connection, delete, select

from ..errors import (
    AmbiguousNameError,
    ImportFileError,
    NotFoundError,
    ValidationError,
    WorkspaceDamagedError,
)
from ..model import Map
from ..validation.text import required_text
from . import codec
from .schema import versions

LABEL_LIMIT = 200


@dataclass(frozen=True)
class VersionInfo:
    id: str
    map_id: str
    label: str | None
    created: str  # ISO-8601 UTC
    author: str | None
    touchpoints: int

    def to_dict(self) -> dict:
        """The `versions --json` row."""
        return {"id": self.id, "label": self.label, "created": self.created,
                "author": self.author, "touchpoints": self.touchpoints}


@dataclass(frozen=True)
class StoredVersion:
    """A version with its content, as deleting one hands it back (to undo the delete)."""

    info: VersionInfo
    digest: str
    content: str


_INFO_COLUMNS = (versions.c.id, versions.c.map_id, versions.c.label, versions.c.created,
                 versions.c.author, versions.c.touchpoints)
_STORED_COLUMNS = (*_INFO_COLUMNS, versions.c.digest, versions.c.content)


def checked_label(label: str | None) -> str | None:
    """A version label as kept (trimmed), None for no label; `@` is refused because
    `MAP@LABEL` names a version."""
    if label is None or not label.strip():
        return None
    kept = required_text(label, "A version label")
    if "@" in kept:
        raise ValidationError(f"A version label cannot contain '@' (it separates a map "
                              f"from its version in MAP@VERSION): '{kept}'.")
    if len(kept) > LABEL_LIMIT:
        raise ValidationError(f"A version label is at most {LABEL_LIMIT} characters long.")
    return kept


def content_of(m: Map) -> tuple[str, str]:
    """The stored text of a map's state and its digest."""
    from ..io.mapfile import map_to_json

    text = map_to_json(m)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot(conn: Connection, m: Map, label: str | None, author: str | None
             ) -> tuple[VersionInfo, bool]:
    """The version of `m`'s state (made now unless an identical one exists); True if new."""
    content, digest = content_of(m)
    same = conn.execute(
        select(*_INFO_COLUMNS, versions.c.content)
        .where(versions.c.map_id == m.id, versions.c.digest == digest)
        .order_by(versions.c.seq)
    ).all()
    for row in same:
        if row.content == content:
            found = VersionInfo(*row[:-1])
            if label and not found.label:  # e.g. the version a comparison made: named now
                conn.execute(versions.update().where(versions.c.id == found.id)
                             .values(label=label))
                found = replace(found, label=label)
            return found, False
    info = VersionInfo(_fresh_id(conn), m.id, label, codec.utc_now(), author,
                       len(m.touchpoints))
    _insert(conn, StoredVersion(info, digest, content))
    return info, True


def _fresh_id(conn: Connection) -> str:
    """A short id (`v-3f9a1c02`, easy to type after `@`), unused in the workspace."""
    while True:
        candidate = f"v-{uuid.uuid4().hex[:8]}"
        if conn.execute(select(versions.c.id).where(versions.c.id == candidate)).first() is None:
            return candidate


def _insert(conn: Connection, stored: StoredVersion) -> None:
    info = stored.info
    conn.execute(versions.insert().values(
        id=info.id, map_id=info.map_id, label=info.label, created=info.created,
        author=info.author, touchpoints=info.touchpoints, digest=stored.digest,
        content=stored.content))


def put_back(conn: Connection, stored: list[StoredVersion]) -> dict[str, str]:
    """Store versions as they were (undoing a delete, or a copy from another workspace);
    an id in use here gets a fresh one. Returns {id given: id stored}."""
    used = set(conn.execute(select(versions.c.id)).scalars())
    ids: dict[str, str] = {}
    for version in stored:
        given = version.info.id
        if given in used:
            version = replace(version, info=replace(version.info, id=_fresh_id(conn)))
        _insert(conn, version)
        used.add(version.info.id)
        ids[given] = version.info.id
    return ids


def listed(conn: Connection, map_id: str) -> list[VersionInfo]:
    """Oldest first."""
    rows = conn.execute(select(*_INFO_COLUMNS).where(versions.c.map_id == map_id)
                        .order_by(versions.c.seq))
    return [VersionInfo(*row) for row in rows]


def stored(conn: Connection, map_id: str) -> list[StoredVersion]:
    rows = conn.execute(select(*_STORED_COLUMNS).where(versions.c.map_id == map_id)
                        .order_by(versions.c.seq))
    return [_stored(row) for row in rows]


def _stored(row) -> StoredVersion:
    return StoredVersion(VersionInfo(*row[:len(_INFO_COLUMNS)]), row.digest, row.content)


def find(conn: Connection, map_id: str, map_name: str, ref: str) -> VersionInfo | None:
    """A version of the map by exact id, else by exact label (unique); None if neither."""
    rows = conn.execute(select(*_INFO_COLUMNS).where(versions.c.map_id == map_id,
                                                     versions.c.id == ref)).all()
    if not rows:
        rows = conn.execute(select(*_INFO_COLUMNS).where(versions.c.map_id == map_id,
                                                         versions.c.label == ref)
                            .order_by(versions.c.seq)).all()
    if len(rows) > 1:
        ids = ", ".join(row.id for row in rows)
        raise AmbiguousNameError(f"{len(rows)} versions of '{map_name}' are labelled "
                                 f"'{ref}' (ids {ids}); name one by its id.")
    return VersionInfo(*rows[0]) if rows else None


def load(conn: Connection, info: VersionInfo, where: str) -> Map:
    from ..io.mapfile import map_from_stored_dict

    text = conn.execute(select(versions.c.content).where(versions.c.id == info.id)).scalar_one()
    source = f"the version {info.id} in {where}"
    try:
        data = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise WorkspaceDamagedError(f"{source[0].upper()}{source[1:]} is damaged (its content "
                                    "is not a map); the map itself and its other versions are "
                                    "unaffected.")
    try:
        journey = map_from_stored_dict(data, source)
    except ImportFileError as error:
        raise WorkspaceDamagedError(f"{error} The map itself and its other versions are "
                                    "unaffected.") from None
    journey.id = info.map_id
    return journey


def remove(conn: Connection, version_id: str, where: str) -> StoredVersion:
    row = conn.execute(select(*_STORED_COLUMNS).where(versions.c.id == version_id)).first()
    if row is None:
        raise NotFoundError(f"There is no version '{version_id}' in {where}.")
    conn.execute(delete(versions).where(versions.c.id == version_id))
    return _stored(row)

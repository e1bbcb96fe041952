"""Per-map edit leases on a server: a session advisory lock per map, and a row naming its
holder for the others.

PostgreSQL drops a session's advisory locks when its connection ends, however it ends (a
crash, `kill -9`, a cut network once the server notices), so a lease can never outlive its
holder: a row whose lock is gone names nobody. Taking one never waits
(`pg_try_advisory_lock`). Locks on one 64-bit key (maps) and on two 32-bit keys (the schema
migration, see opening.py) live in separate key spaces.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.dialects.postgresql import insert

from .connect import host_name, user_name
from .marks import leases

# How long to wait for a new holder's row, committed just after its lock (never forever).
_ROW_WAIT_SECONDS = 1.0

_LIVE = """
SELECT l.map_id, l.holder_user, l.holder_host, l.since FROM journeymap_leases l
WHERE EXISTS (
  SELECT 1 FROM pg_locks k
  WHERE k.locktype = 'advisory' AND k.granted AND k.objsubid = 1 AND k.pid = l.backend_pid
    AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND k.classid = ((l.lock_key >> 32) & 4294967295)::oid
    AND k.objid = (l.lock_key & 4294967295)::oid)
"""


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    since: str

    @property
    def who(self) -> str:
        return f"{self.user}@{self.host}"

    def sentence(self, map_name: str) -> str:
        return (f"The map '{map_name}' is being edited by {self.user} on {self.host} "
                f"since {self.since}")


UNKNOWN = Holder("someone", "another computer", "a moment ago")


def lock_key(conn: Connection, map_id: str) -> int:
    return conn.execute(text("SELECT hashtextextended(:m, 0)"), {"m": map_id}).scalar_one()


def try_take(conn: Connection, map_id: str) -> Holder | None:
    """Take the lease of `map_id` for this session: None when taken, else who holds it.
    The caller commits; if writing the row fails, it must `release` (the lock outlives a
    rollback)."""
    key = lock_key(conn, map_id)
    if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar_one():
        return _holder_of_lock(conn, map_id)
    since = datetime.now().astimezone().isoformat(timespec="seconds")
    row = {"map_id": map_id, "lock_key": key, "holder_user": user_name(),
           "holder_host": host_name(), "since": since,
           "backend_pid": conn.execute(text("SELECT pg_backend_pid()")).scalar_one()}
    statement = insert(leases).values(row)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[leases.c.map_id], set_={k: statement.excluded[k] for k in row}))
    return None


def release(conn: Connection, map_id: str) -> None:
    """Give the lease back (its row stays, naming nobody once the lock is gone, for its
    count of writes)."""
    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(conn, map_id)})


def writes(conn: Connection, map_id: str) -> int:
    """How many saves were made under the map's leases so far."""
    found = conn.execute(leases.select().with_only_columns(leases.c.writes)
                         .where(leases.c.map_id == map_id)).scalar()
    return found or 0


def count_write(conn: Connection, map_id: str) -> int | None:
    """One more save under the lease (which this session holds: its row exists); the new
    count."""
    return conn.execute(leases.update().where(leases.c.map_id == map_id)
                        .values(writes=leases.c.writes + 1).returning(leases.c.writes)).scalar()


def unlock(conn: Connection, map_id: str) -> None:
    """Drop the lock alone (its row could not be written)."""
    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(conn, map_id)})


def live(conn: Connection) -> dict[str, Holder]:
    """map id -> its holder, for every lease whose holder still holds it."""
    return {row[0]: Holder(*row[1:]) for row in conn.execute(text(_LIVE))}


def _holder_of_lock(conn: Connection, map_id: str) -> Holder:
    deadline = time.monotonic() + _ROW_WAIT_SECONDS
    while True:
        found = live(conn).get(map_id)
        if found is not None or time.monotonic() > deadline:
            return found or UNKNOWN
        time.sleep(0.05)


def notify(conn: Connection, map_id: str, what: str) -> None:
    """Tell the other editors (LISTEN journeymap) that a map changed; sent at commit."""
    import json

    payload = json.dumps({"map": map_id, "what": what})
    conn.execute(text("SELECT pg_notify('journeymap', :p)"), {"p": payload})

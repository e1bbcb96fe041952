"""Others' changes to a server workspace, as they happen: LISTEN on a connection of its own.

Every write on a server sends `pg_notify('journeymap', {"map", "what"})` in its transaction
(leases.notify), so a notice arrives only once the change is committed. `poll()` never
waits: the editor calls it from a timer. Our own session's notices are left out. A lost
connection is tried again every RETRY_SECONDS; once back, `poll()` returns one notice
`reconnected` (map id ""), since what was said meanwhile is lost: read everything again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

CHANNEL = "journeymap"
RETRY_SECONDS = 10.0


@dataclass(frozen=True)
class Notice:
    map_id: str
    what: str  # created, saved, renamed, deleted, comments, versions, released


class Notices:
    """`own_pid()` is the workspace session's backend pid (asked again after a reconnect)."""

    def __init__(self, engine, own_pid: Callable[[], int]) -> None:
        self._engine, self._own_pid_of = engine, own_pid
        self._raw = None
        self.broken: str | None = None  # why the connection is lost, while it is
        self._retry_at = 0.0
        self._connect()

    def _connect(self) -> None:
        self._raw = self._engine.raw_connection()  # a connection of its own, outside any pool
        self._conn = self._raw.driver_connection
        self._conn.autocommit = True
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._own_pid = self._own_pid_of()

    def poll(self) -> list[Notice]:
        """The notices that came since the last call (others' only), without waiting."""
        if self.broken is not None:
            return self._reconnect()
        try:
            arrived = list(self._conn.notifies(timeout=0))
        except Exception as error:  # the server went away: say so once, try again later
            self.broken = " ".join(str(error).split())
            self._retry_at = time.monotonic() + RETRY_SECONDS
            log.warning("No longer hearing of others' changes: %s", self.broken)
            self.close()
            return []
        found = []
        for item in arrived:
            if item.pid == self._own_pid:
                continue
            try:
                payload = json.loads(item.payload)
                found.append(Notice(str(payload["map"]), str(payload["what"])))
            except (ValueError, KeyError, TypeError):
                continue  # not one of ours
        return found

    def _reconnect(self) -> list[Notice]:
        if time.monotonic() < self._retry_at:
            return []
        try:
            self._connect()
        except Exception as error:  # still away
            self._retry_at = time.monotonic() + RETRY_SECONDS
            log.debug("Still not hearing of others' changes: %s", error)
            self.close()
            return []
        log.info("Hearing of others' changes again")
        self.broken = None
        return [Notice("", "reconnected")]

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a broken connection may fail to close
            if self._raw is not None:
                self._raw.close()
        self._raw = None

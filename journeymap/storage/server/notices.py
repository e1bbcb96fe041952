"""Others' changes to a server workspace, as they happen: LISTEN on a connection of its own.

Every write on a server sends `pg_notify('journeymap', {"map", "what"})` in its transaction
(leases.notify), so a notice arrives only once the change is committed. `poll()` never
waits: the editor calls it from a timer. Our own session's notices are left out.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

CHANNEL = "journeymap"


@dataclass(frozen=True)
class Notice:
    map_id: str
    what: str  # created, saved, renamed, deleted, comments, versions, released


class Notices:
    def __init__(self, engine, own_pid: int) -> None:
        self._raw = engine.raw_connection()  # a connection of its own, outside any pool
        self._conn = self._raw.driver_connection
        self._conn.autocommit = True
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._own_pid = own_pid
        self.broken: str | None = None  # set once the connection is lost

    def poll(self) -> list[Notice]:
        """The notices that came since the last call (others' only), without waiting."""
        if self.broken is not None:
            return []
        try:
            arrived = list(self._conn.notifies(timeout=0))
        except Exception as error:  # the server went away: say so once, stop polling
            self.broken = " ".join(str(error).split())
            log.warning("No longer hearing of others' changes: %s", self.broken)
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

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a broken connection may fail to close
            self._raw.close()

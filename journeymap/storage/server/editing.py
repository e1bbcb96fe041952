"""Who may change which map: a server session's edit leases, and the check that keeps a copy
read before its lease from being saved over others' work. A file has one writer and needs
none of this: `FileEditing` says yes to everything.

- `take(map_id)` takes the map's lease (leases.py) or raises MapBeingEditedError naming its
  holder; `leased(map_id)` holds it for one operation; `end(map_id)` gives it back.
- Every save under a lease counts one write (`journeymap_leases.writes`, kept across
  holders). A map read (or made) while this session holds its lease is *fresh*; one read
  before is fresh only if nobody wrote it since (`check_fresh` compares the counts).
- A lost connection ends the session and its locks: `connection_lost` forgets every lease.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection, select

from ...errors import MapBeingEditedError, MapChangedElsewhereError, WorkspaceError
from ..schema import maps
from . import leases


class FileEditing:
    """A workspace file's writer may edit every map; there is nobody to tell."""

    def editors(self) -> dict[str, str]:
        return {}

    def try_edit(self, map_id: str) -> MapBeingEditedError | None:
        return None

    def take(self, map_id: str, name: str | None = None) -> None:
        pass

    @contextlib.contextmanager
    def leased(self, map_id: str) -> Iterator[None]:
        yield

    def end(self, map_id: str) -> None:
        pass

    def holds(self, map_id: str) -> bool:
        return True

    def read(self, conn: Connection, map_id: str) -> None:
        pass

    def check_fresh(self, map_id: str, name: str) -> None:
        pass

    def saved(self, conn: Connection, map_id: str, what: str, *, counts: bool = True) -> None:
        pass

    def connection_lost(self) -> None:
        pass


class ServerEditing(FileEditing):
    """The edit leases of one Workspace's session on a server (`transaction` is the
    workspace's: it turns driver errors into one sentence)."""

    def __init__(self, transaction) -> None:
        self._transaction = transaction
        self.held: set[str] = set()  # the maps this session holds the lease of
        self.fresh: set[str] = set()  # ... read under it, or checked since
        self.seen_writes: dict[str, int] = {}  # map id -> its count of writes when read

    def editors(self) -> dict[str, str]:
        with self._transaction("read who is editing") as conn:
            return {map_id: holder.who for map_id, holder in leases.live(conn).items()}

    def try_edit(self, map_id: str) -> MapBeingEditedError | None:
        try:
            self.take(map_id)
        except MapBeingEditedError as busy:
            return busy
        return None

    def take(self, map_id: str, name: str | None = None) -> None:
        if map_id in self.held:
            return
        try:
            with self._transaction("take the edit lease") as conn:
                holder = leases.try_take(conn, map_id)
        except WorkspaceError:  # its row could not be written: the lock must not stay
            with contextlib.suppress(WorkspaceError), self._transaction("unlock") as conn:
                leases.unlock(conn, map_id)
            raise
        if holder is not None:
            if name is None:
                name = self._name_of(map_id)
            busy = MapBeingEditedError(
                f"{holder.sentence(name)}; try again once they have closed it.")
            busy.holder_sentence = holder.sentence(name)
            raise busy
        self.held.add(map_id)

    @contextlib.contextmanager
    def leased(self, map_id: str) -> Iterator[None]:
        """The lease for one operation: given back after it unless it was held before (the
        editor renaming a map it does not have open must not keep others out)."""
        held = map_id in self.held
        self.take(map_id)
        try:
            yield
        finally:
            if not held:
                with contextlib.suppress(WorkspaceError):
                    self.end(map_id)

    def end(self, map_id: str) -> None:
        self.fresh.discard(map_id)
        if map_id in self.held:
            with self._transaction("give back the edit lease") as conn:
                leases.release(conn, map_id)
                leases.notify(conn, map_id, "released")
            self.held.discard(map_id)  # only once it is given back (a failure keeps it)

    def holds(self, map_id: str) -> bool:
        return map_id in self.held

    def read(self, conn: Connection, map_id: str) -> None:
        """The map was just read (or made) in `conn`'s transaction."""
        self.seen_writes[map_id] = leases.writes(conn, map_id)
        if map_id in self.held:
            self.fresh.add(map_id)

    def check_fresh(self, map_id: str, name: str) -> None:
        """Refuse to save a copy read before the lease if someone saved the map since."""
        if map_id in self.fresh:
            return
        with self._transaction("check the map's saves") as conn:
            now = leases.writes(conn, map_id)
        if now != self.seen_writes.get(map_id):
            raise MapChangedElsewhereError(
                f"The changes to the map '{name}' were not saved: someone else saved it "
                f"after it was read here; open the map again to edit its newest state.")
        self.fresh.add(map_id)

    def saved(self, conn: Connection, map_id: str, what: str, *, counts: bool = True) -> None:
        """Within the transaction that changed the map: tell the others (at commit), and
        count a write made under the lease."""
        leases.notify(conn, map_id, what)
        if counts:
            count = leases.count_write(conn, map_id)
            if count is not None:  # our own write: the copy here is still the newest
                self.seen_writes[map_id] = count

    def connection_lost(self) -> None:
        """A new connection holds none of the old session's locks."""
        self.held.clear()
        self.fresh.clear()

    def _name_of(self, map_id: str) -> str:
        with self._transaction("find a map") as conn:
            found = conn.execute(select(maps.c.name).where(maps.c.id == map_id)).scalar()
        return found if found is not None else map_id

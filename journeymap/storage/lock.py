"""The writer lock: a `<workspace>.lock` file beside the workspace holding pid and host.

Created with O_CREAT|O_EXCL, so only one process can make it. A lock left by a process that
died (same host, pid no longer running) is taken over. SQLite's own locks are not used for
this because they would also shut out readers (a CLI export while the editor is open).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import WorkspaceError, WorkspaceLockedError

log = logging.getLogger(__name__)

# A lock file still empty after this long was left by a process that died while creating it.
_EMPTY_LOCK_GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class Owner:
    pid: int | None
    host: str

    def text(self) -> str:
        return f"{self.pid}\n{self.host}\n"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.me = Owner(os.getpid(), socket.gethostname())
        self.held = False

    def acquire(self) -> None:
        for _attempt in range(3):
            if self._create():
                self.held = True
                return
            owner = self._read(self.path)
            if owner is None:  # vanished in between: try again
                continue
            if not self._is_stale(owner):
                raise self._locked_error(owner)
            self._take_over(owner)
        raise self._locked_error(self._read(self.path) or Owner(None, ""))

    def release(self) -> None:
        if self.held and self._read(self.path) == self.me:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        self.held = False

    # -- helpers ------------------------------------------------------------------------
    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as error:
            raise WorkspaceError(
                f"The workspace {self.db_path} cannot be opened for editing because its lock "
                f"file {self.path} cannot be created ({error.strerror})."
            ) from error
        try:
            os.write(fd, self.me.text().encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        return True

    @staticmethod
    def _read(path: Path) -> Owner | None:
        """The owner written in a lock file; pid None if it is empty or garbled."""
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return None
        lines = text.splitlines()
        try:
            return Owner(int(lines[0]), lines[1] if len(lines) > 1 else "")
        except (IndexError, ValueError):
            # Being written right now, or left half-written by a crash long ago.
            return Owner(None, "" if age > _EMPTY_LOCK_GRACE_SECONDS else "?")

    def _is_stale(self, owner: Owner) -> bool:
        if owner.pid is None:
            return owner.host == ""
        return owner.host == self.me.host and not pid_alive(owner.pid)

    def _take_over(self, owner: Owner) -> None:
        """Remove a stale lock, unless another process replaced it meanwhile."""
        aside = self.path.with_name(f"{self.path.name}.stale-{self.me.pid}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        moved = self._read(aside)
        if moved is not None and moved != owner:
            # We moved a fresh lock of another process: put it back and give up.
            with contextlib.suppress(OSError):
                os.link(aside, self.path)
            aside.unlink(missing_ok=True)
            raise self._locked_error(moved)
        aside.unlink(missing_ok=True)
        log.warning("Took over the stale lock of %s left by pid %s", self.db_path, owner.pid)

    def _locked_error(self, owner: Owner) -> WorkspaceLockedError:
        who = f"pid {owner.pid}" if owner.pid is not None else "pid unknown"
        if owner.host and owner.host not in (self.me.host, "?"):
            who += f" on {owner.host}"
        return WorkspaceLockedError(
            f"The workspace {self.db_path} is being edited by another Journeymap window "
            f"({who}); close it there first, or open it read-only to view it (list, export and check still work)."
        )


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill(pid, 0) on Windows sends CTRL_C_EVENT, so ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    code = ctypes.c_ulong()
    try:
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel32.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE

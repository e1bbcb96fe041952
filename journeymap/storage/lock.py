"""The writer lock: a `<workspace>.lock` file beside the workspace holding pid and host.

On POSIX the file is also held with an OS lock (`flock`) for as long as the writer runs, and
that lock is what counts on this host: the kernel drops it when its holder dies, however it
dies, so a lock file left by a crash is simply taken over, and a pid that was reused by some
other program can never block the workspace. The pid and host written inside are for the
message that names the holder, and for other hosts: a lock written on another machine is
respected (an OS lock is not trusted across a network file system).

Where `flock` does not exist (Windows) the file is created with O_CREAT|O_EXCL and a lock
whose pid no longer runs on this host is taken over.

SQLite's own locks are not used for this because they would also shut out readers (a CLI
export while the editor is open).
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

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

log = logging.getLogger(__name__)

# A lock file still empty after this long was left by a process that died while creating it
# (only used without flock: with it, a lock being written is held by its writer).
_EMPTY_LOCK_GRACE_SECONDS = 10.0
# Process ids are small positive integers on every system we run on; anything else written
# in a lock file is garbage, not a process.
_MAX_PID = 2**31 - 1
_MAX_LOCK_BYTES = 4096


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
        self._fd: int | None = None

    def acquire(self) -> None:
        if fcntl is not None:
            self._acquire_flock()
        else:  # pragma: no cover - Windows
            self._acquire_exclusive_create()
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._fd is not None:
            # Unlink while still holding the OS lock, so nobody takes a file that is going.
            with contextlib.suppress(OSError):
                if _same_file(self._fd, self.path):
                    self.path.unlink()
            os.close(self._fd)
            self._fd = None
        elif self._read(self.path) == self.me:  # pragma: no cover - Windows
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    # -- POSIX: an OS lock that dies with its holder ---------------------------------------
    def _acquire_flock(self) -> None:
        for _attempt in range(5):
            fd = self._open_lock_file()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = self._read(self.path) or Owner(None, "")
                os.close(fd)
                raise self._locked_error(owner) from None
            except OSError as error:
                os.close(fd)
                raise self._cannot_lock(error) from error
            if not _same_file(fd, self.path):
                os.close(fd)  # the holder removed it as we opened it: open the new one
                continue
            try:
                self._claim(fd)
            except BaseException:
                os.close(fd)
                raise
            self._fd = fd
            return
        raise self._locked_error(self._read(self.path) or Owner(None, ""))

    def _open_lock_file(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as error:
            raise self._cannot_lock(error) from error
        if not _is_regular(fd):
            os.close(fd)
            raise WorkspaceError(
                f"The workspace {self.db_path} cannot be opened for editing because its lock "
                f"file {self.path} is not a regular file; remove it."
            )
        return fd

    def _claim(self, fd: int) -> None:
        """We hold the OS lock: whatever the file says was left by a process that is gone,
        unless it was written on another host."""
        previous = _parse(os.pread(fd, _MAX_LOCK_BYTES, 0).decode("utf-8", "replace"))
        if previous.host and previous.host != self.me.host and previous.pid is not None:
            raise self._locked_error(previous)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, self.me.text().encode(), 0)
            os.fsync(fd)
        except OSError as error:
            raise self._cannot_lock(error) from error
        if previous.pid is not None and previous != self.me:
            log.warning("Took over the stale lock of %s left by pid %s", self.db_path, previous.pid)

    # -- without flock: O_EXCL and a look at the pid ---------------------------------------
    def _acquire_exclusive_create(self) -> None:  # pragma: no cover - Windows
        for _attempt in range(3):
            if self._create():
                return
            owner = self._read(self.path)
            if owner is None:  # vanished in between: try again
                continue
            if not self._is_stale(owner):
                raise self._locked_error(owner)
            self._take_over(owner)
        raise self._locked_error(self._read(self.path) or Owner(None, ""))

    def _create(self) -> bool:  # pragma: no cover - Windows
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as error:
            raise self._cannot_lock(error) from error
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
            with path.open("rb") as handle:
                text = handle.read(_MAX_LOCK_BYTES).decode("utf-8", "replace")
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return None
        except OSError:
            return Owner(None, "?")
        owner = _parse(text)
        if owner.pid is None:
            # Being written right now, or left half-written by a crash long ago.
            return Owner(None, "" if age > _EMPTY_LOCK_GRACE_SECONDS else "?")
        return owner

    def _is_stale(self, owner: Owner) -> bool:  # pragma: no cover - Windows
        if owner.pid is None:
            return owner.host == ""
        return owner.host == self.me.host and not pid_alive(owner.pid)

    def _take_over(self, owner: Owner) -> None:  # pragma: no cover - Windows
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

    # -- messages ------------------------------------------------------------------------
    def _cannot_lock(self, error: OSError) -> WorkspaceError:
        return WorkspaceError(
            f"The workspace {self.db_path} cannot be opened for editing because its lock "
            f"file {self.path} cannot be created ({error.strerror or error})."
        )

    def _locked_error(self, owner: Owner) -> WorkspaceLockedError:
        who = f"pid {owner.pid}" if owner.pid is not None else "pid unknown"
        if owner.host and owner.host not in (self.me.host, "?"):
            who += f" on {owner.host}"
        return WorkspaceLockedError(
            f"The workspace {self.db_path} is being edited by another Journeymap window "
            f"({who}); close it there first, or open it read-only to view it (list, export "
            f"and check still work)."
        )


def _parse(text: str) -> Owner:
    """Pid and host from a lock file's text; pid None if the first line is not a pid."""
    lines = text.splitlines()
    host = lines[1].strip() if len(lines) > 1 else ""
    first = lines[0].strip() if lines else ""
    if not (first.isascii() and first.isdigit()):
        return Owner(None, host)
    pid = int(first)
    return Owner(pid if 0 < pid <= _MAX_PID else None, host)


def _is_regular(fd: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(fd).st_mode)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def pid_alive(pid: int) -> bool:
    if not 0 < pid <= _MAX_PID:
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

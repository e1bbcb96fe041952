"""Writing an output file so that no other file is ever destroyed, and nothing half-written stays.

`replacing(path)` yields a binary stream. The bytes go to a new temporary file in the target's
folder, made with O_CREAT|O_EXCL (`tempfile.mkstemp`), so a file or symlink planted there is
never followed or overwritten. When the block succeeds the file is fsynced and renamed over
the target (`os.replace`: atomic, and it replaces a symlink rather than writing through it).
When anything fails the target is left as it was and the temporary file is removed. A full
disk, wherever the writer meets it (a CSV row, openpyxl's zip writer, a PDF, an image), is
one sentence: the stream remembers the first failed write and the block ends with that error.

`check_output(path, guarded)` refuses, before anything is computed, a target that must not be
replaced: a folder, a device, FIFO or socket, a read-only file, a path whose folder does not
exist, and anything that is (by name, through a symlink, or as a hard link) one of `guarded`
(the workspace, its -wal, -shm and lock files, its backups, the command's own input files).
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import JourneymapError
from .durable import fsync_folder

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class OutputError(JourneymapError):
    """An output file may not or cannot be written; nothing was changed."""


@dataclass(frozen=True)
class Guarded:
    """A file an output must never replace; `folder`: every file inside it, too."""

    path: Path
    what: str  # "the workspace", "the event log given with --log" …
    folder: bool = False


# -- before writing --------------------------------------------------------------------------
def check_output(name: str | os.PathLike, guarded: Iterable[Guarded] = ()) -> Path:
    """The output path, or an OutputError saying in one sentence why it may not be written."""
    out = Path(name)
    _check_kind(out)
    real = Path(os.path.realpath(out))
    beside = Path(os.path.realpath(out.parent)) / out.name  # the name itself, if a symlink
    identity = _identity(out)
    for item in guarded:
        target = Path(os.path.realpath(item.path))
        if item.folder:
            if any(_inside(candidate, target) for candidate in (real, beside)):
                raise _refusal(out, f"it is inside {item.what} ({item.path})")
            if identity and identity in _identities_in(target):
                raise _refusal(out, f"it is a hard link to a file in {item.what} ({item.path})")
        elif target in (real, beside):
            raise _refusal(out, f"it is {item.what} ({item.path})")
        elif identity and identity == _identity(target):
            raise _refusal(out, f"it is a hard link to {item.what} ({item.path})")
    return out


def _check_kind(out: Path) -> None:
    """Refuse what os.replace must not replace: folders, devices, FIFOs, sockets, read-only
    files; and a folder to write into that does not exist."""
    try:
        info = out.stat()  # through a symlink: what the user named is what matters
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{out} cannot be written: {exc.strerror or exc}.") from exc
    if info is not None:
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise OutputError(f"{out} is a folder; give the name of the file to write with -o.")
        if not stat.S_ISREG(mode):
            kind = _kinds.get(stat.S_IFMT(mode), "not a regular file")
            raise _refusal(out, f"it is {kind}, not a regular file")
        # Root may write anything, so a file without write bits counts as read-only too.
        if not (os.access(out, os.W_OK) and mode & 0o222):
            raise _refusal(out, "the file is read-only (make it writable to replace it)")
    if not out.parent.is_dir():
        what = "is not a folder" if out.parent.exists() else "does not exist"
        raise OutputError(f"{out} cannot be written: the folder {out.parent} {what}.")


_kinds = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}


def _refusal(out: Path, why: str) -> OutputError:
    return OutputError(f"refusing to write {out}: {why}; choose another output file.")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _identities_in(folder: Path) -> set[tuple[int, int]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return set()
    found = set()
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        found.add((info.st_dev, info.st_ino))
    return found


# -- writing ---------------------------------------------------------------------------------
class _Sink(io.RawIOBase):
    """A seekable binary stream on the temporary file's descriptor.

    Every write is written in full or raises. After the first failed write (a full disk), and
    once `replacing` is done with the descriptor, it ignores further writes and seeks, so a
    library cleaning up late (zipfile writing its directory from `__del__`) cannot raise a
    second, stray error; the `replacing` block reports the first one. `close()` by a writer
    is ignored: the descriptor belongs to `replacing`."""

    def __init__(self, fd: int, name: str) -> None:
        super().__init__()
        self._fd: int | None = fd
        self.name = name  # the target's, for messages
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def _live(self) -> bool:
        return self._fd is not None and self.error is None

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while self._live() and done < len(view):
            try:
                done += os.write(self._fd, view[done:])
            except OSError as exc:
                self.error = exc
                raise
        return len(view)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return os.lseek(self._fd, offset, whence) if self._live() else 0

    def tell(self) -> int:
        return self.seek(0, os.SEEK_CUR)

    def truncate(self, size: int | None = None) -> int:
        size = self.tell() if size is None else size
        if self._live():
            os.ftruncate(self._fd, size)
        return size

    def close(self) -> None:
        pass

    def finish(self) -> None:
        if self.error is None:
            try:
                os.fsync(self._fd)
            except OSError as exc:
                self.error = exc
        if self.error is not None:
            raise self.error

    def release(self) -> None:
        """Close the descriptor; the stream ignores anything done with it from now on."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `path` atomically when the block succeeds."""
    out = Path(path)
    _check_kind(out)
    try:
        # Shortened: the temporary name stays within the usual 255-byte limit for a name.
        prefix = f".{out.name[:50]}."
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".partial", dir=out.parent)
    except OSError as exc:
        raise write_error(out, exc) from exc
    sink = _Sink(fd, str(out))
    placed = False
    try:
        try:
            yield sink
            sink.finish()
            if hasattr(os, "fchmod"):  # on the descriptor: a name could be swapped meanwhile
                os.fchmod(fd, _mode_for(out))
            sink.release()  # before the rename, which Windows refuses on an open file
            if not hasattr(os, "fchmod"):
                os.chmod(temp, _mode_for(out))
        except Exception as exc:
            error = sink.error or (exc if isinstance(exc, OSError) else None)
            if error is None:  # not about writing (a bad value, a bug): as it is
                raise
            raise write_error(out, error) from exc
        _check_kind(out)  # again: the target may have changed while the output was made
        try:
            os.replace(temp, out)
        except OSError as exc:
            raise write_error(out, exc) from exc
        placed = True
        fsync_folder(out.parent)
    finally:
        sink.release()
        if not placed:
            Path(temp).unlink(missing_ok=True)


@contextmanager
def binary_output(out) -> Iterator[BinaryIO]:
    """`out` as a binary stream: a stream as it is, a path written through `replacing`."""
    if hasattr(out, "write"):
        yield out
    else:
        with replacing(out) as stream:
            yield stream


@contextmanager
def text_output(out, encoding: str = "utf-8") -> Iterator[io.TextIOWrapper]:
    """`out` (a path or a binary stream) as a text stream that writes newlines as given."""
    with binary_output(out) as binary:
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        try:
            yield text
        finally:
            text.detach()  # flushes, and leaves the binary stream to its owner


def write_error(out: Path, exc: OSError) -> OutputError:
    """One sentence for a failed write; a full disk says so."""
    if exc.errno in _DISK_FULL:
        return OutputError(
            f"{out} could not be written because the disk is full; nothing was written "
            "(free some space and try again)."
        )
    return OutputError(f"{out} cannot be written: {exc.strerror or exc}.")


def _mode_for(out: Path) -> int:
    """The replaced file's permissions, or what a newly created file would get (mkstemp
    makes 0600)."""
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux reports it without changing it (os.umask would, for a moment, process-wide)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

"""Workspace backups: consistent copies made with VACUUM INTO, in `<stem>.backups/` beside it.

A backup's name starts with its UTC time (so names sort by time) and says why it was made:
`20261123T184411.123456Z-daily.journeymap`. Kept: the 7 newest daily ones and the 5 newest
of all other reasons (before-migration, before-restore, manual ...).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..errors import NotFoundError, WorkspaceError
from ..io.durable import fsync_file, fsync_folder
from .sqlite import connect_raw, uri

log = logging.getLogger(__name__)

DAILY = "daily"
KEEP_DAILY = 7
KEEP_OTHER = 5
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([a-z][a-z0-9-]*)$")
_REASON = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass
class BackupInfo:
    name: str
    path: Path
    created: str  # ISO-8601 UTC, e.g. 2026-11-23T18:44:11Z
    reason: str
    size: int


def valid_reason(reason: str) -> bool:
    return bool(_REASON.match(reason))


def folder_for(workspace: Path) -> Path:
    """`work.journeymap` -> `work.backups/` beside it."""
    return workspace.with_name(workspace.stem + ".backups")


class BackupStore:
    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.folder = folder_for(workspace)
        self.suffix = workspace.suffix or ".journeymap"

    def list(self) -> list[BackupInfo]:
        """All backups, newest first."""
        if not self.folder.is_dir():
            return []
        found = [self._info(entry) for entry in self.folder.iterdir()]
        return sorted((b for b in found if b), key=lambda b: b.name, reverse=True)

    def find(self, name: str) -> BackupInfo:
        for backup in self.list():
            if backup.name == name:
                return backup
        raise NotFoundError(
            f"There is no backup named '{name}' in {self.folder}; `journeymap backups` lists them."
        )

    def has_daily_for_today(self) -> bool:
        today = datetime.now(UTC).strftime("%Y%m%d")
        return any(b.reason == DAILY and b.name.startswith(today) for b in self.list())

    def make_daily(self) -> None:
        """Today's daily backup, unless there is one; a failure is only logged, as a missed
        daily backup must not stop the editor."""
        try:
            if not self.has_daily_for_today():
                self.make(DAILY)
        except WorkspaceError as error:
            log.warning("%s", error)

    def make(self, reason: str, *, prune: bool = True) -> BackupInfo:
        """Copy the workspace's committed state into a new backup file."""
        if not valid_reason(reason):
            raise ValueError(f"A backup reason must be lower-case words with dashes: {reason!r}")
        target = self._new_path(reason)
        partial = target.with_name(target.name + ".partial")
        try:
            self._prepare_folder()
            partial.unlink(missing_ok=True)
            conn = connect_raw(self.workspace)
            try:
                # A URI (the connection takes them), so any path works, even one not in UTF-8.
                conn.execute("VACUUM INTO ?", (uri(partial, create=True),))
            finally:
                conn.close()
            fsync_file(partial)
            os.replace(partial, target)  # a crash mid-copy never leaves a half backup
            fsync_folder(self.folder)
        except (OSError, sqlite3.Error) as error:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise WorkspaceError(
                f"The backup of {self.workspace} could not be written to {self.folder} ({error})."
            ) from error
        log.info("Backed up %s to %s (%s)", self.workspace, target.name, reason)
        if prune:
            self.prune()
        return self._info(target)

    def copy_as_is(self, reason: str, *, prune: bool = True) -> BackupInfo:
        """A byte copy of the workspace and its -wal, for a file SQLite cannot copy (a
        damaged one): kept so nothing is thrown away, even if it cannot be restored."""
        target = self._new_path(reason)
        partial = target.with_name(target.name + ".partial")
        wal = self.workspace.with_name(self.workspace.name + "-wal")
        try:
            self._prepare_folder()
            shutil.copyfile(self.workspace, partial)
            fsync_file(partial)
            if wal.is_file() and wal.stat().st_size:
                shutil.copyfile(wal, _wal_of(target))
            os.replace(partial, target)
            fsync_folder(self.folder)
        except OSError as error:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise WorkspaceError(
                f"The copy of {self.workspace} could not be written to {self.folder} "
                f"({error.strerror or error}); nothing was changed."
            ) from error
        log.info("Copied %s as it is to %s (%s)", self.workspace, target.name, reason)
        if prune:
            self.prune()
        return self._info(target)

    def prune(self) -> None:
        """Delete old backups beyond the limits, and copies left by an interrupted backup."""
        backups = self.list()
        daily = [b for b in backups if b.reason == DAILY]
        other = [b for b in backups if b.reason != DAILY]
        for backup in daily[KEEP_DAILY:] + other[KEEP_OTHER:]:
            backup.path.unlink(missing_ok=True)
            _wal_of(backup.path).unlink(missing_ok=True)
        if self.folder.is_dir():
            for leftover in self.folder.glob("*.partial"):
                leftover.unlink(missing_ok=True)

    # -- helpers ------------------------------------------------------------------------
    def _prepare_folder(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise WorkspaceError(
                f"The backup of {self.workspace} could not be made: {self.folder}, where "
                f"backups go, is a file, not a folder."
            )
        self.folder.mkdir(exist_ok=True)

    def _new_path(self, reason: str) -> Path:
        moment = datetime.now(UTC)
        while True:
            path = self.folder / f"{moment.strftime(_STAMP)}-{reason}{self.suffix}"
            if not path.exists():
                return path
            moment += timedelta(microseconds=1)

    def _info(self, path: Path) -> BackupInfo | None:
        if path.suffix != self.suffix:
            return None
        match = _NAME.match(path.name[: -len(self.suffix)])
        if not match or not path.is_file():
            return None
        moment = datetime.strptime(match[1], _STAMP)
        return BackupInfo(
            name=path.name,
            path=path,
            created=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            reason=match[2],
            size=path.stat().st_size,
        )


def _wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")

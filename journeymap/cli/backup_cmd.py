"""backups and restore."""

from __future__ import annotations

from .common import add_command, note, open_workspace
from .printing import write_line


def register(subparsers) -> None:
    p = add_command(subparsers, "backups", "list the workspace's backups, newest first",
                    "List the workspace's backups, newest first: name, time, reason, size "
                    "(tab-separated).")
    p.set_defaults(handler=backups)
    p = add_command(subparsers, "restore",
                    "bring back a backup (the current state is backed up first)")
    p.add_argument("backup", metavar="BACKUP", help="a name as listed by 'journeymap backups'")
    p.set_defaults(handler=restore)


def backups(args) -> int:
    with open_workspace(args, readonly=True) as workspace:
        found = workspace.backups()
    if not found:
        note("there are no backups of this workspace yet.")
    for backup in found:
        size = f"{backup.size / 1024:.0f} KB"
        write_line(f"{backup.name}\t{backup.created}\t{backup.reason}\t{size}")
    return 0


def restore(args) -> int:
    with open_workspace(args, readonly=False, allow_damaged=True) as workspace:
        safety = workspace.restore(args.backup)
    note(f"restored {args.backup}; the state before it is kept as {safety.name}.")
    return 0

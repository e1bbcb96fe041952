"""Helpers shared by the subcommands: the workspace, output lines, input and output files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from ..validation.characters import escaped

WORKSPACE_ENV = "JOURNEYMAP_WORKSPACE"
WORKSPACE_FILE = "workspace.journeymap"


class CommandError(Exception):
    """A usage problem found by a handler (a bad option value, an unknown format …)."""


def add_command(subparsers, name: str, summary: str, description: str | None = None):
    """A subcommand parser: `summary` in the command list, `description` (default: the
    summary as a sentence) at the top of `journeymap NAME --help`."""
    text = description or f"{summary[0].upper()}{summary[1:]}."
    return subparsers.add_parser(name, help=summary, description=text)


def error_line(message: str) -> str:
    return f"journeymap: error: {_one_line(message)}\n"


def warning_line(message: str) -> str:
    return f"journeymap: warning: {_one_line(message)}\n"


def warn(message: str) -> None:
    sys.stderr.write(warning_line(message))


def note(message: str) -> None:
    sys.stderr.write(f"journeymap: {_one_line(message)}\n")


def _one_line(message: str) -> str:
    """The message on one line, any control character in it shown as `\\xNN` (an error
    quoting a stored title or a file name must not rewrite the terminal)."""
    return " ".join(escaped(str(message), keep_newlines=True).split())


def default_workspace() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Journeymap", appauthor=False)) / WORKSPACE_FILE


def workspace_path(args):
    """The workspace of the command: a file's Path, or a server's address (--workspace or
    JOURNEYMAP_WORKSPACE `postgresql://…`), which is no path and never printed with its
    password."""
    from ..storage.address import parse

    chosen = getattr(args, "workspace", None) or os.environ.get(WORKSPACE_ENV)
    return parse(chosen) if chosen else default_workspace()


@contextmanager
def open_workspace(args, *, readonly: bool, allow_damaged: bool = False):
    """The workspace of the command; `allow_damaged` only for `restore`, which may replace a
    file that fails its integrity check (every other writer is refused on one)."""
    from ..storage import Workspace

    workspace = Workspace.open(
        workspace_path(args), readonly=readonly, allow_damaged=allow_damaged
    )
    try:
        yield workspace
    finally:
        workspace.close()


def print_id(map_id: str) -> None:
    """`new`, `import` and `duplicate` print only the new map's id and a newline."""
    sys.stdout.write(f"{map_id}\n")


def existing_file(name: str, what: str) -> Path:
    """The path of an input file that must exist (checked before the workspace is opened)."""
    path = Path(name)
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give the {what} itself.")
    if not path.is_file():
        raise CommandError(f"{path}: no such {what}.")
    return path


def output_file(args, name: str, inputs: Iterable[tuple[str, str | None]] = ()) -> Path:
    """The path to write with -o, checked before any work is done: refused in one sentence
    when it is a folder, a device, FIFO or socket, read-only, in a missing folder, or when
    writing it would replace the workspace, its -wal/-shm/journal/lock files, a backup, or one
    of `inputs` ((what, path) pairs, e.g. ("the event log given with --log", args.log)).
    Write it with `safe_output.replacing`."""
    from ..io.safe_output import Guarded, check_output
    from ..storage.guarded_files import workspace_files

    guarded = [*workspace_files(workspace_path(args)),
               *(Guarded(Path(path), what) for what, path in inputs if path)]
    return check_output(name, guarded)


def read_map(workspace, given: str):
    """The map or version (MAP@VERSION) a reading command names."""
    return workspace.load(workspace.find(given))


def writable_map(workspace, given: str, alternative: str = "", *, lease: bool = True):
    """The map a writing command names; a version is refused (versions never change), in
    one sentence that may offer an `alternative` ("compare it with --no-save"). On a server
    the map's edit lease is taken first (`lease`), so a map someone edits is refused
    before anything is read or written; comments need none."""
    from ..errors import ReadOnlyVersionError

    ref = workspace.find(given)
    if ref.is_version:
        offer = f"{alternative}, or " if alternative else ""
        raise ReadOnlyVersionError(
            f"'{given}' is a version of '{ref.map.name}' and versions are read-only; "
            f"{offer}start a map from it with 'journeymap new NAME --from \"{given}\"'."
        )
    if lease:
        busy = workspace.try_edit(ref.map.id)
        if busy is not None:
            raise busy
    return ref.map

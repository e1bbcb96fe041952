"""Helpers shared by the subcommands: the workspace, output lines, input and output files."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

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
    return " ".join(str(message).split())


def default_workspace() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Journeymap", appauthor=False)) / WORKSPACE_FILE


def workspace_path(args) -> Path:
    chosen = getattr(args, "workspace", None) or os.environ.get(WORKSPACE_ENV)
    return Path(chosen).expanduser() if chosen else default_workspace()


@contextmanager
def open_workspace(args, *, readonly: bool):
    from ..storage import Workspace

    workspace = Workspace.open(workspace_path(args), readonly=readonly)
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


def output_file(name: str) -> Path:
    """The path to write to: its folder must exist and it must not be a folder itself."""
    out = Path(name)
    if out.is_dir():
        raise CommandError(f"{out} is a folder; give the name of the file to write with -o.")
    if not out.parent.is_dir():
        raise CommandError(f"{out.parent}: the folder to write into does not exist.")
    return out


@contextmanager
def partial_file(out: Path):
    """Yield a temporary path beside `out`, moved onto `out` when the block succeeds, so a
    failed write never leaves half a file behind (nor a stray temporary one)."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        yield partial
        partial.replace(out)
    except OSError as exc:
        raise CommandError(f"{out} cannot be written: {exc.strerror or exc}.") from exc
    finally:
        partial.unlink(missing_ok=True)

"""Helpers shared by the subcommands: where the workspace is, opening it, naming maps."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

WORKSPACE_ENV = "JOURNEYMAP_WORKSPACE"
WORKSPACE_FILE = "workspace.journeymap"


class CommandError(Exception):
    """A usage problem found by a handler (a bad option value, an unknown format …)."""


def error_line(message: str) -> str:
    return f"journeymap: error: {_one_line(message)}\n"


def warn(message: str) -> None:
    sys.stderr.write(f"journeymap: warning: {_one_line(message)}\n")


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

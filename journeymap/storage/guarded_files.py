"""The files of a workspace that no export may replace (used by the CLI and the editor)."""

from __future__ import annotations

import os
from pathlib import Path


def workspace_files(chosen: Path) -> list:
    """What no output may replace: the workspace file, SQLite's files beside it, its lock
    and its backups (`safe_output.Guarded`; also used by the editor's export)."""
    from ..io.safe_output import Guarded
    from .address import is_server
    from .backups import folder_for
    from .lock import lock_path

    if is_server(chosen):  # a server: no file
        return []
    workspace = Path(os.path.realpath(chosen))
    sidecars = [
        (f"{workspace.name}{suffix}", f"the workspace's {suffix} file")
        for suffix in ("-wal", "-shm", "-journal")
    ]
    return [
        Guarded(workspace, "the workspace"),
        *(Guarded(workspace.with_name(name), what) for name, what in sidecars),
        Guarded(lock_path(workspace), "the workspace's lock file"),
        Guarded(folder_for(workspace), "the workspace's backup folder", folder=True),
    ]

"""The sample workspace the editor creates on its very first start: one map per template.

Qt-free, so the CLI and tests can build the same sample. A facilitator opening Journeymap for
the first time sees filled, realistic journeys to explore instead of an empty window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import WorkspaceError
from .storage import Workspace
from .templates import build_template, list_templates

log = logging.getLogger(__name__)


def create_sample_workspace(path: Path) -> list[str]:
    """Create a workspace at `path` holding every template; return the new maps' ids.

    Refuses (WorkspaceError) when something already exists at `path`, so an existing
    workspace never gets the samples added twice. If building fails half-way the new file is
    removed again, so the next start tries afresh instead of opening half a sample.
    """
    path = Path(path).expanduser().absolute()
    if path.exists():
        raise WorkspaceError(
            f"The sample workspace cannot be created at {path} because a file is already there."
        )
    workspace = Workspace.open(path)
    ids: list[str] = []
    try:
        for key, _description in list_templates():
            ids.append(workspace.add_map(build_template(key)).id)
    except BaseException:
        workspace.close()
        _remove_workspace_files(path)
        raise
    workspace.close()
    log.info("Created the sample workspace %s with %d maps", path, len(ids))
    return ids


def _remove_workspace_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)

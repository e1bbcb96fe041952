"""Persistence: the SQLite workspace (many maps in one file), autosave, locks and backups.

Public API: `Workspace`, `MapSummary`, `Autosave`, `BackupInfo`, `SCHEMA_VERSION`.
"""

from .autosave import Autosave
from .backups import BackupInfo
from .migrations import current_version
from .versions import VersionInfo
from .workspace import MapRef, MapSummary, Workspace

SCHEMA_VERSION = current_version()

__all__ = [
    "SCHEMA_VERSION", "Autosave", "BackupInfo", "MapRef", "MapSummary", "VersionInfo", "Workspace",
]

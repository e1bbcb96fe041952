"""Typed errors raised by the core; the CLI and the GUI turn them into one clear sentence."""


class JourneymapError(Exception):
    """Base class: the message is a complete sentence meant for the user."""


class ValidationError(JourneymapError):
    """An edit or an imported value breaks a rule of the model; nothing was changed."""


class NotFoundError(JourneymapError):
    """A map, stage, lane, touchpoint, role or connection does not exist."""


class AmbiguousNameError(JourneymapError):
    """A map name matches several maps; the message lists their ids."""


class ImportFileError(JourneymapError):
    """A file to import is broken or of the wrong shape; the message names file, row, column."""


class WorkspaceError(JourneymapError):
    """The workspace file cannot be opened or written (not a workspace, newer schema, read-only)."""


class WorkspaceLockedError(WorkspaceError):
    """Another Journeymap process is writing the workspace."""


class WorkspaceDamagedError(WorkspaceError):
    """The workspace file fails SQLite's integrity check or holds values of the wrong type;
    it is never written to (reading goes on where it can)."""


class ReadOnlyVersionError(JourneymapError):
    """A writing command was given a version of a map (versions never change)."""


class MapBeingEditedError(WorkspaceLockedError):
    """On a server workspace: someone else holds the edit lease of this map."""

    holder_sentence = ""  # "The map 'X' is being edited by USER on HOST since TIME"


class MapChangedElsewhereError(WorkspaceError):
    """On a server workspace: the map was saved by someone else after this copy was read;
    this copy's changes can never be saved (they are refused whole)."""


class WorkspaceReadOnlyRoleError(WorkspaceError):
    """On a server workspace: the database role may read but not write."""

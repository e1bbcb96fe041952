"""The canvas's name for `ui.safety` (the guard now covers the whole UI)."""

from ui.safety import ERRORS, guarded

__all__ = ["ERRORS", "guarded"]

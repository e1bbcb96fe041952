"""Bridge a core `Document` to a `QUndoStack`.

The document validates an edit and builds one `journeymap.commands.Command`; the binding
replaces `document.executor` so that command lands on the Qt undo stack, which drives
`document.apply` / `document.revert`. The command is applied before it is pushed, so an edit
that fails half-way raises to the caller and never reaches the stack; the first `redo()` Qt
calls on push is then skipped, so every push applies exactly once.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap.commands import Command
from journeymap.document import Document

from .safety import guarded


class _QtCommand(QUndoCommand):
    def __init__(self, document: Document, command: Command) -> None:
        super().__init__(command.label)
        self.document = document
        self.command = command
        self._applied = True  # applied by the binding just before push

    @guarded
    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.document.apply(self.command)

    @guarded
    def undo(self) -> None:
        self.document.revert(self.command)


class UndoBinding:
    """Route every command of `document` onto `stack` until `detach()`."""

    def __init__(self, document: Document, stack: QUndoStack) -> None:
        self.document = document
        self.stack = stack
        self._previous = document.executor
        document.executor = self._execute

    @classmethod
    def ensure(cls, document: Document, stack: QUndoStack) -> UndoBinding:
        """The binding of `document` to `stack`, made only if there is none yet."""
        current = getattr(document.executor, "__self__", None)
        if isinstance(current, cls) and current.stack is stack:
            return current
        return cls(document, stack)

    def _execute(self, command: Command) -> None:
        self.document.apply(command)
        self.stack.push(_QtCommand(self.document, command))

    def detach(self) -> None:
        if getattr(self.document.executor, "__self__", None) is self:
            self.document.executor = self._previous

"""A tiny observer: the core announces changes without knowing who listens (Qt or storage)."""

from collections.abc import Callable


class Event:
    """Call `connect(fn)` to listen; `emit(*args)` calls every listener in connection order."""

    def __init__(self) -> None:
        self._listeners: list[Callable] = []

    def connect(self, listener: Callable) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def disconnect(self, listener: Callable) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, *args) -> None:
        for listener in list(self._listeners):
            listener(*args)

"""Keep Python errors from escaping Qt virtual overrides.

With PySide6 6.11.3 on Python 3.11 some exceptions that escape an override (for example the
TypeError of a wrong call inside `mouseMoveEvent`) crash the process in shiboken's error
reporting (`PepException_GetArgs`) instead of being printed. Every event handler, paint method,
event filter, delegate hook and undo command of the UI is therefore wrapped: the error is logged
with its traceback and kept in `ERRORS`, so tests can fail on it, and the application keeps
running. Slots connected to signals are not wrapped: their errors reach `sys.excepthook`.
"""

from __future__ import annotations

import functools
import logging

log = logging.getLogger("ui")
ERRORS: list[BaseException] = []
_KEEP = 20


def guarded(method=None, *, fallback=None):
    """Wrap a Qt override; after an error it returns `fallback`.

    Use `@guarded` for overrides that return nothing and `@guarded(fallback=False)` for those
    Qt reads a value from (event filters, `viewportEvent`): None is not a valid bool there.
    """
    if method is None:
        return functools.partial(guarded, fallback=fallback)

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - must not reach shiboken, see module doc
            log.exception("ui: %s failed", method.__qualname__)
            ERRORS.append(error)
            del ERRORS[:-_KEEP]
            return fallback

    wrapper.guarded = True
    return wrapper

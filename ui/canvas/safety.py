"""Keep Python errors from escaping Qt virtual overrides.

With PySide6 6.11.3 on Python 3.11 some exceptions that escape an override (for example the
TypeError of a wrong call inside `mouseMoveEvent`) crash the process in shiboken's error
reporting (`PepException_GetArgs`) instead of being printed. Every event handler and paint
method of the canvas is therefore wrapped: the error is logged with its traceback and kept in
`ERRORS`, so tests can fail on it, and the application keeps running.
"""

from __future__ import annotations

import functools
import logging

log = logging.getLogger("ui.canvas")
ERRORS: list[BaseException] = []
_KEEP = 20


def guarded(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - must not reach shiboken, see module doc
            log.exception("canvas: %s failed", method.__qualname__)
            ERRORS.append(error)
            del ERRORS[:-_KEEP]
            return None

    return wrapper

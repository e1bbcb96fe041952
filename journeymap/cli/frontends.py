"""What the command line reaches outside the core: the editor.

It needs Qt, which the core never imports. The program's composition root (`app.main`)
registers it before the command line runs; `python -m journeymap` is the command line
alone and says so when asked for the editor. (Every export, PNG and SVG included, is core.)
"""

from __future__ import annotations

from collections.abc import Callable

from .common import CommandError

_registered: dict[str, Callable] = {}


def register(*, gui: Callable | None = None) -> None:
    """gui(workspace_path, map_name_or_id) -> exit code."""
    if gui is not None:
        _registered["gui"] = gui


def get(name: str) -> Callable:
    function = _registered.get(name)
    if function is None:
        raise CommandError("the editor is not part of 'python -m journeymap'; "
                           "run 'journeymap' or 'python main.py' instead.")
    return function

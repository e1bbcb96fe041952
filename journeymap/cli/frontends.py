"""What the command line reaches outside the core: the editor and the image renderer.

Both need Qt, which the core never imports. The program's composition root (`app.main`)
registers them before the command line runs; `python -m journeymap` is the command line
alone and says so when asked for the editor or an image.
"""

from __future__ import annotations

from collections.abc import Callable

from .common import CommandError

_registered: dict[str, Callable] = {}


def register(*, gui: Callable | None = None, image: Callable | None = None) -> None:
    """gui(workspace_path, map_name_or_id) -> exit code; image(map, path, fmt, dpi=…)."""
    for name, function in (("gui", gui), ("image", image)):
        if function is not None:
            _registered[name] = function


def get(name: str) -> Callable:
    function = _registered.get(name)
    if function is None:
        what = "the editor" if name == "gui" else "PNG and SVG export"
        raise CommandError(f"{what} is not part of 'python -m journeymap'; "
                           "run 'journeymap' or 'python main.py' instead.")
    return function

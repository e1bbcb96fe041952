"""Keeping Python's cycle collector out of the way of building a large scene.

Building the scene of a 2,000-card map makes well over 100,000 long-lived objects; while they
pile up, the collector runs full passes over the whole heap (0.2-0.3 s each here, several per
open). `building()` pauses it for the build and afterwards freezes what exists, so later
passes (during a drag, say) skip the scene instead of walking it again and again. Frozen
objects are still freed by reference counting; the scene breaks its own reference cycles when
it is dropped (`JourneyScene.detach`), and `release()` unfreezes before a new build so
leftover cycles of an old scene stay collectable.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def building() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


def release() -> None:
    """Let the collector see every object again (an old scene is going away)."""
    gc.unfreeze()

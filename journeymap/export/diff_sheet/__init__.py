"""The current -> target sheet of a diff: the to-be map with what changes from the as-is map
marked on it, the A3 band of both and the change list, continued under "Changes in full".
Entry point: `writer.write_diff_pdf`."""

from .writer import write_diff_pdf

__all__ = ["write_diff_pdf"]

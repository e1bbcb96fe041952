"""Journeymap core: journey model, document API, storage, import/export and analysis.

Nothing below this package imports Qt (a test enforces it).
"""

__version__ = "0.1.0"

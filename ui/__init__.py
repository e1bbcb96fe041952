"""The Qt layer of Journeymap (PySide6 only lives below this package)."""

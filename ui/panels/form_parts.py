"""Pieces the inspector's forms share: section headers and the lists of choices."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from journeymap.model import EVIDENCE_LEVELS

# The channels facilitators name most; the map's own channels are added to the list.
USUAL_CHANNELS = (
    "web", "email", "phone", "chat", "app", "social", "event", "in person", "mail",
    "community", "document", "video call", "store", "partner",
)
EXPERIENCE_CHOICES = [
    ("Not rated", None),
    ("+2  Delighted", 2),
    ("+1  Good", 1),
    ("0  Neutral", 0),
    ("−1  Poor", -1),
    ("−2  Painful", -2),
]
EVIDENCE_CHOICES = [
    ("Assumption — we believe it", "assumption"),
    ("Observed — we saw it happen", "observed"),
    ("Measured — we have the data", "measured"),
]
assert [value for _, value in EVIDENCE_CHOICES] == list(EVIDENCE_LEVELS)


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionHeader")
    return label

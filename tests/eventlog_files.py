"""Helpers for the event-log tests: the sample logs, writing a log, reading back its events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

DATA = Path(__file__).parent / "data" / "logs"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def write(tmp_path: Path, text: str, name: str = "log.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def rows(log) -> list[tuple]:
    return log.frame.select("case", "activity", "time", "row").rows()

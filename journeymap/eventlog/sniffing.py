"""What an event log is, told by its content, not its name: the format from the first bytes
and, for CSV, that the text is UTF-8 and which separator its header uses."""

from __future__ import annotations

from pathlib import Path

from ..errors import ImportFileError

_HEAD_BYTES = 65536
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def log_format(path: Path) -> str:
    """`csv`, `xlsx`, `parquet`, `xes` or `xes.gz`, told by the content, not the file name."""
    return sniff(Path(path))[0]


def sniff(path: Path) -> tuple[str, bytes]:
    """(format, the first 64 KiB)."""
    if not path.is_file():
        raise ImportFileError(f"The event log {path} does not exist or is not a file.")
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    if head.startswith(b"PAR1"):
        return "parquet", head
    if head.startswith(b"PK\x03\x04"):
        return "xlsx", head
    if head.startswith(b"\x1f\x8b"):
        return "xes.gz", head
    if _looks_like_xml(head):
        return "xes", head
    return "csv", head


def _looks_like_xml(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS):  # UTF-16 (expat reads it by its BOM)
        head = head[:4096].decode("utf-16", errors="ignore").encode()
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<?xml") or text.startswith(b"<log")


def not_a_log(path: Path, detail: str = "") -> ImportFileError:
    why = f" ({detail})" if detail else ""
    return ImportFileError(
        f"{path.name} is not an event log that Journeymap can read{why}: expected CSV, XLSX, "
        "Parquet or XES with a case, an activity and a timestamp column."
    )


def csv_separator(path: Path, head: bytes) -> str:
    """`,`, `;` or a tab: the one the header line of `head` (the file's first bytes) holds
    most of. Refuses text that is not UTF-8: UTF-16, binary data, another encoding."""
    if head.startswith(_UTF16_BOMS):
        raise ImportFileError(f"{path.name} is UTF-16 text; save it as UTF-8 CSV.")
    if b"\x00" in head:
        raise not_a_log(path, "it holds binary data")
    text = head.removeprefix(b"\xef\xbb\xbf")
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(text) - 4:  # not just a character cut at the end of the sample
            raise ImportFileError(
                f"{path.name} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8 CSV."
            ) from None
    header = text.split(b"\n", 1)[0]
    return max((",", ";", "\t"), key=lambda sep: header.count(sep.encode()))

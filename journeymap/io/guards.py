"""Reading compressed and XML input under the limits of `journeymap.io.limits`.

- `check_zip(path, file)`: the declared sizes of every member of a ZIP (an XLSX workbook),
  before anything is inflated. Python's zipfile never yields more than a member's declared
  size (and a lie fails its CRC check), so the declared sizes bound what is read.
- `InflateCounter`: a binary stream over a decompressing one (gzip) that counts the bytes as
  they come out and refuses beyond the inflated-size limit or the compression ratio.
- `XmlGuard`: expat fed chunk by chunk, refusing a DTD (no entities, so no billion laughs),
  nesting beyond the depth limit, attribute values beyond the attribute limit and any single
  token (a tag, a comment) longer than that: expat 2.5 re-reads an unfinished token on every
  chunk, so one huge token costs quadratic time unless it is cut short. Text is no such
  token: expat reads it as it comes.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from xml.parsers import expat

from ..errors import ImportFileError
from . import limits

_CHUNK = 64 * 1024
# Bytes of one token that can still hold ATTRIBUTE characters (UTF-8: at most 4 a character).
_TOKEN_SLACK = 4


# -- ZIP -------------------------------------------------------------------------------------
def check_zip(path: Path, file: str) -> zipfile.ZipFile:
    """The opened archive, once its members' declared sizes are within the limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(f"{file} is not a readable Excel workbook (.xlsx): {exc}.") from None
    except NotImplementedError as exc:  # a damaged directory claims an unknown ZIP version
        raise ImportFileError(
            f"{file} is not a readable Excel workbook (.xlsx): it is damaged ({exc})."
        ) from None
    try:
        total = 0
        inflated, ratio = limits.INFLATED.value(), limits.COMPRESSION.value()
        for info in archive.infolist():
            total += info.file_size
            if total > inflated:
                raise limits.INFLATED.refuse(
                    file, f"inflates to more than {inflated // (1024 * 1024):,} MB"
                )
            packed = max(info.compress_size, 1)
            if info.file_size > limits.COMPRESSION_GRACE and info.file_size > ratio * packed:
                raise limits.COMPRESSION.refuse(
                    file, f"has a part ({info.filename}) compressed "
                    f"{info.file_size // packed:,} to 1"
                )
    except BaseException:
        archive.close()
        raise
    return archive


# -- gzip --------------------------------------------------------------------------------------
class InflateCounter:
    """`read(n)` of `inflating` (e.g. a GzipFile), counting what comes out; `raw` is the
    compressed file underneath (its position tells how much was consumed)."""

    def __init__(self, inflating, raw, file: str) -> None:
        self._inflating, self._raw, self._file = inflating, raw, file
        self._limit = limits.INFLATED.value()
        self._ratio = limits.COMPRESSION.value()
        self.count = 0

    def read(self, size: int = _CHUNK) -> bytes:
        try:
            data = self._inflating.read(size)
        except (zlib.error, EOFError, OSError) as exc:
            raise ImportFileError(
                f"{self._file} is a damaged gzip file ({exc}); compress it again or give "
                "the .xes file itself."
            ) from None
        self.count += len(data)
        if self.count > self._limit:
            raise limits.INFLATED.refuse(
                self._file, f"inflates to more than {self._limit // (1024 * 1024):,} MB"
            )
        if self.count > limits.COMPRESSION_GRACE:
            packed = max(self._raw.tell(), 1)
            if self.count > self._ratio * packed:
                raise limits.COMPRESSION.refuse(
                    self._file, f"is compressed more than {self.count // packed:,} to 1"
                )
        return data


# -- XML ---------------------------------------------------------------------------------------
class XmlGuard:
    """Parse XML from `stream` (anything with `read(n)` giving bytes) with expat.

    `start(name, attributes)` and `end(name)` get local names (namespace dropped) for every
    element; they may raise to stop. `value_limit` is the limit named when a token is too
    long (ATTRIBUTE for XES; CELL for a worksheet, whose long tokens are cell texts);
    `kind` names the format in the sentence for broken XML. With `elements=False` no Python
    code runs per element (no depth or attribute check, no callbacks): expat alone checks
    the XML, refuses a DTD and the token length is watched, at C speed.
    """

    def __init__(
        self,
        file: str,
        start: Callable[[str, dict], None] | None = None,
        end: Callable[[str], None] | None = None,
        value_limit: limits.Limit = limits.ATTRIBUTE,
        kind: str = "XML",
        elements: bool = True,
    ) -> None:
        self.file, self._kind, self._elements = file, kind, elements
        self._start, self._end = start, end
        self._value_limit = value_limit
        self._attribute_chars = limits.ATTRIBUTE.value()
        self._depth_limit = limits.DEPTH.value()
        self.depth = 0

    def parse(self, stream) -> None:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        if self._elements:
            parser.StartElementHandler = self._on_start
            parser.EndElementHandler = self._on_end
        longest = max(self._attribute_chars, self._value_limit.value()) * _TOKEN_SLACK + _CHUNK
        fed = 0
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
                fed += len(chunk)
                # Between calls expat's byte index is where it stopped: the start of a token
                # it has not seen the end of yet.
                if fed - parser.CurrentByteIndex > longest:
                    raise self._value_limit.refuse(
                        self.file, f"has an XML tag, comment or value longer than "
                        f"{self._value_limit.setting():,} characters (from byte "
                        f"{parser.CurrentByteIndex:,})"
                    )
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise ImportFileError(
                f"{self.file} is not well-formed {self._kind}: {expat.ErrorString(exc.code)} "
                f"(line {exc.lineno}, column {exc.offset + 1})."
            ) from None
        except LookupError as exc:  # the XML declaration names an encoding nobody knows
            raise ImportFileError(
                f"{self.file} declares a text encoding Journeymap does not know ({exc}); "
                "save it as UTF-8."
            ) from None

    def _doctype(self, *_args) -> None:
        raise ImportFileError(
            f"{self.file} declares a DTD (<!DOCTYPE …>); Journeymap does not read XML with a "
            "DTD, which can define entities that expand without end."
        )

    def _entity(self, *_args) -> None:
        self._doctype()

    def _on_start(self, name: str, attributes: dict) -> None:
        self.depth += 1
        if self.depth > self._depth_limit:
            raise limits.DEPTH.refuse(
                self.file, f"nests XML elements more than {self._depth_limit:,} deep"
            )
        for key, value in attributes.items():
            if len(value) > self._attribute_chars:
                raise limits.ATTRIBUTE.refuse(
                    self.file, f"has an XML attribute ({_local(key)}) of {len(value):,} characters"
                )
        if self._start is not None:
            self._start(_local(name), attributes)

    def _on_end(self, name: str) -> None:
        self.depth -= 1
        if self._end is not None:
            self._end(_local(name))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


# -- XLSX --------------------------------------------------------------------------------------
_WORKSHEET = "spreadsheetml.worksheet+xml"
_CHARTSHEET = "spreadsheetml.chartsheet+xml"
_XML_PARTS = (".xml", ".rels", ".vml")


@contextmanager
def open_workbook(path: Path, file: str):
    """With the first worksheet of a read-only openpyxl workbook, once the archive's sizes,
    every XML part openpyxl parses when opening it and that worksheet pass the limits.
    `worksheet_rows` then reads its rows under the cell limit."""
    with check_zip(path, file) as archive:
        worksheets = _worksheet_parts(archive, file)
        for info in archive.infolist():
            if info.filename.lower().endswith(_XML_PARTS) and info.filename not in worksheets:
                _scan_part(archive, info.filename, file)
    try:
        # A file object, so openpyxl does not insist on the name's extension.
        handle = path.open("rb")
    except OSError as exc:
        raise ImportFileError(f"{file} cannot be read: {exc.strerror or exc}.") from None
    with handle:
        workbook = _load(handle, file)
        try:
            if not workbook.worksheets:
                raise ImportFileError(f"{file} has no worksheet.")
            sheet = workbook.worksheets[0]
            part = getattr(sheet, "_worksheet_path", None)  # openpyxl's read-only sheets know it
            if part is not None:
                with zipfile.ZipFile(path) as archive:
                    _scan_part(archive, part, file, worksheet=True)
            yield sheet
        finally:
            workbook.close()


def worksheet_rows(sheet, file: str, first_row: int = 1):
    """The sheet's rows as lists of values, refused beyond the row limit; a text longer than
    the cell limit is refused with its row and column."""
    from openpyxl.utils import get_column_letter

    longest, most = limits.CELL.value(), limits.ROWS.value()
    number = first_row - 1
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=first_row):
            if number > most:
                raise limits.ROWS.refuse(file, f"has more than {most:,} rows")
            for index, value in enumerate(values):
                if isinstance(value, str) and len(value) > longest:
                    raise limits.CELL.refuse(
                        f"{file}, row {number}, column {get_column_letter(index + 1)},",
                        f"holds {len(value):,} characters",
                    )
            yield list(values)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a broken sheet
        raise ImportFileError(
            f"{file} is not a readable Excel workbook (.xlsx) (after row {number}): "
            f"{exc or type(exc).__name__}."
        ) from None


def _worksheet_parts(archive: zipfile.ZipFile, file: str) -> set[str]:
    """Names of the worksheet parts, from [Content_Types].xml; refuses a workbook without."""
    kinds: dict[str, str] = {}

    def start(name: str, attributes: dict) -> None:
        if name == "Override" and "PartName" in attributes:
            kinds[attributes["PartName"].lstrip("/")] = attributes.get("ContentType", "")

    _scan_part(archive, "[Content_Types].xml", file, start=start)
    worksheets = {part for part, kind in kinds.items() if kind.endswith(_WORKSHEET)}
    if worksheets:
        return worksheets
    if any(kind.endswith(_CHARTSHEET) for kind in kinds.values()):
        raise ImportFileError(
            f"{file} has only chart sheets and no worksheet; Journeymap reads the cells of "
            "the first worksheet."
        )
    raise ImportFileError(f"{file} has no worksheet.")


def _scan_part(archive: zipfile.ZipFile, part: str, file: str, *, start=None, worksheet=False):
    """Parse one part under the limits. A worksheet, the one large part, is parsed by expat
    alone (a DTD, broken XML and overlong tokens refused at C speed; the Python callbacks
    of a full check would add a third to the import): openpyxl keeps only the open
    elements of a worksheet, so its depth costs no memory; rows and cells are counted as
    openpyxl reads them."""
    where = f"{file} (part {part})"
    guard = XmlGuard(where, start=start, elements=not worksheet,
                     value_limit=limits.CELL if worksheet else limits.ATTRIBUTE)
    try:
        with archive.open(part) as stream:
            guard.parse(stream)
    except KeyError:
        raise ImportFileError(f"{file} is not an XLSX workbook: it has no {part}.") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ImportFileError(f"{where} is damaged: {exc}.") from None
    except NotImplementedError as exc:  # a damaged header names an unknown compression
        raise ImportFileError(f"{where} is damaged or uses an unknown compression: {exc}.") \
            from None
    except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
        raise ImportFileError(f"{where} cannot be read: {exc}.") from None


def _load(handle, file: str):
    """openpyxl's `load_workbook(read_only=True, data_only=True)`, leaving out chart sheets:
    only cells are read, and openpyxl 3.1 fails on a chart sheet without a drawing."""
    from openpyxl.reader.excel import ExcelReader  # heavy: only when a workbook is read

    class CellsOnly(ExcelReader):
        def read_chartsheet(self, sheet, rel) -> None:
            pass

    try:
        reader = CellsOnly(handle, read_only=True, data_only=True)
        reader.read()
        return reader.wb
    except OSError as exc:
        raise ImportFileError(f"{file} cannot be read: {exc.strerror or exc}.") from None
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        raise ImportFileError(
            f"{file} is not a readable Excel workbook (.xlsx): {exc or type(exc).__name__}."
        ) from None


# -- CSV ---------------------------------------------------------------------------------------
def csv_limited(reader, file: str):
    """The rows of a `csv.reader` under the row and cell limits: csv's own field limit is set
    to the cell limit, and its error for a longer cell becomes the limit's sentence."""
    import csv

    longest, most = limits.CELL.value(), limits.ROWS.value()
    csv.field_size_limit(longest)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            if number > most:
                raise limits.ROWS.refuse(file, f"has more than {most:,} rows")
            yield row
    except csv.Error as exc:
        if "field larger than field limit" not in str(exc):
            raise
        raise limits.CELL.refuse(
            f"{file}, row {number + 1},", f"has a cell longer than {longest:,} characters"
        ) from None

"""Read a workshop sheet (CSV or XLSX, one touchpoint a row) into a new Map.

The sheet's rows are first read as plain cell values (text from CSV; text, int, float or
dates from XLSX), then one builder turns them into a map, so both formats follow the same
rules. Errors name the file, the 1-based spreadsheet row (the header is row 1) and the column.

- CSV: UTF-8 with or without BOM; the delimiter (`,` or `;`) is the one that occurs more
  often, outside quotes, in the header line. In a `;`-delimited file, `2,5` is read as 2.5.
- XLSX: the first worksheet, read with openpyxl in read-only mode; a formula cell gives its
  value as last calculated by the spreadsheet program.
- The header row is the first row that is not blank; fully blank rows are skipped.
- Rows above the first touchpoint with only Stage and Lane filled declare stages and lanes
  (in order, possibly empty); below it, such a row is a touchpoint without a title (error).
- Stage, lane and touchpoint titles are trimmed and compared exactly. Next and Loops items
  match a title exactly or, failing that, ignoring case when only one title matches. A cell
  holding `;;` is first read with `;;` standing for a `;` inside a title, which is how the
  writer writes such titles.
- A title named in both Next and Loops of a row gives one connection, marked as a loop.
- Line breaks inside cells become `\\n`; other text is kept verbatim, and must follow
  `characters`: a control character (but tab) is an error naming row and column, and so is
  a line break outside the Description and extra (notes) columns - between the items of
  R, A, C, I, Next and Loops it only separates them, as spaces would.
- Numbers must be finite and within `validation.numbers` (Days up to 36,500 ...).
- The map built is then held to the rules of an edit (`journeymap.validation`), like every
  map that comes in whole. The files' bytes become cells in `sheet_files`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFileError
from ..model import Connection, Lane, Map, Role, Stage, Touchpoint, new_id
from ..validation import (
    NOT_AN_EXPERIENCE,
    TEXT_LIMIT,
    MapValidationError,
    cell_problem,
    experience_problem,
    line_problem,
    validate_map,
)
from ..validation.characters import quoted
from ..validation.numbers import amount_problem
from .sheet_files import cell_text, csv_rows, xlsx_rows
from .sheet_format import (
    NUMBER_COLUMNS,
    RACI_COLUMNS,
    REQUIRED_COLUMNS,
    column_for_header,
    parse_decimal,
    parse_whole,
    split_roles,
    split_titles,
    split_titles_escaped,
)

_TEXT_COLUMNS = {"Channel": "channel", "Description": "description", "Owner": "owner", "KPI": "kpi"}
# Cells that may hold line breaks: Description, and lists (R, A, C, I, Next, Loops), where a
# line break between items only separates them. Extra columns (kept as notes) may too.
_MULTILINE_COLUMNS = {"Description", *RACI_COLUMNS, "Next", "Loops"}


def read_sheet(path: Path, name: str | None = None) -> tuple[Map, list[str]]:
    """A new map from a .csv or .xlsx workshop sheet, and warnings (plain sentences)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows, delimiter = csv_rows(path)
    elif suffix == ".xlsx":
        rows, delimiter = xlsx_rows(path), None
    else:
        raise ImportFileError(
            f"{path.name}: a workshop sheet must be a .csv or .xlsx file, not '{path.suffix}'."
        )
    reader = _SheetReader(path.name, decimal_comma=delimiter == ";")
    return reader.build(rows, name or path.stem)


def _validated(journey_map: Map, rows: list[_Row], file: str) -> Map:
    """The map, held to the rules of an edit (the cells passed their own checks already,
    which name the column); a problem is named by the row it came from."""
    try:
        validate_map(journey_map, file)
    except MapValidationError as error:
        path, clause = error.problem.path, error.problem.clause
        if path[0] == "touchpoints":
            raise ImportFileError(f"{file}, row {rows[path[1]].number}: {clause}.") from None
        raise ImportFileError(f"{file}: {clause}.") from None
    return journey_map


# -- from cells to a map ---------------------------------------------------------------------
def _shown(value) -> str:
    """A cell value as an error message quotes it (escaped, at most 40 characters)."""
    text = cell_text(value).strip()
    if len(text) <= 40 and parse_decimal(text) is not None:
        return text
    return quoted(text)


@dataclass
class _Row:
    number: int
    touchpoint: Touchpoint
    raci: dict[str, list[str]]  # letter -> role names
    next: str
    loops: str


@dataclass
class _SheetReader:
    file: str
    decimal_comma: bool = False
    columns: dict[str, int] = field(default_factory=dict)  # sheet column -> cell index
    extra: list[tuple[int, str]] = field(default_factory=list)  # unknown (index, header)
    width: int = 0  # cells in the header row
    overflow: list[int] = field(default_factory=list)  # rows with values beyond the header
    taken: set[str] = field(default_factory=set)  # ids handed out, so none is given twice

    def build(self, rows: list[list], name: str) -> tuple[Map, list[str]]:
        header_index = self._header_index(rows)
        self._read_header(rows[header_index], header_index + 1)
        journey_map = Map(id=new_id("map"), name=name)
        stages: dict[str, Stage] = {}
        lanes: dict[str, Lane] = {}
        parsed: list[_Row] = []
        for index in range(header_index + 1, len(rows)):
            cells = rows[index]
            if all(not cell_text(value).strip() for value in cells):
                continue
            if not parsed and self._is_order_row(cells):
                self._declare_row(cells, index + 1, stages, lanes)
                continue
            if any(cell_text(value).strip() for value in cells[self.width:]):
                self.overflow.append(index + 1)
            parsed.append(self._row(index + 1, cells, stages, lanes))
        journey_map.stages = list(stages.values())
        journey_map.lanes = list(lanes.values())
        journey_map.touchpoints = [row.touchpoint for row in parsed]
        journey_map.roles = _assign_roles(parsed, self._new_id)
        journey_map.connections = self._connections(parsed)
        return _validated(journey_map, parsed, self.file), self._warnings(parsed)

    def _is_order_row(self, cells: list) -> bool:
        """Stage and Lane filled and nothing else: it only fixes stage and lane order. Such
        rows count only above the first touchpoint (where the writer puts them); further down
        the same row is a touchpoint whose title was forgotten, which is an error."""
        stage, lane = self.columns["Stage"], self.columns["Lane"]
        filled = [i for i, value in enumerate(cells) if cell_text(value).strip()]
        return sorted(filled) == sorted({stage, lane})

    def _declare_row(self, cells: list, number: int, stages: dict, lanes: dict) -> None:
        stage_name = self._text(cells, "Stage", number, trimmed=True)
        lane_name = self._text(cells, "Lane", number, trimmed=True)
        self._declare(stage_name, lane_name, stages, lanes)

    def _declare(self, stage_name: str, lane_name: str, stages: dict, lanes: dict) -> None:
        """Stages and lanes are created in order of first appearance."""
        if stage_name not in stages:
            stages[stage_name] = Stage(id=self._new_id("st"), name=stage_name)
        if lane_name not in lanes:
            lanes[lane_name] = Lane(id=self._new_id("ln"), name=lane_name)

    def _new_id(self, prefix: str) -> str:
        fresh = new_id(prefix, self.taken)
        self.taken.add(fresh)
        return fresh

    # -- header -----------------------------------------------------------------------------
    def _header_index(self, rows: list[list]) -> int:
        for index, cells in enumerate(rows):
            if any(cell_text(value).strip() for value in cells):
                return index
        raise ImportFileError(f"{self.file} is empty.")

    def _read_header(self, cells: list, number: int) -> None:
        self.width = len(cells)
        for index, value in enumerate(cells):
            header = cell_text(value).strip()
            if not header:
                continue  # an empty header cell: the column is ignored
            clause = line_problem(cell_text(value), header, multiline=False)
            if clause is not None:
                raise ImportFileError(
                    f"{self.file}, row {number} (the header), column {index + 1}: the text {clause}."
                )
            column = column_for_header(header)
            if column is None:
                self.extra.append((index, header))
            elif column in self.columns:
                raise ImportFileError(
                    f'{self.file}, row {number}: the column "{column}" appears twice in the header.'
                )
            else:
                self.columns[column] = index
        missing = [column for column in REQUIRED_COLUMNS if column not in self.columns]
        if missing:
            names = _listed([f'"{column}"' for column in missing])
            plural = "columns" if len(missing) > 1 else "column"
            raise ImportFileError(
                f"{self.file} has no {names} {plural} in its header row (row {number}); "
                "a workshop sheet needs Stage, Lane and Touchpoint."
            )

    # -- one row ------------------------------------------------------------------------------
    def _cell(self, cells: list, column: str):
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    def _text(self, cells: list, column: str, number: int, trimmed: bool = False) -> str:
        """The cell's text, trimmed if asked, once it passes the length and text rules."""
        raw = cell_text(self._cell(cells, column))
        text = raw.strip() if trimmed else raw
        clause = cell_problem(raw, text, multiline=column in _MULTILINE_COLUMNS)
        if clause is not None:
            raise self._error(number, column, f"the text {clause}.")
        return text

    def _required(self, cells: list, column: str, number: int, what: str) -> str:
        text = self._text(cells, column, number, trimmed=True)
        if not text:
            raise self._error(number, column, f"the cell is empty, but every touchpoint needs {what}.")
        return text

    def _error(self, number: int, column: str, message: str) -> ImportFileError:
        return ImportFileError(f'{self.file}, row {number}, column "{column}": {message}')

    def _row(self, number: int, cells: list, stages: dict, lanes: dict) -> _Row:
        stage_name = self._required(cells, "Stage", number, "a stage")
        lane_name = self._required(cells, "Lane", number, "a lane")
        title = self._required(cells, "Touchpoint", number, "a title")
        self._declare(stage_name, lane_name, stages, lanes)
        stage, lane = stages[stage_name], lanes[lane_name]
        tp = Touchpoint(id=self._new_id("tp"), title=title, stage=stage.id, lane=lane.id)
        for column, attribute in _TEXT_COLUMNS.items():
            setattr(tp, attribute, self._text(cells, column, number, column != "Description"))
        tp.experience = self._experience(cells, number)
        tp.days, tp.volume, tp.cost = (
            self._number(cells, column, number) for column in NUMBER_COLUMNS
        )
        tp.notes = self._notes(cells, number)
        raci = {
            letter: split_roles(self._text(cells, letter, number)) for letter in RACI_COLUMNS
        }
        return _Row(
            number,
            tp,
            raci,
            self._text(cells, "Next", number),
            self._text(cells, "Loops", number),
        )

    def _experience(self, cells: list, number: int) -> int | None:
        value = self._cell(cells, "Experience")
        if not cell_text(value).strip():
            return None
        whole = parse_whole(value)
        if whole is None or experience_problem(whole) is not None:
            raise self._error(number, "Experience", f"{_shown(value)} {NOT_AN_EXPERIENCE}.")
        return whole

    def _number(self, cells: list, column: str, number: int) -> float | None:
        value = self._cell(cells, column)
        if not cell_text(value).strip():
            return None
        result = parse_decimal(value, self.decimal_comma)
        if result is None:
            raise self._error(number, column, f"{_shown(value)} is not a number.")
        clause = amount_problem(result, column.lower())
        if clause is not None:
            raise self._error(number, column, f"{_shown(value)} {clause}.")
        return result

    def _notes(self, cells: list, number: int) -> str:
        lines = []
        for index, header in self.extra:
            value = cell_text(cells[index]) if index < len(cells) else ""
            if value.strip():
                clause = line_problem(value, value, multiline=True)
                if clause is not None:
                    raise self._error(number, header, f"the text {clause}.")
                lines.append(f"{header}: {value}")
        notes = "\n".join(lines)
        if len(notes) > TEXT_LIMIT:
            raise self._error(number, self.extra[0][1], f"the notes are longer than {TEXT_LIMIT} "
                              "characters.")
        return notes

    # -- connections ----------------------------------------------------------------------------
    def _connections(self, rows: list[_Row]) -> list[Connection]:
        titles = self._titles(rows)
        folded: dict[str, Touchpoint | None] = {}
        for title, (tp, _) in titles.items():
            key = title.casefold()
            folded[key] = None if key in folded else tp  # None: several titles fold alike

        def lookup(title: str) -> Touchpoint | None:
            found = titles.get(title)
            return found[0] if found else folded.get(title.casefold())

        connections = []
        for row in rows:
            targets: dict[str, bool] = {}  # target id -> loop
            for column, cell, loop in (("Next", row.next, False), ("Loops", row.loops, True)):
                for tp in self._targets(cell, lookup, row.number, column):
                    targets[tp.id] = targets.get(tp.id, False) or loop
            source = row.touchpoint
            connections += [
                Connection(id=self._new_id("cn"), source=source.id, target=target, days=source.days,
                           loop=loop)
                for target, loop in targets.items()
            ]
        return connections

    def _titles(self, rows: list[_Row]) -> dict[str, tuple[Touchpoint, int]]:
        titles: dict[str, tuple[Touchpoint, int]] = {}
        for row in rows:
            title = row.touchpoint.title
            if title in titles:
                first = titles[title][1]
                raise ImportFileError(
                    f'{self.file}, rows {first} and {row.number}, column "Touchpoint": '
                    f'the title "{title}" appears twice; touchpoint titles must be unique '
                    "within a sheet."
                )
            titles[title] = (row.touchpoint, row.number)
        return titles

    def _targets(self, cell: str, lookup, number: int, column: str) -> list[Touchpoint]:
        if ";;" in cell:
            found = [lookup(title) for title in split_titles_escaped(cell)]
            if all(found):
                return found
        targets = []
        for title in split_titles(cell):
            tp = lookup(title)
            if tp is None:
                raise self._error(number, column, f'there is no touchpoint titled "{title}".')
            targets.append(tp)
        return targets

    def _warnings(self, rows: list[_Row]) -> list[str]:
        warnings = []
        if self.extra:
            names = [f'"{header}"' for _, header in self.extra]
            if len(names) == 1:
                warnings.append(
                    f"{self.file}: the column {names[0]} is not a Journeymap column; "
                    "its values were kept in the touchpoint notes."
                )
            else:
                warnings.append(
                    f"{self.file}: the columns {_listed(names)} are not Journeymap columns; "
                    "their values were kept in the touchpoint notes."
                )
        if self.overflow:
            rows_word = "row" if len(self.overflow) == 1 else f"{len(self.overflow)} rows, the first"
            warnings.append(
                f"{self.file}, {rows_word} {self.overflow[0]}: values to the right of the last "
                "header column were left out; a cell holding the delimiter must be in quotes."
            )
        if not rows:
            warnings.append(f"{self.file} has a header row but no touchpoints.")
        return warnings


def _listed(names: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _assign_roles(rows: list[_Row], new_role_id) -> list[Role]:
    """Roles in order of first appearance; each touchpoint's RACI letters by role id."""
    roles: dict[str, Role] = {}
    for row in rows:
        raci: dict[str, str] = {}
        for letter, names in row.raci.items():
            for role_name in names:
                if role_name not in roles:
                    roles[role_name] = Role(id=new_role_id("ro"), name=role_name)
                role = roles[role_name]
                raci[role.id] = raci.get(role.id, "") + letter
        row.touchpoint.raci = raci  # letters were added in R-A-C-I order
    return list(roles.values())

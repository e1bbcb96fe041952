"""Reading workshop sheets: header matching, lists, numbers, scripts, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from journeymap.errors import ImportFileError
from journeymap.io.sheet import read_sheet

HEADER = "Stage,Lane,Touchpoint"


def write_csv(tmp_path: Path, text: str, name: str = "sheet.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def write_xlsx(tmp_path: Path, rows: list[list], name: str = "sheet.xlsx") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Second").append(["ignored"])
    path = tmp_path / name
    workbook.save(path)
    return path


def read_csv(tmp_path: Path, text: str, **kwargs):
    return read_sheet(write_csv(tmp_path, text, **kwargs))


def titles(m) -> list[str]:
    return [tp.title for tp in m.touchpoints]


def error_of(tmp_path: Path, text: str, **kwargs) -> str:
    with pytest.raises(ImportFileError) as info:
        read_csv(tmp_path, text, **kwargs)
    return str(info.value)


# -- header ------------------------------------------------------------------------------------
def test_headers_match_ignoring_case_brackets_and_order(tmp_path):
    m, warnings = read_csv(
        tmp_path,
        "touchpoint,EXPERIENCE (-2..2),lane [dept],Stage,  days (expected)  \n"
        "Ad,2,Marketing,Reach,1.5\n",
    )
    tp = m.touchpoints[0]
    assert (tp.title, tp.experience, tp.days) == ("Ad", 2, 1.5)
    assert m.stages[0].name == "Reach" and m.lanes[0].name == "Marketing"
    assert warnings == []


def test_unknown_columns_become_notes_and_are_named_once_in_a_warning(tmp_path):
    m, warnings = read_csv(
        tmp_path,
        f"{HEADER},Budget code,Remark\n"
        "Reach,Sales,A,BC-7,first\n"
        "Reach,Sales,B,,second\n"
        "Reach,Sales,C,BC-9,\n",
    )
    assert [tp.notes for tp in m.touchpoints] == [
        "Budget code: BC-7\nRemark: first",
        "Remark: second",
        "Budget code: BC-9",
    ]
    assert warnings == [
        'sheet.csv: the columns "Budget code" and "Remark" are not Journeymap columns; '
        "their values were kept in the touchpoint notes."
    ]


def test_empty_header_cells_and_blank_rows_are_ignored(tmp_path):
    m, warnings = read_csv(
        tmp_path, f"\n{HEADER},,\nReach,Sales,A,x,y\n,,,,\n\n  ,  ,\nReach,Sales,B,,\n"
    )
    assert titles(m) == ["A", "B"]
    assert m.touchpoints[0].notes == ""
    assert warnings == []


def test_header_only_sheet_gives_an_empty_map_with_a_warning(tmp_path):
    m, warnings = read_csv(tmp_path, HEADER + "\n")
    assert m.touchpoints == [] and m.stages == []
    assert warnings == ["sheet.csv has a header row but no touchpoints."]


def test_map_name_defaults_to_the_file_stem_and_ids_are_fresh(tmp_path):
    path = write_csv(tmp_path, f"{HEADER}\nReach,Sales,A\n", name="Q3 workshop.csv")
    first, _ = read_sheet(path)
    second, _ = read_sheet(path, "Renamed")
    assert first.name == "Q3 workshop" and second.name == "Renamed"
    assert first.id != second.id
    assert first.touchpoints[0].id != second.touchpoints[0].id


# -- CSV specifics -----------------------------------------------------------------------------
@pytest.mark.parametrize("bom", [False, True])
def test_csv_reads_utf8_with_or_without_bom(tmp_path, bom):
    m, _ = read_csv(tmp_path, f"{HEADER}\nÉtape,Ventes,Café\n", bom=bom)
    assert (m.stages[0].name, titles(m)) == ("Étape", ["Café"])


def test_semicolon_delimiter_is_detected_outside_quotes(tmp_path):
    # The header has two commas inside quotes and two semicolons outside them.
    m, warnings = read_csv(
        tmp_path,
        'Stage;Lane;"Touchpoint (the card, really)"\nReach;Sales, EMEA;"A; B, C"\n',
    )
    assert warnings == [] and titles(m) == ["A; B, C"]
    assert m.lanes[0].name == "Sales, EMEA"


def test_quoted_cells_keep_commas_quotes_and_newlines(tmp_path):
    m, _ = read_csv(
        tmp_path,
        f'{HEADER},Description\r\nReach,Sales,"Say ""hi"", then go","line one\r\nline two"\r\n',
    )
    tp = m.touchpoints[0]
    assert tp.title == 'Say "hi", then go'
    assert tp.description == "line one\nline two"


def test_decimal_comma_is_read_in_semicolon_files(tmp_path):
    m, _ = read_csv(tmp_path, "Stage;Lane;Touchpoint;Days;Cost\nR;S;A;2,5;1000,75\n")
    assert (m.touchpoints[0].days, m.touchpoints[0].cost) == (2.5, 1000.75)


def test_rows_keep_their_order_and_stages_lanes_their_first_appearance(tmp_path):
    m, _ = read_csv(
        tmp_path,
        f"{HEADER}\n"
        "Engage,Sales,B1\nReach,Marketing,A1\nEngage,Marketing,B2\nReach,Sales,A2\n"
        "Engage,Sales,B3\n",
    )
    assert [s.name for s in m.stages] == ["Engage", "Reach"]
    assert [lane.name for lane in m.lanes] == ["Sales", "Marketing"]
    assert titles(m) == ["B1", "A1", "B2", "A2", "B3"]
    engage, sales = m.stages[0].id, m.lanes[0].id
    assert [tp.title for tp in m.cell(engage, sales)] == ["B1", "B3"]


def test_text_of_any_script_is_kept_verbatim(tmp_path):
    texts = ["Ελληνικά", "Кириллица", "مرحبا", "会員登録", "🎉👩‍💻", "<b>R&D</b>", "=SUM(A1:A3)"]
    body = "".join(f'Reach,Sales,"{text}","  {text}  "\n' for text in texts)
    m, _ = read_csv(tmp_path, f"{HEADER},Description\n{body}")
    assert titles(m) == texts
    assert [tp.description for tp in m.touchpoints] == [f"  {t}  " for t in texts]


# -- RACI, Next, Loops, Days --------------------------------------------------------------------
def test_raci_roles_are_trimmed_merged_and_created_in_order_of_first_appearance(tmp_path):
    m, _ = read_csv(
        tmp_path,
        f"{HEADER},R,A,C,I\n"
        'Reach,Sales,A," Sales , Ops,,Sales",Sales,Legal,\n'
        "Reach,Sales,B,Ops,,,Finance\n",
    )
    assert [role.name for role in m.roles] == ["Sales", "Ops", "Legal", "Finance"]
    by_name = {role.name: role.id for role in m.roles}
    first, second = m.touchpoints
    assert first.raci == {by_name["Sales"]: "RA", by_name["Ops"]: "R", by_name["Legal"]: "C"}
    assert second.raci == {by_name["Ops"]: "R", by_name["Finance"]: "I"}


@pytest.mark.parametrize("accountable", ["", "Sales, Ops"])
def test_zero_or_two_accountable_roles_import_as_typed(tmp_path, accountable):
    m, _ = read_csv(tmp_path, f'{HEADER},R,A\nReach,Sales,A,Sales,"{accountable}"\n')
    assert len(m.touchpoints[0].roles_with("A")) == len(
        [name for name in accountable.split(",") if name.strip()]
    )


def test_next_and_loops_make_connections_with_the_rows_days(tmp_path):
    m, _ = read_csv(
        tmp_path,
        f"{HEADER},Next,Loops,Days\n"
        "Reach,Sales,Ad, Call ; Demo ;,,2\n"
        "Engage,Sales,Call,Demo,Ad,\n"
        "Engage,Sales,Demo,,,\n",
    )
    by_id = {tp.id: tp.title for tp in m.touchpoints}
    pairs = [(by_id[c.source], by_id[c.target], c.loop, c.days) for c in m.connections]
    assert pairs == [
        ("Ad", "Call", False, 2.0),
        ("Ad", "Demo", False, 2.0),
        ("Call", "Demo", False, None),
        ("Call", "Ad", True, None),
    ]
    assert m.touchpoints[0].days == 2.0


def test_a_title_in_both_next_and_loops_gives_one_loop_connection(tmp_path):
    m, _ = read_csv(tmp_path, f"{HEADER},Next,Loops\nR,S,A,B;B,B\nR,S,B,,\n")
    assert [(c.loop) for c in m.connections] == [True]


def test_next_matches_titles_ignoring_case_when_unambiguous(tmp_path):
    m, _ = read_csv(tmp_path, f"{HEADER},Next\nR,S,Ad,call\nR,S,Call,\n")
    assert m.connections[0].target == m.touchpoints[1].id


def test_doubled_semicolon_refers_to_a_title_containing_a_semicolon(tmp_path):
    m, _ = read_csv(
        tmp_path, f"{HEADER},Next\nR,S,Start,A;;B; C\nR,S,A;B,\nR,S,C,\n"
    )
    targets = [m.touchpoint(c.target).title for c in m.connections]
    assert targets == ["A;B", "C"]


def test_formula_like_and_markup_text_is_not_interpreted(tmp_path):
    m, _ = read_csv(tmp_path, f"{HEADER},KPI\nR,S,=1+1,<b>R&D</b>\n")
    assert (m.touchpoints[0].title, m.touchpoints[0].kpi) == ("=1+1", "<b>R&D</b>")


def test_experience_accepts_signed_and_whole_decimal_forms(tmp_path):
    m, _ = read_csv(
        tmp_path, f"{HEADER},Experience\nR,S,A,+2\nR,S,B,\u22122\nR,S,C,1.0\nR,S,D, \n"
    )
    assert [tp.experience for tp in m.touchpoints] == [2, -2, 1, None]


# -- XLSX ----------------------------------------------------------------------------------------
def test_xlsx_reads_the_first_worksheet_with_numeric_cells(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["Stage", "Lane", "Touchpoint", "Experience", "Days", "Volume", "Next"],
            ["Reach", "Sales", "Ad", 2, 3, 2.5, "Call"],
            [None, None, None, None, None, None, None],
            ["Reach", "Sales", "Call", -1.0, 0.5, None, None],
            [2024, "Sales", 7, None, None, None, None],
        ],
    )
    m, warnings = read_sheet(path)
    assert warnings == []
    assert titles(m) == ["Ad", "Call", "7"]
    assert [s.name for s in m.stages] == ["Reach", "2024"]
    assert [(tp.experience, tp.days, tp.volume) for tp in m.touchpoints] == [
        (2, 3.0, 2.5),
        (-1, 0.5, None),
        (None, None, None),
    ]
    assert m.connections[0].days == 3.0


def test_xlsx_errors_name_the_spreadsheet_row(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["Stage", "Lane", "Touchpoint", "Experience"],
            ["Reach", "Sales", "Ad", 1],
            [],
            ["Reach", "Sales", "Call", 1.5],
        ],
    )
    with pytest.raises(ImportFileError) as info:
        read_sheet(path)
    assert str(info.value) == (
        'sheet.xlsx, row 4, column "Experience": 1.5 is not a whole number from -2 to 2.'
    )


# -- errors ----------------------------------------------------------------------------------------
def test_binary_csv_is_refused(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ImportFileError, match="sheet.csv is a binary file"):
        read_sheet(path)


def test_non_utf8_csv_is_refused_saying_it_must_be_utf8(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(f"{HEADER}\nReach,Sales,Café\n".encode("cp1252"))
    with pytest.raises(ImportFileError) as info:
        read_sheet(path)
    assert str(info.value).startswith("sheet.csv must be UTF-8 text, but line 2 is not")


@pytest.mark.parametrize("row", ['R,S,"unclosed', 'R,S,"closed" then more'])
def test_broken_quotes_are_refused_with_the_row(tmp_path, row):
    message = error_of(tmp_path, f"{HEADER}\nR,S,A\n{row}\nR,S,B\n")
    assert message.startswith("sheet.csv, row 3: a quoted cell is not closed properly")


def test_quote_characters_inside_unquoted_cells_are_literal(tmp_path):
    m, _ = read_csv(tmp_path, f'{HEADER}\nR,S,27" screen\n')
    assert titles(m) == ['27" screen']


def test_xlsx_saved_as_csv_is_refused(tmp_path):
    xlsx = write_xlsx(tmp_path, [["Stage", "Lane", "Touchpoint"]])
    path = tmp_path / "sheet.csv"
    path.write_bytes(xlsx.read_bytes())
    with pytest.raises(ImportFileError, match="zip or Excel file"):
        read_sheet(path)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n  \r\n"])
def test_empty_csv_is_refused(tmp_path, content):
    path = tmp_path / "sheet.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="^sheet.csv is empty.$"):
        read_sheet(path)


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04garbage"])
def test_garbage_xlsx_is_refused(tmp_path, content):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=r"^sheet.xlsx is not a readable Excel workbook"):
        read_sheet(path)


def test_empty_xlsx_is_refused(tmp_path):
    path = write_xlsx(tmp_path, [])
    with pytest.raises(ImportFileError, match="^sheet.xlsx is empty.$"):
        read_sheet(path)


def test_unsupported_extension_is_refused(tmp_path):
    path = tmp_path / "sheet.xls"
    path.write_bytes(b"whatever")
    with pytest.raises(ImportFileError, match="must be a .csv or .xlsx file"):
        read_sheet(path)


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("Stage,Touchpoint", '"Lane" column'),
        ("Lane,Touchpoint (title)", '"Stage" column'),
        ("Stage,Lane,Title", '"Touchpoint" column'),
        ("Description", '"Stage", "Lane" and "Touchpoint" columns'),
    ],
)
def test_missing_required_column_is_named(tmp_path, header, missing):
    message = error_of(tmp_path, f"{header}\nx,y\n")
    assert message.startswith(f"sheet.csv has no {missing} in its header row (row 1)")


def test_a_column_given_twice_is_refused(tmp_path):
    message = error_of(tmp_path, f"{HEADER},Days,Days (expected)\n")
    assert message == 'sheet.csv, row 1: the column "Days" appears twice in the header.'


@pytest.mark.parametrize(
    ("row", "column", "what"),
    [
        (",Sales,A", "Stage", "a stage"),
        ("Reach, ,A", "Lane", "a lane"),
        ("Reach,Sales,", "Touchpoint", "a title"),
    ],
)
def test_a_row_without_stage_lane_or_title_is_refused(tmp_path, row, column, what):
    message = error_of(tmp_path, f"{HEADER},Channel\nReach,Sales,Ok,\n{row},Web\n")
    assert message == (
        f'sheet.csv, row 3, column "{column}": the cell is empty, but every touchpoint '
        f"needs {what}."
    )


def test_values_beyond_the_header_are_named_in_a_warning(tmp_path):
    m, warnings = read_csv(
        tmp_path, f"{HEADER},Description\nReach,Sales,Ok,Great, fast\nReach,Sales,Two,x,\n"
    )
    assert [tp.description for tp in m.touchpoints] == ["Great", "x"]
    assert warnings == [
        "sheet.csv, row 2: values to the right of the last header column were left out; "
        "a cell holding the delimiter must be in quotes."
    ]


def test_a_row_with_only_stage_and_lane_below_a_touchpoint_is_a_missing_title(tmp_path):
    message = error_of(tmp_path, f"{HEADER}\nReach,Sales,Ok\nEngage,Service,\n")
    assert message == (
        'sheet.csv, row 3, column "Touchpoint": the cell is empty, but every touchpoint '
        "needs a title."
    )


@pytest.mark.parametrize("column", ["Next", "Loops"])
def test_unknown_next_or_loops_title_is_named(tmp_path, column):
    message = error_of(tmp_path, f"{HEADER},{column}\nR,S,Ad,Cal;Visit\nR,S,Visit,\n")
    assert message == f'sheet.csv, row 2, column "{column}": there is no touchpoint titled "Cal".'


@pytest.mark.parametrize(
    ("value", "shown"), [("5", "5"), ("-3", "-3"), ("1.5", "1.5"), ("good", '"good"')]
)
def test_experience_out_of_range_or_not_whole_is_refused(tmp_path, value, shown):
    rows = "R,S,A,,1\nR,S,B,x,1\nR,S,C,,0\nR,S,D,,2\nR,S,E,,-2\n"
    message = error_of(tmp_path, f"{HEADER},Owner,Experience\n{rows}R,S,F,,{value}\n")
    assert message == (
        f'sheet.csv, row 7, column "Experience": {shown} is not a whole number from -2 to 2.'
    )


@pytest.mark.parametrize("column", ["Days", "Volume", "Cost"])
@pytest.mark.parametrize("value", ["abc", "1.2.3", "nan", "inf", "1_000", "3 days"])
def test_non_numeric_days_volume_cost_is_refused(tmp_path, column, value):
    message = error_of(tmp_path, f"{HEADER},{column}\nR,S,A,{value}\n")
    assert message == f'sheet.csv, row 2, column "{column}": "{value}" is not a number.'


def test_negative_amount_is_refused(tmp_path):
    message = error_of(tmp_path, f"{HEADER},Volume\nR,S,A,-4\n")
    assert message == 'sheet.csv, row 2, column "Volume": -4 is not a number of zero or more.'


def test_duplicate_title_names_both_rows(tmp_path):
    message = error_of(tmp_path, f"{HEADER}\nR,S,Ad\nR,S,Call\nE,T, Ad \n")
    assert message == (
        'sheet.csv, rows 2 and 4, column "Touchpoint": the title "Ad" appears twice; '
        "touchpoint titles must be unique within a sheet."
    )


def test_overlong_text_is_refused(tmp_path):
    message = error_of(tmp_path, f"{HEADER},Description\nR,S,A,{'x' * 20_001}\n")
    assert message == (
        'sheet.csv, row 2, column "Description": the text is longer than 20000 characters.'
    )

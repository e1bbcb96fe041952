"""compare (planned vs actual from an event log) and history (the saved comparisons).

`compare` exits 0 whatever it finds and 2 on bad input. It reads the mapping and the map
(opening the workspace for writing when it is to save, so a workspace that cannot take the
comparison is refused first), checks the mapping against the map, reads the log, writes the
PDF (if asked) to a temporary file, saves the comparison in the map's history (unless
`--no-save`), and only then puts the PDF in place: a failure leaves neither a half-written
report nor a saved comparison. Warnings are printed once the command has succeeded.
"""

from __future__ import annotations

from pathlib import Path

from .common import (
    CommandError,
    add_command,
    existing_file,
    note,
    open_workspace,
    output_file,
    read_map,
    warn,
    writable_map,
)
from .printing import write_json, write_line, write_report


def register(subparsers) -> None:
    p = add_command(
        subparsers,
        "compare",
        "compare a map with an event log (planned vs actual); saves it in the history",
        "Compare a map with an event log (CSV, XLSX, Parquet, XES): conformance, paths, "
        "deviations, timing against expected days, drop-off. Saves the comparison in the "
        "map's history unless --no-save is given. Exits 0 whatever it finds.",
    )
    p.add_argument("map", metavar="MAP", help="map to compare (id or name; MAP@VERSION "
                   "with --no-save)")
    p.add_argument("--log", required=True, metavar="FILE", help="event log: .csv .xlsx "
                   ".parquet .xes .xes.gz")
    p.add_argument("--segment", metavar="COL", help="also give the figures per value of COL "
                   "(a case's value on its first event)")
    p.add_argument("--case-col", metavar="C", help="case id column (default: "
                   "case:concept:name, case or customer)")
    p.add_argument("--activity-col", metavar="A", help="activity column (default: "
                   "concept:name or activity)")
    p.add_argument("--timestamp-col", metavar="T", help="timestamp column (default: "
                   "time:timestamp or timestamp)")
    p.add_argument("--mapping", metavar="FILE", help="activity -> touchpoint title: CSV with "
                   "columns activity,touchpoint or a JSON object")
    p.add_argument("--since", metavar="D", help="only events at or after D (2026-03-01, or "
                   "with a time)")
    p.add_argument("--until", metavar="D", help="only events up to D (a bare date includes "
                   "that whole day)")
    p.add_argument("--no-save", action="store_true", help="do not save it in the map's history")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("-o", "--output", metavar="PDF", help="also write an A3 PDF report")
    p.set_defaults(handler=compare)

    p = add_command(subparsers, "history", "the saved comparisons of a map, oldest first",
                    "List the saved comparisons of a map, oldest first.")
    p.add_argument("map", metavar="MAP", help="map (id or name); MAP@VERSION lists the "
                   "comparisons that ran against that version")
    p.add_argument("--json", action="store_true",
                   help="print JSON: [{id, created, version, result}]")
    p.set_defaults(handler=history)


def compare(args) -> int:
    from ..compare_job import compare_log
    from ..comparison import format_comparison, to_json_dict
    from ..mapping import read_mapping, resolve
    from ..validation.characters import escaped

    log_path = existing_file(args.log, "event log file")
    out = _checked_output(args)
    mapping = read_mapping(Path(args.mapping)) if args.mapping else None
    journey_map = _load_map(args)
    if mapping:
        resolve(journey_map, [], mapping)  # a title the map lacks: refused before the long read
    options = {"case_col": args.case_col, "activity_col": args.activity_col,
               "timestamp_col": args.timestamp_col, "since": args.since, "until": args.until,
               "segment": args.segment, "mapping": mapping}
    result, warnings = compare_log(journey_map, log_path, options,
                                   attributes=[args.segment] if args.segment else [])
    stored = to_json_dict(result)  # what is saved is what --json prints
    _save_and_write(args, journey_map, result, stored, out)
    for message in warnings:  # after saving: a refused comparison has only its error line
        warn(message)
    if args.json:
        write_json(stored)
    else:
        write_report(format_comparison(result, shown=escaped))
    return 0


def _load_map(args):
    """The map; opened for writing when the comparison is to be saved, so a workspace that
    cannot take it (another writer, read-only) is refused before the log is read."""
    from ..errors import WorkspaceError

    try:
        return _read_map(args, readonly=args.no_save)
    except WorkspaceError as exc:
        if args.no_save:
            raise
        _read_map(args, readonly=True)  # not a workspace at all: that error, without a hint
        raise CommandError(f"{exc} Add --no-save to compare without saving.") from exc


def _read_map(args, *, readonly: bool):
    with open_workspace(args, readonly=readonly) as workspace:
        if readonly:
            return read_map(workspace, args.map)
        saved_to = writable_map(workspace, args.map, "compare it with --no-save")
        return workspace.load_map(saved_to.id)


def _checked_output(args) -> Path | None:
    if args.output is None:
        return None
    inputs = [("the event log given with --log", args.log),
              ("the mapping file given with --mapping", args.mapping)]
    return output_file(args, args.output, inputs)


def _save_and_write(args, journey_map, result, stored: dict, out: Path | None) -> None:
    if out is None:
        _save(args, journey_map, stored)
        return
    from ..export.compare_sheet.writer import write_compare_pdf
    from ..io.safe_output import replacing

    with replacing(out) as stream:
        write_compare_pdf(journey_map, result, stream, paper="A3")
        _save(args, journey_map, stored)  # the PDF is put in place only once this is done


def _save(args, journey_map, stored: dict) -> None:
    if not args.no_save:
        with open_workspace(args, readonly=False) as workspace:
            workspace.save_comparison(journey_map.id, stored)


def history(args) -> int:
    with open_workspace(args, readonly=True) as workspace:
        ref = workspace.find(args.map)
        saved = workspace.comparisons(ref.map.id)
    if ref.is_version:  # the comparisons that ran against that version
        saved = [entry for entry in saved if entry["version"] == ref.version.id]
    if args.json:
        write_json(saved)
        return 0
    if not saved:  # a note on stderr, as `list` does: stdout stays empty for scripts
        note("this map has no saved comparisons yet; run 'journeymap compare MAP --log FILE'.")
        return 0
    for entry in saved:
        write_line(_history_line(entry))
    return 0


def _history_line(entry: dict) -> str:
    """One saved comparison, read from its stored object as it is (whatever version
    stored it)."""
    from ..comparison.formatting import share_text

    result = entry["result"]
    cases = result.get("cases", 0)

    def share(key: str) -> str:
        return share_text(result.get(key, 0), cases, width=5, missing="    - ")

    return (
        f"{entry['id']:>4}  {entry['created']}  {cases:>9,} cases  "
        f"{share('conforming_cases')} conforming  {share('reached_goal')} reached a goal  "
        f"{result.get('log', '')}"
    )

"""The `journeymap` command line.

Each group of subcommands lives in its own module with a `register(subparsers)` function that
adds its parsers and sets `handler` to a function `(args) -> int`. Heavy libraries (SQLAlchemy,
polars, reportlab, Qt) are imported inside handlers, so `journeymap --help` and reading
commands start fast.

Errors from the core (`JourneymapError`) become one line on stderr, `journeymap: error: …`,
and exit code 2; warnings are lines starting `journeymap: warning:`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import warnings

from .. import __version__
from ..errors import JourneymapError
from .common import CommandError, error_line, warning_line

COMMAND_MODULES = (
    "maps_cmd", "transfer_cmd", "check_cmd", "compare_cmd", "versions_cmd", "comments_cmd",
    "copy_cmd", "backup_cmd",
)

log = logging.getLogger("journeymap")


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one `journeymap: error:` line (and exit 2)."""

    def error(self, message: str):  # noqa: D401 - argparse API
        sys.stderr.write(error_line(f"{message} (see '{self.prog} --help')"))
        raise SystemExit(2)


def add_workspace_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Accepted before or after the subcommand: the subparser's copy must not overwrite the
    # top-level value with its default, hence SUPPRESS there.
    parser.add_argument(
        "--workspace",
        metavar="PATH|URL",
        default=None if top else argparse.SUPPRESS,
        help="workspace file, or a PostgreSQL server's postgresql://USER@HOST:PORT/DB "
        "(default: $JOURNEYMAP_WORKSPACE, else a file in the user data directory)",
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="journeymap",
        description="Design customer journeys offline: stages, departments, touchpoints, "
        "RACI, journey checks, planned-vs-actual from event logs, and A3 print.",
        epilog="Run 'journeymap COMMAND --help' for the options of a command. "
        "With no command, the editor opens.",
    )
    parser.add_argument("--version", action="version", version=f"journeymap {__version__}")
    add_workspace_option(parser, top=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(subparsers)
    for sub in subparsers.choices.values():
        add_workspace_option(sub)
    return parser


class _ConsoleWarnings(logging.Handler):
    """Log records as one `journeymap: warning: …` line each on the current stderr: what the
    core logs while a command still runs is a warning (a real error ends the command).
    A record logged with `extra={"console": False}` goes only to the other handlers (the
    editor's log file gets crash reports that have their own one-line summary)."""

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "console", True) is False:
            return
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message += f" ({type(error).__name__}: {error})"
        sys.stderr.write(warning_line(message))


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Python warnings (from openpyxl, polars …) as one `journeymap: warning:` line."""
    sys.stderr.write(warning_line(str(message)))


def _setup_console() -> None:
    root = logging.getLogger()
    if not any(isinstance(h, _ConsoleWarnings) for h in root.handlers):
        root.addHandler(_ConsoleWarnings(logging.WARNING))
    warnings.showwarning = _show_warning


def main(argv: list[str] | None = None) -> int:
    _setup_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no subcommand: open the editor
        from .maps_cmd import gui

        args.map, args.handler = None, gui
    try:
        _check_text_arguments(args)
        code = args.handler(args)
    except (JourneymapError, CommandError) as exc:
        sys.stderr.write(error_line(str(exc)))
        code = 2
    except KeyboardInterrupt:
        sys.stderr.write(error_line("interrupted; nothing was changed."))
        code = 130
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        sys.stderr.write(error_line(f"{exc.strerror or exc}{where}."))
        code = 2
    except Exception as exc:  # a bug: one line for the user, the traceback in a log file
        sys.stderr.write(error_line(_report_bug(exc)))
        code = 2
    sys.stdout.flush()
    return code


# Arguments that name files: on Linux a file name may be any bytes, which Python hands over
# as lone surrogates (surrogateescape) and gives back unchanged when it opens the file.
_PATH_ARGUMENTS = {"file", "log", "mapping", "output", "workspace", "to"}
_MULTILINE_ARGUMENTS = {"text"}  # a comment may hold line breaks


def _check_text_arguments(args) -> None:
    """Every other argument is text Journeymap would store or compare with stored text (a
    name, a column, a date): invalid UTF-8 or a control character in it is refused here."""
    from ..validation.characters import escaped, problem

    for dest, value in vars(args).items():
        if dest in _PATH_ARGUMENTS or not isinstance(value, str):
            continue
        clause = problem(value, multiline=dest in _MULTILINE_ARGUMENTS)
        if clause is None:
            continue
        what = dest.replace("_", "-")
        if any("\udc80" <= char <= "\udcff" for char in value):
            raise CommandError(
                f'the {what} argument "{escaped(value)}" is not valid UTF-8 text; give it '
                "in UTF-8 (the terminal's or the script's encoding)."
            )
        raise CommandError(f'the {what} argument "{escaped(value)}" {clause}.')


def _report_bug(exc: Exception) -> str:
    import tempfile
    import traceback

    trace = "".join(traceback.format_exception(exc))
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="journeymap-crash-", suffix=".txt", delete=False, encoding="utf-8",
            errors="backslashreplace",
        ) as report:
            report.write(trace)
        where = f"; the details are in {report.name}"
    except OSError:
        where = ""
    return f"unexpected internal problem ({type(exc).__name__}: {exc}){where}."


def run() -> None:
    raise SystemExit(main())

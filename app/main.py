"""`journeymap …`: the command line, with the editor plugged in.

`gui` goes to `ui`, every other command to `journeymap.cli`; the core never imports `ui`.
"""

from __future__ import annotations


def _run_gui(workspace_path, map_name_or_id=None) -> int:
    from ui.app import run_gui

    return run_gui(workspace_path, map_name_or_id)


def register_frontends() -> None:
    from journeymap.cli import frontends

    frontends.register(gui=_run_gui)


def main(argv: list[str] | None = None) -> int:
    from journeymap.cli import main as cli_main

    register_frontends()
    return cli_main(argv)


def run() -> None:
    raise SystemExit(main())


if __name__ == "__main__":
    run()

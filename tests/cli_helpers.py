"""What the CLI tests share: the `Result` of a run (the `cli` fixture in conftest.py runs the
installed program's `main` on a temporary workspace), and `assert_one_error_line`, which
holds a result to the contract's one `journeymap: error:` line."""

from __future__ import annotations

import pytest


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


def assert_one_error_line(result, *fragments):
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("journeymap: error: ")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def on_both_kinds(metafunc) -> None:
    """`pytest_generate_tests = on_both_kinds` in a module runs each of its tests that use
    `ws` (so `cli`) on a workspace file and on a server, but for those marked
    `@pytest.mark.file_only` (they look at the file itself)."""
    if "ws" in metafunc.fixturenames and not metafunc.definition.get_closest_marker("file_only"):
        metafunc.parametrize("ws", ["file", "server"], indirect=True)


file_only = pytest.mark.file_only

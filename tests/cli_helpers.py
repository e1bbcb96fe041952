"""What the CLI tests share: the `Result` of a run (the `cli` fixture in conftest.py runs the
installed program's `main` on a temporary workspace), and `assert_one_error_line`, which
holds a result to the contract's one `journeymap: error:` line."""

from __future__ import annotations


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

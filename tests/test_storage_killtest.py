"""The crash test of bench/kill_test.py, run quickly: a few SIGKILLs of an autosaving child."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

KILL_TEST = Path(__file__).resolve().parent.parent / "bench" / "kill_test.py"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_autosaving_editors_lose_no_saved_edit_and_leave_a_sound_file():
    done = subprocess.run(
        [sys.executable, str(KILL_TEST), "--runs", "4", "--max-delay", "0.15", "--seed", "5"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failures" in done.stdout
    assert "4 kills" in done.stdout

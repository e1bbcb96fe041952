"""CompareJob: one comparison (read_log + compare) in a child process, with progress and cancel.

A polars read cannot be interrupted from a thread, so the work runs in
`python -m journeymap.compare_job` under a QProcess: Qt reads its JSON-line messages as they
come (no polling), the window stays responsive, and `cancel()` kills the process outright.
The result crosses as its JSON form and is rebuilt here as a `Comparison`, against the copy
of the map that was compared.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal

import journeymap
from journeymap.comparison import from_json_dict
from journeymap.model import Map

log = logging.getLogger(__name__)
JOB_MODULE = "journeymap.compare_job"
KILL_WAIT_MS = 3000
STDERR_KEEP = 4000  # the tail of the child's stderr, for a crash message


class CompareJob(QObject):
    progress = Signal(str)
    # `object`, not `dict`: a dict signal goes through QVariantMap, which sorts every key and
    # so loses the "most frequent first" order of the result's count dictionaries.
    finished = Signal(object)  # the comparison (a journeymap.comparison.Comparison)
    failed = Signal(str)  # one sentence
    cancelled = Signal()
    columns_found = Signal(list, object)  # the log's columns, {"case"|"activity"|"time": column}
    warned = Signal(list)  # sentences about rows left out, ambiguous dates …

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None
        self._buffer = b""
        self._stderr = b""
        self._answered = False
        self._request = b""  # the pickled request: its map reads the result's labels
        app = QCoreApplication.instance()
        if app is not None:  # never leave a child running after the editor quits
            app.aboutToQuit.connect(self.cancel)

    # -- public -----------------------------------------------------------------------------
    def start(self, journey_map: Map, log_path: Path, options: dict | None = None) -> None:
        """Compare a copy of `journey_map` (pickled now) with the log; a running job is killed."""
        self.cancel(quiet=True)
        request = pickle.dumps({"map": journey_map, "log": str(Path(log_path).absolute()),
                                "options": dict(options or {})})
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", JOB_MODULE])
        process.setProcessEnvironment(_environment())
        process.readyReadStandardOutput.connect(self._read_output)
        process.readyReadStandardError.connect(self._read_errors)
        process.finished.connect(self._ended)
        process.errorOccurred.connect(self._error)
        self._process, self._buffer, self._stderr, self._answered = process, b"", b"", False
        self._request = request
        process.start()
        process.write(request)  # buffered by Qt until the child is up
        process.closeWriteChannel()

    def cancel(self, quiet: bool = False) -> None:
        """Kill a running job and wait for it to be gone; nothing is reported from it after."""
        process, self._process = self._process, None
        if process is None:
            return
        for signal in (process.readyReadStandardOutput, process.readyReadStandardError,
                       process.finished, process.errorOccurred):
            signal.disconnect()
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(KILL_WAIT_MS)
        process.deleteLater()
        if not quiet and not self._answered:
            self.cancelled.emit()

    def is_running(self) -> bool:
        """True from `start` until the result, the error or the cancel (the child may take a
        moment more to exit)."""
        return self._process is not None and not self._answered

    def pid(self) -> int | None:
        """The child's process id while it runs (tests check it is gone after cancel)."""
        if self._process is None:
            return None
        pid = self._process.processId()
        return pid or None

    # -- the child's output -----------------------------------------------------------------
    def _read_output(self) -> None:
        process = self._process
        if process is None:
            return
        self._buffer += bytes(process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip() and self._process is process:
                self._handle(line)

    def _handle(self, line: bytes) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            log.warning("compare job wrote a line that is not JSON: %r", line[:200])
            return
        if "progress" in message:
            self.progress.emit(message["progress"])
        elif "columns" in message:
            self.columns_found.emit(list(message["columns"]), dict(message.get("detected") or {}))
        elif "warnings" in message:
            self.warned.emit(list(message["warnings"]))
        elif "result" in message:
            self._answered = True
            compared = pickle.loads(self._request)["map"]
            self.finished.emit(from_json_dict(message["result"], compared))
        elif "error" in message:
            self._answered = True
            self.failed.emit(str(message["error"]))

    def _read_errors(self) -> None:
        if self._process is not None:
            data = bytes(self._process.readAllStandardError().data())
            self._stderr = (self._stderr + data)[-STDERR_KEEP:]

    def _ended(self, code: int, status) -> None:
        process = self._process
        if process is None:
            return
        self._read_output()
        self._read_errors()
        self._process = None
        process.deleteLater()
        if not self._answered:
            self._answered = True
            self.failed.emit(self._crash_sentence(code, status))

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            process, self._process = self._process, None
            process.deleteLater()
            self._answered = True
            self.failed.emit(f"The comparison could not be started ({sys.executable} did "
                             "not run).")

    def _crash_sentence(self, code: int, status) -> str:
        last = self._stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        detail = f": {last[0].strip()}" if last[0].strip() else ""
        if status == QProcess.ExitStatus.CrashExit:
            how = "crashed"
        else:
            how = f"stopped with exit code {code}"
        log.warning("compare job %s; stderr: %s", how, self._stderr[-STDERR_KEEP:])
        return f"The comparison {how} before giving a result{detail}."


def _environment() -> QProcessEnvironment:
    """The editor's environment, with the folder holding `journeymap` on PYTHONPATH so the
    child finds the same code even when it is not installed."""
    env = QProcessEnvironment.systemEnvironment()
    root = str(Path(journeymap.__file__).resolve().parent.parent)
    paths = [root] + [p for p in env.value("PYTHONPATH", "").split(os.pathsep) if p]
    env.insert("PYTHONPATH", os.pathsep.join(dict.fromkeys(paths)))
    env.insert("PYTHONIOENCODING", "utf-8")
    return env

"""A throwaway PostgreSQL cluster for the tests and benchmarks: initdb in a temporary
folder, started with pg_ctl on a free loopback port, stopped and removed at the end.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user
(made by Debian's package) and its commands run through `runuser`. Where no server can be
found or started, `start()` raises Unavailable with one line saying why; with
JOURNEYMAP_REQUIRE_POSTGRES=1 (CI) the tests fail on that instead of skipping.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

REQUIRE_ENV = "JOURNEYMAP_REQUIRE_POSTGRES"


class Unavailable(Exception):
    pass


def bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """`Cluster.start(fast=True)`; `url(db)`, `create_database(name)`, `stop()`."""

    def __init__(self, folder: Path, port: int, bindir: Path, runner: list[str]):
        self.folder, self.port, self.bindir, self._runner = folder, port, bindir, runner
        self.data = folder / "data"

    @classmethod
    def start(cls, *, fast: bool = True) -> Cluster:
        bindir = bin_dir()
        if bindir is None:
            raise Unavailable("no PostgreSQL server is installed (initdb not found; "
                              "Debian: apt-get install postgresql)")
        runner: list[str] = []
        folder = Path(tempfile.mkdtemp(prefix="journeymap-pg-"))
        if os.geteuid() == 0:
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no 'postgres' user to own "
                                  "the test cluster") from None
            shutil.chown(folder, "postgres")
            runner = ["runuser", "-u", "postgres", "--"]
        cluster = cls(folder, _free_port(), bindir, runner)
        try:
            cluster._run("initdb", "-D", str(cluster.data), "-A", "trust", "-U", "postgres",
                         "-E", "UTF8", "--locale=C.UTF-8" if _has_c_utf8() else "--no-locale")
            settings = [f"-c port={cluster.port}", "-c listen_addresses=127.0.0.1",
                        f"-c unix_socket_directories={folder}", "-c max_connections=120"]
            if fast:  # tests: the data is thrown away, so skip the disk flushes
                settings += ["-c fsync=off", "-c synchronous_commit=off",
                             "-c full_page_writes=off"]
            cluster._run("pg_ctl", "-D", str(cluster.data), "-w", "-t", "60",
                         "-l", str(folder / "server.log"), "-o", " ".join(settings), "start")
        except (subprocess.CalledProcessError, OSError) as error:
            log = folder / "server.log"
            tail = log.read_text(errors="replace")[-300:] if log.exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            detail = getattr(error, "stderr", "") or str(error)
            raise Unavailable(f"the test PostgreSQL server did not start: "
                              f"{' '.join(str(detail).split())[-300:]} {tail}") from error
        return cluster

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self._runner, str(self.bindir / program), *args], check=True,
                       capture_output=True, text=True, cwd=self.folder)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname=database, autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str, template: str = "template0") -> str:
        # FILE_COPY: a small template is copied in a few ms (WAL_LOG, the default, writes it all).
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def _has_c_utf8() -> bool:
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "c.utf8" in out or "c.utf-8" in out

"""Fixtures shared by the core tests."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.main import main  # noqa: E402 - the program as installed: editor and images too
from journeymap.document import Document  # noqa: E402
from journeymap.model import Map  # noqa: E402


@pytest.fixture
def run_cli(tmp_path, capsys, monkeypatch):
    """Run `journeymap ARGS --workspace <tmp>/work.journeymap` in-process:
    returns (exit code, stdout, stderr); `run_cli.workspace` is the workspace path."""
    monkeypatch.delenv("JOURNEYMAP_WORKSPACE", raising=False)
    workspace = tmp_path / "work.journeymap"

    def run(*argv):
        code = main([*map(str, argv), "--workspace", str(workspace)])
        out, err = capsys.readouterr()
        return code, out, err

    run.workspace = workspace
    return run


# -- a PostgreSQL server (tests/pg_server.py): one throwaway cluster per test process --------
@pytest.fixture(scope="session")
def pg_cluster():
    from tests.pg_server import REQUIRE_ENV, Cluster, Unavailable

    try:
        cluster = Cluster.start()
    except Unavailable as why:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"PostgreSQL is required here ({REQUIRE_ENV}=1): {why}")
        pytest.skip(f"server workspace tests skipped: {why}")
    try:
        from journeymap.storage.address import parse
        from journeymap.storage.server.opening import init

        init(parse(cluster.create_database("jm_template")))  # the schema, copied per test
        yield cluster
    finally:
        cluster.stop()


_databases = iter(range(1, 1 << 30))


@pytest.fixture
def pg_empty(pg_cluster) -> str:
    """The URL of a new, empty database."""
    return pg_cluster.create_database(f"jm_empty_{next(_databases)}")


@pytest.fixture
def pg_workspace(pg_cluster) -> str:
    """The URL of a new database holding an empty Journeymap workspace."""
    return pg_cluster.create_database(f"jm_ws_{next(_databases)}", template="jm_template")


@pytest.fixture(params=["file", "server"])
def any_workspace(request, tmp_path) -> str:
    """A new workspace of each kind: a file path (not made yet) or a server's URL."""
    if request.param == "file":
        return str(tmp_path / "work.journeymap")
    return request.getfixturevalue("pg_workspace")


@pytest.fixture
def small_doc() -> Document:
    """Three stages x two lanes, five touchpoints in a flow with one loop, two roles."""
    doc = Document(Map(id="map-test", name="Small journey"))
    reach, engage, retain = (doc.add_stage(n) for n in ("Reach", "Engage", "Retain"))
    customer = doc.add_lane("Customer", kind="customer")
    sales = doc.add_lane("Sales")
    ad = doc.add_touchpoint(reach.id, customer.id, "Sees ad", experience=1)
    call = doc.add_touchpoint(engage.id, sales.id, "Discovery call", experience=0)
    demo = doc.add_touchpoint(engage.id, sales.id, "Demo", experience=2)
    renew = doc.add_touchpoint(retain.id, customer.id, "Renews", experience=1)
    support = doc.add_touchpoint(retain.id, sales.id, "Support ticket", experience=-1)
    doc.add_connection(ad.id, call.id)
    doc.add_connection(call.id, demo.id, days=3)
    doc.add_connection(demo.id, renew.id)
    doc.add_connection(renew.id, support.id)
    doc.add_connection(support.id, renew.id, loop=True)
    rep = doc.add_role("Sales rep")
    lead = doc.add_role("Sales lead")
    for tp in doc.map.touchpoints:
        doc.set_raci(tp.id, rep.id, "R")
        doc.set_raci(tp.id, lead.id, "A")
    doc.undo_stack.clear()
    return doc


# -- the command line (tests/cli_helpers.py has Result and assert_one_error_line) ------------
@pytest.fixture
def ws(request, tmp_path):
    """The workspace of `cli`: a file (a Path, not made yet), or in modules that run on both
    kinds (tests/cli_helpers.on_both_kinds) also a server's URL."""
    if getattr(request, "param", "file") == "server":
        return request.getfixturevalue("pg_workspace")
    return tmp_path / "work.journeymap"


@pytest.fixture
def cli_on(capsys, monkeypatch):
    """cli_on(workspace, *argv) -> Result: the installed program's `main` on any workspace
    (a path or a server's URL), in-process."""
    from tests.cli_helpers import Result

    monkeypatch.delenv("JOURNEYMAP_WORKSPACE", raising=False)

    def run(workspace, *argv):
        code = main([*(str(a) for a in argv), "--workspace", str(workspace)])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def any_cli(any_workspace, capsys, monkeypatch):
    """`cli`, on a workspace file and on a server (the test runs twice)."""
    from tests.cli_helpers import Result

    monkeypatch.delenv("JOURNEYMAP_WORKSPACE", raising=False)

    def run(*argv):
        code = main([*(str(a) for a in argv), "--workspace", any_workspace])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    run.workspace = any_workspace
    return run


@pytest.fixture
def cli(ws, capsys, monkeypatch):
    """cli(*argv, workspace=True) -> Result: the installed program's `main` on `ws`."""
    from tests.cli_helpers import Result

    monkeypatch.delenv("JOURNEYMAP_WORKSPACE", raising=False)

    def run(*argv, workspace=True):
        args = [*argv, "--workspace", str(ws)] if workspace else list(argv)
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run

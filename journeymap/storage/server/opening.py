"""Opening a workspace on a PostgreSQL server: its schema mark checked, an older schema
brought up to date in one transaction under an exclusive advisory lock, `init`.

A server makes no backups of its own (its administrator's `pg_dump` does): the README says
to take one before a Journeymap upgrade migrates the schema.
"""

from __future__ import annotations

import logging

from sqlalchemy import text

from ...errors import WorkspaceError
from .. import migrations
from ..address import ServerAddress
from ..schema import TABLE_NAMES
from . import connect, marks

log = logging.getLogger(__name__)

# pg_advisory_xact_lock(MIGRATION_CLASS, 0): the two-key space, apart from the maps' leases.
MIGRATION_CLASS = 0x4A4D4150  # "JMAP"


def open_server(cls, address: ServerAddress, *, readonly: bool):
    engine = connect.make_engine(address, readonly=readonly)
    workspace = cls(address, readonly, engine, None)
    try:
        with workspace._transaction("read the workspace's schema") as conn:
            version = _version_of(conn, address)
        newest = migrations.current_version()
        if version > newest:
            raise WorkspaceError(
                f"The workspace {address} was made by a newer Journeymap (schema {version}; "
                f"this version reads up to {newest}); open it with that newer version.")
        if version < newest:
            if readonly:
                raise WorkspaceError(
                    f"The workspace {address} was made by an older Journeymap (schema "
                    f"{version}); open it once for editing to upgrade it.")
            _upgrade(workspace, address, version)
        if not readonly:
            _check_write_rights(workspace, address)
    except BaseException:
        workspace.close()
        raise
    return workspace


def _check_write_rights(workspace, address: ServerAddress) -> None:
    """A role that may only read is told so once, before any command starts to write."""
    with workspace._transaction("read the role's rights") as conn:
        may_write = conn.execute(text(
            "SELECT has_table_privilege('maps', 'UPDATE') AND "
            "has_table_privilege('touchpoints', 'INSERT') AND "
            "has_table_privilege('journeymap_leases', 'INSERT')")).scalar_one()
        role = conn.execute(text("SELECT current_user")).scalar_one()
    if not may_write:
        from ...errors import WorkspaceReadOnlyRoleError

        raise WorkspaceReadOnlyRoleError(
            f"The database role '{role}' may only read the workspace {address}: reading "
            f"commands (list, export, check) work; ask the server's administrator for write "
            f"rights to change it.")


def _version_of(conn, address: ServerAddress) -> int:
    version = marks.get_version(conn)
    if version is None:
        raise WorkspaceError(
            f"The database {address} holds no Journeymap workspace; create one with "
            f"'journeymap init --workspace {address}'.")
    return version


def _upgrade(workspace, address: ServerAddress, version: int) -> None:
    try:
        with workspace._transaction("upgrade the workspace") as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:c, 0)"), {"c": MIGRATION_CLASS})
            if marks.get_version(conn) < migrations.current_version():  # not done meanwhile
                migrations.upgrade(conn)
    except WorkspaceError as error:
        raise WorkspaceError(
            f"The workspace {address} could not be upgraded from schema {version} to "
            f"{migrations.current_version()} ({error}); it was left as it was.") from error
    log.info("Upgraded server workspace %s to schema %s", address, migrations.current_version())


def init(address: ServerAddress) -> bool:
    """Create the schema in an empty database; False (nothing done) if it has ours already.
    A database with other tables and no Journeymap schema is refused."""
    engine = connect.make_engine(address, readonly=False)
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:c, 0)"), {"c": MIGRATION_CLASS})
            present = marks.table_names(conn)
            if marks.schema_mark.name in present:
                return False
            others = sorted(present - TABLE_NAMES - marks.SERVER_TABLES)
            if present:
                shown = ", ".join(others[:5] or sorted(present)[:5])
                raise WorkspaceError(
                    f"The database {address} already holds other tables ({shown}) and no "
                    f"Journeymap workspace; give an empty database to 'init'.")
            migrations.create(conn)
    except WorkspaceError:
        raise
    except Exception as error:  # the driver's: cannot connect, no rights to create tables
        if getattr(getattr(error, "orig", None), "sqlstate", "") == "42501":
            raise WorkspaceError(
                f"The database role '{address.url.username or connect.user_name()}' may not "
                f"create tables in {address}; ask the server's administrator to run 'journeymap "
                f"init' there, or to grant that role CREATE on the schema.") from error
        raise connect.failure(address, "create the workspace", error) from error
    finally:
        engine.dispose()
    log.info("Created server workspace %s", address)
    return True

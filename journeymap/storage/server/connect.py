"""Engines on a PostgreSQL workspace (psycopg 3) and the one sentence for what goes wrong.

Every statement is parameterised by SQLAlchemy; a reader's sessions are read-only on the
server's side too (`default_transaction_read_only`), as a file reader's are `query_only`.
No wait is unbounded: a lock that cannot be had within LOCK_TIMEOUT fails the statement.
"""

from __future__ import annotations

import getpass
import socket

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from ...errors import WorkspaceError, WorkspaceReadOnlyRoleError
from ..address import ServerAddress

CONNECT_TIMEOUT_SECONDS = 10
LOCK_TIMEOUT = "5s"
STATEMENT_TIMEOUT = "60s"  # far above any statement of ours: only a stuck one meets it
# A network that vanishes (a laptop's Wi-Fi, a VPN) is noticed within about half a minute on
# both sides: the client stops waiting, the server ends the session and its leases.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3, "tcp_user_timeout": 30_000}
SERVER_KEEPALIVES = ("-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 "
                     "-c tcp_keepalives_count=3 -c tcp_user_timeout=30000")
APPLICATION = "journeymap"


def make_engine(address: ServerAddress, *, readonly: bool) -> Engine:
    options = (f"-c lock_timeout={LOCK_TIMEOUT} -c statement_timeout={STATEMENT_TIMEOUT} "
               f"{SERVER_KEEPALIVES}")
    if readonly:
        options += " -c default_transaction_read_only=on"
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, "options": options,
                    "application_name": f"{APPLICATION} {whoami()}"[:63], **KEEPALIVES}
    return create_engine(address.engine_url, poolclass=NullPool, connect_args=connect_args,
                         hide_parameters=True)


def whoami() -> str:
    return f"{user_name()}@{host_name()}"


def user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "someone"


def host_name() -> str:
    return socket.gethostname() or "an unnamed computer"


def failure(address: ServerAddress, action: str, error: BaseException) -> WorkspaceError:
    """One sentence for a driver error, naming the server without its password."""
    import psycopg

    detail = getattr(error, "orig", None) or error
    state = getattr(detail, "sqlstate", None) or ""
    text = " ".join(str(detail).split())
    for secret in address.secrets():  # libpq never echoes one; be sure anyway
        text = text.replace(secret, "***")
    if state == "42501" or isinstance(detail, psycopg.errors.ReadOnlySqlTransaction):
        return WorkspaceReadOnlyRoleError(
            f"Could not {action} in the workspace {address}: the database role "
            f"'{address.url.username or user_name()}' may only read it ({text}); reading "
            f"commands (list, export, check) work, ask the server's administrator for "
            f"write rights to change it."
        )
    if isinstance(detail, psycopg.OperationalError) and state in ("", "08001", "08006",
                                                                    "57P01", "57P03"):
        return WorkspaceError(
            f"Could not {action}: the server workspace {address} cannot be reached ({text})."
        )
    if state == "55P03":  # lock_not_available: lock_timeout ran out
        return WorkspaceError(
            f"Could not {action} in the workspace {address}: another session held a lock "
            f"for longer than {LOCK_TIMEOUT}; try again."
        )
    return WorkspaceError(f"Could not {action} in the workspace {address} ({text}).")

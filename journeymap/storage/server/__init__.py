"""The workspace on a PostgreSQL server: connecting, its schema mark, per-map edit leases
(session advisory locks) and the notices (LISTEN/NOTIFY) that tell the editors of others'
changes. Workspace (../workspace.py) uses these where a file would use its lock and backups."""

"""One consistent snapshot of the database, and putting it back, for SQLite and PostgreSQL.

SQLite: the online backup API (pages copied under a read lock, so a write in progress is either
in or out, never half), restored the same way in one step. PostgreSQL: `pg_dump -Fc` of a snapshot
exported by a REPEATABLE READ transaction, in which the row counts and the files the database
names are read too, so the manifest describes exactly the dump. Restored by piping `pg_restore`'s
script into `psql --single-transaction` after dropping the schema: it all happens or nothing does.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, models, transaction

from vistka.backups.archive import ArchiveError


class DatabaseError(Exception):
    """The database tools failed or do not fit the server."""


def file_columns():
    """(table, column) of every file and image field: the files the database names."""
    found = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                found.add((model._meta.db_table, field.column))
    return sorted(found)


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def read_snapshot(cursor, tables):
    """Row counts, applied migrations and named files, read through `cursor` (one snapshot)."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [list(row) for row in cursor.fetchall()]
    named = set()
    for table, column in file_columns():
        if table in tables:
            cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> ''")  # noqa: S608
            named.update(row[0] for row in cursor.fetchall())
    return {"tables": counts, "migrations": migrations, "named_files": sorted(named)}


def for_connection():
    vendor = connection.vendor
    if vendor == "sqlite":
        return SqliteDatabase()
    if vendor == "postgresql":
        return PostgresDatabase()
    raise DatabaseError(f"backups support SQLite and PostgreSQL, not {vendor}")


class SqliteDatabase:
    engine = "sqlite"
    filename = "database.sqlite3"

    def snapshot(self, target):
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # the online backup API: a consistent copy
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            info = read_snapshot(copy.cursor(), self._tables(copy))
        finally:
            copy.close()
        os.chmod(target, 0o600)
        info["server_version"] = sqlite3.sqlite_version
        return info

    @staticmethod
    def _tables(sqlite_connection):
        rows = sqlite_connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        return {row[0] for row in rows}

    def verify_file(self, path):
        copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if result != "ok":
            raise ArchiveError(f"the SQLite snapshot is damaged: {result}")

    def check_compatible(self, manifest):
        pass

    def live_tables(self):
        connection.ensure_connection()
        return self._tables(connection.connection)

    def restore(self, path):
        """Replace the whole database by the snapshot, in one step (SQLite's backup API)."""
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connections.close_all()

    def live_snapshot(self):
        with connection.cursor() as cursor:
            return read_snapshot(cursor, self.live_tables())


class PostgresDatabase:
    engine = "postgresql"
    filename = "database.pgdump"

    def __init__(self):
        self.settings = connection.settings_dict

    # --- the client tools of the server's major version -------------------------------------

    def server_major(self):
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version_num")
            return int(cursor.fetchone()[0]) // 10000

    def tool(self, name):
        """`name` (pg_dump, pg_restore, psql) of the server's major version, or a newer one:
        pg_dump refuses a newer server, and an older pg_restore cannot read a newer dump."""
        major = self.server_major()
        candidates = [settings.BACKUP_PG_BIN, f"/usr/lib/postgresql/{major}/bin"]
        for directory in candidates:
            if directory and os.access(Path(directory) / name, os.X_OK):
                return str(Path(directory) / name)
        found = shutil.which(name)
        if found:
            output = subprocess.run([found, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
            version = re.search(r"(\d+)(?:\.\d+)?", output)
            if version and int(version.group(1)) >= major:
                return found
        raise DatabaseError(
            f"the PostgreSQL server is version {major} but no {name} of version {major} or newer is"
            f" installed: install postgresql-client-{major} or point BACKUP_PG_BIN at its bin directory"
        )

    def _env(self):
        """libpq's environment: the password never goes on a command line (visible to `ps`)."""
        env = dict(os.environ)
        pairs = {
            "PGHOST": self.settings.get("HOST"),
            "PGPORT": self.settings.get("PORT"),
            "PGUSER": self.settings.get("USER"),
            "PGPASSWORD": self.settings.get("PASSWORD"),
            "PGDATABASE": self.settings.get("NAME"),
        }
        for key, value in pairs.items():
            if value:
                env[key] = str(value)
        options = self.settings.get("OPTIONS") or {}
        if options.get("sslmode"):
            env["PGSSLMODE"] = options["sslmode"]
        return env

    def _run(self, argv, **kwargs):
        result = subprocess.run(argv, env=self._env(), capture_output=True, check=False, **kwargs)  # noqa: S603
        if result.returncode != 0:
            message = (result.stderr or b"").decode(errors="replace").strip()[-2000:]
            raise DatabaseError(f"{Path(argv[0]).name} failed: {message}")
        return result

    # --- backup ---------------------------------------------------------------------------------

    def snapshot(self, target):
        pg_dump = self.tool("pg_dump")
        major = self.server_major()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            self._run([pg_dump, "-Fc", f"--snapshot={snapshot_id}", "-f", str(target)])
            info = read_snapshot(cursor, set(connection.introspection.table_names(cursor)))
        os.chmod(target, 0o600)
        info["server_version"] = major
        return info

    def verify_file(self, path):
        self._run([self.tool("pg_restore"), "--list", str(path)])

    def check_compatible(self, manifest):
        source, target = int(manifest["database"]["server_version"]), self.server_major()
        if target < source:
            raise ArchiveError(
                f"the archive was dumped from PostgreSQL {source}; this server is {target}:"
                f" restore it into PostgreSQL {source} or newer"
            )

    def live_tables(self):
        with connection.cursor() as cursor:
            return set(connection.introspection.table_names(cursor))

    def restore(self, path):
        """Drop the schema and load the dump in one transaction: on any error nothing changes."""
        pg_restore, psql = self.tool("pg_restore"), self.tool("psql")
        connections.close_all()
        env = self._env()
        argv = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", "-"]
        loader = subprocess.Popen(  # noqa: S603
            argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        script = subprocess.Popen(  # noqa: S603
            [pg_restore, "--no-owner", "--no-acl", "-f", "-", str(path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            loader.stdin.write(b"DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n")
            shutil.copyfileobj(script.stdout, loader.stdin)
            loader.stdin.close()
        except BrokenPipeError:
            pass
        script_errors = script.stderr.read()
        script.wait()
        loader_errors = loader.stderr.read()
        loader.wait()
        connections.close_all()  # prepared statements name the dropped tables
        if script.returncode or loader.returncode:
            message = (loader_errors or script_errors).decode(errors="replace").strip()[-2000:]
            raise DatabaseError(f"the database restore failed and was rolled back: {message}")

    def live_snapshot(self):
        with connection.cursor() as cursor:
            return read_snapshot(cursor, self.live_tables())

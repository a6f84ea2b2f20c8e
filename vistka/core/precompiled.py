"""Querysets compiled to SQL once, run many times with new parameter values.

Building a queryset and compiling it to SQL costs more Python time than running the query on a
cold story page (a visibility filter with a correlated subquery, a UNION, select_related). The
reader's hottest queries have a fixed shape; only a few values change. `Precompiled` builds the
shape once per database with placeholder values, remembers where those values land in the SQL
parameters, and each call runs the same SQL with the caller's values, turning rows into model
instances (or value tuples) exactly as Django's own iterables do. Django has no public API for
this (its ORM has no prepared-query cache); this module is the hand-written part.
"""

import copy
import threading
import uuid

from django.db import connections

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg 3 missing: SQLite only
    ServerBindingCursor = None

_PLACEHOLDER_BASE = 7_340_000_000_000


class Precompiled:
    """`build(*args)` returns a queryset; `Precompiled(build, kinds)(*values)` runs it.

    kinds: one of "int" or "uuid" per argument, so a recognisable placeholder can be used.
    The queryset must be evaluated as it is built (no further chaining): slicing, ordering,
    select_related and only() belong in `build`. prefetch_related works as usual.
    """

    def __init__(self, build, kinds):
        self.build = build
        self.kinds = tuple(kinds)
        self._compiled = {}
        self._lock = threading.Lock()

    def _placeholders(self):
        found = []
        for i, kind in enumerate(self.kinds):
            if kind == "int":
                found.append(_PLACEHOLDER_BASE + i)
            elif kind == "uuid":
                found.append(uuid.UUID(int=_PLACEHOLDER_BASE + i))
            else:
                raise ValueError(f"unknown argument kind {kind!r}")
        return found

    def _compile(self, alias):
        placeholders = self._placeholders()
        queryset = self.build(*placeholders)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        params = list(params)
        slots = []  # (position in params, argument index, how the value is written)
        for position, value in enumerate(params):
            for index, placeholder in enumerate(placeholders):
                if value == placeholder:
                    slots.append((position, index, None))
                elif isinstance(placeholder, uuid.UUID) and value in (placeholder.hex, str(placeholder)):
                    slots.append((position, index, "hex" if value == placeholder.hex else "str"))
        seen = {index for _, index, _ in slots}
        if seen != set(range(len(self.kinds))):
            raise RuntimeError(f"{self.build.__qualname__}: not every argument reaches the SQL parameters")
        return queryset, compiler, sql, params, slots

    def __call__(self, *values, using="default"):
        compiled = self._compiled.get(using)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(using) or self._compile(using)
                self._compiled[using] = compiled
        template, template_compiler, sql, params, slots = compiled
        params = list(params)
        for position, index, form in slots:
            value = values[index]
            if form == "hex":
                value = value.hex
            elif form == "str":
                value = str(value)
            params[position] = value
        compiler = copy.copy(template_compiler)
        connection = connections[using]
        compiler.connection = (
            PreparingConnection(connection) if prepares_statements(connection) else connection
        )
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        queryset = template._chain()
        query = queryset.query
        query.get_compiler = lambda using=None, connection=None, elide_empty=True: compiler
        return list(queryset)


def prepares_statements(connection):
    """Whether this connection's psycopg prepares server-bound statements (PostgreSQL with
    ``prepare_threshold`` set in OPTIONS; None there, as Django's default, turns it off)."""
    return (
        connection.vendor == "postgresql"
        and ServerBindingCursor is not None
        and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


class PreparingConnection:
    """A Django connection whose cursors bind parameters on the server, so psycopg can prepare
    their statements. Everything else (operations, features, transactions) is the connection's
    own; the query log records each query with its values, as for any other query."""

    def __init__(self, connection):
        self._connection = connection
        self.ops = _ComposingOperations(connection.ops)

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def cursor(self):
        wrapper = self._connection.cursor()  # a debug wrapper when queries are being logged
        client_side = wrapper.cursor
        wrapper.cursor = ServerBindingCursor(self._connection.connection)
        client_side.close()
        if hasattr(wrapper, "debug_sql"):
            wrapper.db = self  # its log reads the query from self.ops
        return wrapper


class _ComposingOperations:
    """The connection's operations, but the last executed query is composed from the SQL and its
    values: psycopg keeps no query text for a prepared statement's run."""

    def __init__(self, ops):
        self._ops = ops

    def __getattr__(self, name):
        return getattr(self._ops, name)

    def last_executed_query(self, cursor, sql, params):
        return self._ops.compose_sql(sql, params)

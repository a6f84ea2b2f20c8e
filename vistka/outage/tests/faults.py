"""Database failures at a chosen point of a request, for the test client: Django's own query hook
(`connection.execute_wrapper`) raises the error the driver raises when the server has gone, for the
queries that match. The end-to-end tests (test_real_outage.py) stop a real PostgreSQL instead."""

import re
from contextlib import contextmanager

from django.db import connection
from django.db.utils import OperationalError


@contextmanager
def database_fails(pattern=r".", error=None):
    """Every query whose SQL matches `pattern` (a regular expression, case-insensitive) fails."""
    matcher = re.compile(pattern, re.I | re.S)
    error = error or OperationalError("server closed the connection unexpectedly")

    def fail(execute, sql, params, many, context):
        if matcher.search(sql):
            raise error
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield

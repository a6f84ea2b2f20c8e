"""Counters fed by signals: failed sign-ins, throttled sign-ins, database errors.

A database error is counted once, where it is first seen: a failed query (an execute wrapper on
every connection), or a request that failed on the database without a query (no connection at
all: the got_request_exception signal, and DatabaseErrorMiddleware for errors a later handler
turns into a friendly page). The exception is marked when counted, so no path counts it twice.
"""

import sys

from django.contrib.auth.signals import user_login_failed
from django.core.signals import got_request_exception
from django.db import DatabaseError
from django.db.backends.signals import connection_created

from vistka.observability import metrics

COUNTED = "_vistka_counted"


def count_database_error(error, kind):
    if isinstance(error, DatabaseError) and not getattr(error, COUNTED, False):
        try:
            setattr(error, COUNTED, True)
        except AttributeError:
            pass
        metrics.DATABASE_ERRORS.labels(kind).inc()


def _query_errors(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except DatabaseError as error:
        count_database_error(error, "query")
        raise


def _on_connection(sender, connection, **kwargs):
    if _query_errors not in connection.execute_wrappers:
        connection.execute_wrappers.append(_query_errors)


def _on_request_exception(sender, request=None, **kwargs):
    count_database_error(sys.exc_info()[1], "request")


def _on_login_failed(sender, **kwargs):
    metrics.LOGIN_FAILURES.inc()


def _on_locked_out(sender, **kwargs):
    metrics.LOGIN_LOCKOUTS.inc()


def connect():
    from axes.signals import user_locked_out

    connection_created.connect(_on_connection, dispatch_uid="vistka.observability.query_errors")
    got_request_exception.connect(_on_request_exception, dispatch_uid="vistka.observability.request_errors")
    user_login_failed.connect(_on_login_failed, dispatch_uid="vistka.observability.login_failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="vistka.observability.locked_out")


class DatabaseErrorMiddleware:
    """Last in MIDDLEWARE, so its process_exception runs first: counts a view's database error
    even when a handler above answers it with a page of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        count_database_error(exception, "request")

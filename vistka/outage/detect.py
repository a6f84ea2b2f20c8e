"""Which failures mean "the database is unavailable", and marking the request that met one.

Django turns an exception raised anywhere inside its handler (a middleware loading the session or
the user, the view, a template, the session saved on the way out) into a response at the layer it
came from (`convert_exception_to_response`), and on the way sends `got_request_exception` with the
exception still being handled. The receiver below marks the request; DatabaseOutageMiddleware, near
the top of the stack, then replaces that 500 with the outage page. Only the mark travels: the
exception itself (and its frames) is not kept.
"""

import sys

from django.db import connections
from django.db.utils import InterfaceError, OperationalError

MARK = "_vistka_database_unavailable"
_CHAIN_LIMIT = 8  # causes and contexts followed; chains are short, a loop must not spin


def _driver_errors():
    """The database driver's own connection errors (raised outside Django's wrapper, e.g. by a
    pool), for every configured backend."""
    found = {OperationalError, InterfaceError}
    for alias in connections:
        database = getattr(connections[alias], "Database", None)
        for name in ("OperationalError", "InterfaceError"):
            error = getattr(database, name, None)
            if isinstance(error, type):
                found.add(error)
    return tuple(found)


def is_database_unavailable(exc):
    """True when `exc`, or an exception it was raised from or while handling, is a connection-level
    database error (refused, closed, terminated, timed out, locked): something that passes."""
    errors = _driver_errors()
    seen = 0
    while exc is not None and seen < _CHAIN_LIMIT:
        if isinstance(exc, errors):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def remember_database_failure(sender, request=None, **kwargs):
    """got_request_exception receiver: mark the request if the exception being handled is one."""
    if request is None:
        return
    if is_database_unavailable(sys.exc_info()[1]):
        setattr(request, MARK, True)


def database_failed(request):
    return getattr(request, MARK, False)

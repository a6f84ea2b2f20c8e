"""The observability tests' WSGI stack: vistka.wsgi.application called in the test's thread."""

import pytest
from django.core import signals
from django.db import close_old_connections

from vistka.delivery import fastpath


@pytest.fixture
def stack(settings):
    """vistka.wsgi.application (observability around the body limit, the fast path and Django),
    called in this thread inside the test's transaction, the fast path's store empty."""
    settings.VARNISH_PURGE_URLS = []
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.METRICS_ALLOWED = ["127.0.0.1", "::1"]
    settings.METRICS_TOKEN = ""
    # Their queries on the worker thread would wait on the test's transaction (SQLite in memory).
    settings.READY_MAX_SCHEDULER_LATENESS = settings.READY_MAX_PURGE_LAG = 0
    fastpath.STORE.reset()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        from vistka.wsgi import application

        yield application
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        fastpath.STORE.reset()

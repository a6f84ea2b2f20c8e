"""Fixtures of the API tests."""

from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings

from vistka.api.tests.builders import BASE_URL


@pytest.fixture(scope="package", autouse=True)
def media_root(tmp_path_factory):
    """Images and their renditions go to a throw-away directory (see vistka/reader/tests)."""
    path = tmp_path_factory.mktemp("api-media")
    with override_settings(MEDIA_ROOT=str(path), BASE_URL=BASE_URL, WAGTAILADMIN_BASE_URL=BASE_URL):
        yield path


def clear_caches():
    caches["default"].clear()
    caches["renditions"].clear()


@pytest.fixture(autouse=True)
def cold_caches():
    """Cached renditions and records never outlive the rolled-back data they came from."""
    clear_caches()
    yield
    clear_caches()


@contextmanager
def rolled_back(django_db_blocker):
    """Data built once for a module, rolled back when the module is done (each test still runs
    in its own savepoint). Not for transactional tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def wsgi_requests():
    """Requests sent straight to a WSGI application keep the test's database connection open
    (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

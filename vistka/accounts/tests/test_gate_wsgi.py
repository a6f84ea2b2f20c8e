"""wsgi_gate.SignInGate: refused sign-in posts of a flood are answered before Django, without a query."""

import io
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from vistka.accounts import gate, wsgi_gate
from vistka.accounts.tests.helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.66"
EDITOR_HOME = "203.0.113.10"


@pytest.fixture(autouse=True)
def no_remembered_locks():
    wsgi_gate.LOCKS.clear()
    yield
    wsgi_gate.LOCKS.clear()


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@vistka.test", PASSWORD)


class App:
    """SignInGate around Django's WSGI handler, counting the posts that reach Django. The test's
    database connection is kept across requests (as Django's test client does)."""

    def __init__(self):
        self.reached = 0
        django_app = WSGIHandler()

        def counting(environ, start_response):
            self.reached += 1
            return django_app(environ, start_response)

        self.gate = wsgi_gate.SignInGate(counting)

    def post(self, username, address, path="/admin/login/"):
        body = urlencode({"username": username, "password": "wrong"}).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "REMOTE_ADDR": address,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": io.StringIO(),
        }
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen["status"], seen["headers"] = int(status[:3]), dict(headers)

        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            b"".join(self.gate(environ, start_response))
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return seen["status"], seen["headers"]


def test_a_locked_address_is_refused_before_django_without_a_query(
    editor, settings, django_assert_num_queries
):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    for name in ("a", "b", "c"):
        sign_in(Client(), name, "wrong", address=ATTACKER)
    app = App()
    assert app.post("d", ATTACKER)[0] == 429  # Django (the throttle's rows) finds the address locked
    assert app.reached == 1
    with django_assert_num_queries(0):
        for name in ("e", "editor", "f"):
            status, headers = app.post(name, ATTACKER)
            assert status == 429 and int(headers["Retry-After"]) > 0
    assert app.reached == 1
    app.post("editor", EDITOR_HOME)  # another address is Django's to decide
    assert app.reached == 2


def test_a_locked_account_is_refused_before_django_only_for_that_account_and_address(
    editor, settings, django_assert_num_queries
):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        sign_in(Client(), "editor", "wrong", address=ATTACKER)
    app = App()
    assert app.post("editor", ATTACKER)[0] == 429
    with django_assert_num_queries(0):
        assert app.post("editor", ATTACKER)[0] == 429
    assert app.reached == 1
    app.post("someone", ATTACKER)  # the address itself is not locked
    app.post("editor", EDITOR_HOME)  # nor the account elsewhere
    assert app.reached == 3


def test_posts_past_the_busy_gate_are_answered_before_django(editor, django_assert_num_queries):
    app = App()
    slots = gate.sign_in_slots()
    assert slots.acquire(blocking=False)
    try:
        with django_assert_num_queries(0):
            status, headers = app.post("editor", EDITOR_HOME)
    finally:
        slots.release()
    assert status == 503 and headers["Retry-After"] == "5" and app.reached == 0
    assert "Set-Cookie" not in headers


def test_a_remembered_lock_is_asked_again_after_the_gate_memory(editor, settings):
    settings.LOGIN_GATE_MEMORY_SECONDS = 0
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        sign_in(Client(), "editor", "wrong", address=ATTACKER)
    app = App()
    assert app.post("editor", ATTACKER)[0] == 429
    assert app.post("editor", ATTACKER)[0] == 429
    assert app.reached == 2  # still locked, but decided by Django each time

"""Only our own proxies (TRUSTED_PROXIES) may ask for pages with ESI includes: a client's
Surrogate-Capability header stepped around the fast path (a full render per request) and got a page
with raw <esi:include> and a public s-maxage, which a CDN in front would have kept."""

import io
import wsgiref.util

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from vistka.delivery.fastpath import FastPath
from vistka.delivery.tests.newsroom import publish_story

pytestmark = pytest.mark.django_db

ESI = {"HTTP_SURROGATE_CAPABILITY": "x=ESI/1.0"}


@pytest.fixture
def application(settings):
    """The WSGI stack called in this thread, inside the test's transaction: like Django's test
    client, without closing the database connection at each request's start and end."""
    settings.VARNISH_PURGE_URLS = []
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield FastPath(get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def get(application, path, remote, **headers):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "127.0.0.1"}
    environ.update(headers, REMOTE_ADDR=remote, **{"wsgi.input": io.BytesIO()})
    wsgiref.util.setup_testing_defaults(environ)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=dict(response_headers))
        return lambda data: None

    result = application(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return started["status"], started["headers"], body


def test_a_clients_surrogate_capability_is_ignored(application):
    story = publish_story(title="Trams return to the night routes")

    first = get(application, story.url, "203.0.113.9", **ESI)
    second = get(application, story.url, "203.0.113.9", **ESI)

    for status, _headers, body in (first, second):
        assert status.startswith("200")
        assert b"<esi:" not in body
        assert b"Trams return to the night routes" in body
    assert second[1].get("X-Cache") == "HIT"  # served from the fast path, not rendered again


def test_our_varnish_still_gets_esi(application):
    story = publish_story(title="Trams return to the night routes")

    status, _headers, body = get(application, story.url, "127.0.0.1", **ESI)

    assert status.startswith("200")
    assert b"<esi:include" in body

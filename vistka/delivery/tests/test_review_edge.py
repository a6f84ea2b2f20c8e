"""Findings of the delivery review, at the edge (deploy/varnish/vistka.vcl + the generated site.vcl):

- the scheme: a plain-http request must not put the app's `301 https://…` into the copy https
  readers get (a redirect loop); only a trusted proxy may say `X-Forwarded-Proto: https`, the
  scheme is part of the key, and only what the app marks `public` is kept;
- a client's `Surrogate-Capability` never reaches the app (it would skip its fast path);
- without `stale-if-error` in Cache-Control a page is kept for errors the site's STALE_IF_ERROR,
  not a day.

A real varnishd runs the project's VCL in front of an origin that echoes what reached it, and in
front of the real app with SECURE_SSL_REDIRECT on.
"""

import http.client
import json
import shutil
import subprocess
import threading

import pytest
from django.core.wsgi import get_wsgi_application
from django.test import override_settings

from vistka.delivery.fastpath import FastPath
from vistka.delivery.tests.harness import AppServer, Varnish, fetch, free_port
from vistka.delivery.tests.newsroom import publish_story

UNTRUSTED = "127.0.0.2"  # a loopback address that is not in TRUSTED_PROXIES (127.0.0.1, ::1)
CACHEABLE = "public, max-age=30, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"
CACHE_CONTROL = {
    "/no-cache-control/": None,  # as SecurityMiddleware's redirect to https
    "/private/": "private, max-age=60",
    "/public-without-stale-if-error/": "public, max-age=30, s-maxage=300",
}
SITE_STALE_IF_ERROR = 321  # seconds; anything but the 86400 a page usually names


class EchoOrigin:
    """Answers each path with what reached it (scheme, Surrogate-Capability) and how many times it
    was asked for that path; the Cache-Control of CACHE_CONTROL, else a cacheable one."""

    def __init__(self):
        self.asked = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/_health/" and "HTTP_X_REQUEST_ID" not in environ:  # Varnish's probe
            start_response("200 OK", [("Cache-Control", "no-store")])
            return [b"ok"]
        with self.lock:
            self.asked[path] = self.asked.get(path, 0) + 1
            count = self.asked[path]
        seen = {
            "count": count,
            "method": environ["REQUEST_METHOD"],
            "proto": environ.get("HTTP_X_FORWARDED_PROTO"),
            "surrogate": environ.get("HTTP_SURROGATE_CAPABILITY"),
        }
        headers = [("Content-Type", "application/json")]
        cache_control = CACHE_CONTROL.get(path, CACHEABLE)
        if cache_control:
            headers.append(("Cache-Control", cache_control))
        start_response("200 OK", headers)
        return [json.dumps(seen).encode()]

    def forget(self):
        with self.lock:
            self.asked.clear()


@pytest.fixture(scope="module")
def echo_edge():
    """A varnishd of its own (the project's VCL, full shared-memory log, STALE_IF_ERROR of
    SITE_STALE_IF_ERROR) in front of an EchoOrigin."""
    origin = EchoOrigin()
    server = AppServer(free_port(), app=origin).start()
    with pytest.MonkeyPatch.context() as patch, override_settings(STALE_IF_ERROR=SITE_STALE_IF_ERROR):
        patch.setenv("VARNISH_LOG", "all")
        varnish = Varnish(backend_port=server.port).start()
    varnish.wait_healthy()
    yield varnish, origin
    varnish.stop()
    server.stop()


@pytest.fixture
def edge(echo_edge):
    varnish, origin = echo_edge
    varnish.ban_everything()
    origin.forget()
    return varnish, origin


def ask(varnish, path, source="127.0.0.1", method="GET", headers=None):
    """One request from the loopback address `source`: (status, X-Cache, what the origin saw)."""
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=15, source_address=(source, 0))
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 200, (path, response.status, body[:200])
    return response.getheader("X-Cache"), json.loads(body)


HTTPS = {"X-Forwarded-Proto": "https"}


def test_only_a_trusted_proxy_says_https_and_each_scheme_has_its_own_copy(edge):
    varnish, _origin = edge
    # The TLS proxy (a trusted address) says https: the origin hears it, and the copy is kept.
    assert ask(varnish, "/page/", headers=HTTPS) == ("MISS", ask_seen(1, "https"))
    assert ask(varnish, "/page/", headers=HTTPS)[0] == "HIT"
    # Anyone else saying it is a plain-http reader: a copy of its own, never the https one.
    assert ask(varnish, "/page/", source=UNTRUSTED, headers=HTTPS) == ("MISS", ask_seen(2, "http"))
    assert ask(varnish, "/page/", source=UNTRUSTED, headers=HTTPS) == ("HIT", ask_seen(2, "http"))
    # A plain-http request through the proxy (no header, or any other value) is the same http copy.
    assert ask(varnish, "/page/") == ("HIT", ask_seen(2, "http"))
    assert ask(varnish, "/page/", headers={"X-Forwarded-Proto": "https, http"})[1]["count"] == 2
    # Passed requests (never cached) carry the believed scheme too.
    assert ask(varnish, "/admin/", source=UNTRUSTED, headers=HTTPS)[1]["proto"] == "http"
    assert ask(varnish, "/admin/", headers=HTTPS)[1]["proto"] == "https"


def ask_seen(count, proto):
    return {"count": count, "method": "GET", "proto": proto, "surrogate": "varnish=ESI/1.0"}


def test_only_responses_marked_public_are_kept(edge):
    varnish, origin = edge
    for path in ("/no-cache-control/", "/private/"):
        answers = [ask(varnish, path) for _ in range(3)]
        assert [x_cache for x_cache, _seen in answers] == ["MISS"] * 3, path
        assert [seen["count"] for _x_cache, seen in answers] == [1, 2, 3], path
    assert [ask(varnish, "/kept/")[0] for _ in range(2)] == ["MISS", "HIT"]
    assert origin.asked["/kept/"] == 1


def test_a_clients_surrogate_capability_never_reaches_the_app(edge):
    varnish, _origin = edge
    asking = {"Surrogate-Capability": "reader=ESI/1.0"}
    passed = [
        ask(varnish, "/admin/", headers=asking),
        ask(varnish, "/newsroom/", source=UNTRUSTED, headers=asking),
        ask(varnish, "/comments/", method="POST", headers=asking),
        ask(varnish, "/_health/ready/", headers=asking),
        ask(varnish, "/page/", headers={**asking, "Cookie": "vistka_staff=forged"}),
    ]
    for x_cache, seen in passed:
        assert x_cache == "MISS"
        assert seen["surrogate"] is None, seen
    # Cached pages go through the assembler, which asks for ESI itself.
    assert ask(varnish, "/other/", headers=asking)[1]["surrogate"] == "varnish=ESI/1.0"


def object_graces(varnish):
    """The grace Varnish gave each object it stored, from its shared-memory log's TTL records
    (`TTL VCL <ttl> <grace> <keep> <reference> <flags>`, the last one of each fetch)."""
    varnishlog = shutil.which("varnishlog") or "/usr/bin/varnishlog"
    done = subprocess.run(  # noqa: S603
        [varnishlog, "-n", str(varnish.workdir), "-d", "-g", "request", "-i", "BereqURL,TTL"],
        check=True,
        capture_output=True,
        text=True,
        timeout=10,
    )
    graces, url = {}, None
    for line in done.stdout.splitlines():
        fields = line.split()
        if "BereqURL" in fields:
            url = fields[-1]
            graces.setdefault(url, []).append(None)
        elif "TTL" in fields and "VCL" in fields and url is not None:
            at = fields.index("VCL")
            graces[url][-1] = int(float(fields[at + 2]))
    return graces


def test_without_stale_if_error_a_page_is_kept_for_errors_the_sites_setting(edge):
    varnish, _origin = edge
    assert ask(varnish, "/public-without-stale-if-error/")[0] == "MISS"
    assert ask(varnish, "/with-stale-if-error/")[0] == "MISS"
    graces = object_graces(varnish)
    # Both layers (the assembler's object and the public layer's assembled copy).
    assert graces.get("/public-without-stale-if-error/") == [SITE_STALE_IF_ERROR] * 2, graces
    assert graces.get("/with-stale-if-error/") == [86400] * 2, graces


@pytest.fixture
def redirecting_app(transactional_db, app_port, fast_path_store, varnish_process, settings):
    """The real app (fast path around Django) with SECURE_SSL_REDIRECT on, behind the test
    process's Varnish: SecurityMiddleware answers plain http with `301 https://…`."""
    from vistka.delivery.tests.conftest import clear_record_caches

    settings.SECURE_SSL_REDIRECT = True
    settings.VARNISH_PURGE_URLS = [f"{varnish_process.url}/"]
    clear_record_caches()
    server = AppServer(app_port, app=FastPath(get_wsgi_application())).start()
    varnish_process.ban_everything()
    varnish_process.wait_healthy()
    yield varnish_process
    server.stop()
    clear_record_caches()


def test_a_plain_http_request_never_gives_https_readers_its_redirect(redirecting_app):
    varnish = redirecting_app
    story = publish_story(title="Ferries run again to the islands")

    plain = fetch(varnish.url, story.url)
    assert plain.status == 301 and plain.header("Location").startswith("https://"), plain.status
    secure = fetch(varnish.url, story.url, headers=HTTPS)
    assert secure.status == 200, (secure.status, secure.header("Location"))
    assert "Ferries run again to the islands" in secure.text
    assert fetch(varnish.url, story.url, headers=HTTPS).x_cache == "HIT"
    # The redirect itself is never kept; plain http still gets it.
    again = fetch(varnish.url, story.url)
    assert (again.status, again.x_cache) == (301, "MISS")

"""The shield at the edge (deploy/varnish/vistka.vcl + the generated site.vcl): no cookie but the
staff marker (and that only at a hand-browsing rate per client and in total), no query parameter a
route does not read, and no Host variant steps around Varnish's cache; health and metrics are
never cached; every request carries an X-Request-Id to the origin (ESI includes too) and back.

Most tests put a real varnishd in front of a small recording origin (a WSGI app on a real port that
notes what reached it), so they can tell exactly which requests Varnish let through and with which
URL, Host, cookies and id; one runs the real app to show a story stays a HIT under `?q=<random>`.
"""

import http.client
import secrets
import threading
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from vistka.delivery import staff_marker
from vistka.delivery.query_params import normalise
from vistka.delivery.tests.harness import AppServer, Varnish, fetch, free_port
from vistka.delivery.tests.newsroom import publish_story
from vistka.delivery.tests.test_restrictions import restrict
from vistka.delivery.tests.test_shield_cookies import cookie_header, signed_in_staff
from vistka.reader.tests.builders import home

CACHEABLE = "public, max-age=30, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"
STORY = "/news/2025/05/28/10234/"


class RecordingOrigin:
    """An origin that answers every path with a cacheable page naming the URL it was asked for,
    and records each request but Varnish's health probes. `/page-with-column/` is an ESI page."""

    def __init__(self):
        self.seen = []
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path, query = environ["PATH_INFO"], environ.get("QUERY_STRING", "")
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", CACHEABLE)]
        if path == "/_health/" and "HTTP_X_REQUEST_ID" not in environ:
            start_response("200 OK", [("Cache-Control", "no-store")])
            return [b"ok"]
        with self.lock:
            self.seen.append(
                {
                    "url": f"{path}?{query}" if query else path,
                    "host": environ.get("HTTP_HOST"),
                    "cookie": environ.get("HTTP_COOKIE"),
                    "request_id": environ.get("HTTP_X_REQUEST_ID"),
                }
            )
        body = f"<p>{path}?{query}</p>"
        if path == "/page-with-column/" and environ.get("HTTP_SURROGATE_CAPABILITY"):
            headers.append(("Surrogate-Control", 'content="ESI/1.0"'))
            body += '<esi:include src="/_fragments/latest/uk/"/>'
        start_response("200 OK", headers)
        return [body.encode()]

    def requests_for(self, path):
        with self.lock:
            return [seen for seen in self.seen if seen["url"].split("?")[0] == path]

    def forget(self):
        with self.lock:
            self.seen.clear()


@pytest.fixture(scope="module")
def recording_edge():
    """A varnishd of its own (the project's VCL) in front of a RecordingOrigin."""
    origin = RecordingOrigin()
    server = AppServer(free_port(), app=origin).start()
    varnish = Varnish(backend_port=server.port).start()
    varnish.wait_healthy()
    yield varnish, origin
    varnish.stop()
    server.stop()


@pytest.fixture
def edge(recording_edge):
    varnish, origin = recording_edge
    varnish.ban_everything()
    origin.forget()
    return varnish, origin


@pytest.fixture
def throttled_edge():
    """A varnishd of its own with small staff-pass limits that never refill during a test, in
    front of a RecordingOrigin: start(per_client, total) -> (varnish, origin)."""
    started = []

    def start(per_client, total):
        origin = RecordingOrigin()
        server = AppServer(free_port(), app=origin).start()
        with override_settings(VARNISH_STAFF_PASS_PER_CLIENT=per_client, VARNISH_STAFF_PASS_TOTAL=total):
            varnish = Varnish(backend_port=server.port).start()
        started.append((varnish, server))
        varnish.wait_healthy()
        return varnish, origin

    yield start
    for varnish, server in started:
        varnish.stop()
        server.stop()


def fetch_from(source, base, path, headers=None):
    """One GET sent from the loopback address `source` (127.0.0.2 is no trusted proxy)."""
    netloc = urlsplit(base).netloc
    host, port = netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=15, source_address=(source, 0))
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def test_only_the_staff_marker_passes_a_public_page_with_its_cookies(edge):
    varnish, origin = edge
    session = {"Cookie": f"sessionid={secrets.token_hex(16)}; theme=dark"}
    first, second = fetch(varnish.url, "/en/", headers=session), fetch(varnish.url, "/en/", headers=session)
    assert (first.x_cache, second.x_cache) == ("MISS", "HIT"), "a sessionid stepped around the cache"
    assert [seen["cookie"] for seen in origin.requests_for("/en/")] == [None]

    marker = {"Cookie": "theme=dark; vistka_staff=signed.value"}
    passed = [fetch(varnish.url, "/en/", headers=marker) for _ in range(2)]
    assert [r.x_cache for r in passed] == ["MISS", "MISS"]
    cookies = [seen["cookie"] for seen in origin.requests_for("/en/")][1:]
    assert cookies == ["theme=dark; vistka_staff=signed.value"] * 2, (
        "the app must see the marker to verify it"
    )


def test_a_story_ignores_every_query_parameter_and_listings_keep_only_theirs(edge):
    varnish, origin = edge
    urls = [f"{STORY}?q={secrets.token_hex(6)}" for _ in range(20)]
    answers = [fetch(varnish.url, url) for url in urls]
    assert [a.x_cache for a in answers] == ["MISS"] + ["HIT"] * 19
    assert [seen["url"] for seen in origin.requests_for(STORY)] == [STORY]

    # What Varnish asks for is what the app's own normalisation makes of the same URL.
    cases = [
        "/search/?utm_source=x&q=bridge&order=new&q2=1",
        "/search/?q=&offset=20",
        "/ru/search/?offset=10&q=river",
        "/en/all/?before=2025-05-01&q=ignored",
        "/api/stories/?limit=5&edition=en&junk=1&cursor=abc",
        "/_fragments/latest/uk/?x=1",
        "/en/news/2025/05/28/10234/?before=1&offset=2",
    ]
    for url in cases:
        path, query = url.split("?", 1)
        fetch(varnish.url, url)
        wanted = normalise(path, query)
        seen = origin.requests_for(path)[-1]["url"]
        assert seen == (f"{path}?{wanted}" if wanted else path), url


def test_host_variants_share_one_copy_and_unknown_hosts_create_none(edge):
    varnish, origin = edge
    port = varnish.port
    variants = [f"127.0.0.1:{port}", "127.0.0.1", "127.0.0.1.", f"127.0.0.1.:{port}", "127.0.0.1:80"]
    answers = [fetch(varnish.url, "/news/", headers={"Host": host}) for host in variants]
    assert [a.x_cache for a in answers] == ["MISS"] + ["HIT"] * (len(variants) - 1)
    assert [seen["host"] for seen in origin.requests_for("/news/")] == ["127.0.0.1"]

    shouting = [
        fetch(varnish.url, "/en/", headers={"Host": host})
        for host in ("LOCALHOST", "localhost.", "LocalHost:8000")
    ]
    assert [a.x_cache for a in shouting] == ["MISS", "HIT", "HIT"]

    for host in ("evil.example", f"{secrets.token_hex(4)}.example.org", "localhost.evil.example"):
        refused = fetch(varnish.url, "/news/", headers={"Host": host})
        assert refused.status == 400, host
    assert len(origin.requests_for("/news/")) == 1, "an unknown host reached the origin"


def test_health_readiness_and_metrics_are_never_cached(edge):
    varnish, origin = edge
    for path in ("/_health/ready/", "/_metrics", "/_health/?probe=1"):
        for _ in range(2):
            assert fetch(varnish.url, path).status == 200
        assert len(origin.requests_for(path.split("?")[0])) == 2, f"{path} was answered from the cache"


def test_every_request_has_an_id_that_reaches_the_origin_and_its_includes(edge):
    varnish, origin = edge
    page = fetch(varnish.url, "/page-with-column/")
    request_id = page.header("X-Request-Id")
    assert request_id and len(request_id) >= 8
    page_fetch, column_fetch = (
        origin.requests_for("/page-with-column/"),
        origin.requests_for("/_fragments/latest/uk/"),
    )
    assert [seen["request_id"] for seen in page_fetch + column_fetch] == [request_id, request_id]
    hit = fetch(varnish.url, "/page-with-column/")
    assert hit.x_cache == "HIT" and hit.header("X-Request-Id") not in (None, request_id), (
        "a hit needs its own id"
    )

    # A trusted proxy's well-formed id is kept; a malformed one, or one from anyone else, is replaced.
    kept = fetch(varnish.url, "/pass-it-on/", headers={"X-Request-Id": "edge-7f3a9c2b11"})
    assert kept.header("X-Request-Id") == "edge-7f3a9c2b11"
    assert origin.requests_for("/pass-it-on/")[-1]["request_id"] == "edge-7f3a9c2b11"
    malformed = fetch(varnish.url, "/pass-it-on/", headers={"X-Request-Id": "a b<script>"})
    assert malformed.header("X-Request-Id") not in (None, "a b<script>")
    stranger = fetch_from(
        "127.0.0.2", varnish.url, "/pass-it-on/?x", headers={"X-Request-Id": "forged-by-reader-1"}
    )
    assert stranger.getheader("X-Request-Id") not in (None, "forged-by-reader-1")
    # Passed requests (the newsroom) carry one too.
    fetch(varnish.url, "/admin/")
    assert origin.requests_for("/admin/")[-1]["request_id"]


def test_a_story_under_random_query_strings_stays_one_cached_page(varnish, app):
    story = publish_story(title="Flood barrier closed for the storm")
    answers = [fetch(varnish.url, f"{story.url}?q={secrets.token_urlsafe(8)}") for _ in range(10)]
    assert [a.status for a in answers] == [200] * 10
    assert [a.x_cache for a in answers] == ["MISS"] + ["HIT"] * 9
    assert len({a.body for a in answers}) == 1


def passed(origin, path):
    """How many requests for `path` reached the origin carrying the staff marker."""
    return sum(1 for seen in origin.requests_for(path) if "vistka_staff=" in (seen["cookie"] or ""))


def test_a_forged_marker_flood_from_one_address_is_served_from_the_cache_after_its_rate(throttled_edge):
    varnish, origin = throttled_edge("5/3600s", "100/3600s")
    assert fetch(varnish.url, "/en/").x_cache == "MISS"  # the reader's copy, cached
    forged = {"Cookie": f"vistka_staff={secrets.token_hex(20)}"}
    flood = [fetch_from("127.0.0.2", varnish.url, "/en/", headers=forged) for _ in range(12)]
    assert [r.getheader("X-Cache") for r in flood] == ["MISS"] * 5 + ["HIT"] * 7
    assert passed(origin, "/en/") == 5, "a marker over the rate reached the app"

    # Another client (a real staff member) is under its own rate: still passed, cookies and all.
    staff = fetch_from("127.0.0.3", varnish.url, "/en/", headers={"Cookie": "sessionid=s; vistka_staff=v"})
    assert staff.getheader("X-Cache") == "MISS"
    assert origin.requests_for("/en/")[-1]["cookie"] == "sessionid=s; vistka_staff=v"
    # Static files and media are the same for staff: a marker never passes them (nor uses the rate).
    assets = [fetch_from("127.0.0.4", varnish.url, "/static/site.css", headers=forged) for _ in range(3)]
    assert [r.getheader("X-Cache") for r in assets] == ["MISS", "HIT", "HIT"]
    assert passed(origin, "/static/site.css") == 0


def test_the_marker_rate_counts_the_real_client_through_trusted_proxies_only(throttled_edge):
    varnish, origin = throttled_edge("2/3600s", "100/3600s")
    fetch(varnish.url, "/news/")
    marker = "vistka_staff=" + secrets.token_hex(20)

    def from_proxy(forwarded, source="127.0.0.1"):
        headers = {"Cookie": marker, "X-Forwarded-For": forwarded}
        return fetch_from(source, varnish.url, "/news/", headers=headers).getheader("X-Cache")

    # 127.0.0.1 is a trusted proxy: the address it forwards is the client.
    assert [from_proxy("198.51.100.7") for _ in range(3)] == ["MISS", "MISS", "HIT"]
    assert [from_proxy("198.51.100.8") for _ in range(3)] == ["MISS", "MISS", "HIT"]
    # A chain of trusted proxies is walked past; a port on a hop is no new client.
    assert from_proxy("198.51.100.9, 127.0.0.1") == "MISS"
    assert from_proxy("198.51.100.9:4321") == "MISS"
    assert from_proxy("198.51.100.9") == "HIT"
    # Anyone else's X-Forwarded-For is not believed: a new made-up address per request is one client.
    made_up = [from_proxy(f"203.0.113.{n}", source="127.0.0.2") for n in range(4)]
    assert made_up == ["MISS", "MISS", "HIT", "HIT"]
    # Nor what stands left of a hop that is no address: the client is the proxy that wrote it.
    behind_garbage = [from_proxy(f"203.0.113.{n}, unknown") for n in range(3)]
    assert behind_garbage == ["MISS", "MISS", "HIT"]
    assert passed(origin, "/news/") == 2 * 5


def test_marker_passes_stop_at_the_total_however_many_addresses_send_them(throttled_edge):
    varnish, origin = throttled_edge("5/3600s", "4/3600s")
    fetch(varnish.url, "/news/")
    answers = [
        fetch(
            varnish.url,
            "/news/",
            headers={"Cookie": "vistka_staff=x", "X-Forwarded-For": f"198.51.100.{n}"},
        ).x_cache
        for n in range(8)
    ]
    assert answers == ["MISS"] * 4 + ["HIT"] * 4
    assert passed(origin, "/news/") == 4


def test_a_real_staff_member_passes_while_forged_markers_from_elsewhere_get_the_cached_page(app):
    restrict(home("en"), PageViewRestriction.GROUPS)
    story = publish_story(title="Ferry timetable changes for the winter")
    with override_settings(VARNISH_STAFF_PASS_PER_CLIENT="3/3600s", VARNISH_STAFF_PASS_TOTAL="100/3600s"):
        varnish = Varnish(backend_port=app.port).start()
    try:
        varnish.wait_healthy()
        assert fetch(varnish.url, story.url).x_cache == "MISS"
        forged = {"Cookie": f"sessionid={secrets.token_hex(16)}; vistka_staff={secrets.token_urlsafe(30)}"}
        flood = [fetch_from("127.0.0.2", varnish.url, story.url, headers=forged) for _ in range(6)]
        assert [r.getheader("X-Cache") for r in flood] == ["MISS"] * 3 + ["HIT"] * 3
        assert {r.status for r in flood} == {200}

        staff = {"Cookie": cookie_header(signed_in_staff(), "sessionid", staff_marker.COOKIE)}
        restricted = fetch_from("127.0.0.3", varnish.url, "/en/", headers=staff)
        assert restricted.status == 200, "a real staff member under the rate must reach Django"
        reader = fetch_from("127.0.0.2", varnish.url, "/en/", headers=forged)
        assert reader.status == 302 and "/admin/login/" in reader.getheader("Location")
    finally:
        varnish.stop()

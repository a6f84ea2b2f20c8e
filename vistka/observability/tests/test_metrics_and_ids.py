"""/_metrics access control, counters moved by real requests through vistka.wsgi.application
(the fast path's hits included), request ids and the JSON log lines that carry them."""

import io
import json
import logging
import re

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from vistka.delivery.tests.newsroom import publish_story
from vistka.delivery.tests.test_surrogate_capability import get
from vistka.observability.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

OUTSIDER = "192.0.2.7"


def scrape(stack, remote="127.0.0.1", **headers):
    return get(stack, "/_metrics", remote, **headers)


def samples(stack):
    status, _headers, body = scrape(stack)
    assert status.startswith("200"), status
    found = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found, name, **labels):
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_answer_loopback_never_cached(stack):
    status, headers, body = scrape(stack)
    assert status.startswith("200")
    assert headers["Cache-Control"] == "no-store, private"
    assert b"vistka_http_requests_total" in body


def test_metrics_hidden_from_other_addresses(stack):
    status, headers, body = scrape(stack, remote=OUTSIDER)
    assert status.startswith("404")
    assert b"vistka_" not in body
    assert headers["Cache-Control"] == "no-store, private"


def test_metrics_through_a_trusted_proxy_use_the_forwarded_client(stack, settings):
    # Varnish (trusted, on loopback) forwards a request from outside: the client is not loopback.
    assert scrape(stack, HTTP_X_FORWARDED_FOR="198.51.100.4")[0].startswith("404")
    settings.METRICS_ALLOWED = ["198.51.100.0/24"]
    assert scrape(stack, HTTP_X_FORWARDED_FOR="198.51.100.4")[0].startswith("200")
    # An untrusted peer naming an allowed address in X-Forwarded-For is still itself.
    settings.METRICS_ALLOWED = ["127.0.0.1"]
    assert scrape(stack, remote=OUTSIDER, HTTP_X_FORWARDED_FOR="127.0.0.1")[0].startswith("404")


def test_metrics_token(stack, settings):
    settings.METRICS_TOKEN = "a-long-scrape-token"
    assert scrape(stack)[0].startswith("404")
    assert scrape(stack, HTTP_AUTHORIZATION="Bearer wrong-token")[0].startswith("404")
    assert scrape(stack, HTTP_AUTHORIZATION="Basic a-long-scrape-token")[0].startswith("404")
    assert scrape(stack, HTTP_AUTHORIZATION="Bearer a-long-scrape-token")[0].startswith("200")
    # The token does not open the endpoint to other addresses.
    token = "Bearer a-long-scrape-token"
    assert scrape(stack, remote=OUTSIDER, HTTP_AUTHORIZATION=token)[0].startswith("404")


def test_counters_move_for_misses_and_fast_path_hits(stack):
    story = publish_story()
    before = samples(stack)
    first = get(stack, story.url, "127.0.0.1")
    second = get(stack, story.url, "127.0.0.1")
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("MISS", "HIT")
    get(stack, "/no-such-page/", "127.0.0.1")
    after = samples(stack)

    def moved(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("vistka_http_requests_total", route="story", status="2xx") == 2
    assert moved("vistka_fastpath_responses_total", state="miss") >= 1
    assert moved("vistka_fastpath_responses_total", state="hit") == 1
    assert moved("vistka_render_seconds_count", route="story") == 1  # the miss only
    assert moved("vistka_http_requests_total", route="listing", status="4xx") == 1
    assert value(after, "vistka_ready", check="database") == 1


def test_login_failures_counted(stack):
    before = value(samples(stack), "vistka_login_failures_total")
    Client().post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert value(samples(stack), "vistka_login_failures_total") == before + 1


def test_request_id_generated_or_taken_from_our_proxy_only(stack):
    generated = get(stack, "/_health/", "127.0.0.1")[1]["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    from_varnish = get(stack, "/_health/", "127.0.0.1", HTTP_X_REQUEST_ID="vrn-1234.5")[1]["X-Request-Id"]
    assert from_varnish == "vrn-1234.5"
    from_client = get(stack, "/_health/", OUTSIDER, HTTP_X_REQUEST_ID="planted-id")[1]["X-Request-Id"]
    assert from_client != "planted-id"
    forged = get(stack, "/_health/", "127.0.0.1", HTTP_X_REQUEST_ID='x" level=ERROR')[1]["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@pytest.fixture
def json_lines():
    """Records of every logger as the console handler writes them (JSON), collected in memory."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_console_handler_writes_json_with_the_request_id():
    console = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    assert any(isinstance(f, RequestIdFilter) for f in console.filters)


def test_json_log_lines_carry_the_request_id(stack, json_lines):
    status, headers, _body = get(stack, "/no-such-page/", "127.0.0.1", HTTP_X_REQUEST_ID="edge-42")
    assert status.startswith("404")
    assert headers["X-Request-Id"] == "edge-42"
    lines = json_lines()
    access = [line for line in lines if line["logger"] == "vistka.access"]
    assert access == [
        {
            "time": access[0]["time"],
            "level": "INFO",
            "logger": "vistka.access",
            "message": access[0]["message"],
            "request_id": "edge-42",
            "method": "GET",
            "path": "/no-such-page/",
            "status": 404,
            "duration_ms": access[0]["duration_ms"],
            "cache": "MISS",  # a 404 is kept by the fast path too
            "client": "127.0.0.1",
        }
    ]
    # A line written inside the request by another logger (Django's "Not Found") carries it too.
    inside = [line for line in lines if line["logger"] == "django.request"]
    assert inside and all(line["request_id"] == "edge-42" for line in inside)


def test_fast_path_hits_are_not_access_logged_unless_asked(stack, settings, json_lines):
    story = publish_story()
    get(stack, story.url, "127.0.0.1")  # miss: logged
    get(stack, story.url, "127.0.0.1")  # hit: not
    assert [line["cache"] for line in json_lines() if line["logger"] == "vistka.access"] == ["MISS"]
    settings.ACCESS_LOG = "all"
    get(stack, story.url, "127.0.0.1")
    assert [line["cache"] for line in json_lines() if line["logger"] == "vistka.access"] == ["MISS", "HIT"]

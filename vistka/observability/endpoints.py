"""/_health/ready/ and /_metrics, answered by the observability WSGI wrapper before Django, only to
clients in METRICS_ALLOWED (with METRICS_TOKEN when set); anyone else gets 404.

Outside Django's stack they need no session, site lookup, locale or database to answer, and no
middleware can turn a failed probe into something else (an HTTPS redirect, a 500 page).
Both are never cached (Cache-Control: no-store): the fast path keeps only public answers.
"""

import hmac
import ipaddress
import json
from functools import lru_cache

from django.conf import settings

from vistka.accounts.client_ip import resolve
from vistka.observability import metrics, readiness

READY_PATH = "/_health/ready/"
METRICS_PATH = "/_metrics"
NO_STORE = ("Cache-Control", "no-store, private")


@lru_cache(maxsize=4)
def _allowed_networks(allowed):
    return tuple(ipaddress.ip_network(item, strict=False) for item in allowed)


def client_address(environ):
    """The real client's address: X-Forwarded-For believed only as far as trusted proxies wrote it."""
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    return resolve(environ.get("REMOTE_ADDR", ""), forwarded, tuple(settings.TRUSTED_PROXIES))


def client_allowed(environ):
    """The real client (X-Forwarded-For believed only as far as trusted proxies wrote it) is in
    METRICS_ALLOWED, and when METRICS_TOKEN is set, it sent `Authorization: Bearer <token>`."""
    address = client_address(environ)
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    if not any(ip in network for network in _allowed_networks(tuple(settings.METRICS_ALLOWED))):
        return False
    token = settings.METRICS_TOKEN
    if not token:
        return True
    scheme, _, supplied = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(supplied.strip().encode(), token.encode())


def _answer(start_response, status, content_type, body, method):
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), NO_STORE]
    start_response(status, headers)
    return [] if method == "HEAD" else [body]


def _not_found(start_response, method):
    return _answer(start_response, "404 Not Found", "text/plain", b"Not Found\n", method)


def ready(environ, start_response):
    """Readiness, for the same clients as /_metrics: its checks open a database connection and its
    body tells internal state, neither for anyone on the internet (Varnish probes /_health/)."""
    method = environ.get("REQUEST_METHOD")
    if not client_allowed(environ):
        return _not_found(start_response, method)
    checks = readiness.cached_check()
    state = readiness.verdict(checks)
    body = json.dumps({"status": state, "checks": checks}).encode()
    status = "503 Service Unavailable" if state == "not ready" else "200 OK"
    return _answer(start_response, status, "application/json", body, method)


def scrape(environ, start_response):
    method = environ.get("REQUEST_METHOD")
    if not client_allowed(environ):
        return _not_found(start_response, method)
    body = metrics.exposition()
    content_type = "text/plain; version=0.0.4; charset=utf-8"
    return _answer(start_response, "200 OK", content_type, body, method)


ENDPOINTS = {READY_PATH: ready, METRICS_PATH: scrape}

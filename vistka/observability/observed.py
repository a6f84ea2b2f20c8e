"""The outermost WSGI wrapper (vistka/wsgi.py): gives each request its id, answers the readiness
and metrics endpoints, counts every answer (fast-path hits included: it sits outside the fast
path and reads its X-Cache header) and writes the access log line.

It is on the hot path of every cached page, so per request it does only a few dictionary
lookups, one uuid, two clock reads and two counter increments.
"""

import logging
import time

from django.conf import settings

from vistka.observability import metrics, request_ids
from vistka.observability.endpoints import ENDPOINTS, client_address
from vistka.observability.routes import route_class

access_log = logging.getLogger("vistka.access")
FROM_STORE = ("HIT", "STALE")


class Observed:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        request_id = request_ids.choose(environ)
        environ["HTTP_X_REQUEST_ID"] = request_id  # what Django and the fast path see
        token = request_ids.current.set(request_id)
        seen = {"status": "500", "x_cache": None}

        def observing_start_response(status, headers, exc_info=None):
            seen["status"] = status
            for name, value in headers:
                if len(name) == 7 and name.lower() == "x-cache":
                    seen["x_cache"] = value
            headers.append(("X-Request-Id", request_id))
            return start_response(status, headers, exc_info)

        path = environ.get("PATH_INFO", "/")
        endpoint = ENDPOINTS.get(path) if environ.get("REQUEST_METHOD") in ("GET", "HEAD") else None
        try:
            if endpoint is not None:
                return endpoint(environ, observing_start_response)
            return self.app(environ, observing_start_response)
        finally:
            seconds = time.perf_counter() - started
            status, x_cache = seen["status"], seen["x_cache"]
            route = route_class(path)
            metrics.count_request(route, status, x_cache, seconds)
            if endpoint is None and (x_cache not in FROM_STORE or settings.ACCESS_LOG == "all"):
                log_access(environ, path, status, x_cache, seconds)
            request_ids.current.reset(token)


def log_access(environ, path, status, x_cache, seconds):
    """One line per request that reached Django (every request with ACCESS_LOG=all). The query
    string is left out: what readers search for is theirs."""
    if settings.ACCESS_LOG == "off" or not access_log.isEnabledFor(logging.INFO):
        return
    method = environ.get("REQUEST_METHOD", "")
    code = status[:3]
    duration_ms = round(seconds * 1000, 2)
    client = client_address(environ)
    access_log.info(
        "%s %s %s %.2fms",
        method,
        path,
        code,
        duration_ms,
        extra={
            "method": method,
            "path": path,
            "status": int(code) if code.isdigit() else 0,
            "duration_ms": duration_ms,
            "cache": x_cache,
            "client": client,
        },
    )

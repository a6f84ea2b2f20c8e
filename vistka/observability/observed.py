"""The outermost WSGI wrapper (vistka/wsgi.py): gives each request its id, answers the readiness
and metrics endpoints, counts every answer (fast-path hits included: it sits outside the fast
path) and writes the access log line.

It is on the hot path of every cached page, so a fast-path hit costs it a clock read, a
counter-based id (request_ids.new_id) and one deque append (metrics.TALLY, classified later off
the hot path); no log record is built for a hit unless ACCESS_LOG=all. It does not even see a
hit's start_response: it leaves in environ[OBSERVED] its request id, the start_response it would
give the app and the server's own, and when the fast path answers from its store and finds that
start_response reached it unwrapped, it calls the server's directly with X-Request-Id added and
notes (status, X-Cache) in environ[SERVED] (vistka.delivery.fastpath.FastPath._serve). Every
other answer (Django's, the fast path's misses that are not kept, a refused body) goes through
the wrapped start_response, which reads the status and X-Cache and adds X-Request-Id. The drill
`observability` measures what the wrapper keeps of the fast path's req/s.
"""

import logging
import time

from django.conf import settings
from django.core.signals import setting_changed

from vistka.observability import metrics, request_ids
from vistka.observability.endpoints import ENDPOINTS, client_address

access_log = logging.getLogger("vistka.access")
FROM_STORE = frozenset(("HIT", "STALE"))
FAST_PATH_HIT = ("X-Cache", "HIT")
PROBE_METHODS = ("GET", "HEAD")
_perf_counter = time.perf_counter
_choose_id = request_ids.choose
_new_id = request_ids.new_id
_current_id = request_ids.current
_tally = metrics.TALLY
# The hand-over with FastPath._serve (see the docstring); plain strings, so delivery imports nothing here.
OBSERVED = "vistka.observed"
SERVED = "vistka.served"


class _AccessLogSetting:
    """settings.ACCESS_LOG, read once (and again when a test changes it), not on every hit."""

    value = None

    @classmethod
    def refresh(cls, setting=None, **kwargs):
        if setting in (None, "ACCESS_LOG"):
            cls.value = settings.ACCESS_LOG


_AccessLogSetting.refresh()
setting_changed.connect(_AccessLogSetting.refresh, dispatch_uid="vistka.observability.access_log")


class Observed:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = _perf_counter()
        request_id = _choose_id(environ) if "HTTP_X_REQUEST_ID" in environ else _new_id()
        environ["HTTP_X_REQUEST_ID"] = request_id  # what Django and the fast path see
        token = _current_id.set(request_id)
        seen = ["500", None]  # status line, X-Cache

        def observing_start_response(status, headers, exc_info=None):
            seen[0] = status
            if FAST_PATH_HIT in headers:  # one C-level scan: the fast path spells it so
                seen[1] = "HIT"
            else:
                for name, value in reversed(headers):  # the fast path appends X-Cache near the end
                    if len(name) == 7 and name.lower() == "x-cache":
                        seen[1] = value
                        break
            headers.append(("X-Request-Id", request_id))
            return start_response(status, headers, exc_info)

        environ[OBSERVED] = (request_id, observing_start_response, start_response)
        path = environ.get("PATH_INFO", "/")
        endpoint = ENDPOINTS.get(path)
        if endpoint is not None and environ.get("REQUEST_METHOD") not in PROBE_METHODS:
            endpoint = None
        try:
            if endpoint is not None:
                return endpoint(environ, observing_start_response)
            return self.app(environ, observing_start_response)
        finally:
            status, x_cache = environ.get(SERVED) or seen
            if x_cache in FROM_STORE:
                _tally.add(path, status, x_cache)
                if _AccessLogSetting.value == "all":
                    log_access(environ, path, status, x_cache, _perf_counter() - started)
            else:
                seconds = _perf_counter() - started
                metrics.count_request(path, status, x_cache, seconds)
                if endpoint is None:
                    log_access(environ, path, status, x_cache, seconds)
            _current_id.reset(token)


def log_access(environ, path, status, x_cache, seconds):
    """One line per request that reached Django (every request with ACCESS_LOG=all). The query
    string is left out: what readers search for is theirs."""
    if _AccessLogSetting.value == "off" or not access_log.isEnabledFor(logging.INFO):
        return
    method = environ.get("REQUEST_METHOD", "")
    path = path.encode("latin-1", "replace").decode("utf-8", "replace")  # WSGI's latin-1: the real text
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

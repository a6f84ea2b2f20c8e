"""Prometheus metrics (prometheus_client).

Counters and the render-time histogram are written by each app process as it serves. With
several processes set PROMETHEUS_MULTIPROC_DIR (an empty directory, wiped when the stack starts):
prometheus_client then keeps each process's values in a memory-mapped file there and /_metrics
sums every process's files, so one scrape of any process sees the whole site (and a restarted
process's totals are not lost). Without it each process reports only its own.

Gauges (purge lag and backlog, scheduler lateness, Varnish's counters) are read when scraped
(LiveCollector), never kept per process: the value is the same whichever process answers.
"""

import os

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import REGISTRY

from vistka.observability import live

disable_created_metrics()  # no *_created series: twice the lines for nothing a dashboard uses

REQUESTS = Counter(
    "vistka_http_requests",
    "Requests answered, by route class and status class.",
    ["route", "status"],
)
FAST_PATH = Counter(
    "vistka_fastpath_responses",
    "Answers of the app's fast path, by its X-Cache state (hit, miss, stale).",
    ["state"],
)
RENDER_SECONDS = Histogram(
    "vistka_render_seconds",
    "Time to answer a request that was not served from the fast path's store, by route class.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DATABASE_ERRORS = Counter(
    "vistka_database_errors",
    "Database errors: failed queries and requests that failed on the database.",
    ["kind"],
)
LOGIN_FAILURES = Counter("vistka_login_failures", "Failed sign-ins (Django's user_login_failed).")
LOGIN_LOCKOUTS = Counter("vistka_login_lockouts", "Sign-ins refused by the throttle (django-axes).")

STATUS_CLASSES = {str(n): f"{n}xx" for n in range(1, 6)}
FAST_PATH_STATES = {"HIT": "hit", "MISS": "miss", "STALE": "stale"}
_request_children = {}
_render_children = {}
_fast_path_children = {state: FAST_PATH.labels(label) for state, label in FAST_PATH_STATES.items()}


def multiprocess_dir():
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")


def count_request(route, status, x_cache, seconds):
    """Record one answered request (the WSGI wrapper calls this once per request)."""
    status_class = STATUS_CLASSES.get(status[:1], "other")
    child = _request_children.get((route, status_class))
    if child is None:
        child = _request_children[(route, status_class)] = REQUESTS.labels(route, status_class)
    child.inc()
    fast = _fast_path_children.get(x_cache) if x_cache else None
    if fast is not None:
        fast.inc()
    if x_cache not in ("HIT", "STALE"):
        render = _render_children.get(route)
        if render is None:
            render = _render_children[route] = RENDER_SECONDS.labels(route)
        render.observe(seconds)


def exposition():
    """The text a scrape gets: every process's counters (multiprocess mode) and the live gauges."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_OwnProcess())
    registry.register(live.LiveCollector())
    return generate_latest(registry)


class _OwnProcess:
    """This process's metrics (the default registry: ours, and process and platform figures)."""

    def collect(self):
        yield from REGISTRY.collect()

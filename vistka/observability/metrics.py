"""Prometheus metrics (prometheus_client).

Each process notes its answered requests in a deque (RequestTally: one append per request, which
is all a fast-path hit pays here) and adds them to prometheus_client's counters when it is
scraped and every PUBLISH_SECONDS from a daemon thread; the render-time histogram (requests that
reached Django) and the signal-fed counters go to prometheus_client directly. With several
processes set PROMETHEUS_MULTIPROC_DIR (an empty directory, wiped when the stack starts):
prometheus_client then keeps each process's values in a memory-mapped file there and /_metrics
sums every process's files, so one scrape of any process sees the whole site, other processes'
requests at most PUBLISH_SECONDS late (and a restarted process's totals are not lost). Without
it each process reports only its own.

Gauges (purge lag and backlog, scheduler lateness, Varnish's counters) are read when scraped
(LiveCollector), never kept per process: the value is the same whichever process answers.
"""

import atexit
import logging
import os
import threading
from collections import deque

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
from vistka.observability.routes import route_class

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
PUBLISH_SECONDS = 1.0  # how late another process's requests may appear in a scrape (multiprocess)
logger = logging.getLogger(__name__)
_render_children = {}


def multiprocess_dir():
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")


class RequestTally:
    """Requests this process answered and has not yet published, as (path, status line, X-Cache)
    in a deque: appending is one C call, thread-safe without a lock.

    prometheus_client's own counters take a lock and, in multiprocess mode, write a memory-mapped
    file on every increment: two of them cost a fast-path hit a fifth of its time. publish()
    classifies the waiting requests and adds them to the counters; it runs when this process is
    scraped and every PUBLISH_SECONDS on a daemon thread (so the deque stays short, and with
    several processes a scrape answered by another one sees these requests)."""

    def __init__(self):
        self._renew()
        os.register_at_fork(after_in_child=self._renew)
        atexit.register(self.publish)  # a stopping process's last requests still count

    def _renew(self):
        """A fresh tally (in a forked child: its parent's requests are the parent's to publish)."""
        self.pending = deque()
        self._publisher = None
        self._starting = threading.Lock()

    def add(self, path, status, x_cache):
        self.pending.append((path, status, x_cache))
        if self._publisher is None:
            self.start_publisher()

    def publish(self):
        """Move the waiting requests into prometheus_client's counters (its files, in multiprocess
        mode). Safe from several threads at once: each request is popped by exactly one."""
        counts = {}
        pop = self.pending.popleft
        while True:
            try:
                path, status, x_cache = pop()
            except IndexError:
                break
            key = (route_class(path), STATUS_CLASSES.get(status[:1], "other"), FAST_PATH_STATES.get(x_cache))
            counts[key] = counts.get(key, 0) + 1
        for (route, status_class, state), count in counts.items():
            REQUESTS.labels(route, status_class).inc(count)
            if state is not None:
                FAST_PATH.labels(state).inc(count)

    def start_publisher(self):
        with self._starting:
            if self._publisher is None:
                self._publisher = threading.Thread(
                    target=self._publish_often, name="vistka-metrics", daemon=True
                )
                self._publisher.start()

    def _publish_often(self):
        stop = threading.Event()  # never set: the thread ends with its (daemon) process
        while not stop.wait(PUBLISH_SECONDS):
            try:
                self.publish()
            except Exception:  # noqa: BLE001 (a full disk must not end the publishing for good)
                logger.exception("could not publish the request counters")


TALLY = RequestTally()


def count_request(path, status, x_cache, seconds):
    """Record one request the fast path's store did not answer (those go to TALLY.add only):
    counted, and its time in the render histogram."""
    TALLY.add(path, status, x_cache)
    route = route_class(path)
    render = _render_children.get(route)
    if render is None:
        render = _render_children[route] = RENDER_SECONDS.labels(route)
    render.observe(seconds)


def exposition():
    """The text a scrape gets: every process's counters (multiprocess mode) and the live gauges."""
    TALLY.publish()
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

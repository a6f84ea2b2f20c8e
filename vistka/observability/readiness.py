"""Readiness: can this process do its work? The database answers, the cache answers, purges are
delivered in time and scheduled publishing is not late (thresholds in settings).

Each check that may block (a database or Redis that stopped answering) runs on a worker thread
of its own and is waited for at most READY_TIMEOUT seconds; while a check hangs, later calls wait
on that same check instead of starting more, so a dead database never piles up threads. The
database worker opens a connection per check and closes it after, so a failed connection is never
reused and nothing stays open between probes.

A result is reused for READY_CACHE_SECONDS (cached_check): a flood of probes runs the checks at
most that often per process. Purge lag and scheduler lateness are the site's, not this process's:
no restart of an app process mends them, so by default they only make the answer "degraded" (200,
and vistka_ready{check} 0); READY_FAIL_ON_PURGE_LAG / READY_FAIL_ON_SCHEDULER_LATENESS make them
fail readiness (503) too.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connections
from django.utils.module_loading import import_string


class Worker:
    """One thread running one kind of check; concurrent callers share the check in flight."""

    def __init__(self, name):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self.pending = None
        self.lock = threading.Lock()

    def start(self, function):
        with self.lock:
            if self.pending is None or self.pending.done():
                self.pending = self.executor.submit(function)
            return self.pending


DATABASE_CHECKS = ("database", "purge", "scheduler")
DATABASE_WORKER = Worker("vistka-ready-db")
CACHE_WORKER = Worker("vistka-ready-cache")


def _failure(error):
    """What a failed check says: the error's class, never its text (it may name hosts or users)."""
    return {"ok": False, "error": type(error).__name__}


def _database():
    started = time.perf_counter()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 (whatever the driver raises means "not ready")
        return _failure(error)
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def scheduler_lateness():
    """(seconds, late items) from vistka.newsroom.scheduling.lateness(), or None without it."""
    try:
        lateness = import_string(settings.OBSERVABILITY_SCHEDULER_LATENESS)
    except ImportError:
        return None
    found = lateness()
    return float(found.seconds), int(found.count)


def purge_status():
    """(lag seconds, backlog) from the purge-delivery status function, or None without it.

    The function (OBSERVABILITY_PURGE_STATUS) may return a mapping or an object with
    `lag`/`lag_seconds` and `backlog`."""
    try:
        status = import_string(settings.OBSERVABILITY_PURGE_STATUS)
    except ImportError:
        return None
    found = status()

    def read(*names):
        for name in names:
            value = found.get(name) if isinstance(found, dict) else getattr(found, name, None)
            if value is not None:
                return value
        return 0

    return float(read("lag_seconds", "lag")), int(read("backlog", "pending"))


def _measured(name, read, limit, unit):
    if not limit:
        return {"ok": True, "checked": False}
    try:
        found = read()
    except Exception as error:  # noqa: BLE001
        return _failure(error)
    if found is None:
        return {"ok": True, "available": False}
    value, count = found
    return {"ok": value <= limit, unit: round(value, 3), name: count, "limit": limit}


def _database_checks():
    """On the database worker: the database, then what is read from it (when it answered)."""
    try:
        results = {"database": _database()}
        if results["database"]["ok"]:
            results["purge"] = _measured("backlog", purge_status, settings.READY_MAX_PURGE_LAG, "lag_seconds")
            results["scheduler"] = _measured(
                "late_items", scheduler_lateness, settings.READY_MAX_SCHEDULER_LATENESS, "lateness_seconds"
            )
        else:
            results["purge"] = results["scheduler"] = {"ok": False, "error": "database unavailable"}
        return results
    finally:
        connections.close_all()


def _cache():
    if not settings.REDIS_URL:
        return {"ok": True, "backend": "local"}
    try:
        from django_redis import get_redis_connection

        get_redis_connection("default").ping()
    except Exception as error:  # noqa: BLE001
        return _failure(error)
    return {"ok": True, "backend": "redis"}


def _result(future, deadline):
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()))
    except FutureTimeout:
        return None


def blocking_checks():
    """The checks whose failure makes this process not ready (503); the others only degrade it."""
    names = ["database", "cache"]
    if settings.READY_FAIL_ON_PURGE_LAG:
        names.append("purge")
    if settings.READY_FAIL_ON_SCHEDULER_LATENESS:
        names.append("scheduler")
    return names


def verdict(checks):
    """ "ready", "degraded" (a check failed that does not block readiness) or "not ready"."""
    if not all(checks[name]["ok"] for name in blocking_checks()):
        return "not ready"
    return "ready" if all(result["ok"] for result in checks.values()) else "degraded"


class _Cached:
    """The last result of check() and when it was taken (time.monotonic())."""

    lock = threading.Lock()
    taken = float("-inf")
    result = None

    @classmethod
    def fresh(cls):
        if cls.result is not None and time.monotonic() - cls.taken < settings.READY_CACHE_SECONDS:
            return cls.result
        return None

    @classmethod
    def forget(cls, setting="READY_", **kwargs):
        """Drop the kept result (when a test changes a READY_ or OBSERVABILITY_ setting)."""
        if setting.startswith(("READY_", "OBSERVABILITY_", "REDIS_URL")):
            with cls.lock:
                cls.result = None


setting_changed.connect(_Cached.forget, dispatch_uid="vistka.observability.readiness")


def cached_check():
    """check(), its result reused for READY_CACHE_SECONDS: however many probes arrive, this
    process opens a database connection and reads purge and scheduler state at most once per
    READY_CACHE_SECONDS. Concurrent callers wait for the one check in flight."""
    result = _Cached.fresh()
    if result is not None:
        return result
    with _Cached.lock:
        result = _Cached.fresh()
        if result is None:
            result = _Cached.result = check()
            _Cached.taken = time.monotonic()
        return result


def check():
    """{name: {"ok": bool, ...}} for database, cache, purge and scheduler, within READY_TIMEOUT."""
    deadline = time.monotonic() + settings.READY_TIMEOUT
    database_future = DATABASE_WORKER.start(_database_checks)
    cache_future = CACHE_WORKER.start(_cache)
    timeout = {"ok": False, "error": "timeout"}
    database = _result(database_future, deadline) or dict.fromkeys(DATABASE_CHECKS, timeout)
    cache = _result(cache_future, deadline) or timeout
    return {
        "database": database["database"],
        "cache": cache,
        "purge": database["purge"],
        "scheduler": database["scheduler"],
    }

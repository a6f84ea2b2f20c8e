"""Readiness against a database that really goes away: an app process (granian, vistka.wsgi) on a
private PostgreSQL cluster (drills/postgres.py) that the test stops and starts again; and an app
whose Redis does not answer. /_health/ready/ says 503 and names what failed, then 200 again."""

import json
import os
import shutil
import tempfile
import time

import pytest

from bench.procs import Processes, free_port, get
from bench.servers import start_app
from drills.postgres import PrivatePostgres


def app_env(tmp_path, database_url, **extra):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL="",
        SECRET_KEY="readiness-test",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        VAR_DIR=str(tmp_path / "var"),
        PURGE_DELIVERY_THREAD="0",
        READY_TIMEOUT="2",
        # The cluster is empty (no migrations): readiness checks the database and the cache here.
        READY_MAX_PURGE_LAG="0",
        READY_MAX_SCHEDULER_LATENESS="0",
        READY_CACHE_SECONDS="0",  # each probe here must see the database as it is now
        LOG_FORMAT="json",
    )
    env.update(extra)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return env


def ready(port):
    status, headers, body = get(port, "/_health/ready/", timeout=10)
    return status, headers, json.loads(body)


def wait_until(check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def processes(tmp_path):
    procs = Processes(str(tmp_path))
    yield procs
    procs.stop_all()


def test_readiness_follows_the_database(tmp_path, processes):
    # Not under pytest's private tmp: the cluster runs as the postgres user when the tests run as root.
    cluster_dir = tempfile.mkdtemp(prefix="vistka-ready-pg-")
    os.chmod(cluster_dir, 0o755)  # noqa: S103
    postgres = PrivatePostgres(cluster_dir).init().start()
    try:
        port = free_port()
        start_app(processes, "app", port, app_env(tmp_path, postgres.url), workers=1)
        status, headers, body = ready(port)
        assert status == 200, body
        assert headers["Cache-Control"] == "no-store, private"
        assert body["status"] == "ready" and body["checks"]["database"]["ok"] is True

        postgres.stop()
        status, _headers, body = ready(port)
        assert status == 503, body
        assert body["status"] == "not ready"
        assert body["checks"]["database"]["ok"] is False
        assert body["checks"]["cache"]["ok"] is True
        assert get(port, "/_health/ready/")[1]["Cache-Control"] == "no-store, private"
        # A page that needs the database meanwhile is a database error in the metrics.
        get(port, "/en/")
        metrics = get(port, "/_metrics")[2].decode()
        assert 'vistka_ready{check="database"} 0.0' in metrics
        errors = [line for line in metrics.splitlines() if line.startswith("vistka_database_errors_total")]
        assert errors and sum(float(line.rsplit(" ", 1)[1]) for line in errors) >= 1, metrics

        postgres.start()
        assert wait_until(lambda: ready(port)[0] == 200, timeout=15)
    finally:
        postgres.stop("immediate")
        shutil.rmtree(cluster_dir, ignore_errors=True)


def test_readiness_names_a_cache_that_does_not_answer(tmp_path, processes):
    port = free_port()
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    database = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    start_app(processes, "app", port, app_env(tmp_path, database, REDIS_URL=dead_redis), workers=1)
    status, _headers, body = ready(port)
    assert status == 503, body
    assert body["checks"]["cache"] == {"ok": False, "error": body["checks"]["cache"]["error"]}
    assert body["checks"]["database"]["ok"] is True

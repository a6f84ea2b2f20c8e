"""What the wrapper does cheaply on fast-path hits must stay right: request ids unique (also in a
forked worker), no request lost between threads appending and a scrape publishing, and with
several granian workers (multiprocess mode) one scrape counting every worker's hits."""

import io
import os
import re
import threading
import time
import wsgiref.util

import pytest
from prometheus_client import REGISTRY

from bench.procs import Processes, free_port, get
from bench.servers import start_app
from vistka.core.tests.servers import copy_sqlite_database, database_url
from vistka.delivery.tests.newsroom import publish_story
from vistka.observability import metrics, request_ids
from vistka.observability.tests.test_readiness_outage import app_env

ID = re.compile(r"[0-9a-f]{32}")


def test_new_request_ids_are_unique_and_a_forked_child_draws_its_own_prefix():
    ids = [request_ids.new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(ID.fullmatch(request_id) for request_id in ids)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: write one id and leave at once (no pytest teardown here)
        os.write(write_end, request_ids.new_id().encode())
        os._exit(0)
    os.close(write_end)
    try:
        from_child = os.read(read_end, 64).decode()
    finally:
        os.close(read_end)
        os.waitpid(child, 0)
    assert ID.fullmatch(from_child)
    assert from_child[:16] != ids[0][:16]  # the parent's prefix would repeat the parent's ids
    assert from_child not in ids


def hits_published():
    return REGISTRY.get_sample_value("vistka_fastpath_responses_total", {"state": "hit"}) or 0.0


def test_no_request_is_lost_between_threads_and_concurrent_publishing():
    metrics.TALLY.publish()
    before = hits_published()
    threads, per_thread = 8, 2_000
    done = threading.Event()

    def serve():
        for _ in range(per_thread):
            metrics.TALLY.add("/a-story/", "200 OK", "HIT")

    def scrape_meanwhile():
        while not done.is_set():
            metrics.TALLY.publish()

    servers = [threading.Thread(target=serve) for _ in range(threads)]
    scraper = threading.Thread(target=scrape_meanwhile)
    scraper.start()
    for thread in servers:
        thread.start()
    for thread in servers:
        thread.join()
    done.set()
    scraper.join()
    metrics.TALLY.publish()
    assert hits_published() - before == threads * per_thread


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory, django_db_setup, django_db_blocker):
    """granian with two worker processes on the test database (a copy of it when it is SQLite in
    this process's memory, made before any test's transaction holds it), PROMETHEUS_MULTIPROC_DIR
    set."""
    tmp_path = tmp_path_factory.mktemp("two-workers")
    url = database_url()
    if url is None:
        with django_db_blocker.unblock():
            copy_sqlite_database(tmp_path / "served.sqlite3")
        url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    env = app_env(tmp_path, url)
    env["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path / "metrics")
    os.makedirs(env["PROMETHEUS_MULTIPROC_DIR"])
    procs = Processes(str(tmp_path))
    try:
        port = free_port()
        start_app(procs, "app", port, env, workers=2)
        yield port
    finally:
        procs.stop_all()


def counted_hits(port):
    for line in get(port, "/_metrics")[2].decode().splitlines():
        if line.startswith('vistka_fastpath_responses_total{state="hit"}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


@pytest.mark.django_db  # the test database exists (its pages are what the workers serve)
def test_one_scrape_counts_the_hits_of_both_granian_workers(two_workers):
    port = two_workers
    hits_by_worker = {}  # request-id prefix (one per process) -> fast-path hits it answered
    deadline = time.monotonic() + 120
    while (len(hits_by_worker) < 2 or min(hits_by_worker.values()) < 3) and time.monotonic() < deadline:
        status, headers, _body = get(port, "/")  # a new connection each time: either worker takes it
        assert status == 200
        worker = headers["X-Request-Id"][:16]
        hits_by_worker.setdefault(worker, 0)
        if headers["X-Cache"] == "HIT":
            hits_by_worker[worker] += 1
    assert len(hits_by_worker) == 2, hits_by_worker
    assert min(hits_by_worker.values()) >= 3, hits_by_worker
    made = sum(hits_by_worker.values())
    # Whichever worker answers the scrape publishes its own tally first; the other's hits are in
    # the file that worker's publishing thread writes every PUBLISH_SECONDS. So the first scrape
    # after that long already counts them all (with no thread it would miss one worker's).
    time.sleep(5 * metrics.PUBLISH_SECONDS)
    assert counted_hits(port) == made


def call(application, path, **headers):
    """(environ after the call, [(status, headers)] as the server's start_response got them)."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "127.0.0.1", **headers}
    environ.update(REMOTE_ADDR="127.0.0.1", **{"wsgi.input": io.BytesIO()})
    wsgiref.util.setup_testing_defaults(environ)
    started = []

    def start_response(status, response_headers, exc_info=None):
        started.append((status, response_headers))

    b"".join(application(environ, start_response))
    return environ, started


def request_ids_of(response_headers):
    return [value for name, value in response_headers if name == "X-Request-Id"]


class WrappingLayer:
    """A layer between the wrapper and the fast path that wraps start_response (adds a header)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def adding(status, headers, exc_info=None):
            headers.append(("X-Layer", "1"))
            return start_response(status, headers, exc_info)

        return self.app(environ, adding)


@pytest.mark.django_db
def test_a_hit_is_answered_through_the_servers_start_response_and_noted_for_the_wrapper(stack):
    story = publish_story()
    call(stack, story.url)  # the miss that fills the store
    metrics.TALLY.publish()
    before = {
        state: REGISTRY.get_sample_value("vistka_fastpath_responses_total", {"state": state}) or 0.0
        for state in ("hit", "miss")
    }
    environ, started = call(stack, story.url)
    [(status, headers)] = started
    assert status.startswith("200") and ("X-Cache", "HIT") in headers
    assert request_ids_of(headers) == [environ["HTTP_X_REQUEST_ID"]]  # once, the wrapper's id
    assert environ["vistka.served"] == (status, "HIT")
    etag = dict(headers)["ETag"]
    environ, started = call(stack, story.url, HTTP_IF_NONE_MATCH=etag)
    [(status, headers)] = started
    assert status == "304 Not Modified" and request_ids_of(headers) == [environ["HTTP_X_REQUEST_ID"]]
    assert environ["vistka.served"] == ("304 Not Modified", "HIT")
    metrics.TALLY.publish()
    assert hits_published() - before["hit"] == 2


@pytest.mark.django_db
def test_a_layer_that_wraps_start_response_is_never_stepped_around(stack):
    from vistka.delivery.fastpath import FastPath
    from vistka.observability.observed import Observed
    from vistka.wsgi import django_application

    application = Observed(WrappingLayer(FastPath(django_application)))
    story = publish_story()
    call(application, story.url)
    environ, [(status, headers)] = call(application, story.url)
    assert ("X-Cache", "HIT") in headers and ("X-Layer", "1") in headers
    assert request_ids_of(headers) == [environ["HTTP_X_REQUEST_ID"]]
    assert "vistka.served" not in environ  # counted from the wrapped start_response instead

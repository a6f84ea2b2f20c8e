"""What the wrapper does cheaply on fast-path hits must stay right: request ids unique (also in a
forked worker), no request lost between threads appending and a scrape publishing, and with
several granian workers (multiprocess mode) one scrape counting every worker's hits."""

import os
import re
import threading
import time

import pytest
from prometheus_client import REGISTRY

from bench.procs import Processes, free_port, get
from bench.servers import start_app
from vistka.core.tests.servers import copy_sqlite_database, database_url
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

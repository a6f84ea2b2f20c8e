"""`make demo`'s server (bin/serve: granian, two workers): a SIGKILLed worker is replaced and the
server answers throughout. Without --respawn-failed-workers, granian stopped when one worker died
and the whole demo went down with it."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from vistka.core.tests.servers import REPO, copy_sqlite_database, database_url, free_port
from vistka.core.tests.test_stack_supervision import group_alive, status, wait_for


def answers(port, until=None, timeout=0, seconds=0, count=0):
    """Statuses of /_health/ requests made one after another: until `until()` is true (within
    `timeout`), for `seconds`, or `count` of them."""
    statuses, deadline = [], time.monotonic() + max(timeout, seconds)
    while True:
        if until is not None:
            if until():
                return statuses
            assert time.monotonic() < deadline, f"timed out: {statuses}"
        elif time.monotonic() >= deadline and len(statuses) >= count:
            return statuses
        statuses.append(status(port, "/_health/"))


def listening(port):
    """Inodes of the sockets listening on 127.0.0.1:`port` (each granian worker opens its own)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            inodes.add(fields[9])
    return inodes


def serving(pids, port):
    """The processes among `pids` that hold a socket listening on `port`: started and accepting."""
    inodes = listening(port)
    found = set()
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:  # gone meanwhile, or a descriptor closed while listed
            continue
        if any(link.startswith("socket:[") and link[8:-1] in inodes for link in links):
            found.add(pid)
    return found


def workers(pid):
    """The granian main process's child processes (its workers)."""
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= {int(child) for child in (task / "children").read_text().split()}
    return children


@pytest.mark.django_db(transaction=True)
def test_demo_server_respawns_a_killed_worker_and_keeps_answering(tmp_path):
    url = database_url()
    if url is None:
        copy_sqlite_database(str(tmp_path / "demo.sqlite3"))
        url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "PORT": str(port), "WEB_WORKERS": "2"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen(  # noqa: S603
            [str(REPO / "bin" / "serve")],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # Both workers listening, not only started: on a loaded machine the second one may still be
        # loading the app when the first is killed, and nothing would answer meanwhile.
        wait_for(
            lambda: (
                status(port, "/_health/") == 200
                and len(workers(server.pid)) == 2
                and serving(workers(server.pid), port) == workers(server.pid)
            ),
            180,
            "bin/serve",
        )
        before = workers(server.pid)
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        # While the worker is dead and being replaced, the other one answers; only a connection
        # the dead worker had already taken may fail.
        during = answers(port, until=lambda: len(workers(server.pid) - before) == 1, timeout=120)
        assert victim not in workers(server.pid)
        during += answers(port, seconds=3)
        assert during.count(200) >= 1 and len(during) - during.count(200) <= 2, during
        after = answers(port, seconds=0, count=20)
        assert after == [200] * 20, after
        assert server.poll() is None, (tmp_path / "serve.log").read_text(errors="replace")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(60)
        finally:
            stopped_cleanly = wait_gone(server.pid, 30)
            if not stopped_cleanly:
                os.killpg(server.pid, signal.SIGKILL)
    assert server.returncode == 0, server.returncode
    assert stopped_cleanly, "a worker outlived the stopped server"


def wait_gone(pgid, timeout):
    """True once no process of the group `pgid` is left (granian's workers included)."""
    deadline = time.monotonic() + timeout
    while group_alive(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True

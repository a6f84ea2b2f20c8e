"""`make stack` under supervision, and deploy/rolling-restart against its real Varnish.

The stack test starts bin/stack (supervisord: Varnish, two granian app processes, the scheduler) on
a file copy of the test database, SIGKILLs children and checks each comes back with nothing of the
killed one left, runs deploy/rolling-restart under a bounded loop of cached and uncached requests
(zero failures), then stops the stack and checks no process is left and the port is free.
Before supervision, a killed app process stopped the stack and left varnishd running.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from vistka.core.tests.servers import REPO, copy_sqlite_database, database_url, free_port

DEPLOY = REPO / "deploy"


def status(port, path):
    return response(port, path)[0]


def response(port, path):
    """(status, X-Cache) of a GET, or (None, None) when the connection failed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheader("X-Cache")
    except OSError:
        return None, None
    finally:
        connection.close()


def answered(code):
    """A page the site answered itself (the empty test site's home may be 404), not an error."""
    return code is not None and code < 500


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def port_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class Stack:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.app_ports = []
        while len(self.app_ports) != 2:  # bin/stack numbers them from a base
            base = free_port()
            self.app_ports = [port for port in (base, base + 1) if port_free(port)]
        # varnishd's compiler and child run as unprivileged users when started by root: the VCL's
        # directory must be readable by them, so not inside the private pytest tmp dir.
        self.run_dir = Path(tempfile.mkdtemp(prefix="vistka-stack-"))
        os.chmod(self.run_dir, 0o755)  # noqa: S103
        url = database_url()
        if url is None:
            copy_sqlite_database(str(tmp_path / "stack.sqlite3"))
            url = f"sqlite:///{tmp_path / 'stack.sqlite3'}"
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "PORT": str(self.port),
            "APP_BASE_PORT": str(self.app_ports[0]),
            "STACK_DIR": str(self.run_dir),
            "STACK_SKIP_SETUP": "1",
            "VARNISH_PURGE_URLS": "",
        }
        self.log = open(tmp_path / "stack.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(REPO / "bin" / "stack")],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def ctl(self, *args):
        done = subprocess.run(  # noqa: S603
            [str(REPO / "bin" / "stack-ctl"), *args], cwd=REPO, env=self.env, capture_output=True, text=True
        )
        return done.stdout.strip()

    def pid(self, name):
        value = self.ctl("pid", name)
        return int(value) if value.isdigit() and value != "0" else None

    def healthy(self):
        return all(status(p, "/_health/") == 200 for p in self.app_ports) and answered(status(self.port, "/"))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def kill_and_wait_back(stack, name, check):
    old = stack.pid(name)
    assert old
    os.kill(old, signal.SIGKILL)
    wait_for(lambda: (stack.pid(name) or old) != old and check(), 120, f"{name} to come back")
    wait_for(lambda: not group_alive(old), 30, f"the killed {name}'s processes to end")


def request_loop(port, paths, stop, failures, counts):
    """GET `paths` in turn until `stop`; failures: (path, status); counts: {(path, X-Cache): n}."""
    while not stop.is_set():
        for path in paths:
            code, cache = response(port, path)
            counts[path, cache] = counts.get((path, cache), 0) + 1
            if not answered(code):
                failures.append((path, code))


@pytest.mark.django_db(transaction=True)
def test_stack_restarts_what_dies_rolls_without_errors_and_stops_everything(tmp_path):
    stack = Stack(tmp_path)
    groups = []
    try:
        wait_for(stack.healthy, 240, "the stack")
        groups = [stack.pid(name) for name in ("varnish", "app-0", "app-1", "scheduler")]
        kill_and_wait_back(stack, "app-0", lambda: status(stack.app_ports[0], "/_health/") == 200)
        kill_and_wait_back(stack, "scheduler", lambda: True)
        kill_and_wait_back(stack, "varnish", lambda: answered(status(stack.port, "/")))
        assert stack.process.poll() is None

        stop, failures, counts = threading.Event(), [], {}
        loop = threading.Thread(
            target=request_loop, args=(stack.port, ["/", "/admin/login/"], stop, failures, counts)
        )
        loop.start()
        try:
            env = {
                **stack.env,
                "VARNISH_NAME": str(stack.run_dir / "varnish"),
                "APP_PORTS": " ".join(map(str, stack.app_ports)),
                "RESTART_COMMAND": f"{REPO / 'bin' / 'stack-ctl'} restart app-{{index}}",
            }
            done = subprocess.run(  # noqa: S603
                [str(DEPLOY / "rolling-restart")], env=env, capture_output=True, text=True, timeout=400
            )
        finally:
            stop.set()
            loop.join(30)
        assert done.returncode == 0, done.stdout + done.stderr
        assert failures == [], failures
        assert counts.get(("/", "HIT"), 0) > 10, counts  # cached: answered by Varnish
        uncached = {cache: n for (path, cache), n in counts.items() if path == "/admin/login/"}
        assert uncached.get("MISS", 0) > 10 and "HIT" not in uncached, counts  # each one reached an app
        groups += [stack.pid(name) for name in ("varnish", "app-0", "app-1", "scheduler")]
    finally:
        stack.stop()
    assert stack.process.returncode is not None
    for pgid in filter(None, groups):
        wait_for(lambda pgid=pgid: not group_alive(pgid), 30, f"process group {pgid} to end")
    assert port_free(stack.port) and all(port_free(p) for p in stack.app_ports)

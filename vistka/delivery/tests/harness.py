"""A real edge for the delivery tests: the app (`vistka.wsgi.application`, the fast path around
Django) on a threaded WSGI server inside the test process, a real `varnishd` running the project's
VCL in front of it, and a small HTTP client that shows the bytes exactly as they were sent.

Nothing is mocked: requests go over TCP, purges are the app's own HTTP PURGE requests.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import QuietWSGIRequestHandler

from vistka.delivery.varnish_config import prepare, varnishd_argv

REPO = Path(__file__).resolve().parents[3]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    reason: str
    headers: Message
    body: bytes
    elapsed: float = 0.0
    raw_headers: list = field(default_factory=list)

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def header_values(self, name):
        """Every value of a header that may be repeated, comma lists split."""
        values = []
        for value in self.headers.get_all(name) or []:
            values += [part.strip() for part in value.split(",") if part.strip()]
        return values

    @property
    def text(self):
        return self.body.decode("utf-8")

    @property
    def x_cache(self):
        return self.headers.get("X-Cache")


def fetch(base, path, method="GET", headers=None, timeout=15):
    """One request on a fresh connection; the body as it came off the wire (no decoding)."""
    host, port = base.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    started = time.monotonic()
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return Response(
        status=response.status,
        reason=response.reason,
        headers=response.msg,
        body=body,
        elapsed=time.monotonic() - started,
        raw_headers=response.getheaders(),
    )


def wait_for(check, timeout=2.0, interval=0.1):
    """Poll `check()` every `interval` s until it returns something truthy.

    Returns (value, seconds it took). The value is the last falsy result when time runs out.
    """
    started = time.monotonic()
    while True:
        value = check()
        elapsed = time.monotonic() - started
        if value or elapsed >= timeout:
            return value, elapsed
        time.sleep(interval)


def until_all(base, expectations, started, timeout=2.0, interval=0.1):
    """Poll each path every `interval` s until its predicate holds for the response.

    expectations: {path: predicate(Response)}. Returns {path: seconds from `started` (a
    time.monotonic() reading) to the first response that satisfied it, or None if none did
    within `timeout`}.
    """
    seen = {}
    while True:
        for path, satisfied in expectations.items():
            if path not in seen and satisfied(fetch(base, path)):
                seen[path] = time.monotonic() - started
        if len(seen) == len(expectations) or time.monotonic() - started > timeout:
            return {path: seen.get(path) for path in expectations}
        time.sleep(interval)


# --- the app ---------------------------------------------------------------------------------


class _Server(ThreadedWSGIServer):
    """Django's threaded WSGI server (daemon threads, per-thread DB connections closed when a
    connection ends, in-memory SQLite connections shared), keeping hold of its client sockets and
    threads so that stopping it also ends kept-alive connections (Varnish pools them)."""

    allow_reuse_address = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = set()
        self._handler_threads = set()
        self._clients_lock = threading.Lock()

    def process_request(self, request, client_address):
        thread = threading.Thread(
            target=self._handle, args=(request, client_address), daemon=True, name="vistka-test-app"
        )
        with self._clients_lock:
            self._clients.add(request)
            self._handler_threads.add(thread)
        thread.start()

    def _handle(self, request, client_address):
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._clients_lock:
                self._clients.discard(request)
                self._handler_threads.discard(threading.current_thread())

    def end_clients(self, timeout=5.0):
        with self._clients_lock:
            clients, threads = list(self._clients), list(self._handler_threads)
        for client in clients:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(timeout)


class AppServer:
    """`vistka.wsgi.application` served on 127.0.0.1:`port` from a background thread of this process.

    On in-memory SQLite the request threads use the test thread's connection (as Django's
    LiveServerThread does); on PostgreSQL each request thread has its own connection.
    """

    def __init__(self, port, app=None):
        if app is None:
            from vistka.wsgi import application as app
        self.app = app
        self.port = port
        self.httpd = None
        self.thread = None
        self.shared = {}

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.shared = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        for conn in self.shared.values():
            conn.inc_thread_sharing()
        self.httpd = _Server(
            ("127.0.0.1", self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=True,
            connections_override=self.shared,
        )
        self.httpd.set_app(self.app)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()
        return self

    @property
    def running(self):
        return self.httpd is not None

    def stop(self):
        """shutdown + server_close on the server object, then end its open connections."""
        if self.httpd is None:
            return
        httpd, self.httpd = self.httpd, None
        httpd.shutdown()
        httpd.server_close()
        httpd.end_clients()
        self.thread.join(5)
        for conn in self.shared.values():
            conn.dec_thread_sharing()
        self.shared = {}


# --- Varnish ---------------------------------------------------------------------------------


class Varnish:
    """`varnishd -F` with the project's VCL and a generated backends.vcl naming the app's port."""

    def __init__(self, backend_port, port=None):
        self.backend_port = backend_port
        self.port = port or free_port()
        # varnishd's compiler and child run as unprivileged users when started by root; they must be
        # able to read the VCL, so the directory is not the private pytest tmp dir.
        self.dir = Path(tempfile.mkdtemp(prefix="vistka-varnish-"))
        os.chmod(self.dir, 0o755)  # noqa: S103 (read access for varnishd's users)
        self.workdir = self.dir / "varnish"
        self.process = None
        self.log = self.dir / "varnishd.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=20):
        prepare(self.dir, 1, self.backend_port)
        command = varnishd_argv(self.dir, f"127.0.0.1:{self.port}", memory="64m")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {self.log.read_text(errors='replace')}")
            try:
                fetch(self.url, "/_health/", timeout=2)
                return self
            except OSError:
                time.sleep(0.05)
        log = self.log.read_text(errors="replace")
        self.stop()
        raise RuntimeError(f"varnishd did not answer within {timeout}s: {log}")

    def wait_healthy(self, timeout=15):
        """Until Varnish reaches the app: its probe must have found the backend healthy."""
        answer, elapsed = wait_for(
            lambda: fetch(self.url, "/_health/", timeout=5).status == 200, timeout=timeout, interval=0.05
        )
        if not answer:
            raise RuntimeError(f"Varnish did not see a healthy app within {timeout}s")
        return elapsed

    def admin(self, *command):
        """A command on varnishd's CLI (varnishadm); its output."""
        varnishadm = shutil.which("varnishadm") or "/usr/bin/varnishadm"
        done = subprocess.run(  # noqa: S603
            [varnishadm, "-n", str(self.workdir), *command],
            check=True,
            capture_output=True,
            timeout=10,
            text=True,
        )
        return done.stdout

    def ban_everything(self):
        """Forget every cached object (between tests)."""
        self.admin("ban", "req.url", "~", ".")

    def backend_health(self):
        """What Varnish's probe thinks of the app: "healthy" or "sick"."""
        listing = json.loads(self.admin("backend.list", "-j"))[3]
        (probe,) = [value for name, value in listing.items() if name.endswith(".app0")]
        return probe["probe_message"][2]

    def stop(self, timeout=10):
        """Stop this varnishd by its PID: SIGTERM, then SIGKILL if it lingers."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.process = None
        shutil.rmtree(self.dir, ignore_errors=True)


def settle_purges():
    """Apply now the purge-log rows a test's setup wrote. Varnish's health probes reach the app
    at any moment and may have started the fast path's log cursor before the setup: its rows would
    otherwise be applied at some later poll, dropping entries a test has just seen filled."""
    from vistka.delivery import fastpath

    for _ in range(2):  # the first look may only start the cursor
        fastpath.STORE.next_poll = 0.0
        fastpath.STORE.poll()


@contextmanager
def pages_table_gone():
    """Every page render fails in the database (no such table / relation) until the block ends."""
    from django.db import connection

    table, away = (connection.ops.quote_name(name) for name in ("wagtailcore_page", "wagtailcore_page_away"))
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {away}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {away} RENAME TO {table}")

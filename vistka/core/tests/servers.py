"""The app under granian (as `make demo` and `make stack` serve it) for the request-limit tests, and a
raw HTTP client that shows how much of a request body was sent before the answer came."""

import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

REPO = Path(__file__).resolve().parents[3]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The test database as a URL another process can use, or None (SQLite in memory)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def copy_sqlite_database(path):
    """Copy the (in-memory) SQLite test database into a file another process can open."""
    import sqlite3

    from django.db import connection

    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


class Granian:
    """`granian --interface wsgi vistka.wsgi:application` on 127.0.0.1, one worker."""

    def __init__(self, tmp_path, env=None):
        self.port = free_port()
        self.log = Path(tmp_path) / "granian.log"
        self.env = {**os.environ, **(env or {})}
        self.process = None

    def start(self, timeout=60):
        granian = str(Path(sys.executable).parent / "granian")
        argv = [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port)]
        argv += ["--workers", "1", "--blocking-threads", "1", "--no-ws", "--log-level", "warning"]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [*argv, "vistka.wsgi:application"], cwd=REPO, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian exited: {self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    probe.sendall(b"GET /_health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if probe.recv(12).startswith(b"HTTP/1.1"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        log = self.log.read_text(errors="replace")
        raise RuntimeError(f"granian did not answer within {timeout}s: {log}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


def send_body(
    port,
    path,
    *,
    length=None,
    prefix=b"",
    body=None,
    give_up_after=48 * 1024 * 1024,
    headers=None,
    timeout=20,
):
    """POST a body as fast as the server takes it, until the answer arrives, the body is all sent
    and answered, `give_up_after` bytes were sent or `timeout` s passed. The body is `body`, or
    `length` bytes (chunked when None) of `prefix` then 'x' after 'x'.

    Returns (status or None, bytes of body sent before the answer, the answer's first bytes). A
    server may answer and close before the body is all sent: that is no error here."""
    if body is not None:
        length, prefix = len(body), body
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines.append(f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked")
    piece = b"x" * 65536
    if body is not None:
        frame = b""  # nothing after the body
    else:
        frame = piece if length is not None else b"%x\r\n%s\r\n" % (len(piece), piece)
    chunked_prefix = b"%x\r\n%s\r\n" % (len(prefix), prefix) if prefix else b""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    sock.setblocking(False)
    sent, answer = 0, b""
    pending = prefix if length is not None else chunked_prefix
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and b"\r\n\r\n" not in answer:
            more = sent < give_up_after and (pending or frame)
            readable, writable, _ = select.select([sock], [sock] if more else [], [], 0.5)
            if readable:
                try:
                    data = sock.recv(65536)
                except ConnectionResetError:
                    break
                if not data:
                    break
                answer += data
                continue
            if writable:
                if not pending:
                    pending = frame
                try:
                    written = sock.send(pending)
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    answer += _whatever_arrived(sock)
                    break
                pending = pending[written:]
                sent += written
    finally:
        sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None
    return status, sent, answer[:400]


def _whatever_arrived(sock):
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def send_until_answered(port, path, attempts=3, **kwargs):
    """send_body, again when the server closed the connection without an answer the client could
    read: a server that answers early and closes while the body is still coming makes the kernel
    reset the connection, which may discard the answer before the client reads it (the race that
    servers' "lingering close" avoids). A server that reads the body through never answers early."""
    for _attempt in range(attempts):
        status, sent, answer = send_body(port, path, **kwargs)
        if status is not None or sent >= kwargs.get("give_up_after", 48 * 1024 * 1024):
            break
    return status, sent, answer

"""The sign-in path as production serves it, for the throttling tests through a real Varnish:
granian running vistka.wsgi:application (its own process, its own settings from the environment)
behind varnishd running deploy/varnish/vistka.vcl, and browsers that connect from a chosen loopback
address (127.0.0.0/8 is all local on Linux), so Varnish sees a different client for each.
"""

import http.client
import math
import re
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from vistka.core.tests.servers import REPO, Granian, copy_sqlite_database, database_url
from vistka.delivery.tests.harness import Response, Varnish

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class ProductionGranian(Granian):
    """granian as bin/stack starts it: one worker, WEB_BLOCKING_THREADS (4) request threads."""

    threads = 4

    def start(self, timeout=60):
        granian = str(Path(sys.executable).parent / "granian")
        argv = [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port)]
        argv += ["--workers", "1", "--blocking-threads", str(self.threads)]
        argv += ["--no-ws", "--log-level", "warning"]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [*argv, "vistka.wsgi:application"], cwd=REPO, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian exited: {self.log.read_text(errors='replace')}")
            try:
                if request("127.0.0.1", self.port, "GET", "/_health/", timeout=1).status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        log = self.log.read_text(errors="replace")
        raise RuntimeError(f"granian did not answer within {timeout}s: {log}")


class Edge:
    """granian + varnishd on loopback; `start()` after the test's data is committed."""

    def __init__(self, tmp_path, trusted_proxies="127.0.0.1/32"):
        self.tmp_path = Path(tmp_path)
        self.trusted_proxies = trusted_proxies
        self.app = None
        self.varnish = None

    def start(self):
        env = {"DATABASE_CONN_MAX_AGE": "0", "LOG_LEVEL": "ERROR", "TRUSTED_PROXIES": self.trusted_proxies}
        env["MEDIA_ROOT"] = str(self.tmp_path / "media")
        env["DATABASE_URL"] = database_url()
        if env["DATABASE_URL"] is None:  # SQLite in this process's memory: granian gets a file copy
            copy = self.tmp_path / "app.sqlite3"
            copy_sqlite_database(copy)
            env["DATABASE_URL"] = f"sqlite:///{copy}"
        self.app = ProductionGranian(self.tmp_path, env).start()
        self.varnish = Varnish(backend_port=self.app.port).start()
        self.varnish.wait_healthy()
        return self

    def stop(self):
        if self.varnish is not None:
            self.varnish.stop()
        if self.app is not None:
            self.app.stop()

    def browser(self, address):
        return Browser("127.0.0.1", self.varnish.port, address)


def request(host, port, method, path, *, headers=None, body=None, source=None, timeout=15):
    """One request on a fresh connection, from `source` (a local address) when given."""
    connection = http.client.HTTPConnection(
        host, port, timeout=timeout, source_address=(source, 0) if source else None
    )
    started = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        data = answer.read()
    finally:
        connection.close()
    return Response(
        status=answer.status,
        reason=answer.reason,
        headers=answer.msg,
        body=data,
        elapsed=time.monotonic() - started,
        raw_headers=answer.getheaders(),
    )


class Browser:
    """A client at one loopback address keeping its cookies, as a browser signing in would."""

    def __init__(self, host, port, address):
        self.host, self.port, self.address = host, port, address
        self.cookies = {}
        self.csrf_token = None

    def send(self, method, path, *, headers=None, body=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        answer = request(self.host, self.port, method, path, headers=headers, body=body, source=self.address)
        for value in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return answer

    def get(self, path, headers=None):
        return self.send("GET", path, headers=headers)

    def open_sign_in(self):
        """GET the sign-in page: the CSRF cookie and the form's token."""
        page = self.get("/admin/login/")
        found = CSRF_INPUT.search(page.body)
        assert page.status == 200 and found, (page.status, page.body[:300])
        assert "csrftoken" in self.cookies, "the sign-in page set no CSRF cookie"
        self.csrf_token = found.group(1).decode()
        return page

    def sign_in(self, username, password, headers=None):
        if self.csrf_token is None:
            self.open_sign_in()
        form = {"csrfmiddlewaretoken": self.csrf_token, "username": username, "password": password}
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.send("POST", "/admin/login/", headers=headers, body=urlencode(form))


def is_sign_in_form(answer):
    return answer.status == 200 and b'name="password"' in answer.body and CSRF_INPUT.search(answer.body)


def is_throttled(answer):
    """The throttle's answer: 429 with Retry-After, the plain page linking back to the sign-in."""
    return (
        answer.status == 429
        and int(answer.header("Retry-After", "0")) > 0
        and b'<a href="/admin/login/">' in answer.body
        and b'name="password"' not in answer.body
    )


def signed_in(answer):
    cookies = " ".join(answer.headers.get_all("Set-Cookie") or [])
    return answer.status == 302 and "sessionid=" in cookies


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

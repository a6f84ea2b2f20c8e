"""Does a flood of wrong-password sign-ins slow reader pages? Measured against real granian.

    .venv/bin/python -m bench.login_flood            # the default matrix, ~2 minutes
    .venv/bin/python -m bench.login_flood --seconds 5 --threads 4 --modes none,spread
    .venv/bin/python -m bench.login_flood --threads 4 --varnish   # also behind Varnish (make stack)

Starts the app as bin/demo does (granian, 2 WSGI workers, --blocking-threads N, 127.0.0.1) on
its own SQLite database with a small demo newsroom and a staff account whose password is hashed
with the production hasher (FAST_PASSWORD_HASHER is never set here). For each configuration it
measures, with wrk (4 connections, --latency), a cached public page (the hot article from the
app's fast path) for --seconds:

- none:   readers only;
- single: plus 16 threads posting wrong passwords as fast as answered from ONE address
          (the throttle locks it after a few attempts);
- spread: plus the same flood with every post from a different address (through the trusted
          loopback proxy's X-Forwarded-For: a botnet, which no per-address limit stops; only
          the bounded sign-ins in flight and the low-priority hashing protect the readers);
- readers: for comparison, the same 16 client threads GETting the reader page instead (what
          16 more readers cost: the floor any flood of cheap answers is measured against).

Prints p50/p99 of the reader page and what the flood got back. Exits non-zero only when the
harness fails. Every process started is stopped by its id.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from bench.procs import Processes, free_port, get

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "a real password for the bench 1"  # noqa: S105
FLOOD_THREADS = 16


def say(*parts):
    print(*parts, flush=True)  # noqa: T201


def start_app(procs, name, port, env, blocking_threads):
    """As bin/demo: granian, 2 WSGI workers, `blocking_threads` Python threads each."""
    granian = str(Path(sys.executable).parent / "granian")
    argv = [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    argv += ["--blocking-threads", str(blocking_threads), "--no-ws", "--log-level", "warning"]
    process = procs.start(name, [*argv, "vistka.wsgi:application"], env=env, cwd=REPO)
    procs.wait_port(name, process, port)
    return process


def reader_load(port, path, seconds):
    """wrk's p50 and p99 (ms) and requests per second for `path`."""
    import subprocess

    result = subprocess.run(  # noqa: S603 (fixed argv)
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            "-t1",
            "-c4",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    text = result.stdout

    def percentile(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if match is None:  # no reader got an answer in the whole run
            return float("inf")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    rate = float(rate.group(1)) if rate else 0.0
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    done = re.search(r"(\d+) requests in", text)
    if done is None or int(done.group(1)) == 0:  # not one reader page in the whole run
        return {"p50": float("inf"), "p99": float("inf"), "rps": 0.0, "errors": 0}
    return {
        "p50": percentile("50"),
        "p99": percentile("99"),
        "rps": rate,
        "errors": int(errors.group(1)) if errors else 0,
    }


def csrf_session(port):
    """A CSRF cookie and form token from the sign-in page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    body = response.read().decode()
    cookie = next(
        part.split(";")[0]
        for header, part in response.getheaders()
        if header.lower() == "set-cookie" and part.startswith("csrftoken=")
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection.close()
    return cookie, token


def flood(port, mode, stop, outcome, latencies, path):
    """One flooding thread: wrong passwords until `stop`, keeping a connection open (mode
    "readers": the same client GETting the reader page instead, for comparison)."""
    if mode == "readers":
        return extra_reader(port, path, stop, outcome, latencies)
    cookie, token = csrf_session(port)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    number = 0
    me = threading.get_ident() % 251
    while not stop.is_set():
        number += 1
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        if mode == "spread":  # a new client address per post, as the trusted proxy reports it
            headers["X-Forwarded-For"] = f"198.18.{me}.{number % 250 + 1}, 198.19.{number // 250 % 250}.{me}"
        else:
            headers["X-Forwarded-For"] = "198.51.100.66"
        username = "editor" if number % 2 else f"guess{number % 97}"
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": f"wrong{number}"})
        started = time.monotonic()
        try:
            connection.request("POST", "/admin/login/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            outcome[response.status] += 1
        except (OSError, http.client.HTTPException):
            outcome["error"] += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies.append(time.monotonic() - started)


def extra_reader(port, path, stop, outcome, latencies):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while not stop.is_set():
        started = time.monotonic()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        outcome[response.status] += 1
        latencies.append(time.monotonic() - started)


def measure(port, path, seconds, mode):
    stop = threading.Event()
    outcome, latencies = Counter(), []
    threads = []
    flood_started = time.monotonic()
    if mode != "none":
        threads = [
            threading.Thread(target=flood, args=(port, mode, stop, outcome, latencies, path), daemon=True)
            for _ in range(FLOOD_THREADS)
        ]
        for thread in threads:
            thread.start()
        time.sleep(1)  # the flood is under way before readers are measured
    try:
        readers = reader_load(port, path, seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join(70)
    latencies.sort()
    flood_p50 = latencies[len(latencies) // 2] * 1000 if latencies else 0
    flood_rate = len(latencies) / (time.monotonic() - flood_started) if threads else 0.0
    return readers, dict(outcome), len(latencies), flood_p50, flood_rate


def prepare_site(env):
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import identify_hasher
    from django.db import connections

    from bench import site
    from bench.run import build_assets

    build_assets(env["STATIC_ROOT"])
    site.prepare(10)
    article = site.pick_pages()["urls"]["article"]
    user, _ = get_user_model().objects.get_or_create(username="editor", defaults={"email": "e@vistka.test"})
    user.set_password(PASSWORD)
    user.save()
    hasher = identify_hasher(user.password)
    connections.close_all()
    return article, f"{hasher.algorithm} ({getattr(hasher, 'iterations', '?')} iterations)"


def run(tmp, procs, args):
    from bench.run import build_env
    from bench.servers import quiet

    env = build_env(tmp, {"varnish": 0})
    env.pop("FAST_PASSWORD_HASHER", None)
    env.update(quiet(env))
    env.pop("FAST_PASSWORD_HASHER", None)
    article, hasher = prepare_site(env)
    say(f"== hot article {article}; staff password hashed with {hasher}")
    configurations = []
    extra_env = dict(item.split("=", 1) for item in args.env)
    for threads in args.threads:
        configurations.append((f"blocking-threads {threads}", threads, extra_env))
    if args.before:
        # Without the bound on concurrent hashes (each attempt hashes at once), one thread as bin/demo.
        configurations.insert(
            0, ("unbounded hashes, blocking-threads 1", 1, {"LOGIN_CONCURRENT_PASSWORD_CHECKS": "64"})
        )
    rows = []
    for label, threads, extra in configurations:
        port = free_port()
        process = start_app(procs, f"app-{threads}-{len(rows)}", port, {**env, **extra}, threads)
        for _ in range(20):
            status = get(port, article)[0]
        if status != 200:
            raise RuntimeError(f"{article} answered {status}")
        targets, varnish = [("", port)], None
        if args.varnish:  # make stack's shape: readers and the flood both come through Varnish
            from bench.servers import start_varnish, warm

            edge = free_port()
            varnish = start_varnish(procs, tmp, edge, port, env)
            warm(edge, article)
            targets.append((" behind varnish", edge))
        for suffix, target in targets:
            for mode in args.modes:
                readers, outcome, posts, flood_p50, flood_rate = measure(target, article, args.seconds, mode)
                rows.append((label + suffix, mode, readers, outcome, posts, flood_p50))
                say(
                    f"{label + suffix:38} flood={mode:7} reader p50 {readers['p50']:6.1f} ms"
                    f"  p99 {readers['p99']:7.1f} ms  {readers['rps']:7.0f} req/s"
                    f"  non-2xx {readers['errors']}"
                    f"  | posts {posts} ({flood_rate:.0f}/s) {outcome} p50 {flood_p50:.0f} ms"
                )
        for server in (varnish, process):
            if server is not None:
                server.send_signal(signal.SIGTERM)
                server.wait(15)
    say("")
    worst = max(row[2]["p99"] for row in rows if row[0] == f"blocking-threads {max(args.threads)}")
    say(
        f"LOGIN_FLOOD blocking_threads={max(args.threads)} worst_reader_p99_ms={worst:.1f}"
        f" ({'OK' if worst < 50 else 'OVER'} < 50 ms)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", default="1,4", help="granian --blocking-threads values to try")
    parser.add_argument("--modes", default="none,single,spread")
    parser.add_argument("--before", action="store_true", help="also run without the hashing bound")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the app, repeatable")
    parser.add_argument("--varnish", action="store_true", help="also measure through Varnish in front")
    parser.add_argument("--var-dir", help="reuse this directory's database (kept) instead of a new one")
    args = parser.parse_args()
    args.threads = [int(item) for item in args.threads.split(",")]
    args.modes = args.modes.split(",")
    tmp = args.var_dir or tempfile.mkdtemp(prefix="vistka-login-flood-")
    procs = Processes(tmp)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        run(tmp, procs, args)
    except KeyboardInterrupt:
        code = 130
    except Exception:  # noqa: BLE001 (report any harness failure, then clean up)
        traceback.print_exc()
        code = 1
    finally:
        procs.stop_all()
    sys.exit(code)


if __name__ == "__main__":
    main()

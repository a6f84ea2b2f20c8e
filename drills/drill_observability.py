"""Observability's cost on the hot path: the fast path's hit req/s through vistka.wsgi (with the
wrapper that counts every answer, gives it a request id and writes the access log) against the
same stack without it, in the same run, alternating short wrk runs; and the hit counter in
/_metrics (multiprocess mode, as in production) accounts for every hit wrk made.

Both stacks share one SQLite database, a copy of a site migrated once into var/drills/ (migrating
takes most of a minute on a busy machine); the copy is migrated again, which only applies what
is new since the template was made."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import wrk
from bench.procs import Processes, free_port, get
from bench.servers import start_app

TITLE = "observability: fast-path hit req/s with and without the metrics/request-id wrapper"
QUICK = True
REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "var" / "drills" / "observability-site.sqlite3"  # migrated once, copied each run
MIN_RATIO = 0.9
ROUNDS = 5
PAGE = "/"


def _env(tmp):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp}/drill.sqlite3",
        SECRET_KEY="observability-drill",  # noqa: S106 (a throwaway database)
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        VAR_DIR=f"{tmp}/var",
        PURGE_DELIVERY_THREAD="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",  # no collectstatic
        LOG_FORMAT="json",
        PROMETHEUS_MULTIPROC_DIR=f"{tmp}/metrics",
    )
    os.makedirs(env["PROMETHEUS_MULTIPROC_DIR"])
    return env


def _migrate(env):
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=REPO, env=env, check=True, timeout=600)  # noqa: S603


def _prepared_database(env, database):
    """`database`: a copy of the template (made on the first run), migrated up to date."""
    if not TEMPLATE.exists():
        TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
        building = TEMPLATE.with_suffix(f".{os.getpid()}.building")
        _migrate({**env, "DATABASE_URL": f"sqlite:///{building}"})
        os.replace(building, TEMPLATE)
    shutil.copyfile(TEMPLATE, database)
    _migrate(env)


def _hit(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, headers, _body = get(port, PAGE)
        if headers.get("X-Cache") == "HIT":
            return status
        time.sleep(0.2)
    raise RuntimeError(f"{PAGE} on {port} never became a fast-path hit")


def _hits_counted(port):
    for line in get(port, "/_metrics")[2].decode().splitlines():
        if line.startswith('vistka_fastpath_responses_total{state="hit"}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def run(report, quick):
    tmp = tempfile.mkdtemp(prefix="vistka-drill-observability-")
    procs = Processes(tmp)
    env = _env(tmp)
    try:
        started = time.monotonic()
        _prepared_database(env, f"{tmp}/drill.sqlite3")
        report.figure(
            "database prepared (template copied, migrated)", round(time.monotonic() - started, 1), "s"
        )
        observed_port, bare_port = free_port(), free_port()
        start_app(procs, "observed", observed_port, env, workers=1)  # vistka.wsgi:application
        _start_bare(procs, bare_port, env)
        status = _hit(observed_port)
        _hit(bare_port)
        report.figure(f"status of {PAGE} (a fast-path hit)", status)
        hits_before = _hits_counted(observed_port)
        seconds = 2 if quick else 4
        rounds = {"bare": [], "observed": []}
        served = 0
        for _round in range(ROUNDS):
            for name, port in (("bare", bare_port), ("observed", observed_port)):
                result = wrk(f"http://127.0.0.1:{port}{PAGE}", seconds, connections=16, threads=1)
                rounds[name].append(result["rps"])
                if name == "observed":
                    served += round(result["rps"] * seconds)
        bare, observed = statistics.median(rounds["bare"]), statistics.median(rounds["observed"])
        report.figure(f"hit req/s without the wrapper (median of {ROUNDS})", bare)
        report.figure(f"hit req/s with the wrapper (median of {ROUNDS})", observed)
        report.figure("ratio with/without (of the medians)", round(observed / bare, 3))
        paired = statistics.median(o / b for o, b in zip(rounds["observed"], rounds["bare"], strict=True))
        report.figure("ratio with/without (median of the rounds' ratios)", round(paired, 3))
        report.check(observed / bare >= MIN_RATIO, f"the wrapper keeps at least {MIN_RATIO:.0%} of hit req/s")
        counted = _hits_counted(observed_port) - hits_before
        report.figure("hits counted in /_metrics", int(counted))
        report.check(counted >= 0.9 * served, "every hit wrk made is counted (within wrk's rounding)")
    finally:
        procs.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


def _start_bare(procs, port, env):
    granian = str(Path(sys.executable).parent / "granian")
    argv = [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    argv += ["--blocking-threads", "1", "--no-ws", "--log-level", "warning"]
    process = procs.start("bare", [*argv, "drills.observability_bare_app:application"], env=env, cwd=REPO)
    procs.wait_port("bare", process, port)

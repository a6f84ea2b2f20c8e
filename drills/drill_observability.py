"""Observability's cost on the hot path: the fast path's hit req/s through vistka.wsgi (with the
wrapper that counts every answer, gives it a request id and writes the access log) against the
same stack without it, in the same run, alternating short wrk runs; and the hit counter in
/_metrics (multiprocess mode, as in production) accounts for every hit wrk made.

Both stacks share one SQLite database, a copy of a site migrated once into var/drills/ (migrating
takes most of a minute on a busy machine); the copy is migrated again, which only applies what
is new since the template was made."""

import json
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
LOAD_SENSITIVE = True  # speed ratios and latencies: informational in the quick set (drills/run.py)
REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "var" / "drills" / "observability-site.sqlite3"  # migrated once, copied each run
# Pass thresholds, between what this (2-core, shared, loaded) machine measures for the wrapper and
# for the earlier one that wrapped start_response on hits and counted in prometheus_client (8362fc6):
#   server CPU per hit, without/with:     0.85-0.89 now, 0.69-0.72 then
#   in-process CPU per hit, without/with: 0.82-0.84 now, 0.59-0.60 then
#   req/s with/without:                    0.92-1.36 now (swings with everyone else's load), 0.67-0.73 then
MIN_CPU_RATIO = 0.77  # of the fast path's hit throughput the server's CPU allows with the wrapper
MIN_IN_PROCESS_RATIO = 0.72  # the same in one process, without granian's or the network's share
MIN_RPS_RATIO = 0.70  # req/s: a loose check (noisy here), for gross regressions only
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


def _cpu_seconds(pid):
    """CPU time (user + system) of process `pid` and its descendants (granian and its workers)."""
    children, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(entry))
        ticks[int(entry)] = int(fields[11]) + int(fields[12])
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += ticks.get(current, 0)
        todo += children.get(current, [])
    return total / os.sysconf("SC_CLK_TCK")


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


def _alternating_load(ports, pids, seconds):
    """ROUNDS short wrk runs on each server, taking turns: ({name: [req/s]}, {name: [server CPU
    µs per request]}, requests served by "observed")."""
    rounds = {name: [] for name in ports}
    cpu_per_hit = {name: [] for name in ports}
    served = 0
    order = list(ports)
    for number in range(ROUNDS):
        for name in order if number % 2 == 0 else order[::-1]:  # neither always goes first
            cpu_before = _cpu_seconds(pids[name])
            result = wrk(f"http://127.0.0.1:{ports[name]}{PAGE}", seconds, connections=16, threads=1)
            requests = result["rps"] * seconds
            rounds[name].append(result["rps"])
            cpu_per_hit[name].append((_cpu_seconds(pids[name]) - cpu_before) / requests * 1e6)
            if name == "observed":
                served += round(requests)
    return rounds, cpu_per_hit, served


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
        pids = {"observed": start_app(procs, "observed", observed_port, env, workers=1).pid}
        pids["bare"] = _start_bare(procs, bare_port, env).pid
        status = _hit(observed_port)
        _hit(bare_port)
        report.figure(f"status of {PAGE} (a fast-path hit)", status)
        hits_before = _hits_counted(observed_port)
        ports = {"bare": bare_port, "observed": observed_port}
        rounds, cpu_per_hit, served = _alternating_load(ports, pids, 2 if quick else 4)
        bare, observed = statistics.median(rounds["bare"]), statistics.median(rounds["observed"])
        report.figure(f"hit req/s without the wrapper (median of {ROUNDS})", bare)
        report.figure(f"hit req/s with the wrapper (median of {ROUNDS})", observed)
        report.figure("ratio with/without (of the medians)", round(observed / bare, 3))
        paired = statistics.median(o / b for o, b in zip(rounds["observed"], rounds["bare"], strict=True))
        report.figure("ratio with/without (median of the rounds' ratios)", round(paired, 3))
        report.check(paired >= MIN_RPS_RATIO, f"the wrapper keeps at least {MIN_RPS_RATIO:.0%} of hit req/s")
        # On a busy machine req/s swing with everyone else's load; CPU time per hit hardly does.
        bare_cpu, observed_cpu = (
            round(statistics.median(cpu_per_hit[name]), 1) for name in ("bare", "observed")
        )
        report.figure(f"server CPU per hit without the wrapper (median of {ROUNDS})", bare_cpu, "us")
        report.figure(f"server CPU per hit with the wrapper (median of {ROUNDS})", observed_cpu, "us")
        report.figure(
            "hit req/s the CPU allows, with/without (CPU per hit without/with)",
            round(bare_cpu / observed_cpu, 3),
        )
        report.check(
            bare_cpu / observed_cpu >= MIN_CPU_RATIO,
            f"the wrapper adds at most {1 / MIN_CPU_RATIO - 1:.0%} to a hit's server CPU time",
        )
        _in_process_cost(report, env)
        counted = _hits_counted(observed_port) - hits_before
        report.figure("hits counted in /_metrics", int(counted))
        report.check(counted >= 0.9 * served, "every hit wrk made is counted (within wrk's rounding)")
    finally:
        procs.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


def _in_process_cost(report, env):
    """The wrapper's own CPU per hit, in one process (drills/observability_bare_app.py): a figure
    the machine's other load hardly moves, unlike the req/s of the servers."""
    argv = [sys.executable, "-m", "drills.observability_bare_app", PAGE]
    done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=True)  # noqa: S603
    cost = json.loads(done.stdout.strip().splitlines()[-1])
    report.figure("CPU per hit in-process without the wrapper", round(cost["bare"], 2), "us")
    report.figure("CPU per hit in-process with the wrapper", round(cost["observed"], 2), "us")
    report.figure("the wrapper's own CPU per hit", round(cost["observed"] - cost["bare"], 2), "us")
    report.check(
        cost["bare"] / cost["observed"] >= MIN_IN_PROCESS_RATIO,
        f"in-process, the wrapper adds at most {1 / MIN_IN_PROCESS_RATIO - 1:.0%} to a hit's CPU time",
    )


def _start_bare(procs, port, env):
    granian = str(Path(sys.executable).parent / "granian")
    argv = [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    argv += ["--blocking-threads", "1", "--no-ws", "--log-level", "warning"]
    process = procs.start("bare", [*argv, "drills.observability_bare_app:application"], env=env, cwd=REPO)
    procs.wait_port("bare", process, port)
    return process

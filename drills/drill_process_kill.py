"""`make stack` (bin/stack: supervisord over Varnish, two app processes and the scheduler) under wrk
load on cached pages while the app processes are SIGKILLed one after another: the cached pages
answer without a single error, supervisord brings each process back (the figure: kill -> its
/_health/ answers 200 again), and stopping the stack leaves no process and frees the port.

The site (SQLite, migrated, bench.site's factory stories and their pictures) is prepared once in a
child process and kept in var/drills/ under a name derived from the migration files; each run
copies the database (the pictures are only read, renditions added).
    python -m drills.run process_kill
"""

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import load
from bench.procs import Processes, free_port, get
from bench.servers import REPO, quiet, warm

TITLE = "make stack under load, app processes SIGKILLed: cached pages error-free, supervised restart time"
QUICK = True
APP_PROCESSES = 2


def say(*parts):
    print(*parts, flush=True)  # noqa: T201


def template_path():
    """The prepared site for the current migrations (a new migration makes a new template)."""
    names = sorted(str(p.relative_to(REPO)) for p in REPO.glob("vistka/*/migrations/[0-9]*.py"))
    digest = hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]
    return REPO / "var" / "drills" / f"process-kill-site-{digest}.sqlite3"


def prepared_site(env, database):
    """Copy the kept site to `database` (making it first if need be); the cached paths to load."""
    template = template_path()
    paths_file = template.with_suffix(".json")
    if not (template.exists() and paths_file.exists()):
        template.parent.mkdir(parents=True, exist_ok=True)
        for old in template.parent.glob("process-kill-site-*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        building = template.with_suffix(".partial")
        building.unlink(missing_ok=True)
        done = subprocess.run(  # noqa: S603 (fixed argv)
            [sys.executable, "-m", "drills.drill_process_kill", "prepare"],
            env=env | {"DATABASE_URL": f"sqlite:///{building}"},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode != 0:
            raise RuntimeError(f"preparing the site failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
        paths_file.write_text(done.stdout.strip().splitlines()[-1])
        os.rename(building, template)
    shutil.copy(template, database)
    return json.loads(paths_file.read_text())


def prepare():
    """In a child process: migrate, factory stories, collected static files; prints the paths."""
    import django

    django.setup()
    from bench import site
    from bench.run import build_assets

    build_assets(os.environ["STATIC_ROOT"])
    site.prepare(3)
    urls = site.pick_pages()["urls"]
    say(json.dumps([urls[name] for name in ("home", "article", "section", "tag") if name in urls]))


class Stack:
    """bin/stack started as `make stack` would be, with bin/stack-ctl beside it."""

    def __init__(self, procs, tmp, env):
        self.port = free_port()
        self.app_ports = []
        while len(self.app_ports) != APP_PROCESSES:
            base = free_port()
            self.app_ports = [base + i for i in range(APP_PROCESSES) if port_free(base + i)]
        self.env = env | {
            "PORT": str(self.port),
            "APP_BASE_PORT": str(self.app_ports[0]),
            "APP_PROCESSES": str(APP_PROCESSES),
            "STACK_DIR": str(Path(tmp) / "stack"),
            "STACK_SKIP_SETUP": "1",
            "STACK_STOP_SECONDS": "8",
            "VARNISH_PURGE_URLS": "",
        }
        self.process = procs.start("stack", [str(REPO / "bin" / "stack")], env=self.env, cwd=REPO)

    def pid(self, name):
        done = subprocess.run(  # noqa: S603 (fixed argv)
            [str(REPO / "bin" / "stack-ctl"), "pid", name], env=self.env, capture_output=True, text=True
        )
        value = done.stdout.strip()
        return int(value) if value.isdigit() and value != "0" else None

    def app_healthy(self, index):
        try:
            return get(self.app_ports[index], "/_health/", timeout=5)[0] == 200
        except OSError:
            return False


def port_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT left by the load is fine
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def kill_and_time(stack, index, timeout=120):
    """SIGKILL app-<index>, granian and its worker (its process group, as bin/stack-run leads it);
    seconds until supervisord's new process answers /_health/, or None."""
    name = f"app-{index}"
    old = stack.pid(name)
    if old is None:
        return None
    killed = time.monotonic()
    os.killpg(old, signal.SIGKILL)
    back = wait_until(
        lambda: (stack.pid(name) or old) != old and not group_alive(old) and stack.app_healthy(index), timeout
    )
    return round(time.monotonic() - killed, 2) if back else None


def load_until(port, paths, tmp, done, rounds, seconds=4):
    """wrk on the cached `paths` in rounds of `seconds` until `done` is set (the kills are over)."""
    while not done.is_set():
        rounds.append(load.wrk_paths(port, paths, seconds, f"{tmp}/paths.lua", connections=16))


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def run(report, quick):
    kills = 2 if quick else 6
    tmp = tempfile.mkdtemp(prefix="drill-process-kill-")
    os.chmod(tmp, 0o755)  # noqa: S103 (varnishd's users read the VCL in the stack's directory)
    procs = Processes(tmp)
    env = quiet(os.environ) | {
        "DJANGO_SETTINGS_MODULE": "vistka.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": os.environ.get("STATIC_ROOT") or str(REPO / "var" / "static"),
        "VAR_DIR": tmp,
        "LOG_FORMAT": "text",
        "PYTHONPATH": str(REPO),
        "BENCH_DATA": "factories",
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp}/site.sqlite3"
    env["MEDIA_ROOT"] = str(template_path().with_suffix(".media"))  # the stories' pictures, kept with it
    groups = []
    stack = None
    try:
        started = time.monotonic()
        paths = prepared_site(env, f"{tmp}/site.sqlite3")
        report.figure("site ready", round(time.monotonic() - started, 1), "s")
        started = time.monotonic()
        stack = Stack(procs, tmp, env)
        up = wait_until(lambda: all(stack.app_healthy(i) for i in range(APP_PROCESSES)), 180)
        if not report.check(up, "the stack started"):
            return
        for path in paths:
            warm(stack.port, path, timeout=120)
        report.figure("stack up and pages cached", round(time.monotonic() - started, 1), "s")
        groups = [stack.pid(name) for name in ("varnish", "app-0", "app-1", "scheduler")]

        rounds, kills_done = [], threading.Event()
        loader = threading.Thread(target=load_until, args=(stack.port, paths, tmp, kills_done, rounds))
        loader.start()
        restarts = []
        time.sleep(2)
        try:
            for i in range(kills):
                restarts.append(kill_and_time(stack, i % APP_PROCESSES))
                groups += [stack.pid(f"app-{i % APP_PROCESSES}")]
                time.sleep(1)
        finally:
            kills_done.set()
            loader.join(120)
        report.check(all(r is not None for r in restarts), f"every killed app process came back ({restarts})")
        back = [r for r in restarts if r is not None]
        if back:
            report.figure("supervised restart, kill -> healthy, median", statistics.median(back), "s")
            report.figure("supervised restart, kill -> healthy, max", max(back), "s")
        if report.check(bool(rounds), "wrk ran"):
            report.figure(
                "cached pages served during the kills", sum(r["requests"] for r in rounds), "requests"
            )
            report.figure(
                "cached pages p99 during the kills, worst round", max(r["p99"] for r in rounds), "ms"
            )
            errors = sum(r["errors"] for r in rounds)
            report.check(errors == 0, f"no failed cached request ({errors})")
    finally:
        if stack is not None and stack.process.poll() is None:
            stack.process.send_signal(signal.SIGTERM)  # as Ctrl-C / a service manager stops it
            try:
                stack.process.wait(90)
            except subprocess.TimeoutExpired:
                report.check(False, "the stack stopped within 90 s of SIGTERM")
        procs.stop_all()
        if stack is not None:
            gone = wait_until(lambda: not any(group_alive(g) for g in filter(None, groups)), 30)
            left = [g for g in filter(None, groups) if group_alive(g)]
            report.check(gone, f"stopping the stack left no process behind, Varnish included ({left})")
            ports = [stack.port, *stack.app_ports]
            report.check(wait_until(lambda: all(port_free(p) for p in ports), 10), "its ports are free")
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__" and sys.argv[1:] == ["prepare"]:
    prepare()

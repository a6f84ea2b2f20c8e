"""Purge delivery: a publish whose process is SIGKILLed right after its commit, and a Varnish cut
off from the app processes during a publish. Two app processes (granian, one worker each, each
with its purge-delivery thread) on one SQLite database, Varnish in front of the first, the app's
VARNISH_PURGE_URLS pointing at a TCP proxy in front of Varnish (vistka.delivery.tests.partition),
which the drill cuts and restores. Publishing runs in a process of its own (as an editor's request
would, in an app process): `python -m drills.drill_purge_delivery publish ...`; with --die, an
on-commit callback registered before the publish (so it runs first) reports COMMITTED and waits
to be killed, so none of the publish's own after-commit work runs. Drill-only, no production hook.

PASS: the section page that lists the new story is fresh in each app process and in Varnish
within 2 s of the kill (a) and of the partition's end (b)."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.procs import Processes, free_port, get
from bench.servers import start_app, start_varnish, warm

TITLE = "purge delivery: publish killed after commit, Varnish partitioned during a publish: fresh within 2 s"
QUICK = True
REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "var" / "drills" / "purge-delivery-site.sqlite3"  # migrated once, copied each run
BUDGET = 2.0
PARTITION_SECONDS = 2.0


def _env(tmp, purge_url):
    env = dict(os.environ)
    for name in ("REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp}/site.sqlite3",
        SECRET_KEY="purge-delivery-drill",  # noqa: S106 (a throwaway database)
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        VAR_DIR=f"{tmp}/var",
        VARNISH_PURGE_URLS=purge_url,
        PURGE_DELIVERY_THREAD="1",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_FORMAT="text",
    )
    return env


def _manage(env, *argv, timeout=600):
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", *argv],
        cwd=REPO,
        env=env,
        check=True,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _site(env, tmp):
    """A migrated database (a copy of SITE, made on the first run) with a section, a tag, a story."""
    if not SITE.exists():
        SITE.parent.mkdir(parents=True, exist_ok=True)
        _manage({**env, "DATABASE_URL": f"sqlite:///{tmp}/template.sqlite3"}, "migrate", "--noinput", "-v0")
        shutil.move(f"{tmp}/template.sqlite3", SITE)
    shutil.copyfile(SITE, f"{tmp}/site.sqlite3")
    _manage(env, "migrate", "--noinput", "-v0")
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "drills.drill_purge_delivery", "setup"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    return int(out[-3]), int(out[-2]), out[-1]


class Publisher:
    """A process that publishes one story when told to (and with `die`, stops right after the commit)."""

    def __init__(self, procs, env, section, tag, title, die=False):
        argv = [sys.executable, "-m", "drills.drill_purge_delivery", "publish", str(section), str(tag), title]
        self.process = procs.start(
            f"publisher-{int(die)}", argv + (["--die"] if die else []), env=env, cwd=REPO, pipes=True
        )
        if self.process.stdout.readline().strip() != "READY":
            raise RuntimeError("the publisher did not start")

    def publish(self):
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()


def _seconds_until_fresh(ports, page, title, started, timeout):
    """{name: seconds from `started` until `page` on that port lists `title` (None: never)}."""
    seen = {}
    needle = title.encode()
    while len(seen) < len(ports) and time.monotonic() - started < timeout:
        for name, port in ports.items():
            if name not in seen and needle in get(port, page, timeout=5)[2]:
                seen[name] = time.monotonic() - started
        time.sleep(0.05)
    return {name: seen.get(name) for name in ports}


def _fresh_checks(report, label, seen):
    for name, seconds in seen.items():
        report.figure(
            f"{label}: fresh in {name} after", round(seconds, 3) if seconds is not None else "never", "s"
        )
    worst = max((s for s in seen.values() if s is not None), default=None)
    report.check(
        None not in seen.values() and worst < BUDGET, f"{label}: fresh everywhere within {BUDGET:g} s"
    )


def run(report, quick):
    from vistka.delivery.tests.partition import Partition

    tmp = tempfile.mkdtemp(prefix="vistka-drill-purge-")
    os.chmod(tmp, 0o755)  # noqa: S103 (varnishd's users read the VCL written here)
    procs = Processes(tmp)
    varnish_port, a_port, b_port = free_port(), free_port(), free_port()
    partition = Partition(varnish_port, port=free_port())
    env = _env(tmp, partition.url)
    try:
        started = time.monotonic()
        section, tag, slug = _site(env, tmp)
        report.figure("database prepared", round(time.monotonic() - started, 1), "s")
        start_app(procs, "app-a", a_port, env, workers=1)
        start_app(procs, "app-b", b_port, env, workers=1)
        start_varnish(procs, tmp, varnish_port, a_port, env)
        partition.start()
        page = f"/sections/{slug}/"
        ports = {"app-a": a_port, "app-b": b_port, "varnish": varnish_port}
        for port in ports.values():
            warm(port, page)

        # (a) killed right after the commit: no process sent anything; the log has the event.
        title = "Drill story published by a process killed after its commit"
        publisher = Publisher(procs, env, section, tag, title, die=True)
        answer = publisher.publish()
        publisher.process.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        report.check(answer == "COMMITTED", f"the publisher committed and was killed ({answer})")
        _fresh_checks(report, "killed after commit", _seconds_until_fresh(ports, page, title, killed, 10))

        # (b) Varnish cut off during a publish, restored PARTITION_SECONDS later.
        title = "Drill story published while Varnish was cut off"
        publisher = Publisher(procs, env, section, tag, title)
        partition.cut()
        answer = publisher.publish()
        report.check(answer == "PUBLISHED", f"published during the partition ({answer})")
        apps = {k: v for k, v in ports.items() if k != "varnish"}
        _fresh_checks(
            report, "partition, app processes", _seconds_until_fresh(apps, page, title, time.monotonic(), 10)
        )
        time.sleep(PARTITION_SECONDS)
        stale = title.encode() not in get(varnish_port, page)[2]
        report.check(stale, f"Varnish still has the old page after {PARTITION_SECONDS:g} s cut off")
        partition.restore()
        restored = time.monotonic()
        _fresh_checks(
            report,
            "partition healed",
            _seconds_until_fresh({"varnish": varnish_port}, page, title, restored, 10),
        )
        time.sleep(0.5)
        status = json.loads(_manage(env, "purge_status", "--json", timeout=60))
        report.figure("purge backlog at the end (manage.py purge_status)", status["backlog"])
        report.figure("purge lag at the end", float(status["lag_seconds"]), "s")
        report.check(status["backlog"] == 0, "nothing left unacknowledged")
    finally:
        partition.stop()
        procs.stop_all()
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)


# --- the drill's own processes ----------------------------------------------------------------


def _setup():
    from vistka.stories.factories import ArticlePageFactory, SectionFactory, TagFactory

    section, tag = SectionFactory(slug="drill-desk"), TagFactory(slug="drill-topic")
    ArticlePageFactory(title="Drill: the desk's first story", section=section, tags=[tag])
    print(section.pk, tag.pk, section.slug, flush=True)  # noqa: T201


def _publish(section_id, tag_id, title, die):
    from django.db import transaction

    from vistka.stories.factories import ArticlePageFactory
    from vistka.taxonomy.models import Section, Tag

    section, tag = Section.objects.get(pk=section_id), Tag.objects.get(pk=tag_id)
    ArticlePageFactory(title="Drill warm-up draft", section=section, tags=[tag], state="draft")
    print("READY", flush=True)  # noqa: T201
    sys.stdin.readline()

    def stop_here():
        print("COMMITTED", flush=True)  # noqa: T201
        time.sleep(60)  # killed by the drill before any other on-commit callback runs

    with transaction.atomic():
        if die:
            transaction.on_commit(stop_here)
        ArticlePageFactory(title=title, section=section, tags=[tag])
    print("PUBLISHED", flush=True)  # noqa: T201


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["setup", "publish"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--die", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vistka.settings")
    import django

    django.setup()
    if args.what == "setup":
        _setup()
    else:
        section, tag, title = args.args
        _publish(int(section), int(tag), title, args.die)


if __name__ == "__main__":
    main()

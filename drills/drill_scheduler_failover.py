"""Two `run_scheduler` workers on a private PostgreSQL cluster, stories due every couple of seconds;
one worker is SIGKILLed while they come due: every story is published exactly once (one live page,
one scheduled-publish log entry) and the survivor keeps them on time.

The cluster comes from a migrated template kept in var/drills/ (migrating takes minutes on a busy
machine: the first run makes it). Django runs only in child processes.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from bench.procs import Processes
from bench.servers import REPO, quiet

TITLE = "two schedulers, one killed mid-run: every story published once, on time"
QUICK = True
INTERVAL = 1.0  # scheduler pass interval, seconds
TEMPLATE = REPO / "var" / "drills" / "scheduler-failover-pgdata"
STORIES_SCRIPT = """
import os
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage
count, spacing = int(os.environ["STORY_COUNT"]), float(os.environ["STORY_SPACING"])
with transaction.atomic():
    later = timezone.now() + timedelta(days=1)
    pages = [
        ArticlePageFactory(title=f"Failover {i}", scheduled=True, published_at=later)
        for i in range(count)
    ]
    first = timezone.now() + timedelta(seconds=3)
    for i, page in enumerate(pages):
        due = first + timedelta(seconds=i * spacing)
        revision = Revision.objects.get(pk=page.latest_revision_id)
        revision.content["go_live_at"] = due.isoformat()
        revision.approved_go_live_at = due
        revision.save(update_fields=["content", "approved_go_live_at"])
        ArticlePage.objects.filter(pk=page.pk).update(go_live_at=due)
print("FIRST", first.timestamp())
"""
# Per story: its time, when it went live (the scheduled-publish log entry) and how many entries.
PUBLISHED_SQL = """
SELECT p.title, extract(epoch FROM p.go_live_at), extract(epoch FROM min(l.timestamp)), count(l.id)
FROM wagtailcore_page p
LEFT JOIN wagtailcore_pagelogentry l ON l.page_id = p.id AND l.action = 'wagtail.publish.scheduled'
WHERE p.title LIKE 'Failover %' AND p.live GROUP BY p.title, p.go_live_at ORDER BY p.go_live_at
"""


def manage(env, *argv, timeout=600):
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {argv[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def migrated_cluster(cluster, env):
    """Start `cluster` from the kept migrated template, making the template first if need be."""
    kept = (TEMPLATE / "PG_VERSION").exists()
    if not kept:
        cluster.init().start()
        cluster.wait_ready()
        cluster._run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "-c",
            "CREATE DATABASE vistka",
        )
        manage(env, "migrate", "--noinput", "-v0")
        cluster.stop("fast")
        partial = TEMPLATE.with_name(TEMPLATE.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(cluster.directory, partial)
        shutil.rmtree(TEMPLATE, ignore_errors=True)
        os.rename(partial, TEMPLATE)
    else:
        shutil.copytree(TEMPLATE, cluster.directory)
        os.makedirs(cluster.socket_dir, exist_ok=True)
        if cluster.user is not None:  # as root the cluster runs as `postgres`: its files must be its own
            for path in (cluster.directory, cluster.socket_dir):
                for folder, _, files in os.walk(path):
                    os.chown(folder, cluster.user.pw_uid, cluster.user.pw_gid)
                    for name in files:
                        os.chown(os.path.join(folder, name), cluster.user.pw_uid, cluster.user.pw_gid)
        os.chmod(cluster.directory, 0o700)
    cluster.start()
    cluster.wait_ready()
    if kept:  # a template kept from an older tree catches up with migrations added since
        manage(env, "migrate", "--noinput", "-v0")


def published(cluster):
    """[(title, due, first publish, entries)] of the live Failover stories, epoch seconds."""
    argv = ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "vistka"]
    done = cluster._run(*argv, "-At", "-F", "|", "-c", PUBLISHED_SQL, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"psql: {done.stderr}")
    out = done.stdout
    rows = []
    for line in filter(None, out.splitlines()):
        title, due, at, entries = line.split("|")
        rows.append((title, float(due), float(at) if at else None, int(entries)))
    return rows


def wait_for_log(procs, names, text, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(text in procs.log_tail(name, 200) for name in names):
            return True
        time.sleep(0.3)
    return False


def run(report, quick):
    from drills.postgres import PrivatePostgres

    count, spacing = (10, 2.0) if quick else (30, 1.0)
    tmp = tempfile.mkdtemp(prefix="drill-scheduler-")
    cluster = PrivatePostgres(tmp)
    procs = Processes(tmp)
    env = quiet(os.environ) | {
        "DJANGO_SETTINGS_MODULE": "vistka.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/vistka",
        "DATABASE_CONN_MAX_AGE": "0",
        "VAR_DIR": tmp,
        "LOG_FORMAT": "text",
        "PYTHONPATH": str(REPO),
    }
    try:
        started = time.monotonic()
        migrated_cluster(cluster, env)
        report.figure("database ready", round(time.monotonic() - started, 1), "s")
        scheduler = [sys.executable, "manage.py", "run_scheduler", "--interval", str(INTERVAL)]
        workers = {name: procs.start(name, scheduler, env=env, cwd=REPO) for name in ("sched-a", "sched-b")}
        if not report.check(wait_for_log(procs, workers, "checking every", 120), "both schedulers started"):
            return
        story_env = env | {"STORY_COUNT": str(count), "STORY_SPACING": str(spacing)}
        first = float(manage(story_env, "shell", "-c", STORIES_SCRIPT, timeout=300).split("FIRST")[-1])
        killed_at = first + spacing * (count // 3)
        time.sleep(max(0.0, killed_at - time.time()))
        workers["sched-a"].send_signal(signal.SIGKILL)
        workers["sched-a"].wait(10)
        killed_at = time.time()
        deadline = time.monotonic() + max(0.0, first + spacing * count - time.time()) + 20
        rows = published(cluster)
        while len(rows) < count and time.monotonic() < deadline:
            time.sleep(0.5)
            rows = published(cluster)
        time.sleep(2 * INTERVAL)  # a second publisher, if any, would log its entry meanwhile
        rows = published(cluster)
        report.check(len(rows) == count, f"all {count} stories published ({len(rows)})")
        report.check(all(entries == 1 for *_, entries in rows), "each story published exactly once")
        after = [at - due for _, due, at, _ in rows if due >= killed_at and at is not None]
        before = [at - due for _, due, at, _ in rows if due < killed_at and at is not None]
        if before:
            report.figure("publish lateness before the kill, max", round(max(before), 2), "s")
        if report.check(bool(after), "stories came due after the kill"):
            report.figure("publish lateness after the kill, max", round(max(after), 2), "s")
            report.check(
                max(after) < 3 * INTERVAL + 3, f"after the kill every story within {3 * INTERVAL + 3:g} s"
            )
        report.check(workers["sched-b"].poll() is None, "the surviving scheduler still runs")
    finally:
        procs.stop_all()
        cluster.stop("immediate")
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)

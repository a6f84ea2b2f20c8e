"""Several `run_scheduler` workers at once, as real processes on the test database (SQLite: a file
copy of it; PostgreSQL: the test database itself): every scheduled story is published exactly once
(one live page, one `wagtail.publish.scheduled` log entry), and when one worker is killed the others
go on publishing.

Wagtail's `publish_scheduled` alone, run by two workers, published the same revisions twice.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from vistka.core.tests.servers import REPO, copy_sqlite_database, database_url

WORKERS = 3
STORIES = 12
STORY_SCRIPT = """
import os
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage
prefix, count = os.environ["STORY_PREFIX"], int(os.environ["STORY_COUNT"])
delay = float(os.environ["STORY_DELAY"])
with transaction.atomic():  # the workers see them all at once, all due at the same moment
    later = timezone.now() + timedelta(hours=1)
    pages = [
        ArticlePageFactory(title=f"{prefix} {i}", scheduled=True, published_at=later) for i in range(count)
    ]
    due = timezone.now() + timedelta(seconds=delay)
    for revision in Revision.objects.filter(approved_go_live_at=later):
        revision.content["go_live_at"] = due.isoformat()
        revision.approved_go_live_at = due
        revision.save(update_fields=["content", "approved_go_live_at"])
    ArticlePage.objects.filter(pk__in=[page.pk for page in pages]).update(go_live_at=due)
"""


class SharedDatabase:
    """The test database as other processes see it, and queries on what they wrote."""

    def __init__(self, tmp_path):
        self.url = database_url()
        self.path = None
        if self.url is None:
            self.path = tmp_path / "scheduler.sqlite3"
            copy_sqlite_database(str(self.path))
            self.url = f"sqlite:///{self.path}"

    def rows(self, sql, params=()):
        if self.path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall()
        with sqlite3.connect(self.path, timeout=20) as db:
            return db.execute(sql, params).fetchall()

    def published(self, prefix):
        """{title: number of scheduled-publish log entries} of the live pages titled `prefix …`."""
        live = self.rows(
            "SELECT id, title FROM wagtailcore_page WHERE live AND title LIKE ?", (f"{prefix} %",)
        )
        counts = dict(
            self.rows(
                "SELECT page_id, COUNT(*) FROM wagtailcore_pagelogentry"
                " WHERE action = 'wagtail.publish.scheduled' GROUP BY page_id"
            )
        )
        return {title: counts.get(page_id, 0) for page_id, title in live}

    def environ(self):
        return {**os.environ, "DATABASE_URL": self.url, "DATABASE_CONN_MAX_AGE": "0"}


def start_worker(db, log):
    argv = [sys.executable, "manage.py", "run_scheduler", "--interval", "0.2"]
    return subprocess.Popen(argv, cwd=REPO, env=db.environ(), stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def wait_ready(log_path, workers, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_path.read_text(errors="replace").count("scheduler: checking every") >= workers:
            return
        time.sleep(0.2)
    raise AssertionError(f"workers did not start:\n{log_path.read_text(errors='replace')}")


def schedule_stories(db, prefix, count, delay):
    """`count` stories due in `delay` seconds, written by another process as the newsroom would."""
    argv = [sys.executable, "manage.py", "shell", "-c", STORY_SCRIPT]
    env = {**db.environ(), "STORY_PREFIX": prefix, "STORY_COUNT": str(count), "STORY_DELAY": str(delay)}
    done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)  # noqa: S603
    assert done.returncode == 0, done.stderr


def wait_published(db, prefix, count, timeout=90):
    deadline = time.monotonic() + timeout
    published = {}
    while time.monotonic() < deadline:
        published = db.published(prefix)
        if len(published) >= count:
            time.sleep(1.5)  # a second publisher, if any, would log its entry meanwhile
            return db.published(prefix)
        time.sleep(0.3)
    raise AssertionError(f"only {len(published)} of {count} published: {published}")


@pytest.mark.django_db(transaction=True)
def test_several_workers_publish_every_story_once_and_survive_a_killed_worker(tmp_path):
    db = SharedDatabase(tmp_path)
    log_path = tmp_path / "workers.log"
    workers = []
    with open(log_path, "wb") as log:
        try:
            workers = [start_worker(db, log) for _ in range(WORKERS)]
            wait_ready(log_path, WORKERS)

            schedule_stories(db, "Due", STORIES, delay=2)
            published = wait_published(db, "Due", STORIES)
            assert published == {f"Due {i}": 1 for i in range(STORIES)}, log_path.read_text(errors="replace")

            workers[0].send_signal(signal.SIGKILL)  # perhaps in the middle of holding the lock
            workers[0].wait(timeout=10)
            schedule_stories(db, "After", 3, delay=2)
            published = wait_published(db, "After", 3)
            assert published == {f"After {i}": 1 for i in range(3)}
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
    assert all(w.returncode in (0, -signal.SIGKILL) for w in workers), log_path.read_text(errors="replace")
    assert "Traceback" not in Path(log_path).read_text(errors="replace")

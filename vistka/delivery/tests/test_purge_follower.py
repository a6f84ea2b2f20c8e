"""Every app process applies every purge: the log follower (vistka.delivery.purge_log) applies an
event whose id is lower than one it already applied (its transaction committed later), and it
survives a database outage, resuming within a poll or two after the database is back."""

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta

import psycopg
import pytest
from django.utils import timezone

from drills.postgres import PrivatePostgres
from vistka.delivery import fastpath, purge_log
from vistka.delivery.models import PurgeEvent
from vistka.delivery.tests.harness import REPO
from vistka.delivery.tests.newsroom import last_event_id


class RecordingStore(fastpath.Store):
    def __init__(self):
        super().__init__()
        self.applied = []

    def purge(self, keys):
        self.applied.extend(keys)
        super().purge(keys)


def poll(store):
    store.next_poll = 0.0
    purge_log.follow(store)


@pytest.mark.django_db
def test_an_event_committed_after_a_later_one_is_still_applied():
    store = RecordingStore()
    poll(store)  # the cursor starts at the end of the log
    base = last_event_id()
    PurgeEvent.objects.create(id=base + 2, keys="st-later")  # its transaction committed first
    poll(store)
    assert store.applied == ["st-later"]
    PurgeEvent.objects.create(id=base + 1, keys="st-earlier")  # took its id first, committed after
    poll(store)
    assert store.applied == ["st-later", "st-earlier"]
    poll(store)
    assert store.applied == ["st-later", "st-earlier"], "each event applied once"
    assert store.last_event == base + 2


@pytest.mark.django_db
def test_a_gap_no_transaction_fills_is_passed_after_the_grace():
    store = RecordingStore()
    poll(store)
    base = last_event_id()
    PurgeEvent.objects.create(id=base + 2, keys="st-after-a-rollback")
    poll(store)
    assert store.last_event == base, "a young gap holds the watermark"
    PurgeEvent.objects.filter(id=base + 2).update(
        created_at=timezone.now() - purge_log.GAP_GRACE - timedelta(1)
    )
    poll(store)
    assert store.last_event == base + 2 and store.applied == ["st-after-a-rollback"]


FOLLOWER = """
import sys
import django

django.setup()
from django.db import connection

from vistka.delivery import fastpath, purge_log
from vistka.delivery.models import PurgeEvent

with connection.schema_editor() as editor:
    editor.create_model(PurgeEvent)
applied = []


class Recording(fastpath.Store):
    def purge(self, keys):
        applied.extend(keys)
        super().purge(keys)


store = Recording()


def poll():
    store.next_poll = 0.0
    try:
        purge_log.follow(store)
        return "ok"
    except Exception as error:
        return f"raised:{type(error).__name__}"


poll()
print("READY", flush=True)
for line in sys.stdin:
    outcome = poll()
    print(outcome, " ".join(applied), flush=True)
"""


def log_purge(url, keys):
    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute("INSERT INTO delivery_purgeevent (keys, created_at) VALUES (%s, now())", [keys])


def test_the_follower_resumes_after_the_database_comes_back():
    """A process that only served cached pages: nothing but its follower touches the database."""
    directory = tempfile.mkdtemp(prefix="vistka-follower-")
    pg = PrivatePostgres(directory).init().start()
    env = {
        **os.environ,
        "DATABASE_URL": pg.url,
        "PURGE_DELIVERY_THREAD": "0",
        "DJANGO_SETTINGS_MODULE": "vistka.settings",
    }
    follower = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", FOLLOWER],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def poll_once():
        follower.stdin.write("poll\n")
        follower.stdin.flush()
        outcome, *applied = follower.stdout.readline().split(" ")
        return outcome, " ".join(applied).split()

    try:
        assert follower.stdout.readline().strip() == "READY"
        log_purge(pg.url, "st-before")
        assert poll_once() == ("ok", ["st-before"])

        pg.stop("fast")  # sessions cut, as a database restart or failover does
        assert poll_once()[0] == "ok", "a failed poll is never raised to the request"

        pg.start()
        pg.wait_ready()
        log_purge(pg.url, "st-after")
        polls = [poll_once() for _ in range(2)]
        assert "st-after" in polls[-1][1], polls
        assert polls[-1][0] == "ok", polls
    finally:
        follower.kill()
        follower.wait(10)
        pg.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)

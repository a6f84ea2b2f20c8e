"""Gaps in the purge log, on the database's clock: an id not yet visible holds a follower's (and a
Varnish cursor's) watermark until the next event is GAP_GRACE old by the database's own clock, so
a writer whose clock is behind cannot make a young gap pass at once. A gap passed is logged and
still looked for: a transaction that commits its event after the grace is applied by every
follower and delivered to every Varnish."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from vistka.delivery import purge_delivery, purge_log
from vistka.delivery.models import PurgeEvent, PurgeTarget
from vistka.delivery.tests.harness import fetch, settle_purges, wait_for
from vistka.delivery.tests.newsroom import publish_story
from vistka.delivery.tests.test_purge_follower import RecordingStore, poll
from vistka.stories.models import ArticlePage


def gap_before(keys_after):
    """Two events written; the first is taken away again, as if its transaction were still open.
    Returns (the missing event's id, the visible one)."""
    missing = PurgeEvent.objects.create(keys="st-pending")
    after = PurgeEvent.objects.create(keys=keys_after)
    missing_id = missing.pk
    missing.delete()
    return missing_id, after


def age(event):
    """The event written GAP_GRACE and a second ago, by the database's clock."""
    then = purge_log.database_now() - purge_log.GAP_GRACE - timedelta(seconds=1)
    PurgeEvent.objects.filter(pk=event.pk).update(created_at=then)


def commit_late(event_id, keys):
    PurgeEvent.objects.create(id=event_id, keys=keys)


@pytest.mark.django_db
def test_a_writer_whose_clock_is_behind_does_not_pass_a_young_gap():
    store = RecordingStore()
    poll(store)
    start = store.last_event
    with time_machine.travel(timezone.now() - timedelta(minutes=3), tick=True):
        missing_id, after = gap_before("st-skewed-writer")
    poll(store)
    assert store.applied == ["st-skewed-writer"]
    assert store.last_event == start, "a gap a few seconds old was passed"
    assert abs((PurgeEvent.objects.get(pk=after.pk).created_at - timezone.now()).total_seconds()) < 30
    commit_late(missing_id, "st-in-time")
    poll(store)
    assert store.applied == ["st-skewed-writer", "st-in-time"]


@pytest.mark.django_db
def test_an_event_committed_after_the_grace_is_still_applied_once(caplog):
    store = RecordingStore()
    poll(store)
    missing_id, after = gap_before("st-after")
    age(after)
    with caplog.at_level(logging.WARNING, logger="vistka.delivery.purge_log"):
        poll(store)
    assert store.last_event == after.pk, "a gap past the grace holds the watermark"
    warned = [message for message in caplog.messages if str(missing_id) in message and "passed" in message]
    assert warned, caplog.messages
    commit_late(missing_id, "st-committed-late")
    poll(store)
    poll(store)
    assert store.applied == ["st-after", "st-committed-late"], "the late event was not applied once"
    assert missing_id not in store.purge_log_late


@pytest.mark.django_db
def test_ids_are_looked_for_only_within_the_late_window(settings):
    settings.PURGE_LATE_WINDOW_SECONDS = 0
    store = RecordingStore()
    poll(store)
    missing_id, after = gap_before("st-after")
    age(after)
    poll(store)
    PurgeEvent.objects.create(keys="st-next")  # a poll that reads rows forgets expired ids
    poll(store)
    assert store.purge_log_late == {}
    commit_late(missing_id, "st-too-late")
    poll(store)
    assert "st-too-late" not in store.applied


def test_an_event_committed_after_the_grace_still_reaches_varnish(varnish, app, settings):
    story = publish_story(title="Night buses extended")
    settle_purges()
    purge_delivery.deliver_pending()
    assert wait_for(lambda: fetch(varnish.url, story.url).x_cache == "HIT", timeout=3)[0]

    missing_id, after = gap_before("st-unrelated")
    age(after)
    purge_delivery.deliver_pending()  # the cursor passes the gap
    target = PurgeTarget.objects.get()
    assert target.acknowledged == after.pk and str(missing_id) in target.late_ids

    # The late transaction: the story's new title and its purge commit together, long after.
    ArticlePage.objects.filter(pk=story.pk).update(title="Night buses cut")
    commit_late(missing_id, f"st-{story.story_number}")

    def fresh():
        purge_delivery.deliver_pending()
        return "Night buses cut" in fetch(varnish.url, story.url).text

    assert wait_for(fresh, timeout=5, interval=0.2)[0], "the late event never reached Varnish"
    assert PurgeTarget.objects.get().late_ids == {}
    assert purge_delivery.status()["backlog"] == 0

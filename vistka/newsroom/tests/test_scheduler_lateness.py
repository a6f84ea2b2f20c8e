"""Late scheduled publishing is reported (lateness(), a warning naming the story and its lag), and a
pass is skipped, not doubled, while another worker holds the scheduler lock."""

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection, connections

from vistka.newsroom import scheduling
from vistka.newsroom.scheduling import ADVISORY_LOCK_KEY, Lateness, lateness, publish_due
from vistka.newsroom.tests.test_scheduler import keep_sigterm_handler, run_scheduler_once  # noqa: F401
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage

DUE = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_lateness_counts_stories_overdue_by_more_than_the_allowance_and_the_scheduler_warns(caplog):
    allowance = settings.SCHEDULER_LATE_AFTER
    with time_machine.travel(DUE - timedelta(hours=1), tick=False):
        page = ArticlePageFactory(title="Budget vote at noon", scheduled=True, published_at=DUE)
        ArticlePageFactory(title="Due tomorrow", scheduled=True, published_at=DUE + timedelta(days=1))
        assert lateness() == Lateness(0.0, 0)

    with time_machine.travel(DUE + timedelta(seconds=allowance / 2), tick=False):
        assert lateness() == Lateness(0.0, 0)  # due, not late yet

    late_by = allowance + 95
    with time_machine.travel(DUE + timedelta(seconds=late_by), tick=False):
        assert lateness() == Lateness(late_by, 1)
        caplog.set_level(logging.WARNING, logger="vistka.scheduler")
        assert scheduling.warn_if_late() == Lateness(late_by, 1)
        warning = " ".join(r.getMessage() for r in caplog.records if r.name == "vistka.scheduler")
        assert "Budget vote at noon" in warning and f"{late_by:.0f} s ago" in warning
        assert "Due tomorrow" not in warning

        run_scheduler_once()  # publishes it: no longer late
        assert ArticlePage.objects.get(pk=page.pk).live
        assert lateness() == Lateness(0.0, 0)


@pytest.mark.django_db(transaction=True)
def test_scheduled_unpublishing_overdue_counts_as_late():
    expire_at = DUE
    with time_machine.travel(DUE - timedelta(hours=1), tick=False):
        page = ArticlePageFactory(title="Offer ends at noon")
        ArticlePage.objects.filter(pk=page.pk).update(expire_at=expire_at)
    with time_machine.travel(DUE + timedelta(seconds=settings.SCHEDULER_LATE_AFTER + 10), tick=False):
        assert lateness().count == 1
        assert publish_due() == 1
        assert not ArticlePage.objects.get(pk=page.pk).live
        assert lateness() == Lateness(0.0, 0)


def hold_lock_elsewhere(acquired, release):
    """Another worker's hold on the scheduler lock (its own connection or lock file)."""
    if connection.vendor == "postgresql":
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
                acquired.set()
                release.wait(30)
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        finally:
            other.close()
    else:
        with scheduling.scheduler_lock() as held:  # a new descriptor: flock conflicts with ours
            assert held
            acquired.set()
            release.wait(30)


@pytest.mark.django_db(transaction=True)
def test_a_pass_is_skipped_while_another_worker_holds_the_lock():
    with time_machine.travel(DUE - timedelta(hours=1), tick=False):
        page = ArticlePageFactory(title="Waits its turn", scheduled=True, published_at=DUE)
    acquired, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock_elsewhere, args=(acquired, release))
    holder.start()
    try:
        assert acquired.wait(30)
        with time_machine.travel(DUE + timedelta(seconds=1), tick=False):
            assert publish_due() is None
            assert not ArticlePage.objects.get(pk=page.pk).live
    finally:
        release.set()
        holder.join(30)
    with time_machine.travel(DUE + timedelta(seconds=2), tick=False):
        assert publish_due() == 1
        assert ArticlePage.objects.get(pk=page.pk).live
        assert ArticlePage.objects.get(pk=page.pk).get_latest_revision().approved_go_live_at is None

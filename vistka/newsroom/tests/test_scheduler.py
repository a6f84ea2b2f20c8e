"""Scheduled stories stay hidden until their time, then one pass of the scheduler publishes them.

These tests are transactional: run_scheduler calls close_old_connections(), as a long-running
worker must, and that would close the connection under a test wrapped in a transaction.
"""

import io
import signal
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage

SCHEDULED_AT = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)  # 12:00 in Kyiv


@pytest.fixture(autouse=True)
def keep_sigterm_handler():
    """run_scheduler installs its own SIGTERM handler; give the test process its own back."""
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def run_scheduler_once():
    out, err = io.StringIO(), io.StringIO()
    call_command("run_scheduler", "--once", stdout=out, stderr=err)
    assert err.getvalue() == "", err.getvalue()


def schedule(title, go_live_at):
    page = ArticlePageFactory(title=title, scheduled=True, published_at=go_live_at)
    return ArticlePage.objects.get(pk=page.pk)


@pytest.mark.django_db(transaction=True)
def test_scheduled_story_goes_live_after_its_time_and_one_scheduler_pass(client):
    with time_machine.travel(SCHEDULED_AT - timedelta(hours=2), tick=False):
        page = schedule("The budget vote at noon", SCHEDULED_AT)
        address = f"/news/2025/05/28/{page.story_number}/"
        assert not page.live
        assert client.get(address).status_code == 404
        assert "The budget vote at noon" not in client.get("/").text

        run_scheduler_once()  # too early: nothing happens
        assert not ArticlePage.objects.get(pk=page.pk).live

    with time_machine.travel(SCHEDULED_AT + timedelta(seconds=30), tick=False):
        run_scheduler_once()
        page = ArticlePage.objects.get(pk=page.pk)
        assert page.live
        assert page.url == address
        response = client.get(address)
        assert response.status_code == 200
        assert "The budget vote at noon" in response.text
        assert "The budget vote at noon" in client.get("/").text


@pytest.mark.django_db(transaction=True)
def test_story_scheduled_just_before_midnight_is_dated_by_its_go_live_day(client):
    """The editor scheduled it for 23:59:50 on 28 May (Kyiv); the worker runs every few seconds and
    picks it up just after midnight. It is still the 28 May story."""
    go_live = datetime(2025, 5, 28, 20, 59, 50, tzinfo=UTC)  # 23:59:50 in Kyiv
    with time_machine.travel(go_live - timedelta(hours=1), tick=False):
        page = schedule("Late-night statement", go_live)
        announced = page.url  # what the admin shows while the story waits
        assert announced == f"/news/2025/05/28/{page.story_number}/"

    with time_machine.travel(go_live + timedelta(seconds=15), tick=False):  # 00:00:05 on 29 May in Kyiv
        run_scheduler_once()
        page = ArticlePage.objects.get(pk=page.pk)
        assert page.live
        assert page.url == announced
        assert client.get(announced).status_code == 200

"""Purge lag, observable: status() per Varnish (backlog, oldest unacknowledged event's age) and
for this process's follower, and `manage.py purge_status` printing it."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from vistka.delivery.models import PurgeEvent, PurgeTarget
from vistka.delivery.purge_status import status

pytestmark = pytest.mark.django_db
URL = "http://127.0.0.1:9/"


def test_status_gives_each_varnish_its_backlog_and_the_oldest_unacknowledged_age(settings):
    settings.VARNISH_PURGE_URLS = [URL]
    first = PurgeEvent.objects.create(keys="st-1")
    second = PurgeEvent.objects.create(keys="st-2")
    third = PurgeEvent.objects.create(keys="st-3")
    PurgeEvent.objects.filter(pk=second.pk).update(created_at=timezone.now() - timedelta(seconds=30))
    PurgeTarget.objects.create(url=URL, acknowledged=first.pk, acknowledged_above=[third.pk])
    found = status()
    (target,) = found["targets"]
    assert (target["url"], target["acknowledged"], target["backlog"]) == (URL, first.pk, 1)
    assert 29 <= target["oldest_age_seconds"] < 40
    assert found["backlog"] == 1 and found["lag_seconds"] == target["oldest_age_seconds"]
    assert set(found["follower"]) == {"last_event", "behind", "lag_seconds", "seconds_since_poll", "errors"}
    assert found["last_event"] == third.pk


def test_the_command_prints_the_status(settings):
    settings.VARNISH_PURGE_URLS = [URL]
    event = PurgeEvent.objects.create(keys="st-1")
    PurgeTarget.objects.create(url=URL, acknowledged=event.pk - 1)
    out = StringIO()
    call_command("purge_status", stdout=out)
    assert f"{URL}: acknowledged {event.pk - 1}, backlog 1" in out.getvalue()
    out = StringIO()
    call_command("purge_status", "--json", stdout=out)
    assert json.loads(out.getvalue())["backlog"] == 1

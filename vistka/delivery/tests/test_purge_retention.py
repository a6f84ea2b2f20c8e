"""The purge log is bounded without losing a purge a Varnish still needs: events go after
PURGE_LOG_RETENTION_HOURS once every configured Varnish acknowledged them; past PURGE_LOG_MAX_DAYS
they go anyway, and a Varnish that never acknowledged them is owed a purge of everything."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vistka.delivery import purge_delivery
from vistka.delivery.models import PurgeEvent, PurgeTarget

pytestmark = pytest.mark.django_db
UP, DOWN = "http://127.0.0.1:9/up/", "http://127.0.0.1:9/down/"


def event(keys, age):
    found = PurgeEvent.objects.create(keys=keys)
    PurgeEvent.objects.filter(pk=found.pk).update(created_at=timezone.now() - age)
    return found.pk


@pytest.fixture
def targets(settings):
    settings.VARNISH_PURGE_URLS = [UP, DOWN]
    settings.PURGE_LOG_RETENTION_HOURS = 24
    settings.PURGE_LOG_MAX_DAYS = 7
    PurgeTarget.objects.create(url=UP, acknowledged=0)
    PurgeTarget.objects.create(url=DOWN, acknowledged=0)


def test_old_events_go_once_every_varnish_acknowledged_them(targets):
    acknowledged = event("st-1", timedelta(days=2))
    pending = event("st-2", timedelta(days=2))
    recent = event("st-3", timedelta(hours=1))
    PurgeTarget.objects.filter(url=UP).update(acknowledged=recent)
    PurgeTarget.objects.filter(url=DOWN).update(acknowledged=acknowledged)
    purge_delivery.prune_log()
    left = set(PurgeEvent.objects.values_list("id", flat=True))
    assert acknowledged not in left and {pending, recent} <= left


def test_a_varnish_dead_for_longer_than_the_bound_is_owed_a_purge_of_everything(targets):
    ancient = event("st-1", timedelta(days=8))
    kept = event("st-2", timedelta(days=2))
    PurgeTarget.objects.filter(url=UP).update(acknowledged=kept)
    purge_delivery.prune_log()
    left = set(PurgeEvent.objects.values_list("id", flat=True))
    assert ancient not in left and kept in left
    down = PurgeTarget.objects.get(url=DOWN)
    assert down.purge_everything and down.acknowledged == ancient
    assert not PurgeTarget.objects.get(url=UP).purge_everything
    assert purge_delivery.due(down)

"""/_health/ready/ through vistka.wsgi.application: only for the clients /_metrics is for, its
checks run at most once per READY_CACHE_SECONDS however many probes arrive, and purge lag (a
site-wide state no app restart mends) degrades readiness without failing it unless asked."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from vistka.delivery.models import PurgeEvent, PurgeTarget
from vistka.delivery.tests.test_surrogate_capability import get
from vistka.observability import readiness

OUTSIDER = "192.0.2.7"
READY = "/_health/ready/"


def ready(stack, remote="127.0.0.1", **headers):
    status, _headers, body = get(stack, READY, remote, **headers)
    return status[:3], body


def checks_started():
    """The check the database worker ran last (a new one is a new future)."""
    return readiness.DATABASE_WORKER.pending


@pytest.mark.django_db
def test_readiness_is_hidden_from_other_clients_and_runs_no_check_for_them(stack, settings):
    settings.READY_CACHE_SECONDS = 0
    assert ready(stack)[0] == "200"
    last = checks_started()
    for remote, headers in (
        (OUTSIDER, {}),
        ("127.0.0.1", {"HTTP_X_FORWARDED_FOR": "198.51.100.4"}),  # through our proxy, from outside
        (OUTSIDER, {"HTTP_X_FORWARDED_FOR": "127.0.0.1"}),  # an untrusted peer naming loopback
    ):
        status, body = ready(stack, remote, **headers)
        assert (status, body) == ("404", b"Not Found\n"), remote
    assert checks_started() is last  # no database connection for them

    settings.METRICS_TOKEN = "a-long-scrape-token"
    assert ready(stack)[0] == "404"
    assert ready(stack, HTTP_AUTHORIZATION="Bearer a-long-scrape-token")[0] == "200"
    assert ready(stack, OUTSIDER, HTTP_AUTHORIZATION="Bearer a-long-scrape-token")[0] == "404"


@pytest.mark.django_db
def test_a_flood_of_probes_runs_the_checks_once_per_cache_time(stack, settings):
    settings.READY_CACHE_SECONDS = 3600  # the whole test is within it, however slow the machine
    assert ready(stack)[0] == "200"
    first = checks_started()
    for _ in range(20):
        assert ready(stack)[0] == "200"
    get(stack, "/_metrics", "127.0.0.1")  # the scrape's vistka_ready gauges reuse it too
    assert checks_started() is first

    settings.READY_CACHE_SECONDS = 0
    ready(stack)
    second = checks_started()
    ready(stack)
    assert first is not second is not checks_started()


@pytest.fixture
def late_purge(settings):
    """A Varnish that has not acknowledged a purge logged two minutes ago (it is unreachable)."""
    settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]
    settings.READY_MAX_PURGE_LAG = 60
    settings.READY_CACHE_SECONDS = 0
    PurgeTarget.objects.create(url="http://127.0.0.1:9/", acknowledged=0)
    event = PurgeEvent.objects.create(keys="story-1")
    PurgeEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(seconds=120))


# Committed rows: the checks run on the readiness worker's own connection.
@pytest.mark.django_db(transaction=True)
def test_purge_lag_degrades_readiness_without_failing_it_unless_asked(stack, settings, late_purge):
    status, body = ready(stack)
    answer = json.loads(body)
    assert status == "200", answer
    assert answer["status"] == "degraded"
    assert answer["checks"]["database"]["ok"] is True
    purge = answer["checks"]["purge"]
    assert purge["ok"] is False and purge["lag_seconds"] >= 60 and purge["backlog"] >= 1
    metrics = get(stack, "/_metrics", "127.0.0.1")[2].decode()
    assert 'vistka_ready{check="purge"} 0.0' in metrics
    lag = next(line for line in metrics.splitlines() if line.startswith("vistka_purge_lag_seconds "))
    assert float(lag.split()[1]) >= 60

    settings.READY_FAIL_ON_PURGE_LAG = True
    status, body = ready(stack)
    assert status == "503"
    assert json.loads(body)["status"] == "not ready"

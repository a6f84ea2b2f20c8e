"""Old addresses at the edge: the fast path (app alone) and a real Varnish keep the 301s, a changed
or deleted redirect and an unpublished target are seen at once, and a flood of unknown
`/?p=<random>` renders nothing and keeps nothing. (Django alone: test_redirects.py.)"""

import secrets
import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest
from django.core.signals import request_started
from django.test.signals import template_rendered
from wagtail.contrib.redirects.models import Redirect

from vistka.delivery.tests.harness import fetch, settle_purges, wait_for
from vistka.delivery.tests.newsroom import publish_story

OLD = "/2019/05/12/bridge-reopens/"
FLOOD = 40


@contextmanager
def counted_renders():
    """Templates rendered meanwhile, in any thread (the app server's too)."""
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(record)


def scene():
    first = publish_story(title="Bridge reopens after repairs")
    second = publish_story(title="Bridge closes again")
    redirects = {
        path: Redirect.objects.create(old_path=Redirect.normalise_path(path), redirect_page=first)
        for path in (OLD, "/?p=123")
    }
    settle_purges()
    return first, second, redirects


def random_wordpress_addresses():
    return [f"/?p={secrets.randbelow(10**9)}&utm_source={secrets.token_hex(3)}" for _ in range(FLOOD)]


def storage_allocations(varnish):
    """Allocations so far in varnishd's page storage (s0) and in its Transient storage."""
    varnishstat = shutil.which("varnishstat") or "/usr/bin/varnishstat"
    done = subprocess.run(  # noqa: S603
        [varnishstat, "-n", str(varnish.workdir), "-1", "-f", "SMA.*.c_req"],
        check=True,
        capture_output=True,
        timeout=10,
        text=True,
    )
    counters = dict(line.split()[:2] for line in done.stdout.splitlines() if line.strip())
    return int(counters["SMA.s0.c_req"]), int(counters["SMA.Transient.c_req"])


@pytest.fixture(autouse=True)
def no_varnish_unless_asked(settings):
    settings.VARNISH_PURGE_URLS = []


def test_the_fast_path_keeps_301s_sees_changes_at_once_and_keeps_no_flood(app, fast_path_store):
    first, second, redirects = scene()
    for path in ("/", "/"):
        fetch(app.url, path)
    assert fetch(app.url, "/").x_cache == "HIT"

    answers = [fetch(app.url, path) for path in (OLD, OLD, "/?p=123", "/?utm_source=x&p=123")]
    assert [(a.status, a.x_cache) for a in answers] == [
        (301, "MISS"),
        (301, "HIT"),
        (301, "MISS"),
        (301, "HIT"),
    ]
    assert {a.header("Location") for a in answers} == {first.url}

    with counted_renders() as rendered:
        assert fetch(app.url, "/no-such-page/").status == 404
    assert rendered, "renders in the app server's thread are not seen"

    # The flood: one indexed query each in Django, no render, nothing stored, the home page kept.
    kept = len(fast_path_store.entries)
    with counted_renders() as rendered:
        flood = [fetch(app.url, path) for path in random_wordpress_addresses()]
    assert {(a.status, a.header("Location")) for a in flood} == {(302, "/")}
    assert rendered == []
    assert len(fast_path_store.entries) == kept
    assert fetch(app.url, "/").x_cache == "HIT"

    # Edited in the newsroom: the next reader gets the new target.
    redirects[OLD].redirect_page = second
    redirects[OLD].save()
    assert (fetch(app.url, OLD).header("Location")) == second.url

    # The target unpublished: the old addresses answer as if they had no redirect, never a 301 to
    # a page that is gone (a WordPress one: the uncached 302 to the root).
    redirects[OLD].redirect_page = first
    redirects[OLD].save()
    assert fetch(app.url, OLD).header("Location") == first.url
    first.unpublish()
    assert fetch(app.url, OLD).status == 404
    gone = fetch(app.url, "/?p=123")
    assert (gone.status, gone.header("Location")) == (302, "/")

    redirects[OLD].delete()
    assert fetch(app.url, OLD).status == 404


@pytest.mark.usefixtures("fast_path_store")
def test_varnish_keeps_301s_purges_edits_at_once_and_stores_no_flood(varnish, app, settings):
    first, second, redirects = scene()
    settings.VARNISH_PURGE_URLS = [f"{varnish.url}/"]
    fetch(varnish.url, "/")
    assert fetch(varnish.url, "/").x_cache == "HIT"

    answers = [fetch(varnish.url, path) for path in (OLD, OLD, "/?p=123", "/?fbclid=y&p=123")]
    assert [(a.status, a.x_cache) for a in answers] == [
        (301, "MISS"),
        (301, "HIT"),
        (301, "MISS"),
        (301, "HIT"),
    ]
    assert {a.header("Location") for a in answers} == {first.url}

    pages_before, transient_before = storage_allocations(varnish)
    with counted_renders() as rendered:
        flood = [fetch(varnish.url, path) for path in random_wordpress_addresses()]
    assert {(a.status, a.header("Location")) for a in flood} == {(302, "/")}
    assert rendered == []
    pages_after, transient_after = storage_allocations(varnish)
    # Only hit-for-miss markers, in Transient storage: nothing that could push a page out.
    assert pages_before > 0 and pages_after == pages_before, (pages_before, pages_after)
    assert transient_after > transient_before
    assert fetch(varnish.url, "/").x_cache == "HIT"

    redirects[OLD].redirect_page = second
    redirects[OLD].save()
    moved, _seconds = wait_for(lambda: fetch(varnish.url, OLD).header("Location") == second.url)
    assert moved, "Varnish still answers the old target"


@contextmanager
def requests_reaching_django():
    """Requests Django began meanwhile, in any thread (the app server's too)."""
    begun = []

    def record(sender, environ, **kwargs):
        begun.append(environ.get("QUERY_STRING", ""))

    request_started.connect(record)
    try:
        yield begun
    finally:
        request_started.disconnect(record)


def test_a_flood_of_unknown_old_addresses_reaches_django_only_within_its_budget(app, settings):
    """Each `/?p=<random>` is a URL no cache holds: beyond OLD_ADDRESS_LOOKUPS_PER_SECOND the fast
    path sends the reader to the root itself, without Django or the database."""
    first, _second, _redirects = scene()
    settings.OLD_ADDRESS_LOOKUPS_PER_SECOND = 5
    fetch(app.url, "/")
    started = time.monotonic()
    with requests_reaching_django() as begun:
        flood = [fetch(app.url, path) for path in random_wordpress_addresses() * 2]
    took = time.monotonic() - started
    assert {(a.status, a.header("Location")) for a in flood} == {(302, "/")}
    assert len(begun) <= 5 + took * 5 + 1, (len(begun), took)

    settings.OLD_ADDRESS_LOOKUPS_PER_SECOND = 50  # a new budget: a real old link is looked up again
    known = fetch(app.url, "/?p=123")
    assert (known.status, known.header("Location")) == (301, first.url)

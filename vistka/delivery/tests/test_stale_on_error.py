"""Stale on error, as the pages' `stale-if-error` promises: a page whose entry expired or was
purged is refilled by the next request, and while Django fails (its database broken for real: a
table it reads renamed away) the kept copy is served (`X-Cache: STALE`) instead of an error; the
latest-news column likewise. Pages never seen still get Django's error; after the database is
back the next refill is fresh."""

import time

from vistka.delivery import fastpath
from vistka.delivery.tests.harness import fetch, pages_table_gone, wait_for
from vistka.delivery.tests.newsroom import publish_story

PAGES = "wagtailcore_page"
MOVED = "h1_page_moved_away"


def no_varnish(settings):
    settings.VARNISH_PURGE_URLS = []


def test_an_expired_page_is_served_stale_while_django_fails(app, settings):
    no_varnish(settings)
    settings.CACHE_TTL = 1
    story = publish_story(title="Tram line 5 reopens")
    first = fetch(app.url, story.url)
    assert first.x_cache == "MISS" and "stale-if-error=86400" in first.header("Cache-Control")
    time.sleep(1.2)
    with pages_table_gone():
        stale = [fetch(app.url, story.url) for _ in range(3)]
        never_seen = fetch(app.url, "/all/")
    assert [(r.status, r.x_cache) for r in stale] == [(200, "STALE")] * 3
    assert all(r.body == first.body for r in stale)
    assert never_seen.status >= 500, "a page never kept has no copy to serve"
    # The database is back: within the retry pause the page is refilled, fresh.
    fresh, _ = wait_for(lambda: fetch(app.url, story.url).x_cache == "MISS", timeout=3, interval=0.1)
    assert fresh


def test_a_purged_page_and_its_column_are_served_stale_while_django_fails(app, settings):
    no_varnish(settings)
    story = publish_story(title="Library extends opening hours")
    first = fetch(app.url, story.url)
    assert fetch(app.url, story.url).x_cache == "HIT"
    assert "Library extends opening hours" in first.text
    # Both the page and the latest-news column it shows are purged (an edit, say) just before.
    fastpath.STORE.purge([f"st-{story.story_number}", "latest-uk"])
    with pages_table_gone():
        stale = fetch(app.url, story.url)
        again = fetch(app.url, story.url)
    assert (stale.status, stale.x_cache) == (200, "STALE")
    assert stale.body == first.body, "the page or its column went missing"
    assert (again.status, again.body) == (200, first.body)
    fresh, _ = wait_for(lambda: fetch(app.url, story.url).x_cache == "MISS", timeout=3, interval=0.1)
    assert fresh


def test_a_fresh_page_keeps_its_column_when_the_column_cannot_be_refilled(app, settings):
    no_varnish(settings)
    story = publish_story(title="New cycle lanes on the embankment")
    first = fetch(app.url, story.url)
    fastpath.STORE.purge(["latest-uk"])  # the column only
    with pages_table_gone():
        hit = fetch(app.url, story.url)
    assert (hit.status, hit.x_cache) == (200, "HIT")
    assert hit.body == first.body


def test_a_copy_past_its_stale_if_error_time_is_not_served(app, settings):
    no_varnish(settings)
    settings.CACHE_TTL = 1
    settings.STALE_IF_ERROR = 1
    story = publish_story(title="Old bridge closes for a week")
    assert fetch(app.url, story.url).x_cache == "MISS"
    time.sleep(2.2)
    with pages_table_gone():
        late = fetch(app.url, story.url)
    assert late.status >= 500 and late.x_cache != "STALE"
    assert fetch(app.url, story.url).x_cache == "MISS"

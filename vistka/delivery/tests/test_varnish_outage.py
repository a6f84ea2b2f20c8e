"""Varnish through an outage: while the app answers 5xx (its database fails for real: the pages
table is renamed away, so every page render raises the driver's own error) or cannot be reached,
every page Varnish still has, soft-purged or expired, is served stale at both layers (the public
copies and the assembler's pages and fragments); pages it never had get the app's own error page,
or, with the app unreachable, a short page in the edition's language with Retry-After, kept for a
few seconds. The app's fast path is emptied first, so only Varnish can serve the stale copies.
"""

import gzip
import time
from contextlib import contextmanager

from django.db import connection

from vistka.delivery.tests.harness import fetch, pages_table_gone
from vistka.delivery.tests.newsroom import publish_story

GZIP = {"Accept-Encoding": "gzip"}


@contextmanager
def database_refusing():
    """The app cannot reach its database at all until the block ends, as in an outage: on
    PostgreSQL new connections are refused and the app's are cut (the test's own stays); on SQLite
    the pages table goes away, which SQLite reports as the same kind of error (OperationalError)."""
    if connection.vendor != "postgresql":
        with pages_table_gone():
            yield
        return
    import psycopg

    settings = connection.settings_dict
    name = connection.ops.quote_name(settings["NAME"])
    connection.ensure_connection()
    own = connection.connection.info.backend_pid
    # A database refuses this for itself: say it from the server's maintenance database.
    admin = psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
        autocommit=True,
    )
    try:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            (settings["NAME"], own),
        )
        yield
    finally:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        admin.close()


def soft_purge(varnish, keys):
    answer = fetch(varnish.url, "/", method="PURGE", headers={"xkey-softpurge": keys})
    assert answer.status == 200, answer.reason


def warm(varnish, path):
    first, second = fetch(varnish.url, path), fetch(varnish.url, path)
    assert (first.status, second.x_cache) == (200, "HIT"), path
    return second


def test_pages_purged_or_expired_before_the_app_fails_are_served_stale(
    varnish, app, settings, fast_path_store, timings
):
    purged_story = publish_story(title="Water supply restored in the east")
    expiring_story = publish_story(title="Night trains return next week")
    page_keys = fetch(app.url, purged_story.url).header("xkey")
    purged = warm(varnish, purged_story.url)
    settings.CACHE_TTL = 1
    expiring = warm(varnish, expiring_story.url)
    assert "s-maxage=1," in fetch(app.url, expiring_story.url).header("Cache-Control")

    purged_url, expiring_url = purged_story.url, expiring_story.url
    fast_path_store.reset()  # the app itself has nothing left to fall back on
    with pages_table_gone():
        assert fetch(app.url, expiring_url).status >= 500, "the app should be failing"
        soft_purge(varnish, page_keys)
        time.sleep(1.2)  # past the short TTL
        answers = []
        for _ in range(5):
            for url, before in ((purged_url, purged), (expiring_url, expiring)):
                plain = fetch(varnish.url, url)
                zipped = fetch(varnish.url, url, headers=GZIP)  # never assembled: the assembler's copy
                answers += [plain, zipped]
                assert (plain.status, zipped.status) == (200, 200), (url, plain.status, zipped.status)
                assert plain.body == before.body
                assert gzip.decompress(zipped.body) == before.body
    stale = sum(1 for answer in answers if answer.x_cache == "STALE")
    timings("outage behind Varnish", {"requests": len(answers), "5xx": 0, "served STALE": stale})
    assert stale >= 2, [answer.x_cache for answer in answers]


def test_a_page_is_assembled_with_its_stale_column_when_the_column_cannot_be_fetched(
    varnish, app, fast_path_store
):
    story = publish_story(title="Ferry service suspended in the wind")
    before = warm(varnish, story.url)
    assert 'class="latest"' in before.text
    column_keys = fetch(app.url, "/_fragments/latest/uk/").header("xkey")
    url = story.url

    fast_path_store.reset()
    with pages_table_gone():
        soft_purge(varnish, column_keys)
        zipped = fetch(varnish.url, url, headers=GZIP)
    assert zipped.status == 200
    assert gzip.decompress(zipped.body) == before.body, "the column was not the stale one"


def test_pages_never_cached_get_the_apps_own_error_for_a_few_seconds(varnish, app, fast_path_store):
    url = publish_story(title="Bridge closed for inspection").url
    with database_refusing():
        direct = fetch(app.url, url)
        first = fetch(varnish.url, url)
        again = fetch(varnish.url, url)
    assert first.status == direct.status >= 500
    assert first.body == direct.body, "Varnish replaced the app's own error page"
    assert again.x_cache == "HIT", "every reader's request went on to the failing app"
    time.sleep(5.5)
    assert fetch(varnish.url, url).status == 200, "the error was kept longer than a few seconds"


def test_with_the_app_unreachable_uncached_pages_get_a_short_page_in_the_editions_language(varnish, app):
    app.stop()
    expected = {
        "/no-such-story/": ("uk", "Сайт тимчасово недоступний"),
        "/ru/no-such-story/": ("ru", "Сайт временно недоступен"),
        "/en/no-such-story/": ("en", "The site is temporarily unavailable"),
        "/ru": ("ru", "Сайт временно недоступен"),
        "/english/": ("uk", "Сайт тимчасово недоступний"),
    }
    for path, (language, words) in expected.items():
        first = fetch(varnish.url, path)
        assert first.status == 503, path
        assert f'lang="{language}"' in first.text and words in first.text, (path, first.text)
        assert first.header("Retry-After") == "30"
        assert "max-age=5" in first.header("Cache-Control"), first.header("Cache-Control")
        assert first.header("X-Request-Id")
        assert fetch(varnish.url, path).x_cache == "HIT", f"{path}: a crowd would each wait for the app"

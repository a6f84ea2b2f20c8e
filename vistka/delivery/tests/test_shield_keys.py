"""What goes into the fast path's key cannot be used to make it render: parameters a route does
not read, Host variants, unknown hosts; and a flood of one-off URLs does not evict hot pages.

Renders are counted where Django is called (a WSGI wrapper between the real fast path and the
real Django application), over HTTP."""

import secrets
from contextlib import contextmanager

import pytest

from vistka.delivery import fastpath
from vistka.delivery.tests.conftest import clear_record_caches
from vistka.delivery.tests.harness import AppServer, fetch, free_port
from vistka.delivery.tests.newsroom import publish_story


class Counted:
    """Django's WSGI application, counting calls by path."""

    def __init__(self, app):
        self.app = app
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append((environ.get("HTTP_HOST"), environ.get("PATH_INFO"), environ.get("QUERY_STRING")))
        return self.app(environ, start_response)

    def renders(self, path):
        return sum(1 for _host, called, _query in self.calls if called == path)


@contextmanager
def counted_app(store):
    from vistka.wsgi import django_application

    django = Counted(django_application)
    clear_record_caches()
    server = AppServer(free_port(), app=fastpath.FastPath(django, store=store)).start()
    try:
        yield server, django
    finally:
        server.stop()
        clear_record_caches()


@pytest.fixture
def no_varnish(settings):
    settings.VARNISH_PURGE_URLS = []


def test_parameters_a_story_does_not_read_neither_reach_django_nor_make_entries(transactional_db, no_varnish):
    story = publish_story(title="Bridge repairs finish early")
    store = fastpath.Store()
    with counted_app(store) as (server, django):
        for _ in range(30):
            query = f"q={secrets.token_hex(6)}&offset={secrets.randbelow(999)}&before=x&utm_source=y"
            response = fetch(server.url, f"{story.url}?{query}")
            assert response.status == 200
        assert django.renders(story.url) == 1
        assert [query for _h, path, query in django.calls if path == story.url] == [""]
        assert [url for url in store.entries if story.url in url] == [f"127.0.0.1:{server.port}{story.url}?"]
        # A route that reads a parameter keeps it (sorted, others dropped): search.
        fetch(server.url, "/search/?utm=1&q=bridge&order=new")
        assert ("/search/", "order=new&q=bridge") in [(p, q) for _h, p, q in django.calls]


def test_host_variants_share_one_entry_and_unknown_hosts_make_none(transactional_db, no_varnish):
    story = publish_story(title="Ferry timetable changes")
    store = fastpath.Store()
    with counted_app(store) as (server, django):
        variants = ["127.0.0.1", "127.0.0.1.", "127.0.0.1:80", "127.0.0.1:1234", "127.0.0.1.:81"]
        responses = [fetch(server.url, story.url, headers={"Host": host}) for host in variants]
        assert [r.status for r in responses] == [200] * len(variants)
        assert [r.x_cache for r in responses] == ["MISS"] + ["HIT"] * (len(variants) - 1)
        named = ["LOCALHOST", "localhost.", "LocalHost:80", f"localhost:{server.port}"]
        responses = [fetch(server.url, story.url, headers={"Host": host}) for host in named]
        assert [r.x_cache for r in responses] == ["MISS", "HIT", "HIT", "MISS"]
        assert {host for host, path, _q in django.calls if path == story.url} == {
            "127.0.0.1",
            "localhost",
            f"localhost:{server.port}",
        }
        before = set(store.entries)
        for _ in range(20):
            refused = fetch(server.url, story.url, headers={"Host": f"{secrets.token_hex(5)}.example"})
            assert refused.status == 400 and refused.x_cache is None
        assert set(store.entries) == before, "an unknown host made entries"


def test_a_flood_of_one_off_urls_does_not_evict_a_hot_page(transactional_db, no_varnish):
    hot = publish_story(title="Power cut schedule for Monday")
    store = fastpath.Store(max_entries=40)
    with counted_app(store) as (server, django):
        assert fetch(server.url, hot.url).x_cache == "MISS"
        states = []
        for number in range(240):
            assert fetch(server.url, f"/no-such-page-{number}/").status == 404
            if number % 8 == 0:
                states.append(fetch(server.url, hot.url).x_cache)
        assert set(states) == {"HIT"}, states
        assert django.renders(hot.url) == 1
        assert len(store.entries) <= 40
        assert len(store.fill_locks) == 0, "fill locks of one-off URLs were kept"
        # Purges by key still reach it.
        store.purge([f"st-{hot.story_number}"])
        assert fetch(server.url, hot.url).x_cache == "MISS"


def test_the_store_keeps_within_its_byte_limit_and_hot_pages_survive_it(transactional_db, no_varnish):
    hot = publish_story(title="Water pressure low in the east")
    store = fastpath.Store(max_entries=10_000, max_bytes=400_000)
    with counted_app(store) as (server, _django):
        fetch(server.url, hot.url)
        for number in range(120):
            fetch(server.url, f"/missing-{number}/")
            if number % 10 == 0:
                assert fetch(server.url, hot.url).x_cache == "HIT"
        assert store.bytes["probation"] + store.bytes["protected"] <= 400_000
        assert len(store.entries) < 120
        assert sum(entry.size for entry in store.entries.values()) == sum(store.bytes.values())

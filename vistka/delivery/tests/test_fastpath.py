"""The app alone (no Varnish): the fast path's in-process cache in front of Django, over real HTTP.

It must serve exactly what Django renders, negotiate encodings and conditional requests correctly,
drop entries when this process publishes and when another process logs a purge, and show a
publication everywhere within two seconds.
"""

import gzip
import io
import time
import wsgiref.util

import brotli
import pytest

from vistka.delivery import fastpath
from vistka.delivery.models import PurgeEvent
from vistka.delivery.tests.harness import fetch, settle_purges, until_all, wait_for
from vistka.delivery.tests.newsroom import Scene, publish_story, records, reread
from vistka.stories.factories import bring_to_state

PUBLISH_BUDGET = 2.0
# Headers that legitimately differ between the fast path and Django (xkey: see below).
OWN_HEADERS = {"etag", "x-cache", "server", "content-length", "xkey"}
# Headers each response carries with a value of its own (the observability wrapper's request id):
# compared by presence, not value.
PER_RESPONSE = {"date", "x-request-id"}


@pytest.fixture(autouse=True)
def no_varnish(settings):
    settings.VARNISH_PURGE_URLS = []


def store_key(app, path, query=""):
    """The fast path's key for a page requested over HTTP from this app server."""
    return f"127.0.0.1:{app.port}{path}?{query}"


def comparable_headers(response):
    return sorted(
        (k.lower(), "<per response>" if k.lower() in PER_RESPONSE else v)
        for k, v in response.raw_headers
        if k.lower() not in OWN_HEADERS
    )


def pages_of_every_kind():
    mine = records("uk", "Politics")
    story = publish_story(
        title="Water supply restored",
        section=mine["section"],
        tags=[mine["tag"]],
        authors=[mine["author"]],
    )
    publish_story(title="Second story for the lists", section=mine["section"], tags=[mine["tag"]])
    return story, {
        "home": "/",
        "article": story.url,
        "tag page": f"/tags/{mine['tag'].slug}/",
        "feed": "/rss/",
        "sitemap": "/sitemap.xml",
        "not found": "/no-such-page/",
    }


def wsgi_call(application, method, path, headers=None, host="127.0.0.1"):
    """The WSGI application called directly: status, headers and the body chunks it returned."""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": host, "wsgi.input": io.BytesIO()}
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    wsgiref.util.setup_testing_defaults(environ)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=response_headers)
        return lambda data: None

    result = application(environ, start_response)
    try:
        chunks = list(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return started["status"], dict(started["headers"]), chunks


def test_the_fast_path_serves_what_django_renders_byte_for_byte_in_every_encoding(app, settings):
    from vistka.wsgi import application

    _story, pages = pages_of_every_kind()
    for name, path in pages.items():
        settings.FAST_PATH_ENABLED = False
        django = fetch(app.url, path)
        settings.FAST_PATH_ENABLED = True
        miss, hit = fetch(app.url, path), fetch(app.url, path)

        # Identity: exactly Django's bytes and headers, from the first request on.
        assert django.header("X-Cache") is None, name
        assert (miss.x_cache, hit.x_cache) == ("MISS", "HIT"), name
        assert miss.status == hit.status == django.status, name
        assert miss.header("Content-Encoding") is None and django.header("Content-Encoding") is None
        assert miss.body == django.body, f"{name}: fast path (miss) differs from Django"
        assert hit.body == django.body, f"{name}: fast path (hit) differs from Django"
        assert comparable_headers(miss) == comparable_headers(django), name
        # The fast path keeps the latest-news column apart, under its own keys; Django, joining it
        # in, names them on the page too.
        fast_keys, django_keys = set(miss.header("xkey").split()), set(django.header("xkey").split())
        assert fast_keys <= django_keys and django_keys - fast_keys <= {"latest-uk"}, name
        assert int(hit.header("Content-Length")) == len(hit.body), name
        assert "Accept-Encoding" in hit.header_values("Vary"), name

        # Conditional requests: 304 for the current ETag of a page (never for an error page).
        etag = hit.header("ETag")
        assert etag and etag.startswith('"') and miss.header("ETag") == etag, name
        conditional = fetch(app.url, path, headers={"If-None-Match": etag})
        if django.status == 200:
            assert (conditional.status, conditional.body) == (304, b""), name
            assert conditional.header("ETag") == etag
            assert fetch(app.url, path, headers={"If-None-Match": f'"other", W/{etag}'}).status == 304
        else:
            assert (conditional.status, conditional.body) == (django.status, django.body), name
        assert fetch(app.url, path, headers={"If-None-Match": '"something-else"'}).body == django.body

        # Encodings: brotli or gzip when asked for (bodies over 512 bytes), each decoding to Django's.
        br = fetch(app.url, path, headers={"Accept-Encoding": "br"})
        gz = fetch(app.url, path, headers={"Accept-Encoding": "gzip"})
        browser = fetch(app.url, path, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        plain = fetch(app.url, path, headers={"Accept-Encoding": "identity"})
        if len(django.body) > 512:
            assert br.header("Content-Encoding") == "br", name
            assert brotli.decompress(br.body) == django.body, name
            assert gz.header("Content-Encoding") == "gzip", name
            assert gzip.decompress(gz.body) == django.body, name
            assert (browser.header("Content-Encoding"), browser.body) == ("br", br.body), name
        else:
            for response in (br, gz, browser):
                assert (response.header("Content-Encoding"), response.body) == (None, django.body), name
        assert (plain.header("Content-Encoding"), plain.body) == (None, django.body), name
        for response in (br, gz, browser, plain):
            assert response.status == django.status, name
            assert int(response.header("Content-Length")) == len(response.body), name
            assert "Accept-Encoding" in response.header_values("Vary"), name

        # HEAD: the same headers, no body.
        head = fetch(app.url, path, method="HEAD", headers={"Accept-Encoding": "br"})
        assert head.status == django.status, name
        assert head.header("Content-Encoding") == br.header("Content-Encoding"), name
        assert int(head.header("Content-Length")) == len(br.body), name
        assert head.header("ETag") == etag, name
        assert head.header("Content-Type") == django.header("Content-Type"), name
        # The HTTP server would hide a body sent with HEAD; the application itself must not send one.
        status, headers, chunks = wsgi_call(application, "HEAD", path, host=f"127.0.0.1:{app.port}")
        assert status[:3] == str(django.status), name
        assert headers["Content-Length"] == str(len(django.body)), name
        assert b"".join(chunks) == b"", name

    assert {store_key(app, path) for path in pages.values()} <= set(fastpath.STORE.entries)


def test_encodings_the_client_refuses_with_q_0_are_not_sent(app):
    """RFC 9110 §12.5.3: "br;q=0" means "not br"; a client that says so cannot decode it."""
    path = publish_story(title="Heating season starts early").url
    identity = fetch(app.url, path)

    no_br = fetch(app.url, path, headers={"Accept-Encoding": "br;q=0, gzip"})
    assert no_br.header("Content-Encoding") == "gzip"
    assert gzip.decompress(no_br.body) == identity.body

    nothing = fetch(app.url, path, headers={"Accept-Encoding": "gzip;q=0, br;q=0"})
    assert nothing.header("Content-Encoding") is None
    assert nothing.body == identity.body


def test_hits_misses_and_purges_logged_by_another_process(app, timings):
    story = publish_story(title="Stadium renovation begins")
    neighbour = publish_story(title="Museum opens a new wing")

    assert [fetch(app.url, story.url).x_cache for _ in range(2)] == ["MISS", "HIT"]
    assert fetch(app.url, f"{story.url}?utm_source=x&fbclid=y").x_cache == "HIT"
    assert fetch(app.url, f"{story.url}?q=stadium").x_cache == "HIT"  # a story reads no parameters
    assert [fetch(app.url, neighbour.url).x_cache for _ in range(2)] == ["MISS", "HIT"]
    assert store_key(app, story.url) in fastpath.STORE.entries

    # Another process publishes the neighbour: it only writes the purge log.
    PurgeEvent.objects.create(keys=f"st-{neighbour.story_number}")
    dropped, _ = wait_for(lambda: fetch(app.url, neighbour.url).x_cache == "MISS", timeout=2, interval=0.05)
    assert dropped
    assert fetch(app.url, story.url).x_cache == "HIT", "a purge of another story dropped this one"

    PurgeEvent.objects.create(keys=f"sitemap st-{story.story_number}")
    dropped, elapsed = wait_for(lambda: fetch(app.url, story.url).x_cache == "MISS", timeout=2, interval=0.05)
    timings("purge logged by another process → fast path entry dropped", {"seconds": elapsed})
    assert dropped
    # The log is read at most every POLL_INTERVAL (0.5 s) on the next request; allow one request more.
    assert elapsed < fastpath.POLL_INTERVAL + 0.25, elapsed


def test_publishing_shows_the_story_everywhere_through_the_app_alone(app, timings):
    scene = Scene()
    lists = scene.lists
    for path in lists.values():
        assert [fetch(app.url, path).x_cache for _ in range(2)] == ["MISS", "HIT"], path
    unrelated_entry = fastpath.STORE.entries[store_key(app, scene.unrelated_page)]
    draft = scene.draft("Council approves the new budget")

    started = time.monotonic()
    bring_to_state(draft, "published")
    committed = time.monotonic() - started
    seen = until_all(
        app.url,
        {
            path: lambda r: r.status == 200 and "Council approves the new budget" in r.text
            for path in lists.values()
        },
        started,
        timeout=PUBLISH_BUDGET + 3,
    )

    by_list = {name: seen[path] for name, path in lists.items()}
    timings("publish → visible, app alone (fast path)", {"commit+purge": committed, **by_list})
    assert None not in by_list.values(), by_list
    assert max(by_list.values()) < PUBLISH_BUDGET, by_list

    # The unrelated page kept its entry; only the latest-news fragment joined to it is new.
    unrelated = fetch(app.url, scene.unrelated_page)
    assert unrelated.x_cache == "HIT"
    assert "Council approves the new budget" in unrelated.text
    assert fastpath.STORE.entries[store_key(app, scene.unrelated_page)] is unrelated_entry


def test_unpublishing_removes_the_story_everywhere_through_the_app_alone(app, timings):
    scene = Scene()
    story = reread(bring_to_state(scene.draft("Mayor resigns"), "published"))
    settle_purges()  # the setup's own purges, before the pages are cached (harness.settle_purges)
    watched = {**scene.lists, "story": story.url}
    for path in watched.values():
        fetch(app.url, path)
        response = fetch(app.url, path)
        assert response.x_cache == "HIT" and "Mayor resigns" in response.text, path

    started = time.monotonic()
    story.unpublish()
    expectations = {path: (lambda r: "Mayor resigns" not in r.text) for path in scene.lists.values()}
    expectations[story.url] = lambda r: r.status == 404
    seen = until_all(app.url, expectations, started, timeout=PUBLISH_BUDGET + 3)

    by_name = {name: seen[path] for name, path in watched.items()}
    timings("unpublish → gone, app alone (fast path)", by_name)
    assert None not in by_name.values(), by_name
    assert max(by_name.values()) < PUBLISH_BUDGET, by_name


def test_a_section_renamed_by_another_process_is_in_the_menu_of_the_pages_this_one_renders(app):
    """With the per-process cache, the other process's rename forgets the menu only there; its
    purge reaches this process through the purge log, and the pages re-rendered here must not be
    built from this process's old copy of the menu (they would stay cached with it)."""
    from vistka.stories.factories import SectionFactory
    from vistka.taxonomy.models import Section

    section = SectionFactory(name="Погода", slug="pohoda")
    story = publish_story(title="Synoptics promise snow")
    for path in ("/", story.url):
        assert [fetch(app.url, path).x_cache for _ in range(2)] == ["MISS", "HIT"], path
        assert "Погода" in fetch(app.url, path).text

    # The other process: the rename (no signals here, as none reach this process) and its purge.
    Section.objects.filter(pk=section.pk).update(name="Клімат")
    PurgeEvent.objects.create(keys=f"sec-{section.pk} rec-sec-{section.pk} edition-uk")

    def renamed():
        pages = [fetch(app.url, path) for path in ("/", story.url)]
        return all(p.x_cache == "MISS" or "Клімат" in p.text for p in pages) and pages

    pages, _elapsed = wait_for(renamed, timeout=2, interval=0.05)
    assert pages, "the purge was not applied"
    for page in (fetch(app.url, "/"), fetch(app.url, story.url)):
        assert "Клімат" in page.text and "Погода" not in page.text

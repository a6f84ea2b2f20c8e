"""Vistka behind a real Varnish running deploy/varnish/vistka.vcl, in front of the app (fast path and
Django) on a real port: cache keys, purges on publish and unpublish, grace, the error page. (Cookies,
sessions and the admin: test_headers.py.)

Publish→visible times are measured from the start of the publish call (which commits and purges)
to the first response showing the change, polling every 100 ms.
"""

import time

from vistka.delivery.tests.harness import fetch, until_all, wait_for
from vistka.delivery.tests.newsroom import Scene, publish_story, reread
from vistka.stories.factories import bring_to_state

PUBLISH_BUDGET = 2.0  # seconds from publishing to every list showing the story


def hit_after_miss(base, path, **kwargs):
    first, second = fetch(base, path, **kwargs), fetch(base, path, **kwargs)
    return first, second


def test_pages_are_cached_once_whatever_junk_the_query_carries_and_keep_their_keys_inside(varnish, app):
    story = publish_story(title="Bridge reopens after repairs")

    first, second = hit_after_miss(varnish.url, "/")
    assert (first.status, first.x_cache) == (200, "MISS")
    assert (second.status, second.x_cache) == (200, "HIT")
    assert second.body == first.body

    junk = fetch(varnish.url, "/?utm_source=x&fbclid=y")
    assert (junk.status, junk.x_cache) == (200, "HIT")
    assert junk.body == first.body

    # Parameters the site reads split the cache; junk beside them, in any order, does not.
    search = fetch(varnish.url, "/search/?q=bridge&utm_campaign=z")
    assert (search.status, search.x_cache) == (200, "MISS")
    assert "Bridge reopens after repairs" in search.text
    again = fetch(varnish.url, "/search/?gclid=1&q=bridge")
    assert again.x_cache == "HIT"
    other = fetch(varnish.url, "/search/?q=repairs")
    assert other.x_cache == "MISS"

    article = fetch(varnish.url, story.url)
    assert (article.status, article.x_cache) == (200, "MISS")
    assert "Bridge reopens after repairs" in article.text
    assert fetch(varnish.url, story.url).x_cache == "HIT"

    # The app names each response's cache keys for Varnish; clients never see them.
    for path in (story.url, "/", "/_fragments/latest/uk/", "/rss/", "/sitemap.xml", "/no-such-page/"):
        direct = fetch(app.url, path)
        assert direct.header("xkey"), f"{path}: the app names no cache keys"
        edge = fetch(varnish.url, path)
        assert edge.status == direct.status, path
        assert edge.header("xkey") is None, path
        cache_control = edge.header("Cache-Control")
        for directive in ("public", "s-maxage=", "stale-while-revalidate=", "stale-if-error="):
            assert directive in cache_control, (path, cache_control)


def test_publishing_shows_the_story_on_every_list_within_two_seconds(varnish, app, timings):
    scene = Scene()
    lists = scene.lists
    for path in lists.values():
        first, second = hit_after_miss(varnish.url, path)
        assert (first.status, first.x_cache, second.x_cache) == (200, "MISS", "HIT"), path
    warmed_unrelated = time.monotonic()
    draft = scene.draft("Council approves the new budget")
    for path in lists.values():
        assert "Council approves the new budget" not in fetch(varnish.url, path).text
    # The unrelated page's Age must be able to show that it was not fetched again.
    time.sleep(max(0.0, 1.1 - (time.monotonic() - warmed_unrelated)))

    started = time.monotonic()
    bring_to_state(draft, "published")
    committed = time.monotonic() - started
    seen = until_all(
        varnish.url,
        {
            path: lambda r: r.status == 200 and "Council approves the new budget" in r.text
            for path in lists.values()
        },
        started,
        timeout=PUBLISH_BUDGET + 3,
    )

    by_list = {name: seen[path] for name, path in lists.items()}
    timings("publish → visible, through Varnish", {"commit+purge": committed, **by_list})
    assert None not in by_list.values(), by_list
    assert max(by_list.values()) < PUBLISH_BUDGET, by_list

    # The unrelated story's page was not purged: only its latest-news fragment was refreshed.
    unrelated = fetch(varnish.url, scene.unrelated_page)
    assert "Council approves the new budget" in unrelated.text
    assert unrelated.x_cache == "HIT"
    assert int(unrelated.header("Age")) >= 1, "the page object was fetched again after the publish"

    story = reread(draft)
    shown = fetch(varnish.url, story.url)
    assert shown.status == 200 and "Council approves the new budget" in shown.text


def test_unpublishing_removes_the_story_everywhere_within_two_seconds(varnish, app, timings):
    scene = Scene()
    story = reread(bring_to_state(scene.draft("Mayor resigns"), "published"))
    watched = {**scene.lists, "story": story.url}
    for path in watched.values():
        first, second = hit_after_miss(varnish.url, path)
        assert second.x_cache == "HIT", path
        assert "Mayor resigns" in second.text, path

    started = time.monotonic()
    story.unpublish()
    expectations = {path: (lambda r: "Mayor resigns" not in r.text) for path in scene.lists.values()}
    expectations[story.url] = lambda r: r.status == 404
    seen = until_all(varnish.url, expectations, started, timeout=PUBLISH_BUDGET + 3)

    by_name = {name: seen[path] for name, path in watched.items()}
    timings("unpublish → gone, through Varnish", by_name)
    assert None not in by_name.values(), by_name
    assert max(by_name.values()) < PUBLISH_BUDGET, by_name
    gone = fetch(varnish.url, story.url)
    assert gone.status == 404
    for path in scene.lists.values():
        response = fetch(varnish.url, path)
        assert response.status == 200 and "Mayor resigns" not in response.text, path


def test_with_the_app_down_cached_pages_are_served_and_others_get_the_error_page(varnish, app, settings):
    settings.CACHE_TTL = 1  # pages go stale after a second: what is served next is grace
    story = publish_story(title="Power cut in the old town")
    first, second = hit_after_miss(varnish.url, story.url)
    assert (first.x_cache, second.x_cache) == ("MISS", "HIT")
    assert "s-maxage=1," in first.header("Cache-Control")

    app.stop()
    time.sleep(1.2)  # past the TTL

    stale = fetch(varnish.url, story.url)
    assert stale.status == 200
    assert stale.body == second.body
    assert int(stale.header("Age")) >= 1

    # Once Varnish's probe has marked the app sick, grace still serves the page.
    sick, _ = wait_for(lambda: varnish.backend_health() == "sick", timeout=8)
    assert sick, "Varnish's probe never noticed the app was down"
    still = fetch(varnish.url, story.url)
    assert still.status == 200
    assert still.body == second.body

    never_cached = fetch(varnish.url, "/all/")
    assert never_cached.status == 503
    assert "Сайт тимчасово недоступний" in never_cached.text  # the edition's language (Ukrainian)
    assert never_cached.header("Retry-After") == "30"
    assert "max-age=5" in never_cached.header("Cache-Control")  # the same page for a few seconds


def test_plain_and_gzip_clients_each_get_a_ready_assembled_copy(varnish, app):
    story = publish_story(title="Tram line extended to the station")
    gzip = {"Accept-Encoding": "gzip"}
    plain_first, plain = hit_after_miss(varnish.url, story.url)
    zipped_first, zipped = hit_after_miss(varnish.url, story.url, headers=gzip)
    refused = fetch(varnish.url, story.url, headers={"Accept-Encoding": "gzip;q=0, br"})
    assert (plain_first.x_cache, plain.x_cache) == ("MISS", "HIT")
    assert (zipped_first.x_cache, zipped.x_cache) == ("MISS", "HIT")
    assert plain.header("Content-Encoding") is None
    assert zipped.header("Content-Encoding") == "gzip"
    assert refused.header("Content-Encoding") is None and refused.x_cache == "HIT"
    # Both copies are assembled: the latest-news column is in them, not an ESI tag.
    import gzip as gz

    for body in (plain.body, gz.decompress(zipped.body)):
        text = body.decode()
        assert "esi:include" not in text and 'class="latest"' in text
        assert "Tram line extended to the station" in text
    assert gz.decompress(zipped.body) == plain.body


def test_a_new_story_gives_assembled_pages_new_validators_so_browsers_see_the_new_column(varnish, app):
    scene = Scene()
    before = fetch(varnish.url, scene.unrelated_page)
    etag, modified = before.header("ETag"), before.header("Last-Modified")
    assert etag and modified
    revalidated = fetch(varnish.url, scene.unrelated_page, headers={"If-None-Match": etag})
    assert revalidated.status == 304

    time.sleep(1.1)  # Last-Modified has a one-second resolution
    bring_to_state(scene.draft("Ferry timetable changes for winter"), "published")
    seen = until_all(
        varnish.url,
        {scene.unrelated_page: lambda r: "Ferry timetable changes for winter" in r.text},
        time.monotonic(),
        timeout=PUBLISH_BUDGET + 3,
    )
    assert None not in seen.values()
    after = fetch(varnish.url, scene.unrelated_page, headers={"If-None-Match": etag})
    assert after.status == 200, "a browser holding the old copy was told it is still current"
    assert after.header("ETag") != etag
    since = fetch(varnish.url, scene.unrelated_page, headers={"If-Modified-Since": modified})
    assert since.status == 200


def test_the_assemblers_socket_takes_no_purges(varnish, app):
    import socket

    from vistka.delivery.varnish_config import INNER_SOCKET

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        client.connect(str(varnish.dir / INNER_SOCKET))
        client.sendall(b"PURGE / HTTP/1.1\r\nHost: x\r\nxkey-purge: latest-uk\r\nConnection: close\r\n\r\n")
        answer = client.recv(200)
    assert answer.startswith(b"HTTP/1.1 403"), answer


def test_the_assemblers_socket_is_open_to_varnishd_alone(varnish, app):
    """The loopback socket Varnish assembles pages through answered anyone on the machine (mode
    666): a local user could have fed it requests past the public listener's rules."""
    from vistka.delivery.varnish_config import INNER_SOCKET

    assert fetch(varnish.url, "/").status == 200  # pages are still assembled through it
    mode = (varnish.dir / INNER_SOCKET).stat().st_mode
    assert mode & 0o007 == 0, oct(mode)

"""Cache headers: every public response may be kept by shared caches and served stale while it is
refreshed or while the app is failing; cookies never split or block that; admin, preview and health
responses, and signed-in readers' requests, are private and never kept by the fast path or Varnish.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from vistka.delivery import fastpath
from vistka.delivery.tests.harness import fetch
from vistka.delivery.tests.newsroom import KYIV, publish_story, records

STALE_DIRECTIVES = ("public", "s-maxage=", "stale-while-revalidate=", "stale-if-error=")


@pytest.mark.django_db
def test_public_responses_may_be_shared_and_served_stale(client):
    mine = records("uk", "Politics")
    story = publish_story(
        title="Roadworks on the ring road",
        section=mine["section"],
        tags=[mine["tag"]],
        authors=[mine["author"]],
    )
    day = story.first_published_at.astimezone(KYIV)
    public = [
        "/",
        "/ru/",
        "/en/",
        story.url,
        "/all/",
        "/news/",
        f"/sections/{mine['section'].slug}/",
        f"/tags/{mine['tag'].slug}/",
        f"/authors/{mine['author'].slug}/",
        f"/archive/{day:%Y/%m/%d}/",
        "/search/?q=roadworks",
        "/rss/",
        "/atom/",
        "/json/",
        f"/tags/{mine['tag'].slug}/rss/",
        "/sitemap.xml",
        "/sitemaps/news.xml",
        "/_fragments/latest/uk/",
        "/no-such-page/",
    ]
    for path in public:
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        cache_control = response.headers.get("Cache-Control", "")
        for directive in STALE_DIRECTIVES:
            assert directive in cache_control, (path, cache_control)
        assert "private" not in cache_control and "no-cache" not in cache_control, path
        assert response.headers.get("xkey"), path
        assert "Accept-Encoding" in response.headers.get("Vary", ""), path
        assert not response.cookies, path


def private(cache_control):
    return bool(cache_control) and any(word in cache_control for word in ("private", "no-store", "no-cache"))


def test_cookies_never_split_the_cache_and_private_traffic_is_never_kept(varnish, app):
    story = publish_story(title="Snow expected on Friday")

    # Cookies on a public page are dropped at the edge: one shared copy, no cookies set.
    cookies = {"Cookie": "_ga=GA1.2.3; csrftoken=abc; theme=dark"}
    with_cookies = fetch(varnish.url, story.url, headers=cookies)
    assert (with_cookies.status, with_cookies.x_cache) == (200, "MISS")
    without = fetch(varnish.url, story.url)
    assert without.x_cache == "HIT", "a request with cookies must fill the shared cache"
    assert fetch(varnish.url, story.url, headers=cookies).x_cache == "HIT"
    assert with_cookies.body == without.body
    assert with_cookies.header("Set-Cookie") is None and without.header("Set-Cookie") is None

    # A signed-in editor: the draft preview and the admin are private; Varnish passes them, and
    # passes the editor's public pages too; the fast path keeps none of them.
    story.title = "Snow expected on Friday and Saturday"
    story.save_revision()
    editor = get_user_model().objects.create_superuser("chief", "chief@vistka.test", "pw")
    browser = Client()
    browser.force_login(editor)
    signed_in = {"Cookie": f"theme=dark; sessionid={browser.cookies['sessionid'].value}"}
    preview_path = f"/admin/pages/{story.pk}/view_draft/"

    preview = fetch(app.url, preview_path, headers=signed_in)
    assert preview.status == 200
    assert "Snow expected on Friday and Saturday" in preview.text
    responses = {
        "preview": preview,
        "dashboard": fetch(app.url, "/admin/", headers=signed_in),
        "login": fetch(app.url, "/admin/login/"),
        "health": fetch(app.url, "/_health/"),
    }
    for name, response in responses.items():
        assert response.status == 200, name
        cache_control = response.header("Cache-Control")
        assert private(cache_control), (name, cache_control)
        assert "public" not in cache_control and "s-maxage" not in cache_control, (name, cache_control)
        assert response.header("xkey") is None, name
        assert response.header("X-Cache") is None, f"{name} went through the fast path's cache"
    # Without the staff marker (vistka_staff: a real staff session's, see test_shield_cookies) a
    # session cookie is a reader's: the shared copy.
    reader_view = fetch(app.url, story.url, headers=signed_in)
    assert reader_view.status == 200 and reader_view.header("X-Cache") in ("MISS", "HIT")

    for path, headers in [
        (preview_path, signed_in),
        ("/admin/", signed_in),
        ("/admin/login/", {}),
    ]:
        twice = [fetch(varnish.url, path, headers=headers) for _ in range(2)]
        assert [r.status for r in twice] == [200, 200], path
        assert [r.x_cache for r in twice] == ["MISS", "MISS"], f"{path} was cached by Varnish"
    assert "Snow expected on Friday and Saturday" not in fetch(varnish.url, story.url).text

    kept = list(fastpath.STORE.entries)
    assert not [key for key in kept if "/admin/" in key or "/_health/" in key], kept

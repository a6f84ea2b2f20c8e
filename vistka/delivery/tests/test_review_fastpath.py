"""Finding of the delivery review in the fast path: its key ignores the reader's language and
credentials (as Varnish's does, which removes them), so the render it keeps for everyone must not
see them either: a route outside the editions' paths could otherwise be rendered in one reader's
language (LocaleMiddleware reads Accept-Language) and stored for all.

The real Django stack runs under the fast path; a thin layer between them notes the headers each
render received."""

import pytest

from vistka.delivery.fastpath import FastPath
from vistka.delivery.tests.newsroom import publish_story
from vistka.delivery.tests.test_surrogate_capability import application, get  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

READER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9", "HTTP_AUTHORIZATION": "Basic cmVhZGVyOnB3"}
SEEN = ("HTTP_ACCEPT_LANGUAGE", "HTTP_AUTHORIZATION", "HTTP_COOKIE")


class Noting:
    """Django, noting which of SEEN each render's environ carried."""

    def __init__(self, django):
        self.django = django
        self.renders = []

    def __call__(self, environ, start_response):
        self.renders.append({name: environ[name] for name in SEEN if name in environ})
        return self.django(environ, start_response)


def test_a_kept_render_sees_no_readers_language_or_credentials(application, fast_path_store):  # noqa: F811
    django = Noting(application.app)
    fast_path = FastPath(django, store=fast_path_store)
    story = publish_story(title="Libraries open on Sundays")
    paths = [story.url, "/rss/", "/sitemap.xml", "/_fragments/latest/en/"]

    for path in paths:
        status, headers, body = get(fast_path, path, "203.0.113.9", HTTP_COOKIE="sessionid=abc", **READER)
        assert status.startswith("200"), (path, status)
        assert headers.get("X-Cache") == "MISS", path

    # Every render (the pages, and the latest-news column the story's page was joined with).
    assert len(django.renders) >= len(paths)
    assert django.renders == [{}] * len(django.renders)


def test_a_render_that_is_not_kept_still_sees_the_readers_own_headers(application, fast_path_store):  # noqa: F811
    """The admin is never kept: Django gets the request as it came."""
    django = Noting(application.app)
    fast_path = FastPath(django, store=fast_path_store)

    get(fast_path, "/admin/login/", "203.0.113.9", **READER)

    assert django.renders == [{name: READER[name] for name in READER}]

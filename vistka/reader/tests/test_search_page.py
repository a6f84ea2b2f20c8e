"""/search/ is served without Wagtail's page routing, with the page Wagtail's routing would give."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from vistka.editions import languages
from vistka.reader.search import published_texts
from vistka.reader.tests.builders import PREFIXES, at, home, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    for code in PREFIXES:
        for minutes in (1, 2, 3):
            story(edition=code, title=f"{code} Zemlerob {minutes}", published_at=at(minutes=minutes))


def get(client, prefix, query="Zemlerob"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{prefix}search/?q={quote(query)}&order=new")
    return response, len(queries)


def through_wagtail(monkeypatch):
    """The view falls back on Wagtail's routing when it finds no edition home."""
    monkeypatch.setattr(languages, "locale_id_for", lambda code: -1)


@pytest.mark.parametrize("code", PREFIXES)
def test_the_page_is_wagtails_page_with_fewer_queries(client, stories, monkeypatch, code):
    get(client, PREFIXES[code])  # the same caches filled for both
    direct, direct_queries = get(client, PREFIXES[code])
    with monkeypatch.context() as patched:
        through_wagtail(patched)
        routed, routed_queries = get(client, PREFIXES[code])
    assert direct.status_code == routed.status_code == 200
    assert f"{code} Zemlerob 3".encode() in direct.content
    assert direct.content == routed.content
    assert direct_queries < routed_queries


def test_a_restricted_edition_home_keeps_wagtails_login_form(client, stories):
    PageViewRestriction.objects.create(page=home("ru"), restriction_type=PageViewRestriction.LOGIN)
    response, _queries = get(client, "/ru/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert get(client, "/en/")[0].status_code == 200


def test_an_unpublished_edition_home_is_left_to_wagtail(client, stories, monkeypatch):
    home("en").unpublish()
    direct, _queries = get(client, "/en/")
    with monkeypatch.context() as patched:
        through_wagtail(patched)
        routed, _queries = get(client, "/en/")
    assert (direct.status_code, direct.content) == (routed.status_code, routed.content)


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
@pytest.mark.parametrize(
    "moment",
    [at(), at(hours=-12, minutes=7), at(days=-200, minutes=59), at(days=3) + timedelta(microseconds=5)],
)
def test_publication_texts_are_what_the_date_filters_give(language, moment):
    template = Template("""{{ moment|date:'c' }}|{{ moment|date:"j E Y, H:i" }}""")
    with translation.override(language):
        assert "|".join(published_texts(moment)) == template.render(Context({"moment": moment}))


def test_an_edited_body_gives_a_new_snippet(client):
    from vistka.reader.tests.builders import paragraph, soup

    page = story(title="Звіт", body=[paragraph("<p>Перший варіант: гарбузи дозріли.</p>")], published_at=at())
    snippets = lambda: [p.get_text() for p in soup(get(client, "/", "гарбузи")[0]).select(".result__snippet")]  # noqa: E731
    assert any("Перший варіант" in text for text in snippets())
    page.body = [paragraph("<p>Другий варіант: гарбузи зібрали.</p>")]
    page.save_revision().publish()
    found = snippets()
    assert any("Другий варіант" in text for text in found)
    assert not any("Перший варіант" in text for text in found)

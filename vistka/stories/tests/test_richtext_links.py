"""A story's rich text links only to pages the public may see: a link to a draft, an unpublished
or a password-protected story keeps its words and loses its address, on the reader's page, in
body_html (feeds) and in the batched feed bodies alike."""

from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from vistka.distribution.bodies import bodies_html
from vistka.reader.tests.builders import at, background, paragraph, read_also, story
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


def link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


@pytest.fixture
def linking():
    shown = story(title="Відкрита", published_at=at(days=-3))
    draft = story(title="Чернетка", draft=True)
    withdrawn = story(title="Знята", published_at=at(days=-2))
    withdrawn_url = withdrawn.url  # its address while it was live
    withdrawn.unpublish()
    private = story(title="Закрита", published_at=at(days=-1))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    body = " ".join(
        [
            link(shown, "відкриту"),
            link(draft, "чернетку"),
            link(withdrawn, "зняту"),
            link(private, "закриту"),
        ]
    )
    blocks = [
        paragraph(f"<p>Читайте {body}.</p>"),
        read_also(shown),
        read_also(draft),
        read_also(withdrawn),
        read_also(private),
        background(
            (date(2025, 5, 1), "Подія відкрита", shown),
            (date(2025, 5, 2), "Подія чернетка", draft),
            (date(2025, 5, 3), "Подія знята", withdrawn),
            (date(2025, 5, 4), "Подія закрита", private),
        ),
    ]
    page = story(title="Посилання", published_at=at(), body=blocks)
    hidden = {"draft": draft, "withdrawn": withdrawn, "private": private}
    return page, shown, hidden, withdrawn_url


def check(html, shown, hidden, withdrawn_url):
    assert f'<a href="{shown.url}">відкриту</a>' in html
    for word in ("чернетку", "зняту", "закриту"):
        assert f"<a>{word}</a>" in html
    # "Read also" and background lines: the public story linked by its headline; the others not
    # named at all (read also) or named by the line's own words, unlinked (background).
    assert f'<a href="{shown.url}">{shown.title}</a>' in html
    assert f'<a href="{shown.url}">Подія відкрита</a>' in html
    for page in hidden.values():
        assert page.title not in html
    for words in ("Подія чернетка", "Подія знята", "Подія закрита"):
        assert f": {words}</li>" in html
    for page in hidden.values():
        assert f"/{page.story_number}/" not in html
    assert withdrawn_url not in html


def test_the_readers_page_links_only_to_public_stories(client, linking):
    page, shown, hidden, withdrawn_url = linking
    response = client.get(page.url)
    assert response.status_code == 200
    check(response.content.decode(), shown, hidden, withdrawn_url)


def test_feed_bodies_link_only_to_public_stories_one_by_one_and_batched(linking):
    page, shown, hidden, withdrawn_url = linking
    stored = ArticlePage.objects.get(pk=page.pk)
    one = stored.body_html()
    check(one, shown, hidden, withdrawn_url)
    assert bodies_html([stored]) == [one]

"""Markup typed into any editor field is shown as text on every reader page, never run."""

import json
from urllib.parse import quote

import pytest
from django.utils.html import escape

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import (
    at,
    background,
    edition_settings,
    feature,
    image_block,
    jpeg_image,
    paragraph,
    read_also,
    soup,
    source_line,
    story,
)
from vistka.stories.factories import AuthorFactory, SectionFactory, SourceFactory, TagFactory, add_live_entry
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage, Correction

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute breakout": '"><img src=x onerror=alert(1)>',
}


@pytest.fixture(scope="module", params=PAYLOADS.values(), ids=PAYLOADS.keys())
def hostile(request, django_db_setup, django_db_blocker):
    """A live story whose every editor-typed field carries the payload after a field marker."""
    payload = request.param
    with rolled_back(django_db_blocker):
        section = SectionFactory(
            name=f"Section {payload}", slug="xss-section", description=f"Description {payload}"
        )
        tag = TagFactory(name=f"Tag {payload}", slug="xss-tag")
        author = AuthorFactory(
            name=f"Author {payload}", slug="xss-author", role=f"Role {payload}", bio=f"Bio {payload}"
        )
        source = SourceFactory(name=f"Source {payload}", qualifier=f"Qualifier {payload}")
        earlier = story(title="An earlier story", published_at=at(days=-3))
        page = story(
            kind=Kind.LIVE,
            title=f"Headline {payload}",
            lead=f"Lead {payload}",
            search_description=f"Meta {payload}",
            section=section,
            tags=[tag],
            authors=[author],
            lead_image=jpeg_image("Lead"),
            lead_image_alt=f"Alt {payload}",
            lead_image_caption=f"Caption {payload}",
            lead_image_credit=f"Credit {payload}",
            published_at=at(),
            body=[
                source_line(source, note=f"Note {payload}"),
                paragraph("<p>Zebra crossing.</p>"),
                ("heading", f"Subheading {payload}"),
                ("quote", {"text": f"Quote {payload}", "attribution": f"Speaker {payload}"}),
                background((at().date(), f"Event {payload}", earlier)),
                read_also(earlier, text=f"Link {payload}"),
                image_block(jpeg_image("Body"), alt=f"Body alt {payload}", caption=f"Body caption {payload}"),
            ],
        )
        add_live_entry(page, f"Entry {payload}", "<p>Entry text.</p>", posted_at=at(minutes=5))
        Correction.objects.create(page=page, note=f"Correction {payload}", made_at=at(minutes=10))
        feature(page)
        yield payload


def fields(payload, *names):
    return [escape(f"{name} {payload}") for name in names]


STORY_FIELDS = (
    "Headline", "Lead", "Meta", "Section", "Tag", "Author", "Alt", "Caption", "Credit", "Qualifier",
    "Note", "Subheading", "Quote", "Speaker", "Event", "Link", "Body alt", "Body caption", "Entry",
    "Correction",
)  # fmt: skip
PAGES = {
    "story": ("/live/2025/05/28/{number}/", STORY_FIELDS),
    "home": ("/", ("Headline", "Lead", "Section")),
    "all news": ("/all/", ("Headline",)),
    "kind list": ("/live/", ("Headline",)),
    "section": ("/sections/xss-section/", ("Section", "Description", "Headline")),
    "tag": ("/tags/xss-tag/", ("Tag", "Headline")),
    "author": ("/authors/xss-author/", ("Author", "Role", "Bio", "Headline")),
    "archive": ("/archive/2025/05/28/", ("Headline",)),
    "search by headline": ("/search/?q=Headline", ("Headline", "Lead")),
    "search by body": ("/search/?q=zebra", ("Headline",)),
}


@pytest.mark.parametrize("name", PAGES)
def test_editor_markup_is_escaped_on_every_reader_page(client, hostile, name):
    number = ArticlePage.objects.get(title__startswith="Headline ").story_number
    url, expected = PAGES[name]
    html = client.get(url.format(number=number)).content.decode()

    assert hostile not in html
    assert "<img src=x" not in html and "<script>alert" not in html
    for escaped in fields(hostile, *expected):
        assert escaped in html, escaped


def test_structured_data_and_social_cards_carry_markup_as_text(client, hostile):
    response = client.get(ArticlePage.objects.get(title__startswith="Headline ").url)
    html = soup(response)

    scripts = html.select('script[type="application/ld+json"]')
    assert scripts
    for script in scripts:
        assert "<" not in script.string
        json.loads(script.string)
    article = json.loads(scripts[0].string)
    assert article["headline"] == f"Headline {hostile}"
    assert article["author"][0]["name"] == f"Author {hostile}"
    assert article["correction"][0]["text"] == f"Correction {hostile}"
    og = {meta["property"]: meta["content"] for meta in html.select("meta[property]")}
    assert og["og:title"] == f"Headline {hostile}"
    assert og["og:image:alt"] == f"Alt {hostile}"


def test_search_query_is_escaped_wherever_it_is_echoed(client, hostile):
    html = client.get(f"/search/?q={quote('Nothing ' + hostile)}").content.decode()

    assert hostile not in html
    assert html.count(escape(f"Nothing {hostile}")) == 3  # <title>, the search box, "nothing found"


def test_edition_settings_text_is_escaped(client, hostile):
    edition_settings(
        "uk",
        support_heading=f"Support {hostile}",
        support_text=f"Text {hostile}",
        support_button=f"Button {hostile}",
        support_url="https://donate.example/",
    )
    html = client.get(ArticlePage.objects.get(title__startswith="Headline ").url).content.decode()

    assert hostile not in html
    for escaped in fields(hostile, "Support", "Text", "Button"):
        assert escaped in html, escaped

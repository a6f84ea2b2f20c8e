"""GET /api/v1/articles/{edition}/{story_number}: the whole story."""

import pytest
from wagtail.embeds.blocks import EmbedValue
from wagtail.rich_text import RichText

from vistka.api.tests.builders import (
    API,
    BASE_URL,
    at,
    corrected,
    full_story,
    get_json,
    hidden_story,
    jpeg_image,
    live_story,
    rich_body,
    story,
    translation_of,
)
from vistka.api.tests.conftest import rolled_back
from vistka.stories.factories import SourceFactory, add_live_entry
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        target = story(title="Earlier visible story", published_at=at(days=-3))
        hidden = hidden_story("draft", title="Secret draft story")
        rich = full_story(
            title="Rich story",
            published_at=at(),
            translate_to=("en",),
            body=rich_body("uk", target, hidden, jpeg_image("Body image", description="Image description")),
        )
        corrected(rich, "First fix.", "Second fix.")
        yield {
            "target": target,
            "hidden": hidden,
            "rich": rich,
            "rich_en": translation_of(rich, "en"),
            "live": live_story(title="Live story", published_at=at(hours=1)),
            "plain": story(title="Plain story", published_at=at(hours=2)),
        }


def detail(client, page, edition="uk"):
    response, data = get_json(client, f"{API}/articles/{edition}/{page.story_number}")
    assert response.status_code == 200, data
    return data


def test_detail_has_every_list_field(client, stories):
    data = detail(client, stories["rich"])
    _, listed = get_json(client, f"{API}/articles?edition=uk")
    (summary,) = [item for item in listed["items"] if item["id"] == stories["rich"].pk]
    assert {key: data[key] for key in summary} == summary
    assert set(data) - set(summary) == {"body", "body_html", "corrections", "live_entries"}


def test_structured_body(client, stories):
    body = detail(client, stories["rich"])["body"]
    target = stories["target"]
    target_ref = {
        "story_number": target.story_number,
        "url": f"{BASE_URL}/news/2025/05/25/{target.story_number}/",
        "headline": "Earlier visible story",
    }
    assert all(block["id"] for block in body)
    by_type = {}
    for block in body:
        by_type.setdefault(block["type"], []).append(block["value"])
    assert list(by_type) == [
        "source",
        "paragraph",
        "labelled",
        "quote",
        "background",
        "heading",
        "image",
        "gallery",
        "read_also",
        "table",
    ]
    assert by_type["source"] == [
        {
            "source": {
                "name": "Agency",
                "qualifier": "state-owned",
                "url": by_type["source"][0]["source"]["url"],
            },
            "note": "on X",
        }
    ]
    assert by_type["paragraph"] == ["<p>First <b>paragraph</b>.</p>"]
    assert by_type["labelled"] == [
        {"label": "details", "label_text": "Деталі", "text": "<p>Details here.</p>"}
    ]
    assert by_type["quote"] == [{"text": "We will see.", "attribution": "A minister"}]
    assert by_type["background"] == [
        {
            "items": [
                {"date": "2025-05-01", "text": "Visible event", "story": target_ref},
                {"date": "2025-05-02", "text": "Hidden event", "story": None},
                {"date": "2025-05-03", "text": "Unlinked event", "story": None},
            ]
        }
    ]
    assert by_type["heading"] == ["A heading"]
    (image,) = by_type["image"]
    assert image["image"]["url"].startswith(f"{BASE_URL}/media/images/")
    assert image["image"]["url"].endswith(".width-1200.jpg")
    assert (image["image"]["width"], image["image"]["height"]) == (1200, 675)
    assert (image["alt"], image["caption"], image["credit"]) == ("Body alt", "Body caption", "Body credit")
    (gallery,) = by_type["gallery"]
    assert [i["alt"] for i in gallery["images"]] == ["Image description", "Two alt"]
    # the "read also" pointing at a draft is left out
    assert by_type["read_also"] == [{"story": target_ref, "text": ""}]
    assert by_type["table"][0]["data"] == [["a", "b"], ["1", "2"]]


def test_body_html_is_the_rendered_body_without_hidden_links(client, stories):
    html = detail(client, stories["rich"])["body_html"]
    target = stories["target"]
    assert "<p>First <b>paragraph</b>.</p>" in html
    assert "Деталі:" in html and "Джерело:" in html
    assert f'href="/news/2025/05/25/{target.story_number}/"' in html
    assert "Visible event" in html and "Hidden event" in html
    assert "Secret draft story" not in html
    assert "Secret link text" not in html
    assert str(stories["hidden"].story_number) + "/" not in html
    assert ".width-800.jpg" in html
    assert "<table" in html
    assert "ad-slot" not in html


def test_body_is_in_the_stories_edition_language_whatever_the_reader_asks_for(client, stories):
    uk = client.get(f"{API}/articles/uk/{stories['rich'].story_number}", headers={"Accept-Language": "en"})
    also_uk = client.get(
        f"{API}/articles/uk/{stories['rich'].story_number}", headers={"Accept-Language": "ru"}
    )
    assert uk.content == also_uk.content
    assert uk["ETag"] == also_uk["ETag"]
    en = detail(client, stories["rich_en"], "en")
    labelled = next(block for block in en["body"] if block["type"] == "labelled")
    assert labelled["value"]["label_text"] == "Details"
    assert "Source:" in en["body_html"]


def test_translation_detail(client, stories):
    data = detail(client, stories["rich_en"], "en")
    number = stories["rich"].story_number
    assert data["edition"] == "en" and data["headline"] == "[en] Rich story"
    assert data["url"] == f"{BASE_URL}/en/news/2025/05/28/{number}/"
    assert data["translations"] == {
        "uk": f"{BASE_URL}/news/2025/05/28/{number}/",
        "en": f"{BASE_URL}/en/news/2025/05/28/{number}/",
    }


def test_corrections_oldest_first(client, stories):
    data = detail(client, stories["rich"])
    assert data["corrections"] == [
        {"type": "correction", "time": "2025-05-28T14:00:00+03:00", "note": "First fix."},
        {"type": "correction", "time": "2025-05-28T15:00:00+03:00", "note": "Second fix."},
    ]
    assert data["live_entries"] == []


def test_live_entries_newest_first(client, stories):
    data = detail(client, stories["live"])
    assert data["kind"] == "live"
    assert data["live_entries"] == [
        {"time": "2025-05-28T12:30:00+03:00", "headline": "Entry at 30", "html": "<p>Text 30</p>"},
        {"time": "2025-05-28T12:20:00+03:00", "headline": "Entry at 20", "html": "<p>Text 20</p>"},
        {"time": "2025-05-28T12:10:00+03:00", "headline": "Entry at 10", "html": "<p>Text 10</p>"},
    ]


def test_plain_story(client, stories):
    data = detail(client, stories["plain"])
    assert data["body"] == [
        {"type": "paragraph", "id": data["body"][0]["id"], "value": "<p>What happened, in plain words.</p>"}
    ]
    assert data["body_html"].strip() == "<p>What happened, in plain words.</p>"
    assert data["corrections"] == [] and data["live_entries"] == []
    assert data["lead_image"] is None


@pytest.mark.parametrize(
    "path",
    [
        "articles/ru/{number}",  # exists, but not in this edition
        "articles/uk/{unknown}",
        "articles/uk/9223372036854775807",
    ],
)
def test_not_found(client, stories, path):
    url = f"{API}/" + path.format(
        number=stories["plain"].story_number, unknown=stories["plain"].story_number + 10_000
    )
    response, data = get_json(client, url)
    assert response.status_code == 404
    assert data == {
        "error": "not_found",
        "message": "No publicly visible story with this number in this edition.",
        "details": [],
    }


def test_broken_references_do_not_break_the_story(client):
    gone_image, missing_file = jpeg_image("Gone"), jpeg_image("Missing file")
    gone_story = story(title="Deleted later")
    source = SourceFactory()
    page = story(
        title="Story with broken references",
        lead_image=missing_file,
        body=[
            ("image", {"image": gone_image, "alt": "", "caption": "Gone", "credit": ""}),
            ("read_also", {"story": gone_story, "text": ""}),
            ("background", {"items": [{"date": None, "text": "Event", "story": gone_story}]}),
            ("source", {"source": source, "note": "note"}),
            ("embed", EmbedValue("https://example.invalid/video/1")),
        ],
    )
    gone_image.delete()
    gone_story.delete()
    source.delete()
    missing_file.file.storage.delete(missing_file.file.name)

    data = detail(client, page)

    assert data["lead_image"] is None
    assert [block["type"] for block in data["body"]] == ["image", "background", "source", "embed"]
    image, background, source_line, embed = (block["value"] for block in data["body"])
    assert image == {"image": None, "alt": "", "caption": "Gone", "credit": ""}
    assert background == {"items": [{"date": None, "text": "Event", "story": None}]}
    assert source_line == {"source": None, "note": "note"}
    assert embed == {"url": "https://example.invalid/video/1"}
    assert "Deleted later" not in data["body_html"]


def test_rich_text_links_to_hidden_pages_lose_their_target(client, stories):
    hidden, target = stories["hidden"], stories["target"]
    links = (
        f'<p><a linktype="page" id="{hidden.pk}">hidden link</a>'
        f' and <a id="{target.pk}" linktype="page">seen</a></p>'
    )
    page = story(
        kind=Kind.LIVE,
        body=[
            ("paragraph", RichText(links)),
            ("labelled", {"label": "background", "text": RichText(links)}),
        ],
    )
    add_live_entry(page, "Entry", links)
    visible_link = f'<a href="/news/2025/05/25/{target.story_number}/">seen</a>'

    data = detail(client, page)

    paragraph, labelled = (block["value"] for block in data["body"])
    for html in (paragraph, labelled["text"], data["body_html"], data["live_entries"][0]["html"]):
        assert "<a>hidden link</a>" in html
        assert visible_link in html
        assert f"/{hidden.story_number}/" not in html

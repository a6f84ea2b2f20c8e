"""The feeds' full text is the body `ArticlePage.body_html()` renders, byte for byte: the batched
rendering (vistka.distribution.bodies) is checked against it for every block type, with live,
hidden, translated, deleted and missing targets, in every edition's language."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.rich_text import RichText, expand_db_html

from vistka.distribution.bodies import bodies_html, expand_db_html_many
from vistka.distribution.feeds import feed_stories
from vistka.distribution.images import FEED_IMAGE
from vistka.distribution.links import absolute
from vistka.distribution.tests.builders import (
    at,
    clear_caches,
    jpeg_image,
    link_targets,
    rich_body,
    rich_stories,
    stored_embed,
)
from vistka.newsroom.tests.helpers import rolled_back
from vistka.stories.factories import ArticlePageFactory, SourceFactory, TagFactory
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


def reloaded(pages):
    """The stories as a feed loads them, newest first."""
    return feed_stories(ArticlePage.objects.filter(pk__in=[page.pk for page in pages]))


def one_by_one(stories):
    return [ArticlePage.objects.get(pk=story.pk).body_html() for story in stories]


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        images = [jpeg_image(f"Body picture {i}", color=(30 * i, 60, 90)) for i in range(6)]
        targets = link_targets("en")
        stories = rich_stories("en", 4, targets, images, "rich", copies=2)

        # A story whose image, gallery picture, source and read-also target are deleted after it
        # was published: the body keeps their ids.
        doomed_image, doomed_source = jpeg_image("Deleted picture"), SourceFactory(edition="en")
        doomed_story = ArticlePageFactory(edition="en", title="Deleted story")
        tag = TagFactory(edition="en", slug="edge")
        broken = ArticlePageFactory(
            edition="en",
            title="Broken references",
            tags=[tag],
            published_at=at(minutes=50),
            body=[
                ("source", {"source": doomed_source, "note": "gone"}),
                ("image", {"image": doomed_image, "alt": "", "caption": "Gone", "credit": ""}),
                (
                    "gallery",
                    {
                        "images": [
                            {"image": doomed_image, "alt": "", "caption": "", "credit": ""},
                            {"image": images[0], "alt": "", "caption": "Kept", "credit": ""},
                        ]
                    },
                ),
                ("read_also", {"story": doomed_story, "text": ""}),
                ("background", {"items": [{"date": at().date(), "text": "Gone", "story": doomed_story}]}),
                ("paragraph", RichText(f'<p><a linktype="page" id="{doomed_story.pk}">gone</a></p>')),
            ],
        )
        doomed_image.delete()
        doomed_source.delete()
        doomed_story.delete()
        empty = ArticlePageFactory(
            edition="en", title="Empty body", body=[], tags=[tag], published_at=at(minutes=51)
        )
        house = ArticlePageFactory(
            edition="en", title="House structure", tags=[tag], published_at=at(minutes=52)
        )
        ArticlePage.objects.filter(pk=house.pk).update(body=ArticlePage._meta.get_field("body").get_default())
        yield {"stories": stories, "edge": [broken, empty, house], "targets": targets, "images": images}


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_batched_bodies_are_those_body_html_renders(data, language):
    """In the feed's language (the edition's), and in the others: page links are localized."""
    with translation.override(language):
        stories = reloaded(data["stories"] + data["edge"])
        expected = one_by_one(stories)

        batched = bodies_html(stories)

    assert len(batched) == len(stories)
    for story, html, want in zip(stories, batched, expected, strict=True):
        assert html == want, story.title


def test_the_bodies_compared_use_every_block_and_target(data):
    """The equality above is not vacuous: the bodies hold what the blocks render."""
    targets = data["targets"]
    with translation.override("en"):
        html = bodies_html(reloaded(data["stories"][:1]))[0]
        translation_url = targets["translated"].get_translation(targets["live"].locale).url

    for fragment in (
        '<p class="source">',
        '<div class="labelled labelled--details">',
        "<h2>Heading",
        '<blockquote class="quote">',
        '<div class="background">',
        '<p class="read-also">',
        '<figure class="body-image">',
        '<div class="gallery">',
        '<div class="embed">',
        "<table",
        f'<a href="{targets["live"].url}">live</a>',
        f'<a href="{translation_url}">translated</a>',
        f'<a href="{targets["untranslated"].url}">untranslated</a>',
        "<a>a deleted page</a>",
        f'<a href="{targets["document"].url}">a document</a>',
    ):
        assert fragment in html, fragment


def test_batched_bodies_cost_the_same_queries_for_one_story_as_for_many(data):
    one, many = reloaded(data["stories"][:1]), reloaded(data["stories"])
    counts = []
    for stories in (one, many):
        clear_caches()
        with translation.override("en"), CaptureQueriesContext(connection) as context:
            bodies_html(stories)
        counts.append(len(context.captured_queries))

    assert counts[0] == counts[1], counts


def test_no_stories_no_bodies():
    assert bodies_html([]) == []


def test_rich_texts_expand_together_as_one_by_one(data):
    targets, image = data["targets"], data["images"][0]
    stored_embed("https://video.example/rich-text")
    sources = [
        rich_body(0, {**targets, "edition": "en"}, data["images"])[3][1].source,
        '<p><a name="anchor">no type</a> <a href="#top">anchor</a> <a href="mailto:a@b.example">mail</a></p>',
        '<p><a linktype="nonexistent" id="1">unknown type</a> <a linktype="page">no id</a></p>',
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="Left"/><p>after</p>',
        '<embed embedtype="media" url="https://video.example/rich-text"/>',
        '<embed embedtype="unknown" id="1"/><p>plain</p>',
        "",
    ]
    with translation.override("en"):
        assert expand_db_html_many(sources) == [expand_db_html(source) for source in sources]


def test_feed_items_carry_each_story_body_and_lead_image(client, data):
    response = client.get("/en/tags/rich/json/")

    items = json.loads(response.content)["items"]
    stories = {absolute(story.canonical_path()): story for story in data["stories"]}
    assert sorted(item["url"] for item in items) == sorted(stories)
    with translation.override("en"):
        for item in items:
            story = ArticlePage.objects.get(pk=stories[item["url"]].pk)
            assert item["content_html"] == story.body_html(), story.title
            assert item["image"] == absolute(story.lead_image.get_rendition(FEED_IMAGE).url)

"""Every kind of reader page in Chromium under the reader policy: nothing blocked, and the page's
scripts and forms work (the latest-news column refreshes itself, the search form searches); an
injected script is blocked and its report stored."""

import time

import pytest
from playwright.sync_api import expect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

from vistka.browserpolicy.models import ViolationReport
from vistka.browserpolicy.tests.browsing import Watcher
from vistka.reader.tests.builders import jpeg_image
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    add_live_entry,
)
from vistka.stories.kinds import Kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIDEO = "https://www.youtube.com/watch?v=vistka-test"


def youtube_embed():
    """A YouTube embed as Wagtail stores it after asking YouTube (rendering never goes out)."""
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO),
        defaults={
            "url": VIDEO,
            "type": "video",
            "html": '<iframe width="200" height="113"'
            ' src="https://www.youtube.com/embed/vistka-test?feature=oembed" frameborder="0"'
            ' allow="autoplay; clipboard-write; encrypted-media; picture-in-picture; web-share"'
            ' referrerpolicy="strict-origin-when-cross-origin" allowfullscreen title="A video"></iframe>',
            "title": "A video",
            "provider_name": "YouTube",
            "width": 200,
            "height": 113,
        },
    )
    from wagtail.embeds.blocks import EmbedValue

    return EmbedValue(VIDEO)


def every_block(earlier, source, photo, other):
    return [
        ("paragraph", RichText('<p>Text with a <a href="https://example.org/">link</a>.</p>')),
        ("labelled", {"label": "details", "text": RichText("<p>Details.</p>")}),
        ("source", {"source": source, "note": "у Telegram"}),
        ("quote", {"text": "Ми домовилися.", "attribution": "Речник"}),
        ("background", {"items": [{"date": "2025-05-01", "text": "Раніше", "story": earlier}]}),
        ("heading", "Підзаголовок"),
        ("image", {"image": photo, "alt": "Фото", "caption": "Підпис", "credit": "Автор"}),
        (
            "gallery",
            {
                "images": [
                    {"image": img, "alt": "Фото", "caption": "", "credit": ""} for img in (photo, other)
                ]
            },
        ),
        ("embed", youtube_embed()),
        ("read_also", {"story": earlier, "text": ""}),
        ("table", {"data": [["a", "b"], ["1", "2"]], "first_row_is_table_header": True}),
    ]


@pytest.fixture
def newsroom():
    section = SectionFactory(name="Політика", slug="polityka")
    tag = TagFactory(name="переговори", slug="perehovory")
    author = AuthorFactory(name="Олена Коваль", slug="olena-koval")
    source = SourceFactory(name="Агенція Обрій")
    photo, other = jpeg_image("Фото один"), jpeg_image("Фото два", color=(20, 90, 160))
    earlier = ArticlePageFactory(title="Раніше про переговори", section=section, tags=[tag])
    stories = {
        kind: ArticlePageFactory(
            title=f"Переговори: {kind.label}",
            kind=kind,
            section=section,
            tags=[tag],
            authors=[author],
            **({"body": every_block(earlier, source, photo, other)} if kind == Kind.VIDEO else {}),
        )
        for kind in Kind
    }
    add_live_entry(stories[Kind.LIVE], "Перший запис", "Текст запису")
    return {"stories": stories, "section": section, "tag": tag, "author": author}


def test_every_reader_page_runs_under_the_policy_with_nothing_blocked(browser, live_server, newsroom):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = context.new_page()
    year, month, day = newsroom["stories"][Kind.NEWS].url.strip("/").split("/")[-4:-1]
    paths = [
        "/",
        *(story.url for story in newsroom["stories"].values()),
        "/sections/polityka/",
        "/tags/perehovory/",
        "/authors/olena-koval/",
        f"/archive/{year}/{month}/{day}/",
        "/live/",
        "/search/?q=переговори",
        "/no-such-page/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        expect(page.locator("main")).to_be_visible()
        watcher.collect(page)

    # The story pages show what their policy must allow: the video player's frame, pictures.
    page.goto(live_server.url + newsroom["stories"][Kind.VIDEO].url)
    expect(page.locator(".embed iframe")).to_have_attribute(
        "src", VIDEO.replace("watch?v=", "embed/") + "?feature=oembed"
    )
    assert page.evaluate("[...document.images].every((img) => img.complete && img.naturalWidth > 0)")
    watcher.collect(page)

    # The latest-news script runs: a minute later it fetches the column.
    page.clock.install()
    page.goto(live_server.url + "/")
    with page.expect_response(lambda r: "/_fragments/latest/uk/" in r.url) as fetched:
        page.clock.run_for(61_000)
    assert fetched.value.status == 200
    watcher.collect(page)

    # The search form searches.
    page.goto(live_server.url + "/search/")
    page.locator("form.search-form input[name=q]").fill("переговори")
    page.locator("form.search-form input[name=q]").press("Enter")
    expect(page.get_by_role("link", name="Переговори: Новина").first).to_be_visible()
    watcher.collect(page)

    assert watcher.clean, watcher.report()
    assert not ViolationReport.objects.exists()

    # And what the policy blocks reaches the newsroom: a script injected into the page.
    page.evaluate(
        "document.body.append(Object.assign(document.createElement('script'), {text: 'window.x = 1'}))"
    )
    assert page.evaluate("window.x") is None
    for _ in range(50):
        if ViolationReport.objects.exists():
            break
        time.sleep(0.1)
    report = ViolationReport.objects.get()
    assert (report.directive, report.blocked_uri, report.sample) == (
        "script-src-elem",
        "inline",
        "window.x = 1",
    )
    assert report.document_uri == live_server.url + "/search/"
    context.close()

"""Builders of the distribution tests: stories whose bodies use every block type, with every kind of
record a body can point at (images, sources, stories, pages in other editions, documents, embeds),
and query counting with cold caches."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from vistka.delivery import fastpath
from vistka.editions.models import EditionHomePage
from vistka.stories.factories import ArticlePageFactory, SourceFactory, TagFactory, bring_to_state, locale
from vistka.stories.models import ArticlePage

# 28 May 2025, 12:00 in Kyiv.
NOON_KYIV = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)


def at(minutes=0, days=0):
    return NOON_KYIV + timedelta(days=days, minutes=minutes)


def jpeg_image(title, color=(180, 40, 40)):
    buffer = BytesIO()
    PILImage.new("RGB", (320, 200), color).save(buffer, "JPEG", quality=70)
    buffer.seek(0)
    name = "".join(ch for ch in title.lower() if ch.isalnum()) or "photo"
    return get_image_model().objects.create(
        title=title, description=f"{title} described", file=ImageFile(buffer, name=f"{name}.jpg")
    )


def document(title):
    return get_document_model().objects.create(title=title, file=ContentFile(b"%PDF-1.4", name="report.pdf"))


def stored_embed(url):
    """An embed Wagtail already fetched (rendering it never goes to the network)."""
    embed, _ = Embed.objects.get_or_create(
        hash=get_embed_hash(url),
        defaults={
            "url": url,
            "type": "video",
            "html": f'<iframe src="{url}" title="Video"></iframe>',
            "title": "A video",
            "provider_name": "Example Video",
            "width": 640,
            "height": 360,
        },
    )
    return embed


def link_targets(edition):
    """What bodies in `edition` link to: a live story, a draft, a story of another edition translated
    into this one (published), one whose translation is a draft, one not translated, another
    edition's home page (translated into every edition), a document."""
    other = "uk" if edition != "uk" else "en"
    translated = ArticlePageFactory(edition=other, title="Translated elsewhere", translate_to=(edition,))
    draft_translation = ArticlePageFactory(edition=other, title="Translation is a draft")
    copy = draft_translation.copy_for_translation(locale(edition))
    copy.save()
    bring_to_state(copy, "draft")
    return {
        "live": ArticlePageFactory(edition=edition, title="Earlier live story", published_at=at(days=-3)),
        "draft": ArticlePageFactory(edition=edition, title="A draft", state="draft"),
        "translated": translated,
        "draft translation": draft_translation,
        "untranslated": ArticlePageFactory(edition=other, title="Only elsewhere"),
        "other home": EditionHomePage.objects.get(locale=locale(other)),
        "document": document("Annual report"),
    }


def rich_text_with_links(n, targets):
    links = [
        f'<a linktype="page" id="{targets[name].pk}">{name}</a>'
        for name in ("live", "draft", "translated", "draft translation", "untranslated", "other home")
    ]
    return RichText(
        f"<p>Paragraph {n} with <b>bold</b>, "
        + ", ".join(links)
        + ', <a linktype="page" id="99999999">a deleted page</a>'
        + f', <a linktype="document" id="{targets["document"].pk}">a document</a>'
        + ' and <a href="https://example.com/">the web</a>.</p>'
    )


def rich_body(n, targets, images, copies=1, name="story"):
    """Every block type, each record-referencing one with live, hidden and missing targets."""
    body = []
    for copy in range(copies):
        key = f"{name}-{n}-{copy}"
        first, second, third = (images[(n * 3 + i) % len(images)] for i in range(3))
        embed_url = f"https://video.example/watch/{key}"
        stored_embed(embed_url)
        body += [
            (
                "source",
                {
                    "source": SourceFactory(edition=targets["edition"], qualifier="state-owned"),
                    "note": "on X",
                },
            ),
            ("source", {"source": SourceFactory(edition=targets["edition"], url=""), "note": ""}),
            ("source", {"source": None, "note": ""}),
            ("paragraph", rich_text_with_links(key, targets)),
            (
                "labelled",
                {
                    "label": "details",
                    "text": RichText(
                        f'<p>Details <a linktype="page" id="{targets["live"].pk}">again</a>.</p>'
                    ),
                },
            ),
            ("labelled", {"label": "why", "text": RichText("")}),
            ("heading", f"Heading {key}"),
            ("quote", {"text": f"Quote {key}\nsecond line", "attribution": "A speaker"}),
            (
                "background",
                {
                    "items": [
                        {"date": date(2025, 5, 1), "text": "Live earlier", "story": targets["live"]},
                        {"date": date(2025, 5, 2), "text": "A draft", "story": targets["draft"]},
                        {"date": date(2025, 5, 3), "text": "No story", "story": None},
                    ]
                },
            ),
            ("read_also", {"story": targets["live"], "text": ""}),
            ("read_also", {"story": targets["live"], "text": "Own words"}),
            ("read_also", {"story": targets["draft"], "text": "Hidden"}),
            ("image", {"image": first, "alt": "", "caption": f"Caption {key}", "credit": "Photographer"}),
            (
                "gallery",
                {
                    "images": [
                        {"image": second, "alt": "Second", "caption": "", "credit": ""},
                        {"image": third, "alt": "", "caption": "", "credit": "Agency"},
                    ]
                },
            ),
            ("embed", embed_url),
            (
                "table",
                {
                    "data": [["City", "Count"], ["Kyiv", "3"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Counts",
                },
            ),
        ]
    return body


def rich_stories(edition, count, targets, images, tag_slug, copies=1, minutes=0):
    """`count` published stories of `edition` tagged `tag_slug`, each with a lead image and a rich body."""
    tag = TagFactory(edition=edition, slug=tag_slug)
    targets = {**targets, "edition": edition}
    pages = [
        ArticlePageFactory(
            edition=edition,
            title=f"{tag_slug} story {n}",
            lead=f"Lead of {tag_slug} {n}.",
            tags=[tag],
            lead_image=images[n % len(images)],
            body=rich_body(n, targets, images, copies=copies, name=tag_slug),
            published_at=at(minutes=minutes + n),
        )
        for n in range(count)
    ]
    return [ArticlePage.objects.get(pk=page.pk) for page in pages]


def clear_caches():
    for alias in ("default", "renditions"):
        caches[alias].clear()
    fastpath.STORE.clear()


def count_queries(client, url):
    """Queries of one view of `url` with cold caches, after a first view that creates the image
    renditions (a one-off write) and fills the process-wide memos, as on a running site."""
    client.get(url)
    clear_caches()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries), [query["sql"] for query in context.captured_queries], response

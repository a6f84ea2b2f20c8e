"""Builders shared by the reader-site tests: stories with rich bodies, small JPEG images, the pages
of an edition, query counting and parsed HTML."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.http.response import HttpResponseBase
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from vistka.editions.models import EditionHomePage, EditionSettings, TopStory
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    locale,
)
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage, Correction

PREFIXES = {"uk": "/", "ru": "/ru/", "en": "/en/"}
EDITIONS = tuple(PREFIXES)
# 28 May 2025, 12:00 in Kyiv (UTC+3 in summer).
NOON_KYIV = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)
KIND_ROOTS = ("news", "articles", "columns", "live")


def at(hours=0, minutes=0, days=0):
    """A publication moment relative to 28 May 2025, 12:00 Kyiv time."""
    return NOON_KYIV + timedelta(days=days, hours=hours, minutes=minutes)


def story(**kwargs):
    """A story brought to its state by the factory, re-read as the reader site will see it."""
    page = ArticlePageFactory(**kwargs)
    return ArticlePage.objects.get(pk=page.pk)


def home(edition):
    return EditionHomePage.objects.get(locale=locale(edition))


def edition_settings(edition, **values):
    record, _ = EditionSettings.objects.update_or_create(locale=locale(edition), defaults=values)
    return record


def feature(page, position=0):
    """Put a story among the top stories of its edition's home page."""
    return TopStory.objects.create(home=home(page.language_code), story=page, sort_order=position)


# --- images ---------------------------------------------------------------------------------


def jpeg_image(title="Photo", size=(320, 200), color=(180, 40, 40), description=""):
    """A small real JPEG stored through Wagtail's image model."""
    buffer = BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG", quality=70)
    buffer.seek(0)
    name = "".join(ch for ch in title.lower() if ch.isalnum()) or "photo"
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name=f"{name}.jpg")
    )


# --- bodies ---------------------------------------------------------------------------------


def paragraph(html):
    return ("paragraph", RichText(html))


def labelled(label, html):
    return ("labelled", {"label": label, "text": RichText(html)})


def source_line(source, note=""):
    return ("source", {"source": source, "note": note})


def background(*items):
    """items: (date, text, story or None)."""
    return ("background", {"items": [{"date": d, "text": t, "story": s} for d, t, s in items]})


def read_also(target, text=""):
    return ("read_also", {"story": target, "text": text})


def image_block(image, alt="", caption="", credit=""):
    return ("image", {"image": image, "alt": alt, "caption": caption, "credit": credit})


def gallery(*images):
    return (
        "gallery",
        {"images": [image_block(img, alt=f"Gallery picture {i}")[1] for i, img in enumerate(images)]},
    )


def rich_story(edition="uk", copies=1, tags=5, authors=3, title="A rich story", **kwargs):
    """A story using every part of a story page; `copies` repeats every body block and correction.

    5 tags, 3 authors and a lead image; per copy: a source line, a paragraph, a labelled paragraph,
    a background list of 3 items linking earlier stories, a read-also, an image, a gallery of two
    and a correction.
    """
    earlier = [
        story(edition=edition, title=f"Earlier to {title} {i}", published_at=at(days=-i - 1))
        for i in range(3)
    ]
    body = []
    for n in range(copies):
        body += [
            source_line(SourceFactory(edition=edition, qualifier="state-owned"), note="on Telegram"),
            paragraph(f"<p>First paragraph {n}.</p>"),
            labelled("details", f"<p>Details {n}.</p>"),
            background(*[(date(2025, 5, 1 + i), f"Event {n}-{i}", earlier[i]) for i in range(3)]),
            read_also(earlier[n % 3]),
            image_block(jpeg_image(f"Body {title} {n}"), alt="Body alt", caption="Body caption"),
            gallery(jpeg_image(f"Gallery A {title} {n}"), jpeg_image(f"Gallery B {title} {n}")),
        ]
    page = story(
        edition=edition,
        title=title,
        tags=[TagFactory(edition=edition) for _ in range(tags)],
        authors=[AuthorFactory(edition=edition) for _ in range(authors)],
        lead_image=jpeg_image(f"Lead {title}"),
        lead_image_alt="Lead alt",
        lead_image_caption="Lead caption",
        body=body,
        **kwargs,
    )
    for n in range(copies):
        Correction.objects.create(page=page, note=f"Correction {n}", made_at=at(hours=1, minutes=n))
    return page


# --- one edition's worth of pages -------------------------------------------------------------


def build_edition(edition):
    """A section, a tag, an author and one story of every kind, all on 28 May 2025 (Kyiv).

    Titles start with the edition code, so a page showing another edition's story is easy to spot.
    """
    section = SectionFactory(edition=edition, name=f"{edition} Politics", slug="politics")
    tag = TagFactory(edition=edition, name=f"{edition} Elections", slug="elections")
    author = AuthorFactory(
        edition=edition, name=f"{edition} Olena Koval", slug="olena-koval", role=f"{edition} reporter"
    )
    stories = {
        kind: story(
            edition=edition,
            kind=kind,
            title=f"{edition} {kind} headline",
            published_at=at(minutes=10 * i),
            section=section,
            tags=[tag],
            authors=[author],
        )
        for i, kind in enumerate(Kind.values)
    }
    feature(stories[Kind.ARTICLE])
    return {"section": section, "tag": tag, "author": author, "stories": stories}


def edition_urls(edition):
    """Every kind of reader page of an edition (stories excluded: they depend on the data)."""
    prefix = PREFIXES[edition]
    return {
        "home": prefix,
        "all news": f"{prefix}all/",
        **{f"{root} list": f"{prefix}{root}/" for root in KIND_ROOTS},
        "section": f"{prefix}sections/politics/",
        "tag": f"{prefix}tags/elections/",
        "author": f"{prefix}authors/olena-koval/",
        "archive": f"{prefix}archive/2025/05/28/",
        "search": f"{prefix}search/?q=headline",
    }


# --- measuring --------------------------------------------------------------------------------


def clear_caches():
    """A cold cache: no cached records (sections menu, edition settings, site root paths), no
    cached renditions, and nothing in any other configured cache either."""
    caches["default"].clear()
    caches["renditions"].clear()
    for alias in settings.CACHES:
        caches[alias].clear()


def count_queries(client, url):
    """Queries of one view of `url` with cold caches.

    A first view runs before: it creates the image renditions (a one-off write) and fills the
    process-wide memos (site, locale ids) as on any running server. Then the caches are emptied.
    """
    client.get(url)
    clear_caches()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries), [query["sql"] for query in context.captured_queries]


# --- HTML ------------------------------------------------------------------------------------


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node):
    """Visible text with whitespace collapsed, of a response or a parsed node."""
    if isinstance(node, HttpResponseBase):
        node = soup(node)
    return " ".join(node.get_text().split())


def titles(node):
    """Headlines linked from a list (story items), in order."""
    return [text_of(a) for a in node.select(".story-item__text a")]

"""In-process Django work: the bench's data, the pages it measures, and cold renders."""

import os
import statistics
import time
from io import BytesIO
from urllib.parse import quote

from django.core.management import call_command, get_commands
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

PAGE_BUDGETS = {  # page type -> cold query budget (PRODUCT §7), None: measured only
    "article": 12,
    "home": 20,
    "section": 20,
    "tag": 20,
    "author": 20,
    "archive day": 20,
    "all news": 20,
    "kind list": 20,
    "search": None,
    "feed": None,
}


def prepare(stories_per_edition):
    """Migrate, and load a newsroom unless the database already has published stories."""
    from vistka.stories.models import ArticlePage

    call_command("migrate", interactive=False, verbosity=0)
    if ArticlePage.objects.live().exists():
        return "existing"
    if "load_demo_newsroom" in get_commands() and os.environ.get("BENCH_DATA") != "factories":
        call_command("load_demo_newsroom", stories_per_edition=stories_per_edition, no_progress=True)
        return f"demo newsroom, {stories_per_edition} stories per edition"
    build_with_factories(stories_per_edition)
    return f"factories, {stories_per_edition} stories"


def _image(n):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), (40 * n % 255, 90, 140)).save(buffer, "JPEG", quality=80)
    return get_image_model().objects.create(
        title=f"Bench photo {n}", file=ImageFile(buffer, name=f"b{n}.jpg")
    )


def build_with_factories(count):
    """A small uk edition: sections, tags, authors, pictures and news stories with 3-5 tags."""
    from wagtail.rich_text import RichText

    from vistka.stories.factories import ArticlePageFactory, AuthorFactory, SectionFactory, TagFactory

    sections = [SectionFactory(slug=f"desk-{i}") for i in range(5)]
    tags = [TagFactory(slug=f"topic-{i}") for i in range(20)]
    authors = [AuthorFactory(slug=f"reporter-{i}") for i in range(6)]
    images = [_image(i) for i in range(6)]
    words = "The council met on Tuesday to discuss the budget, the bridge and the schools of the city. "
    for i in range(count):
        body = [("paragraph", RichText(f"<p>{words * 4} ({i}.{n})</p>")) for n in range(8)]
        ArticlePageFactory(
            title=f"Council weighs bridge repairs and school budget, part {i}",
            lead=words,
            body=body,
            section=sections[i % len(sections)],
            tags=[tags[(i + k) % len(tags)] for k in range(3 + i % 3)],
            authors=[authors[i % len(authors)]],
            lead_image=images[i % len(images)],
            lead_image_alt="A street in the city",
            published_at=timezone.now() - timezone.timedelta(minutes=30 * (count - i)),
        )


def pick_pages():
    """The hot article (a news story with a lead image and 3-5 tags), an unrelated one, and a URL
    of every page type, all in the default (uk) edition."""
    from vistka.editions.languages import locale_id_for
    from vistka.stories.kinds import Kind
    from vistka.stories.models import ArticlePage

    visible = ArticlePage.objects.visible(locale_id_for("uk")).annotate(
        n_tags=Count("story_tags", distinct=True)
    )
    listed = visible.filter(section__isnull=False, n_tags__gte=1)  # shows on a section and a tag page
    typical = listed.filter(kind=Kind.NEWS, lead_image__isnull=False, n_tags__lte=5)
    hot = (
        typical.filter(n_tags__gte=3, story_authors__isnull=False).order_by("-first_published_at").first()
        or typical.order_by("-n_tags", "-first_published_at").first()
        or listed.order_by("-first_published_at").first()
    )
    if hot is None:
        raise RuntimeError("no published story with a section and a tag in the uk edition")
    other = (
        visible.exclude(pk=hot.pk).exclude(section_id=hot.section_id).order_by("first_published_at").first()
        or visible.exclude(pk=hot.pk).order_by("first_published_at").first()
    )
    tag = hot.story_tags.select_related("tag").first().tag
    author_link = hot.story_authors.select_related("author").first()
    day = timezone.localtime(hot.first_published_at)
    word = max(hot.title.split(), key=len).strip(".,:;!?«»\"'")
    urls = {
        "article": hot.url,
        "home": "/",
        "section": f"/sections/{hot.section.slug}/",
        "tag": f"/tags/{tag.slug}/",
        "author": f"/authors/{author_link.author.slug}/" if author_link else None,
        "archive day": f"/archive/{day:%Y}/{day:%m}/{day:%d}/",
        "all news": "/all/",
        "kind list": "/news/",
        "search": f"/search/?q={quote(word)}",
        "feed": "/rss/",
    }
    return {
        "hot": hot,
        "other": other,
        "tag": tag,
        "section": hot.section,
        "author": author_link.author if author_link else None,
        "urls": {name: url for name, url in urls.items() if url},
    }


def clear_caches():
    from django.core.cache import caches

    from vistka.delivery import fastpath

    for alias in ("default", "renditions"):
        caches[alias].clear()
    fastpath.STORE.clear()


def cold_renders(urls, repeats=5):
    """Queries and time of each page rendered by Django with every cache emptied first.

    A first, unmeasured view creates image renditions and the process-wide memos (as on any
    running server); each measured view then starts from empty caches.
    """
    client = Client()
    results = {}
    for name, url in urls.items():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{name} {url}: {response.status_code}")
        times, counts = [], []
        for _ in range(repeats):
            clear_caches()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            counts.append(len(captured.captured_queries))
        results[name] = {
            "url": url,
            "queries": max(counts),
            "ms": statistics.median(times),
            "bytes": len(response.content),
        }
    return results

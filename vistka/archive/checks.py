"""After generating: is the archive usable? Counts, the page tree, the story-number sequence, a
story served over HTTP and a search that finds generated text. Each check is cheap at a million
stories (no walk over the tree in Python: ``Page.find_problems()`` issues two queries per page)."""

import random
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.http.request import validate_host
from django.test import Client
from wagtail.models import Page, Site

from vistka.stories.models import ArticlePage, StoryArchivePage, StoryNumber


@dataclass
class Report:
    visible: dict = field(default_factory=dict)  # code -> ArticlePage.objects.visible(locale).count()
    tree_problems: list = field(default_factory=list)
    sequence: tuple = (0, 0)  # (largest story number, the StoryNumber sequence's position)
    served: list = field(default_factory=list)  # (code, url, status, ms)
    searched: list = field(default_factory=list)  # (code, query, hits on the first page, ms)

    @property
    def ok(self):
        return (
            not self.tree_problems
            and self.sequence[1] >= self.sequence[0]
            and all(status == 200 for _c, _u, status, _ms in self.served)
            and all(hits > 0 for _c, _q, hits, _ms in self.searched)
        )


def tree_problems():
    """Each edition's archive: numchild equals its children, every child one level down."""
    found = []
    for archive in StoryArchivePage.objects.all():
        children = Page.objects.filter(path__startswith=archive.path, depth=archive.depth + 1)
        count = children.count()
        if count != archive.numchild:
            found.append(f"archive {archive.pk}: numchild {archive.numchild}, children {count}")
        deeper = Page.objects.filter(path__startswith=archive.path, depth__gt=archive.depth + 1).count()
        if deeper:
            found.append(f"archive {archive.pk}: {deeper} pages below its children")
    return found


def sequence_position():
    table = StoryNumber._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_value FROM {sequence}")  # noqa: S608
            return cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        return row[0] if row else 0


def _host():
    site = Site.objects.filter(is_default_site=True).first()
    hosts = settings.ALLOWED_HOSTS
    if site and validate_host(site.hostname, hosts):
        return site.hostname
    return next((h for h in hosts if h not in ("*",) and not h.startswith(".")), "localhost")


def search_word(story):
    """A word of the story's title that search should find (the longest, for selectivity)."""
    from vistka.reader.lemmas import words

    return max(words(story.title), key=len)


def verify(locale_ids, page_ids=None, seed=0, samples=1):
    from vistka.reader.search import search_stories

    report = Report()
    for code, locale_id in locale_ids.items():
        report.visible[code] = ArticlePage.objects.visible(locale_id).count()
    report.tree_problems = tree_problems()
    largest = (
        ArticlePage.objects.order_by("-story_number").values_list("story_number", flat=True).first() or 0
    )
    report.sequence = (largest, sequence_position())

    rng = random.Random(f"vistka-archive-verify-{seed}")  # noqa: S311 - picking samples
    client = Client(HTTP_HOST=_host())
    secure = settings.SECURE_SSL_REDIRECT
    for code, locale_id in locale_ids.items():
        pool = page_ids.get(code) if page_ids else None
        for _ in range(samples):
            if pool:
                pk = pool[rng.randrange(len(pool))]
            else:
                pk = (
                    ArticlePage.objects.visible(locale_id)
                    .order_by("-pk")
                    .values_list("pk", flat=True)
                    .first()
                )
            if pk is None:
                continue
            story = ArticlePage.objects.get(pk=pk)
            started = time.monotonic()
            response = client.get(story.url, secure=secure)
            report.served.append((code, story.url, response.status_code, (time.monotonic() - started) * 1000))
            query = search_word(story)
            started = time.monotonic()
            results = search_stories(locale_id, code, query)
            report.searched.append((code, query, len(results.hits), (time.monotonic() - started) * 1000))
    return report

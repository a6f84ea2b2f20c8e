"""Stories and records for the delivery tests, and reading what was purged."""

from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.db.models import Max

from vistka.delivery.models import PurgeEvent
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    locale,
)
from vistka.stories.models import ArticlePage

KYIV = ZoneInfo("Europe/Kyiv")
PREFIXES = {"uk": "/", "ru": "/ru/", "en": "/en/"}
EDITIONS = tuple(PREFIXES)


def reread(page):
    """The story as the site sees it (the factory's instance misses what publishing set)."""
    return ArticlePage.objects.get(pk=page.pk)


def publish_story(**kwargs):
    return reread(ArticlePageFactory(**kwargs))


def records(edition="uk", name="Politics"):
    """A section, a tag and an author of one edition, with slugs the tests can address."""
    slug = name.lower().replace(" ", "-")
    return {
        "section": SectionFactory(edition=edition, name=f"{edition} {name}", slug=slug),
        "tag": TagFactory(edition=edition, name=f"{edition} {name} tag", slug=f"{slug}-tag"),
        "author": AuthorFactory(edition=edition, name=f"{edition} {name} reporter", slug=f"{slug}-reporter"),
    }


def draft_story(edition="uk", **kwargs):
    """A story saved as a draft the way the admin saves one: not live, never published."""
    return reread(ArticlePageFactory(edition=edition, state="draft", live=False, **kwargs))


def translate(page, code):
    """The story copied into edition `code`, not yet published. Copying points the translation at
    its own edition's section, tags and authors (created when missing: vistka.stories.translation)."""
    translation = page.copy_for_translation(locale(code))
    translation.title = f"[{code}] {page.title}"
    translation.save()
    return reread(translation)


def kyiv_day(moment):
    return f"{moment.astimezone(KYIV):%Y%m%d}"


def expected_story_keys(page, edition, sections=None, tags=None, authors=None):
    """The keys a change to this story must purge, written out from vistka.delivery.keys' contract."""
    sections = [page.section] if sections is None else sections
    tags = [link.tag for link in page.story_tags.all()] if tags is None else tags
    authors = [link.author for link in page.story_authors.all()] if authors is None else authors
    return {
        f"st-{page.story_number}",
        f"home-{edition}",
        f"all-{edition}",
        f"latest-{edition}",
        f"kind-{edition}-{page.url_root}",
        f"day-{edition}-{kyiv_day(page.first_published_at)}",
        "sitemap",
        f"api-{edition}",
        *(f"sec-{s.pk}" for s in sections if s is not None),
        *(f"tag-{t.pk}" for t in tags),
        *(f"au-{a.pk}" for a in authors),
    }


def last_event_id():
    return PurgeEvent.objects.aggregate(last=Max("id"))["last"] or 0


class Purged:
    """What one change purged: the purge-log rows it wrote."""

    def __init__(self):
        self.events = []

    @property
    def keys(self):
        found = set()
        for event in self.events:
            found.update(event.keys.split())
        return found

    @property
    def batches(self):
        return [event.keys.split() for event in self.events]


@contextmanager
def purged(capture_on_commit):
    """Collect the PurgeEvent rows written for the changes made in the block, once committed.

    `capture_on_commit` is pytest-django's django_capture_on_commit_callbacks: the block's on-commit
    callbacks (where purges happen) run when it ends, as they would at the real commit.
    """
    from django.db import connection

    # What the test did before the block counts as committed: its callbacks run now, so the
    # block's purges are its own (one transaction purges once, see vistka.delivery.purge).
    earlier, connection.run_on_commit = connection.run_on_commit, []
    for _sids, func, _robust in earlier:
        func()
    result = Purged()
    start = last_event_id()
    with capture_on_commit(execute=True):
        yield result
    result.events = list(PurgeEvent.objects.filter(id__gt=start).order_by("id"))


class Scene:
    """An edition with one section, tag and author to publish into, and a live story elsewhere
    (another section, no tags) whose page shows only the latest-news column of what we publish."""

    def __init__(self):
        mine = records("uk", "Politics")
        self.section, self.tag, self.author = mine["section"], mine["tag"], mine["author"]
        self.elsewhere = SectionFactory(name="Economy", slug="economy")
        self.unrelated = publish_story(title="Trams run late on Sundays", section=self.elsewhere)
        self.home = "/"
        self.tag_page = f"/tags/{self.tag.slug}/"
        self.section_page = f"/sections/{self.section.slug}/"
        self.unrelated_page = self.unrelated.url

    @property
    def lists(self):
        """Where a story of this section and tag is listed; the latest column is on unrelated_page."""
        return {
            "home": self.home,
            "tag": self.tag_page,
            "section": self.section_page,
            "latest": self.unrelated_page,
        }

    def draft(self, title):
        return draft_story(title=title, section=self.section, tags=[self.tag], authors=[self.author])

"""Factories for stories and the newsroom's records, with traits for editorial states.

Used by the tests and by the demo newsroom loader.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale

from vistka.people.models import Author
from vistka.stories.kinds import Kind
from vistka.stories.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Correction,
    LiveEntry,
    StoryArchivePage,
)
from vistka.taxonomy.models import Section, Source, Tag


def locale(code="uk"):
    return Locale.objects.get(language_code=code)


def archive_for(code="uk"):
    return StoryArchivePage.objects.get(locale__language_code=code)


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    class Params:
        edition = "uk"

    locale = factory.LazyAttribute(lambda o: locale(o.edition))


class SectionFactory(RecordFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")


class TagFactory(RecordFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")


class SourceFactory(RecordFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Agency {n}")
    qualifier = ""
    url = factory.Sequence(lambda n: f"https://agency{n}.example/")


class AuthorFactory(RecordFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")


class ArticlePageFactory(factory.Factory):
    """Builds a story in an edition's archive and brings it to an editorial state.

    States: published (default), draft, scheduled, corrected, translated (into `translate_to`).
    """

    class Meta:
        model = ArticlePage

    class Params:
        draft = factory.Trait(state="draft")
        scheduled = factory.Trait(state="scheduled")
        corrected = factory.Trait(correction_note="An earlier version misstated a figure.")
        translated = factory.Trait(translate_to=("en",))

    title = factory.Sequence(lambda n: f"Story number {n} makes the news")
    kind = Kind.NEWS
    lead = "A short lead that says what happened."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>What happened, in plain words.</p>")])
    edition = "uk"
    published_at = None  # first publication time; default now
    state = "published"
    correction_note = ""
    translate_to = ()
    authors = ()
    tags = ()
    user = None

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        edition="uk",
        published_at=None,
        state="published",
        correction_note="",
        translate_to=(),
        authors=(),
        tags=(),
        user=None,
        **kwargs,
    ):
        page = model_class(locale=locale(edition), **{"live": state == "published", **kwargs})
        for i, author in enumerate(authors):
            page.story_authors.add(ArticleAuthor(author=author, sort_order=i))
        for i, tag in enumerate(tags):
            page.story_tags.add(ArticleTag(tag=tag, sort_order=i))
        if correction_note:
            page.corrections.add(Correction(note=correction_note))
        archive_for(edition).add_child(instance=page)
        bring_to_state(page, state, published_at, user=user)
        for code in translate_to:
            translation = page.copy_for_translation(locale(code))
            translation.title = f"[{code}] {page.title}"
            translation.save()
            bring_to_state(translation, state, published_at, user=user)
        return page

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        for key in (
            "edition",
            "published_at",
            "state",
            "correction_note",
            "translate_to",
            "authors",
            "tags",
            "user",
        ):
            kwargs.pop(key, None)
        return model_class(*args, **kwargs)


def bring_to_state(page, state, published_at=None, user=None):
    """Take a saved, unpublished page to 'published', 'draft' or 'scheduled'."""
    if state == "draft":
        page.save_revision(user=user)
        return page
    if state == "scheduled":
        page.go_live_at = published_at or timezone.now() + timedelta(hours=2)
        page.save_revision(user=user).publish(user=user)
        return page
    revision = page.save_revision(user=user)
    if published_at is not None:
        page.first_published_at = published_at
    revision.publish(user=user, changed=False)
    if published_at is not None:
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        page.refresh_from_db()
        if not page.url_root:
            page.save()
    return page


def add_live_entry(page, headline, text, posted_at=None):
    entry = LiveEntry(page=page, headline=headline, text=text, posted_at=posted_at or timezone.now())
    entry.save()
    return entry

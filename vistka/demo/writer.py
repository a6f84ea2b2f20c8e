"""Writes a ``NewsroomPlan`` into the database: records, pictures, stories and translations.

Pages are built the way ``stories.factories`` builds them (add to the edition's archive, save a
revision, publish, then date the publication with a queryset update). Translations go through
``copy_for_translation``, so the project's own signal re-points section, tags, authors and
sources to the target edition's records before the translated text is put in.

Search-index and reference-index updates are switched off while loading (they fire on every
save and dominated the load time) and done once per object at the end.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from vistka.demo import images
from vistka.demo.plan import EDITION_CODES, KYIV
from vistka.demo.records import AUTHORS, CITIES, SECTIONS, SOURCES, TOPIC_TAGS
from vistka.people.models import Author
from vistka.stories.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Correction,
    LiveEntry,
    StoryArchivePage,
)
from vistka.taxonomy.models import Section, Source, Tag

COLLECTION_NAME = "Demo newsroom"


def demo_exists():
    """The demo's pictures live in their own collection; its presence marks a loaded demo."""
    return Collection.objects.filter(name=COLLECTION_NAME).exists()


@dataclass
class Summary:
    stories: dict = field(default_factory=dict)  # edition -> published stories
    drafts: int = 0
    scheduled: int = 0
    translated: int = 0  # stories published in more than one edition
    translations: int = 0  # translated pages
    authors: int = 0
    sources: int = 0
    tags: int = 0
    sections: int = 0
    images: int = 0
    live_entries: int = 0
    corrections: int = 0
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)  # phase -> seconds


@contextmanager
def deferred_indexing(models):
    """Suspend per-save search and reference indexing for ``models``."""
    disconnected = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


class NewsroomWriter:
    def __init__(self, plan, progress=None):
        self.plan = plan
        self.progress = progress  # a callable wrapping an iterable (tqdm), or None
        self.locales = {code: Locale.objects.get(language_code=code) for code in EDITION_CODES}
        self.archives = {code: StoryArchivePage.objects.get(locale=loc) for code, loc in self.locales.items()}
        self.records = {}  # (model, key) -> {edition: instance}
        self.pictures = {}  # picture index -> Image
        self.pages = {}  # (story index, edition) -> ArticlePage
        self.summary = Summary()

    def run(self):
        started = time.monotonic()
        image_model = get_image_model()
        with (
            transaction.atomic(),
            deferred_indexing([ArticlePage, Section, Tag, Source, Author, image_model]),
        ):
            with self.timed("records"):
                self.write_records()
            with self.timed("pictures"):
                self.write_pictures()
            with self.timed("stories"):
                stories = self.plan.stories
                for story in self.progress(stories) if self.progress else stories:
                    self.write_story(story)
            with self.timed("indexing"):
                self.reindex()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    @contextmanager
    def timed(self, phase):
        started = time.monotonic()
        yield
        self.summary.phases[phase] = time.monotonic() - started

    # --- Records ------------------------------------------------------------------------------

    def record(self, model, key, names, **fields):
        """The record in the default edition, then its translations (sharing translation_key)."""
        uk = model.objects.filter(locale=self.locales["uk"], slug=key).first()
        if uk is None:
            uk = model(
                locale=self.locales["uk"],
                slug=key,
                name=names["uk"],
                **{name: value["uk"] if isinstance(value, dict) else value for name, value in fields.items()},
            )
            uk.save()
        versions = {"uk": uk}
        for code in EDITION_CODES[1:]:
            version = uk.get_translation_or_none(self.locales[code])
            if version is None:
                version = uk.copy_for_translation(self.locales[code])
                version.name = names[code]
                for name, value in fields.items():
                    setattr(version, name, value[code] if isinstance(value, dict) else value)
                if model.objects.filter(locale=self.locales[code], slug=key).exists():
                    version.slug = f"{key}-{code}"
                version.save()
            versions[code] = version
        self.records[(model, key)] = versions
        return versions

    def write_records(self):
        for key, (names, description, order) in SECTIONS.items():
            self.record(Section, key, names, description=description, sort_order=order)
        for key, names in TOPIC_TAGS.items():
            self.record(Tag, key, names)
        for city in CITIES:
            self.record(Tag, city.key, city.nom)
        for key, (names, role, bio, _desks) in AUTHORS.items():
            self.record(Author, key, names, role=role, bio=bio)
        for key, (names, qualifier, _kind) in SOURCES.items():
            self.record(Source, key, names, qualifier=qualifier, url=f"https://{key}.example/")
        s = self.summary
        s.sections, s.tags, s.authors, s.sources = (
            len(SECTIONS),
            len(TOPIC_TAGS) + len(CITIES),
            len(AUTHORS),
            len(SOURCES),
        )

    # --- Pictures -----------------------------------------------------------------------------

    def write_pictures(self):
        image_model = get_image_model()
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
        for picture in self.plan.pictures:
            image = image_model(
                title=picture.alt["uk"],
                description=picture.alt["uk"],
                collection=collection,
                file=ImageFile(BytesIO(images.render(picture)), name=picture.filename),
            )
            image.save()
            self.pictures[picture.index] = image
        self.summary.images = len(self.pictures)

    # --- Stories ------------------------------------------------------------------------------

    def rec(self, model, key, code):
        return self.records[(model, key)][code]

    def write_story(self, story):
        origin = self.build_page(story, story.origin)
        for i, key in enumerate(story.authors):
            origin.story_authors.add(ArticleAuthor(author=self.rec(Author, key, story.origin), sort_order=i))
        for i, key in enumerate(story.tags):
            origin.story_tags.add(ArticleTag(tag=self.rec(Tag, key, story.origin), sort_order=i))
        self.add_children(origin, story, story.origin)
        self.archives[story.origin].add_child(instance=origin)
        self.bring_to_state(origin, story, story.origin)
        self.pages[(story.index, story.origin)] = origin
        for code in story.editions:
            if code == story.origin:
                continue
            translation = origin.copy_for_translation(self.locales[code])
            # The copy went into this edition's archive through another instance of it; keep
            # ours in step, as treebeard trusts the in-memory child count.
            self.archives[code].numchild += 1
            self.fill_page(translation, story, code)
            translation.corrections = []
            translation.live_entries = []
            self.add_children(translation, story, code)
            self.bring_to_state(translation, story, code)
            self.pages[(story.index, code)] = translation
            self.summary.translations += 1
        if story.published:
            for code in story.editions:
                self.summary.stories[code] = self.summary.stories.get(code, 0) + 1
            self.summary.translated += len(story.editions) > 1
        elif story.state == "draft":
            self.summary.drafts += len(story.editions)
        else:
            self.summary.scheduled += len(story.editions)

    def build_page(self, story, code):
        page = ArticlePage(
            locale=self.locales[code],
            kind=story.kind,
            live=False,
            section=self.rec(Section, story.section, code),
        )
        self.fill_page(page, story, code)
        return page

    def fill_page(self, page, story, code):
        """The edition's text: everything that differs between an original and a translation."""
        page.title = story.title[code]
        page.lead = story.lead[code]
        page.body = self.render_blocks(story.blocks, code)
        page.is_important = story.is_important
        page.breaking_until = story.breaking_until
        page.no_ads = story.no_ads
        if story.picture is not None:
            page.lead_image = self.pictures[story.picture]
            page.lead_image_alt = story.image_alt[code]
            page.lead_image_caption = story.image_caption[code]
            page.lead_image_credit = story.image_credit[code]

    def add_children(self, page, story, code):
        when = story.times[code]
        for i, (kind, made_at, note) in enumerate(story.corrections):
            page.corrections.add(
                Correction(type=kind, made_at=max(made_at, when), note=note[code], sort_order=i)
            )
            self.summary.corrections += 1
        for i, (posted_at, headline, text) in enumerate(story.live_entries):
            page.live_entries.add(
                LiveEntry(
                    posted_at=posted_at,
                    headline=headline[code],
                    text=f"<p>{escape(text[code])}</p>",
                    sort_order=i,
                )
            )
            self.summary.live_entries += 1

    def bring_to_state(self, page, story, code):
        """As ``factories.bring_to_state``, but also dating the revision, so page history and
        "last edited" agree with the publication time."""
        when = story.times[code]
        # The page is validated when it is saved (by add_child, or by publish below), so the
        # revision skips a second, identical validation.
        if story.state == "draft":
            page.save_revision()
            return
        if story.state == "scheduled":
            page.go_live_at = when
            page.save_revision().publish()
            return
        revision = page.save_revision(clean=False)
        revision.publish(changed=False)
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=when
        )
        type(revision).objects.filter(pk=revision.pk).update(created_at=when)
        # publish() worked on its own copy of the page; bring this one up to date so that
        # copy_for_translation copies it directly instead of reloading the latest revision.
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = when
        page.live, page.has_unpublished_changes, page.live_revision = True, False, revision

    # --- Body ---------------------------------------------------------------------------------

    def page_for(self, index, code):
        return self.pages[(index, code)]

    def render_blocks(self, blocks, code):
        """Language-neutral plan blocks -> StreamField data for one edition."""
        out = []
        for block in blocks:
            kind = block[0]
            if kind == "source":
                _, key, note = block
                out.append(("source", {"source": self.rec(Source, key, code), "note": note[code]}))
            elif kind == "labelled":
                _, label, text = block
                out.append(("labelled", {"label": label, "text": f"<p>{escape(text[code])}</p>"}))
            elif kind == "paragraph":
                out.append(("paragraph", f"<p>{escape(block[1][code])}</p>"))
            elif kind == "qa":
                _, question, answer = block
                out.append(
                    ("paragraph", f"<p><b>{escape(question[code])}</b></p><p>{escape(answer[code])}</p>")
                )
            elif kind == "heading":
                out.append(("heading", block[1][code]))
            elif kind == "quote":
                _, text, attribution = block
                out.append(("quote", {"text": text[code], "attribution": attribution[code]}))
            elif kind == "table":
                out.append(("table", block[1][code]))
            elif kind == "image":
                _, index, alt, caption, credit = block
                out.append(("image", self.image_value(index, alt, caption, credit, code)))
            elif kind == "gallery":
                shots = [self.image_value(*shot, code) for shot in block[1]]
                out.append(("gallery", {"images": shots}))
            elif kind == "background":
                items = []
                for index in block[1]:
                    earlier = self.plan.stories[index]
                    items.append(
                        {
                            "date": earlier.times[code].astimezone(KYIV).date(),
                            "text": earlier.title[code],
                            "story": self.page_for(index, code),
                        }
                    )
                out.append(("background", {"items": items}))
            elif kind == "read_also":
                out.append(("read_also", {"story": self.page_for(block[1], code), "text": ""}))
            else:  # pragma: no cover - a plan only holds the kinds above
                raise ValueError(f"Unknown block {kind!r}")
        return out

    def image_value(self, index, alt, caption, credit, code):
        return {
            "image": self.pictures[index],
            "alt": alt[code],
            "caption": caption[code],
            "credit": credit[code],
        }

    # --- Indexes ------------------------------------------------------------------------------

    def reindex(self):
        """The search and reference indexing that was deferred during the load."""
        pages = list(ArticlePage.objects.filter(pk__in=[p.pk for p in self.pages.values()]))
        records = {}
        for (model, _key), versions in self.records.items():
            records.setdefault(model, []).extend(versions.values())
        image_model = get_image_model()
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, pages)
            for model, objs in records.items():
                backend.add_bulk(model, objs)
            backend.add_bulk(image_model, list(self.pictures.values()))
        # Only the stories point at other objects (records, pictures, earlier stories); the
        # records and pictures the demo creates reference nothing the index tracks.
        for obj in pages:
            ReferenceIndex.create_or_update_for_object(obj)

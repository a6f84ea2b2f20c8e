"""generate_archive on a small archive, on SQLite and (DATABASE_URL=postgres://...) PostgreSQL.

The app needs no INSTALLED_APPS entry for these tests: they call the generator and the command
object directly.
"""

import itertools
from collections import Counter, defaultdict
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from vistka.archive.generator import ArchivePlan, StoryMaker
from vistka.archive.management.commands.generate_archive import Command, generate, label_texts
from vistka.archive.records import build_catalogue
from vistka.archive.writer import MAX_CHILDREN, ArchiveLimitError, ArchiveWriter, index_entry_model, path_step
from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.lemmas import lemmatise
from vistka.reader.search import search_stories
from vistka.search.index import backend as story_index
from vistka.search.index import sync_stories
from vistka.search.models import StoryIndexEntry
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage, StoryArchivePage, StoryNumber

pytestmark = pytest.mark.django_db

N = 300
SEED = 3
UNTIL = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)
IMAGES = 6


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory):
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("archive-media"))):
        yield


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, media_root):
    with rolled_back(django_db_blocker), translation.override("uk"):
        before = {
            a.locale.language_code: a.numchild for a in StoryArchivePage.objects.select_related("locale")
        }
        numbers_before = StoryNumber.objects.count()
        plan, catalogue, writer, page_ids, _seconds = generate(
            N, seed=SEED, years=3, batch=70, until=UNTIL, images=IMAGES, wagtail_index=True, progress=False
        )
        yield {
            "plan": plan,
            "catalogue": catalogue,
            "writer": writer,
            "page_ids": page_ids,
            "before": before,
            "numbers_before": numbers_before,
        }


def locale_id(code):
    return Locale.objects.get(language_code=code).pk


def generated(archive, code=None):
    ids = [pk for c, pks in archive["page_ids"].items() if code in (None, c) for pk in pks]
    return ArticlePage.objects.filter(pk__in=ids)


# --- counts, translations, numbers ---------------------------------------------------------


def test_every_story_is_visible_in_its_edition(archive):
    counts = {code: ArticlePage.objects.visible(locale_id(code)).count() for code in ("uk", "ru", "en")}
    assert sum(counts.values()) == N
    assert counts == archive["writer"].stats.pages == archive["plan"].pages_per_edition()
    assert 0.5 < counts["uk"] / N < 0.7
    assert 0.15 < counts["ru"] / N < 0.35
    assert 0.07 < counts["en"] / N < 0.23


def test_translations_share_number_and_translation_key(archive):
    groups = defaultdict(list)
    for number, key, locale, first in generated(archive).values_list(
        "story_number", "translation_key", "locale__language_code", "first_published_at"
    ):
        groups[number].append((key, locale, first))
    assert len(groups) == len(archive["plan"])
    translated = 0
    for pages in groups.values():
        assert len({key for key, _l, _f in pages}) == 1
        assert len({locale for _k, locale, _f in pages}) == len(pages)
        if len(pages) > 1:
            assert "uk" in {locale for _k, locale, _f in pages}
            translated += 1
    uk_stories = sum(1 for pages in groups.values() if "uk" in {loc for _k, loc, _f in pages})
    assert 0.18 < translated / uk_stories < 0.42


def test_story_numbers_are_unique_per_edition_and_the_sequence_moved_past_them(archive):
    rows = list(generated(archive).values_list("story_number", "locale_id"))
    assert len(rows) == len(set(rows))
    largest = max(number for number, _ in rows)
    assert StoryNumber.objects.count() == archive["numbers_before"] + len(archive["plan"])
    assert StoryNumber.objects.filter(pk=largest).exists()
    assert StoryNumber.next() > largest


def test_dates_span_the_years_before_until(archive):
    dates = list(generated(archive).values_list("first_published_at", flat=True))
    assert max(dates) <= UNTIL
    assert min(dates).year <= UNTIL.year - 2
    kinds = Counter(generated(archive).values_list("kind", flat=True))
    assert kinds[Kind.NEWS] > N * 0.55


def test_links_records_and_images(archive):
    for page in generated(archive).prefetch_related("story_authors__author", "story_tags__tag")[:60]:
        authors = [link.author for link in page.story_authors.all()]
        tags = [link.tag for link in page.story_tags.all()]
        assert 1 <= len(authors) <= 2
        assert 2 <= len(tags) <= 5
        assert [link.sort_order for link in page.story_tags.all()] == list(range(len(tags)))
        assert {r.locale_id for r in authors + tags} == {page.locale_id}
        assert page.section.locale_id == page.locale_id
        assert page.slug == str(page.story_number)
    catalogue = archive["catalogue"]
    assert len(catalogue.tags) >= 200
    assert len(catalogue.sections) == 12
    assert len(catalogue.authors) == 60
    assert len(catalogue.sources) == 40
    assert len(catalogue.images) == IMAGES
    with_image = generated(archive).exclude(lead_image=None).count()
    assert with_image > N * 0.6


def test_bodies_are_valid_stream_fields(archive):
    by_kind = {}
    for page in generated(archive).order_by("pk"):
        by_kind.setdefault(page.kind, page)
    for page in by_kind.values():
        page.full_clean()  # title, slug among siblings, every block of the body
        assert page.body_html()
        types = [block.block_type for block in page.body]
        assert types[0] == ("paragraph" if page.kind == Kind.COLUMN else "source")


# --- the page tree ----------------------------------------------------------------------------


def test_tree_has_no_problems(archive):
    assert Page.find_problems() == ([], [], [], [], [])
    for code, added in archive["writer"].stats.pages.items():
        parent = StoryArchivePage.objects.get(locale__language_code=code)
        assert parent.numchild == archive["before"][code] + added
        children = list(
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("path")
        )
        assert len(children) == parent.numchild
        assert children[-1].path == parent.path + path_step(parent.numchild)
        assert all(child.url_path == f"{parent.url_path}{child.slug}/" for child in children)


def test_path_steps_follow_treebeard():
    assert path_step(1) == "0001"
    assert path_step(36) == "0010"
    assert path_step(MAX_CHILDREN) == "ZZZZ"
    node = Page(path="0001ZZZY", depth=2)
    assert node._inc_path() == "0001" + path_step(MAX_CHILDREN)


def test_too_many_children_fail_early_with_a_clear_message(archive):
    writer = ArchiveWriter(archive["catalogue"].locale_ids, batch=10)
    writer.archives["uk"].next_position = MAX_CHILDREN - 4
    with pytest.raises(ArchiveLimitError, match="at most 1,679,615 children"):
        writer.check_capacity({"uk": 10, "ru": 1, "en": 1})
    writer.check_capacity({"uk": 5, "ru": 1, "en": 1})


# --- serving, admin, search --------------------------------------------------------------


def test_story_urls_answer_200(archive, client):
    for code in ("uk", "ru", "en"):
        for page in generated(archive, code).order_by("?")[:3]:
            response = client.get(page.url)
            assert response.status_code == 200, (page.url, response.status_code)
            assert page.title.encode() in response.content or page.title in response.content.decode()


def test_admin_opens_a_generated_story(archive):
    admin = User.objects.create_superuser("archive-admin", "archive@example.com", "pw")
    client = Client()
    client.force_login(admin)
    page = generated(archive, "ru").order_by("pk").last()
    response = client.get(f"/admin/pages/{page.pk}/edit/", secure=True)
    assert response.status_code == 200
    assert client.get(f"/admin/pages/{page.get_parent().pk}/", secure=True).status_code == 200


def test_search_finds_a_generated_story(archive):
    with translation.override("uk"):
        for code in ("uk", "ru", "en"):
            page = generated(archive, code).order_by("pk")[5]
            results = search_stories(page.locale_id, code, page.title)
            assert page.pk in [story.pk for story, _snippet in results.hits], (code, page.title)


def test_index_rows_equal_what_the_search_backend_writes(archive):
    """Each kind of body: the generator's index row is the row Wagtail's backend would write."""
    entry = index_entry_model()
    backend = get_search_backend()
    fields = (
        ("title", "autocomplete", "body", "title_text", "body_text")
        if connection.vendor == "postgresql"
        else (
            "title",
            "autocomplete",
            "body",
        )
    )

    def row(page):
        qs = entry.objects.filter(content_type_id=archive["writer"].content_type_id, object_id=str(page.pk))
        if connection.vendor == "postgresql":
            from django.db.models import TextField
            from django.db.models.functions import Cast

            return qs.values_list(
                *(Cast(f, TextField()) if f in ("title", "autocomplete", "body") else f for f in fields)
            ).get()
        return qs.values_list(*fields).get()

    pages = {}
    for page in generated(archive).order_by("pk"):
        pages.setdefault(page.kind, page)
    with translation.override("uk"):
        for page in pages.values():
            ours = row(page)
            assert page.search_lemmas() == lemmatise(
                " ".join([page.title, page.lead, page.body_text()]), page.language_code
            )
            backend.add_bulk(ArticlePage, [ArticlePage.objects.get(pk=page.pk)])
            assert row(page) == ours, page.kind


def test_story_index_rows_equal_what_the_live_sync_writes(archive):
    """Each kind of body: the generator's story index row is the row the signal handlers write
    when the same story is saved (vistka.search.index.sync_stories)."""
    index = story_index()
    pages = {}
    for page in generated(archive).order_by("pk"):
        pages.setdefault(page.kind, page)
    assert len(pages) >= 5
    assert StoryIndexEntry.objects.filter(page_id__in=generated(archive).values("pk")).count() == N
    with translation.override("uk"):
        for page in pages.values():
            ours = index.stored(page.pk)
            assert ours is not None
            StoryIndexEntry.objects.filter(page_id=page.pk).delete()
            assert index.stored(page.pk) is None
            sync_stories([page.pk])
            assert index.stored(page.pk) == ours, page.kind
            assert ours[0] == page.locale_id
            assert StoryIndexEntry.objects.get(page_id=page.pk).published_at == page.first_published_at


# --- determinism, second run, the command ---------------------------------------------


def test_the_same_seed_writes_the_same_stories(archive):
    def texts():
        plan = ArchivePlan(SEED, 40, 3, UNTIL)
        maker = StoryMaker(plan, archive["catalogue"], itertools.count(1), itertools.count(1), label_texts())
        return [(p.title, p.lead, p.body, p.lemmas, p.published, p.tag_ids) for story in maker for p in story]

    first = texts()
    assert first == texts()
    assert len(first) == 40
    other = ArchivePlan(SEED + 1, 40, 3, UNTIL)
    assert list(other.times) != list(ArchivePlan(SEED, 40, 3, UNTIL).times)


def test_a_second_run_adds_stories_and_reuses_records(archive):
    with translation.override("uk"):
        plan, catalogue, writer, page_ids, _s = generate(
            25, seed=SEED, years=3, until=UNTIL, images=IMAGES, progress=False
        )
    assert set(catalogue.created.values()) == {0}
    assert sum(writer.stats.pages.values()) == 25
    assert ArticlePage.objects.count() >= N + 25
    assert Page.find_problems() == ([], [], [], [], [])
    # By default the story index only: no Wagtail index rows for generated stories.
    added = [pk for pks in page_ids.values() for pk in pks]
    assert StoryIndexEntry.objects.filter(page_id__in=added).count() == 25
    assert writer.stats.wagtail_index_entries == 0
    assert (
        not index_entry_model()
        .objects.filter(content_type_id=writer.content_type_id, object_id__in=[str(pk) for pk in added])
        .exists()
    )


def test_catalogue_is_reused_not_duplicated(archive):
    catalogue = build_catalogue(SEED, image_count=IMAGES)
    assert set(catalogue.created.values()) == {0}
    assert catalogue.tags == archive["catalogue"].tags


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_deferred_gin_indexes_come_back(archive):
    tables = [index_entry_model()._meta.db_table, StoryIndexEntry._meta.db_table]

    def gin():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexdef LIKE %s",
                [tables, "% USING gin %"],
            )
            return sorted(row[0] for row in cursor.fetchall())

    indexes = gin()
    assert any("storysearch_tsv" in definition for definition in indexes)
    with translation.override("uk"):
        generate(
            20,
            seed=SEED + 5,
            years=2,
            until=UNTIL,
            images=IMAGES,
            defer_indexes="yes",
            wagtail_index=True,
            progress=False,
        )
    assert gin() == indexes


def test_the_command_reports_counts_and_checks(archive):
    out = StringIO()
    with translation.override("uk"):
        call_command(
            Command(),
            stories=30,
            seed=SEED + 1,
            years=2,
            until=UNTIL,
            images=IMAGES,
            no_progress=True,
            stdout=out,
        )
    text = out.getvalue()
    assert "Added 30 stories" in text
    assert "page tree: ok" in text
    assert "All checks passed." in text

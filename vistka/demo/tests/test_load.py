"""Loading a small demo newsroom into the database."""

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale, ReferenceIndex

from vistka.demo.plan import KYIV, build_plan
from vistka.demo.text import LANGS
from vistka.demo.writer import COLLECTION_NAME, NewsroomWriter
from vistka.people.models import Author
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage, Correction, LiveEntry
from vistka.taxonomy.models import Section, Source, Tag

pytestmark = pytest.mark.django_db

SMALL = {"per_edition": 20, "pictures": 6}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def anchor():
    """Now, to the hour, as the command computes it (so the stories are dated as in real use)."""
    return datetime.now(tz=KYIV).replace(minute=0, second=0, microsecond=0)


def load(when, seed=7, per_edition=SMALL["per_edition"], pictures=SMALL["pictures"]):
    out = StringIO()
    call_command(
        "load_demo_newsroom",
        seed=seed,
        stories_per_edition=per_edition,
        images=pictures,
        anchor=when,
        no_progress=True,
        stdout=out,
    )
    return out.getvalue()


def first_source_block():
    for page in ArticlePage.objects.filter(kind=Kind.NEWS):
        for block in page.body:
            if block.block_type == "source":
                return block
    return None


def rows_in_db():
    """(edition, position in story-number order, title, kind): what the determinism promise covers."""
    rows = []
    for code in LANGS:
        pages = ArticlePage.objects.filter(locale__language_code=code).order_by("story_number")
        rows += [(code, i, page.title, page.kind) for i, page in enumerate(pages)]
    return rows


def test_small_newsroom_is_loaded_as_planned(client):
    when = anchor()
    output = load(when)
    plan = build_plan(seed=7, anchor=when, **SMALL)
    assert "Demo newsroom loaded" in output

    # Exactly the planned stories, in story-number order.
    assert rows_in_db() == [(code, i, title, str(kind)) for code, i, title, kind in plan.summary()]
    for code in LANGS:
        visible = ArticlePage.objects.visible().filter(locale__language_code=code)
        assert visible.count() == 20
        assert set(visible.values_list("kind", flat=True)) == set(Kind.values)
        assert (
            ArticlePage.objects.filter(
                locale__language_code=code, live=False, go_live_at__isnull=False
            ).count()
            == 2
        )

    # Records exist once per edition and share translation keys across editions.
    for model, at_least in ((Author, 10), (Source, 20), (Tag, 50), (Section, 8)):
        for code in LANGS:
            assert model.objects.filter(locale__language_code=code).count() >= at_least
        record = model.objects.filter(locale__language_code="uk").first()
        assert record.get_translation(Locale.objects.get(language_code="en")).slug == record.slug
    assert get_image_model().objects.filter(collection__name=COLLECTION_NAME).count() == SMALL["pictures"]

    # Translations share the story number and translation key and point at their own edition's records.
    by_story = {}
    for code in LANGS:
        pages = ArticlePage.objects.filter(locale__language_code=code).order_by("story_number")
        mine = [story for story in plan.stories if code in story.editions]
        for story, page in zip(mine, pages, strict=True):
            by_story.setdefault(story.index, {})[code] = page
    translated = [s for s in plan.stories if s.published and len(s.editions) > 1]
    assert translated
    for story in translated:
        pages = by_story[story.index]
        assert set(pages) == set(story.editions)
        assert len({p.story_number for p in pages.values()}) == 1
        assert len({p.translation_key for p in pages.values()}) == 1
        for code, page in pages.items():
            assert page.title == story.title[code]
            assert page.section.locale_id == page.locale_id
            assert {link.tag.locale_id for link in page.story_tags.all()} == {page.locale_id}
            assert [link.author.slug for link in page.story_authors.order_by("sort_order")] == story.authors

    # The live story has its entries in every edition; some stories carry corrections.
    for code in LANGS:
        live = ArticlePage.objects.get(kind=Kind.LIVE, locale__language_code=code)
        assert LiveEntry.objects.filter(page=live).count() >= 10
    assert Correction.objects.count() == sum(len(s.corrections) * len(s.editions) for s in plan.stories)

    # The front pages show the newest headlines, and stories are served at their addresses.
    for code, prefix in (("uk", "/"), ("ru", "/ru/"), ("en", "/en/")):
        newest = max(
            (s for s in plan.stories if s.published and code in s.editions), key=lambda s: s.times[code]
        )
        response = client.get(prefix)
        assert response.status_code == 200
        assert escape(newest.title[code]) in response.text
        page = ArticlePage.objects.visible().filter(locale__language_code=code, kind=Kind.NEWS).first()
        response = client.get(page.url)
        assert response.status_code == 200
        assert escape(page.title) in response.text
    live = ArticlePage.objects.get(kind=Kind.LIVE, locale__language_code="en")
    assert client.get(live.url).status_code == 200

    # Indexing deferred during the load has been done: the stories are searchable and their
    # pictures and sources know where they are used.
    assert live in ArticlePage.objects.live().search("grid")
    assert ReferenceIndex.get_references_to(live.lead_image).exists()
    source_block = first_source_block()
    assert ReferenceIndex.get_references_to(source_block.value["source"]).exists()


def test_a_second_run_does_nothing():
    when = anchor()
    load(when, per_edition=10, pictures=3)
    count = ArticlePage.objects.count()
    output = load(when, per_edition=10, pictures=3)
    assert "already loaded" in output
    assert ArticlePage.objects.count() == count


def test_the_same_seed_writes_the_same_newsroom():
    """Two loads of one plan into the same database state give the same stories."""
    plan_args = {
        "seed": 11,
        "anchor": anchor(),
        "per_edition": 12,
        "pictures": 3,
        "drafts": 1,
        "scheduled": 1,
    }
    runs = []
    for _ in range(2):
        with transaction.atomic():
            NewsroomWriter(build_plan(**plan_args)).run()
            runs.append(rows_in_db())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert len(runs[0]) == 3 * (12 + 2)


def test_too_small_a_newsroom_is_refused():
    with pytest.raises(CommandError):
        call_command("load_demo_newsroom", stories_per_edition=5, no_progress=True, stdout=StringIO())

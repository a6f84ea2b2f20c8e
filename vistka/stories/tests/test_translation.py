"""A translation is a draft in the target edition linked to its original, pointing at the
target edition's own section, tags, authors and sources."""

import pytest

from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    locale,
)
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Source, Tag


def translated(record, code, name):
    copy = record.copy_for_translation(locale(code))
    copy.name = name
    copy.save()
    return copy


@pytest.fixture
def original(db):
    """A uk column whose section, first tag, first author and first source already exist in English."""
    section = SectionFactory(name="Політика")
    tags = [TagFactory(name="Вибори"), TagFactory(name="Парламент")]
    authors = [AuthorFactory(name="Олена Коваль"), AuthorFactory(name="Петро Бондар")]
    sources = [SourceFactory(name="Укрінформ"), SourceFactory(name="Суспільне")]
    existing = {
        "section": translated(section, "en", "Politics"),
        "tag": translated(tags[0], "en", "Elections"),
        "author": translated(authors[0], "en", "Olena Koval"),
        "source": translated(sources[0], "en", "Ukrinform"),
    }
    page = ArticlePageFactory(
        title="Колонка про вибори",
        kind=Kind.COLUMN,
        section=section,
        tags=tags,
        authors=authors,
        body=[
            ("source", {"source": sources[0], "note": ""}),
            ("paragraph", "<p>Текст.</p>"),
            ("source", {"source": sources[1], "note": "у Telegram"}),
        ],
    )
    return {
        "page": ArticlePage.objects.get(pk=page.pk),
        "tags": tags,
        "authors": authors,
        "sources": sources,
        "section": section,
        "existing": existing,
    }


def translate_by_view(client, page, code):
    response = client.post(f"/newsroom/translate/{page.pk}/{code}/")
    assert response.status_code == 302, response.get("Location")
    return ArticlePage.objects.get(translation_key=page.translation_key, locale=locale(code))


def translate_by_api(page, code):
    page.copy_for_translation(locale(code))
    return ArticlePage.objects.get(translation_key=page.translation_key, locale=locale(code))


@pytest.fixture
def english(original, translator_client):
    return translate_by_view(translator_client, original["page"], "en")


def latest(page):
    """The translation as the translator will open it in the editor."""
    return ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def source_ids(page):
    return [block.value["source"].pk for block in page.body if block.block_type == "source"]


@pytest.mark.django_db
def test_translation_is_a_linked_draft_with_the_same_story_number(original, english):
    page = original["page"]
    assert english.locale == locale("en")
    assert english.translation_key == page.translation_key
    assert english.story_number == page.story_number
    assert english.get_parent().locale == locale("en")
    assert not english.live
    assert english.first_published_at is None


@pytest.mark.django_db
def test_translation_uses_the_existing_section_of_the_target_edition(original, english):
    assert english.section_id == original["existing"]["section"].pk
    assert latest(english).section_id == original["existing"]["section"].pk


@pytest.mark.django_db
def test_translation_tags_point_at_the_target_editions_tags(original, english):
    elections, parliament = original["tags"]
    tags = [link.tag for link in latest(english).story_tags.all()]

    assert [tag.locale for tag in tags] == [locale("en"), locale("en")]
    assert tags[0].pk == original["existing"]["tag"].pk  # existing translation reused
    assert tags[1].translation_key == parliament.translation_key  # missing one created
    assert Tag.objects.filter(translation_key=parliament.translation_key).count() == 2


@pytest.mark.django_db
def test_translation_authors_point_at_the_target_editions_authors(original, english):
    koval, bondar = original["authors"]
    authors = [link.author for link in latest(english).story_authors.all()]

    assert [author.locale for author in authors] == [locale("en"), locale("en")]
    assert authors[0].pk == original["existing"]["author"].pk
    assert authors[1].translation_key == bondar.translation_key


@pytest.mark.django_db
def test_translation_source_lines_point_at_the_target_editions_sources(original, english):
    ukrinform, suspilne = original["sources"]
    ids = source_ids(latest(english))

    assert ids[0] == original["existing"]["source"].pk
    created = Source.objects.get(pk=ids[1])
    assert created.locale == locale("en")
    assert created.translation_key == suspilne.translation_key
    assert source_ids(ArticlePage.objects.get(pk=english.pk)) == ids  # the page row agrees with the draft


@pytest.mark.django_db
def test_the_original_keeps_its_own_records(original, english):
    page = ArticlePage.objects.get(pk=original["page"].pk)
    assert page.section_id == original["section"].pk
    assert [link.tag_id for link in page.story_tags.all()] == [t.pk for t in original["tags"]]
    assert [link.author_id for link in page.story_authors.all()] == [a.pk for a in original["authors"]]
    assert source_ids(page) == [s.pk for s in original["sources"]]


@pytest.mark.django_db
def test_records_created_for_one_translation_are_reused_by_the_next(original, translator_client):
    first = translate_by_view(translator_client, original["page"], "en")
    parliament = original["tags"][1]
    second_story = ArticlePageFactory(
        tags=[parliament], body=[("source", {"source": original["sources"][1], "note": ""})]
    )

    second = translate_by_view(translator_client, second_story, "en")

    assert Tag.objects.filter(translation_key=parliament.translation_key, locale=locale("en")).count() == 1
    assert [link.tag_id for link in latest(second).story_tags.all()] == [
        link.tag_id for link in latest(first).story_tags.all()
    ][1:]
    assert source_ids(latest(second)) == source_ids(latest(first))[1:]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, root",
    [(Kind.COLUMN, "columns"), (Kind.EXPLAINER, "articles"), (Kind.LIVE, "live"), (Kind.NEWS, "news")],
)
def test_translation_takes_its_url_root_from_its_kind(db, kind, root):
    page = ArticlePageFactory(kind=kind)
    copy = translate_by_api(page, "ru")
    assert copy.url_root == root
    assert latest(copy).url_root == root


@pytest.mark.django_db
def test_copy_for_translation_localises_records_too(original):
    """The same rules apply when a translation is made without the newsroom view (e.g. Wagtail's own)."""
    russian = latest(translate_by_api(original["page"], "ru"))
    assert russian.section.locale == locale("ru")
    assert {link.tag.locale for link in russian.story_tags.all()} == {locale("ru")}
    assert {link.author.locale for link in russian.story_authors.all()} == {locale("ru")}
    assert {Source.objects.get(pk=pk).locale for pk in source_ids(russian)} == {locale("ru")}


@pytest.mark.django_db
def test_published_translation_shows_the_target_editions_records(original, translator_client, client):
    english = translate_by_view(translator_client, original["page"], "en")
    latest(english).save_revision().publish()
    response = client.get(ArticlePage.objects.get(pk=english.pk).url)
    assert response.status_code == 200
    assert "Olena Koval" in response.text
    assert "Ukrinform" in response.text
    assert "Олена Коваль" not in response.text
    assert "Укрінформ" not in response.text

"""What each editorial change purges, per edition: the keys written to the purge log (PurgeEvent),
which both Varnish (xkey) and every app process's fast path act on.

The contract is vistka.delivery.keys: a story change purges the story (st-<n>, shared by its
translations) and every list of its edition that shows it; a record change purges its own list
and the pages that print its name.
"""

import pytest

from vistka.delivery.tests.newsroom import (
    EDITIONS,
    KYIV,
    draft_story,
    expected_story_keys,
    publish_story,
    purged,
    records,
    reread,
    translate,
)
from vistka.editions.models import EditionHomePage, EditionSettings
from vistka.stories.factories import (
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    bring_to_state,
    locale,
)
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticleTag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_varnish(settings):
    """These tests read the purge log only; no Varnish is running."""
    settings.VARNISH_PURGE_URLS = []


def other_editions_in(keys, edition):
    """Keys naming another edition (home-ru, day-en-..., kind-ru-news...)."""
    others = [code for code in EDITIONS if code != edition]
    return sorted(k for k in keys for code in others if k.endswith(f"-{code}") or f"-{code}-" in k)


@pytest.mark.parametrize("edition", EDITIONS)
def test_publishing_a_story_purges_the_story_and_every_list_of_its_edition_that_shows_it(
    edition, django_capture_on_commit_callbacks
):
    mine = records(edition)
    second_tag, second_author = TagFactory(edition=edition), AuthorFactory(edition=edition)
    for other in EDITIONS:  # look-alike records elsewhere, so that a leak would show
        if other != edition:
            records(other)
    page = draft_story(
        edition,
        kind=Kind.EXPLAINER,
        section=mine["section"],
        tags=[mine["tag"], second_tag],
        authors=[mine["author"], second_author],
    )

    with purged(django_capture_on_commit_callbacks) as change:
        bring_to_state(page, "published")

    page = reread(page)
    assert page.url_root == "articles"
    expected = {
        f"st-{page.story_number}",
        f"home-{edition}",
        f"all-{edition}",
        f"latest-{edition}",
        f"kind-{edition}-articles",
        f"day-{edition}-{page.first_published_at.astimezone(KYIV):%Y%m%d}",
        f"sec-{mine['section'].pk}",
        f"tag-{mine['tag'].pk}",
        f"tag-{second_tag.pk}",
        f"au-{mine['author'].pk}",
        f"au-{second_author.pk}",
        "sitemap",
        f"api-{edition}",
    }
    assert change.keys == expected
    assert len(change.events) == 1, change.batches
    assert other_editions_in(change.keys, edition) == []


def test_publishing_a_translation_purges_its_own_edition_and_the_shared_story_key(
    django_capture_on_commit_callbacks,
):
    uk = records("uk")
    page = publish_story(section=uk["section"], tags=[uk["tag"]], authors=[uk["author"]])
    translation = translate(page, "ru")
    ru_section = translation.section
    (ru_tag,) = [link.tag for link in translation.story_tags.all()]
    (ru_author,) = [link.author for link in translation.story_authors.all()]
    assert {ru_section.locale_id, ru_tag.locale_id, ru_author.locale_id} == {locale("ru").pk}

    with purged(django_capture_on_commit_callbacks) as change:
        bring_to_state(translation, "published")

    translation = reread(translation)
    assert translation.story_number == page.story_number
    assert change.keys == {
        f"st-{page.story_number}",
        "home-ru",
        "all-ru",
        "latest-ru",
        "kind-ru-news",
        f"day-ru-{translation.first_published_at.astimezone(KYIV):%Y%m%d}",
        f"sec-{ru_section.pk}",
        f"tag-{ru_tag.pk}",
        f"au-{ru_author.pk}",
        "sitemap",
        "api-ru",
    }
    assert other_editions_in(change.keys, "ru") == []


def test_moving_a_story_to_another_section_purges_the_old_and_the_new_section(
    django_capture_on_commit_callbacks,
):
    before, after = SectionFactory(slug="before"), SectionFactory(slug="after")
    page = publish_story(section=before)

    with purged(django_capture_on_commit_callbacks) as change:
        page.section = after
        page.save_revision().publish()

    page = reread(page)
    assert page.section_id == after.pk
    assert change.keys == expected_story_keys(page, "uk", sections=[before, after])


def test_retagging_a_story_purges_the_old_and_the_new_tag_pages(django_capture_on_commit_callbacks):
    old, new = TagFactory(), TagFactory()
    page = publish_story(tags=[old])

    with purged(django_capture_on_commit_callbacks) as change:
        page.story_tags = [ArticleTag(tag=new, sort_order=0)]
        page.save_revision().publish()

    assert change.keys == expected_story_keys(reread(page), "uk", tags=[old, new])


def test_unpublishing_a_story_purges_it_everywhere(django_capture_on_commit_callbacks):
    mine = records("uk")
    page = publish_story(section=mine["section"], tags=[mine["tag"]], authors=[mine["author"]])
    expected = expected_story_keys(page, "uk")

    with purged(django_capture_on_commit_callbacks) as change:
        page.unpublish()

    assert change.keys == expected


def test_deleting_a_live_story_purges_it_everywhere(django_capture_on_commit_callbacks):
    mine = records("uk")
    page = publish_story(section=mine["section"], tags=[mine["tag"]], authors=[mine["author"]])
    expected = expected_story_keys(page, "uk")

    with purged(django_capture_on_commit_callbacks) as change:
        page.delete()

    assert change.keys == expected
    assert len(change.events) == 1, change.batches  # once, though Wagtail unpublishes it first


def test_drafts_purge_nothing(django_capture_on_commit_callbacks):
    """Nothing public changes: a new draft, a draft edit of a live story, deleting a draft."""
    live = publish_story()
    with purged(django_capture_on_commit_callbacks) as change:
        draft = draft_story("uk")
        live.title = "A draft headline nobody sees yet"
        live.save_revision()
        draft.delete()

    assert change.events == []


RECORD_FACTORIES = {
    "section": (SectionFactory, "sec"),
    "tag": (TagFactory, "tag"),
    "author": (AuthorFactory, "au"),
    "source": (SourceFactory, "src"),
}


@pytest.mark.parametrize("edition", ["uk", "ru"])
@pytest.mark.parametrize("kind", RECORD_FACTORIES)
def test_editing_a_record_purges_its_list_and_the_pages_that_print_its_name(
    kind, edition, django_capture_on_commit_callbacks
):
    factory, prefix = RECORD_FACTORIES[kind]
    record = factory(edition=edition)

    with purged(django_capture_on_commit_callbacks) as change:
        record.name = f"Renamed {kind}"
        record.save()

    expected = {f"{prefix}-{record.pk}", f"rec-{prefix}-{record.pk}"}
    if kind == "section":  # the sections menu is on every page of the edition
        expected.add(f"edition-{edition}")
    assert change.keys == expected


def test_deleting_a_tag_purges_its_list_and_the_pages_that_print_it(django_capture_on_commit_callbacks):
    tag = TagFactory()
    pk = tag.pk

    with purged(django_capture_on_commit_callbacks) as change:
        tag.delete()

    assert change.keys == {f"tag-{pk}", f"rec-tag-{pk}"}


@pytest.mark.parametrize("edition", EDITIONS)
def test_edition_settings_purge_their_whole_edition(edition, django_capture_on_commit_callbacks):
    with purged(django_capture_on_commit_callbacks) as change:
        EditionSettings.objects.update_or_create(
            locale=locale(edition), defaults={"support_heading": "Support us", "ads_enabled": False}
        )

    assert change.keys == {f"edition-{edition}"}


def test_publishing_an_edition_home_purges_that_home_page(django_capture_on_commit_callbacks):
    home = EditionHomePage.objects.get(locale=locale("ru"))

    with purged(django_capture_on_commit_callbacks) as change:
        home.title = "Vistka по-русски"
        home.save_revision().publish()

    assert change.keys == {"home-ru"}


def test_one_transaction_purges_once_and_a_rolled_back_block_loses_no_later_purge(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    from vistka.delivery.purge import purge

    with purged(django_capture_on_commit_callbacks) as change:
        purge({"st-1", "home-uk"})
        purge({"st-1", "tag-2"})
    assert change.batches == [["home-uk", "st-1", "tag-2"]]

    with purged(django_capture_on_commit_callbacks) as change:
        try:
            with transaction.atomic():
                purge({"st-3"})  # its callback leaves with the rolled-back block
                raise RuntimeError
        except RuntimeError:
            pass
        purge({"st-4"})
    assert change.batches == [["st-4"]]

    with purged(django_capture_on_commit_callbacks) as change:  # the next transaction: its own batch
        purge({"st-5"})
    assert change.batches == [["st-5"]]

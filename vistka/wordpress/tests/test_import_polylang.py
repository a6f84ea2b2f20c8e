"""A uk/ru/en Polylang site imported once for the module, then checked from every side."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from vistka.imagery.models import details_of
from vistka.newsroom.tests.helpers import rolled_back
from vistka.stories.models import ArticlePage
from vistka.wordpress.models import ImportedObject
from vistka.wordpress.tests.import_sites import PUBLISHED, polylang_site, polylang_uploads


def story_of(ref):
    entry = ImportedObject.objects.get(kind="post", wp_id=str(ref.id))
    return ArticlePage.objects.get(pk=entry.object_id)


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("polylang")
    site, refs = polylang_site()
    export = site.write(tmp_path / "site.xml")
    uploads = polylang_uploads(tmp_path)
    with rolled_back(django_db_blocker):
        out, err = StringIO(), StringIO()
        call_command("import_wordpress", str(export), "--uploads", str(uploads), stdout=out, stderr=err)
        yield {"refs": refs, "report": out.getvalue()}


@pytest.fixture
def refs(imported):
    return imported["refs"]


@pytest.mark.django_db
def test_translations_share_a_story_number(refs):
    uk, ru, en = (story_of(refs[code]) for code in ("uk", "ru", "en"))
    assert [page.locale.language_code for page in (uk, ru, en)] == ["uk", "ru", "en"]
    assert uk.story_number == ru.story_number == en.story_number
    assert uk.translation_key == ru.translation_key == en.translation_key
    assert {page.title for page in uk.get_translations(inclusive=True)} == {
        "Міст відкрили",
        "Мост открыли",
        "The bridge is open",
    }


@pytest.mark.django_db
def test_published_post_fields(refs):
    uk = story_of(refs["uk"])
    assert uk.live and not uk.has_unpublished_changes
    assert uk.first_published_at == PUBLISHED
    assert uk.is_important  # sticky
    assert uk.lead == "Міст через Тясьмин відкрили після ремонту."  # no excerpt: the first sentence
    assert uk.seo_title == "Міст відкрили"  # Yoast's %%title%% %%sep%% %%sitename%%
    assert uk.search_description == "Міст знову відкритий для авто."
    assert [block.block_type for block in uk.body][:1] == ["paragraph"]
    assert "heading" in [block.block_type for block in uk.body]
    ru, en = story_of(refs["ru"]), story_of(refs["en"])
    assert ru.lead == "Мост через Тясьмин снова открыт."  # the excerpt
    assert (en.seo_title, en.search_description) == ("Bridge open", "Cars cross again.")  # Rank Math


@pytest.mark.django_db
def test_sections_and_tags_per_edition_linked_as_translations(refs):
    uk, ru, en = (story_of(refs[code]) for code in ("uk", "ru", "en"))
    assert (uk.section.name, ru.section.name, en.section.name) == ("Новини", "Новости", "News")
    assert uk.section.locale_id == uk.locale_id and en.section.locale_id == en.locale_id
    assert uk.section.translation_key == ru.section.translation_key == en.section.translation_key
    tags = [page.story_tags.get().tag for page in (uk, ru, en)]
    assert [tag.name for tag in tags] == ["міст", "мост", "bridge"]
    assert len({tag.translation_key for tag in tags}) == 1
    assert story_of(refs["alone"]).section.name == "Тільки тут"  # named only on the post


@pytest.mark.django_db
def test_authors_in_order_and_one_person_across_editions(refs):
    uk, ru, en = (story_of(refs[code]) for code in ("uk", "ru", "en"))
    uk_authors = [link.author for link in uk.story_authors.order_by("sort_order")]
    ru_authors = [link.author for link in ru.story_authors.order_by("sort_order")]
    assert [author.name for author in uk_authors] == ["Олена Гай", "Гість Редакції"]
    assert [author.locale.language_code for author in ru_authors] == ["ru", "ru"]
    assert [a.translation_key for a in uk_authors] == [a.translation_key for a in ru_authors]
    assert uk_authors[1].bio == "Пише про мости."  # the guest author's
    assert [link.author.name for link in en.story_authors.all()] == ["Петро Кравець"]
    assert [link.author.name for link in story_of(refs["twin"]).story_authors.all()] == ["Петро Кравець"]


@pytest.mark.django_db
def test_featured_and_inline_images_with_a_missing_file_reported(imported, refs):
    uk = story_of(refs["uk"])
    image = uk.lead_image
    assert image is not None and image.title == "Старий міст"
    assert image.description == "Міст через річку"  # alt text
    assert (details_of(image).caption, details_of(image).credit) == ("Міст зранку", "Олена Гай")
    assert uk.lead_image_shown_alt == "Міст через річку"
    assert story_of(refs["ru"]).lead_image_id == image.pk  # one image for both translations
    images = [block.value["image"] for block in uk.body if block.block_type == "image"]
    assert [image.title for image in images] == ["Пором"]  # the missing one left out, the text kept
    report = imported["report"]
    assert "images (file missing in --uploads): 1" in report
    assert "2024/03/zagubleno.jpg" in report


@pytest.mark.django_db
def test_scheduled_private_and_draft_posts(imported, refs):
    scheduled = story_of(refs["scheduled"])
    assert not scheduled.live
    assert scheduled.go_live_at == datetime(2099, 6, 1, 8, 0, tzinfo=UTC)
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at
    private, draft = story_of(refs["private"]), story_of(refs["draft"])
    assert not private.live and not draft.live
    assert "Службова записка" in imported["report"]  # private: reported
    assert draft.get_latest_revision().content["title"] == "Чернетка про пором"


@pytest.mark.django_db
def test_colliding_slugs_lose_no_post(imported, refs):
    stories = [story_of(refs[name]) for name in ("uk", "ru", "en", "twin")]
    assert len({page.pk for page in stories}) == 4
    assert stories[0].slug == "mist-vidkryly"
    assert stories[3].slug == f"mist-vidkryly-{stories[3].story_number}"
    assert "slug taken in the edition: the story number added): 1" in imported["report"]


@pytest.mark.django_db
def test_unknown_language_skipped_and_reported(imported, refs):
    assert not ImportedObject.objects.filter(wp_id=str(refs["klingon"].id)).exists()
    assert "language 'tlh'" in imported["report"]


@pytest.mark.django_db
def test_reader_page_answers_with_its_headline(client, refs):
    for code in ("uk", "en"):
        page = story_of(refs[code])
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def redirect_target(path):
    redirect = Redirect.objects.get(old_path=Redirect.normalise_path(path))
    assert redirect.is_permanent
    return redirect.link


@pytest.mark.django_db
def test_old_addresses_redirect(client, refs):
    uk, ru = story_of(refs["uk"]), story_of(refs["ru"])
    assert redirect_target("/mist-vidkryly/") == uk.url
    assert redirect_target("/ru/mist-vidkryly/") == ru.url
    assert redirect_target(f"/?p={refs['uk'].id}") == uk.url
    assert redirect_target(f"/?attachment_id={refs['attached'].id}") == uk.url
    assert redirect_target("/category/novyny/") == "/sections/novyny/"
    assert redirect_target("/ru/category/novosti/") == "/ru/sections/novosti/"
    assert redirect_target("/en/tag/bridge/") == "/en/tags/bridge/"
    assert redirect_target("/author/olena/") == f"/authors/{uk.story_authors.first().author.slug}/"
    assert redirect_target("/ru/feed/") == "/ru/rss/"
    assert redirect_target("/ru/category/novosti/feed/") == "/ru/sections/novosti/rss/"
    assert redirect_target("/author/olena/feed/").endswith("/rss/")
    response = client.get("/ru/mist-vidkryly/")
    assert response.status_code == 301 and response["Location"] == ru.url
    assert client.get(f"/?p={refs['uk'].id}").status_code == 301
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_feed_and_search_show_the_stories(client, refs):
    ru = story_of(refs["ru"])
    feed = client.get("/ru/rss/")
    assert feed.status_code == 200 and ru.title in feed.content.decode()
    found = client.get("/ru/search/", {"q": "мост"})
    assert found.status_code == 200 and ru.title in found.content.decode()

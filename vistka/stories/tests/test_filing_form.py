"""The one-screen story form (issue 16): byline pre-filled, section and tags typed from the
story's edition in its alphabet, no live panel on a news item, the background list as the default
background, submitting for review as a reporter's main button."""

import json

import pytest
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.newsroom.tests.helpers import add_url, edit_url, story_form_data
from vistka.people.models import Author
from vistka.stories.factories import ArticlePageFactory, SectionFactory, TagFactory, locale
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage


def soup(response):
    assert response.status_code == 200, response.status_code
    return WagtailTestUtils.get_soup(response.content)


def typeahead_names(page_soup, name):
    hidden = page_soup.find("input", {"name": name})
    widget = hidden.find_parent(attrs={"data-controller": "record-typeahead"})
    return [label for _pk, label in json.loads(widget["data-record-typeahead-options-value"])]


@pytest.mark.django_db
def test_a_new_story_starts_with_the_reporters_byline_of_its_edition(reporter_client, reporter_uk):
    Author.objects.create(name="Olena Ru", slug="olena", locale=locale("ru"), user=reporter_uk)
    mine = Author.objects.create(name="Олена Коваль", slug="olena", locale=locale("uk"), user=reporter_uk)
    Author.objects.create(name="Інший автор", slug="other", locale=locale("uk"))

    page_soup = soup(reporter_client.get(add_url("uk")))

    assert page_soup.find("input", {"name": "story_authors-TOTAL_FORMS"})["value"] == "1"
    assert page_soup.find("input", {"name": "story_authors-0-author"})["value"] == str(mine.pk)


@pytest.mark.django_db
def test_without_a_linked_author_a_new_story_has_no_byline(reporter_client):
    page_soup = soup(reporter_client.get(add_url("uk")))
    assert page_soup.find("input", {"name": "story_authors-TOTAL_FORMS"})["value"] == "0"


@pytest.mark.django_db
def test_the_prefilled_byline_is_saved_with_the_story(reporter_client, reporter_uk):
    mine = Author.objects.create(name="Олена Коваль", slug="olena", locale=locale("uk"), user=reporter_uk)
    response = reporter_client.post(add_url("uk"), story_form_data(title="Міст відкрили", authors=[mine]))
    assert response.status_code == 302
    story = ArticlePage.objects.get(title="Міст відкрили").get_latest_revision_as_object()
    assert [link.author_id for link in story.story_authors.all()] == [mine.pk]


@pytest.mark.django_db
def test_section_and_tags_are_typed_from_the_edition_in_its_alphabet(reporter_client):
    for name in ["Інфляція", "Бізнес", "Євро", "Ґрунти", "Яблука", "Гроші"]:
        TagFactory(name=name)
    TagFactory(name="Бизнес", edition="ru")
    for name in ["Економіка", "Війна", "Політика"]:
        SectionFactory(name=name)
    SectionFactory(name="Экономика", edition="ru")

    page_soup = soup(reporter_client.get(add_url("uk")))

    assert typeahead_names(page_soup, "story_tags-0-tag") == [
        "Бізнес",
        "Гроші",
        "Ґрунти",
        "Євро",
        "Інфляція",
        "Яблука",
    ]
    assert typeahead_names(page_soup, "section") == ["Війна", "Економіка", "Політика"]
    assert not page_soup.select("[data-chooser-url*='taxonomy/tag'], [data-chooser-url*='taxonomy/section']")


@pytest.mark.django_db
def test_a_reporter_may_create_tags_in_place_in_their_edition_only(reporter_client):
    page_soup = soup(reporter_client.get(add_url("uk")))
    widget = page_soup.find("input", {"name": "story_tags-0-tag"}).find_parent(
        attrs={"data-controller": "record-typeahead"}
    )
    url = widget["data-record-typeahead-create-url-value"]
    assert url.endswith("/tag/uk/create-in-place/")
    section_widget = page_soup.find("input", {"name": "section"}).find_parent(
        attrs={"data-controller": "record-typeahead"}
    )
    assert section_widget["data-record-typeahead-create-url-value"] == ""  # sections: editors' records


@pytest.mark.django_db
def test_a_news_item_has_no_live_entries_and_a_live_story_has(reporter_client):
    page_soup = soup(reporter_client.get(add_url("uk")))
    assert page_soup.find("input", {"name": "live_entries-TOTAL_FORMS"}) is None

    live = ArticlePageFactory(kind=Kind.LIVE, state="draft")
    assert soup(reporter_client.get(edit_url(live))).find("input", {"name": "live_entries-TOTAL_FORMS"})

    news = ArticlePageFactory(state="draft")
    assert (
        soup(reporter_client.get(edit_url(news))).find("input", {"name": "live_entries-TOTAL_FORMS"}) is None
    )


@pytest.mark.django_db
def test_a_news_item_form_without_the_live_panel_saves(reporter_client):
    data = story_form_data(title="Без трансляції")
    data = {key: value for key, value in data.items() if not key.startswith("live_entries")}
    response = reporter_client.post(add_url("uk"), data)
    assert response.status_code == 302
    assert ArticlePage.objects.filter(title="Без трансляції").exists()


@pytest.mark.django_db
def test_an_untouched_tag_row_is_left_out_not_refused(reporter_client):
    data = story_form_data(title="Без тегів")
    data.update({"story_tags-TOTAL_FORMS": "1", "story_tags-0-tag": "", "story_tags-0-id": ""})
    data.update({"story_tags-0-ORDER": "1", "story_tags-0-DELETE": ""})
    response = reporter_client.post(add_url("uk"), data)
    assert response.status_code == 302
    assert not ArticlePage.objects.get(title="Без тегів").get_latest_revision_as_object().story_tags.all()


@pytest.mark.django_db
def test_the_default_background_is_the_background_list_and_empty_it_shows_nothing():
    from vistka.stories.blocks import ArticleBodyBlock, house_structure

    block = ArticleBodyBlock()
    value = block.to_python(block.get_prep_value(block.normalize(house_structure())))
    assert [child.block_type for child in value] == ["source", "labelled", "background"]
    block.clean(value)  # the untouched skeleton is no error
    background = value[2]
    assert background.render().strip() == ""


@pytest.mark.django_db
def test_a_reporters_main_button_on_a_new_story_submits_it_for_review(reporter_client):
    page_soup = soup(reporter_client.get(add_url("uk")))
    footer = page_soup.find("footer")
    first = footer.find("button", {"type": "submit"})
    assert first["name"] == "action-submit"


@pytest.mark.django_db
def test_a_refused_form_with_an_empty_tag_row_is_shown_again(reporter_client):
    data = story_form_data(title="")  # refused: no headline
    data.update({"story_tags-TOTAL_FORMS": "1", "story_tags-0-tag": "", "story_tags-0-id": ""})
    data.update({"story_tags-0-ORDER": "1", "story_tags-0-DELETE": ""})
    response = reporter_client.post(add_url("uk"), data)
    assert response.status_code == 200
    assert soup(response).find("input", {"name": "story_tags-0-tag"}) is not None

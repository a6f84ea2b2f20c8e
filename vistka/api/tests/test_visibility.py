"""Only publicly visible stories, ever: drafts, scheduled, unpublished and private stories never
appear in lists, details, translation maps or body links."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from vistka.api.tests.builders import (
    API,
    HIDDEN_STATES,
    at,
    get_json,
    hidden_story,
    story,
    translation_of,
)
from vistka.api.tests.conftest import rolled_back
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory, archive_for, bring_to_state

pytestmark = pytest.mark.django_db

EVERY_LIST = [
    "articles",
    "articles?edition=uk",
    "articles?edition=uk&section=desk",
    "articles?edition=uk&tag=topic",
    "articles?edition=uk&author=writer",
    "articles?kind=news",
    "articles?since=2025-05-28T10:00:00Z",
    "articles?edition=en",
    "articles?edition=ru",
]


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        records = {
            "section": SectionFactory(slug="desk"),
            "tags": [TagFactory(slug="topic")],
            "authors": [AuthorFactory(slug="writer")],
        }
        s = {
            "visible": story(
                title="Visible headline", published_at=at(hours=1), translate_to=("en",), **records
            )
        }
        for state in HIDDEN_STATES:
            s[state] = hidden_story(
                state, title=f"Hidden {state} headline", published_at=at(hours=2), **records
            )
        # a visible story whose translation is only a draft, and the other way round
        s["half_translated"] = story(title="Visible with draft translation", published_at=at(hours=3))
        draft_translation = s["half_translated"].copy_for_translation(Locale.objects.get(language_code="ru"))
        draft_translation.title = "Hidden ru translation headline"
        draft_translation.save()
        bring_to_state(draft_translation, "draft")
        s["hidden_with_visible_translation"] = hidden_story(
            "unpublished", title="Hidden original headline", published_at=at(hours=4), translate_to=("en",)
        )
        # a published story whose later changes are only a draft
        changed = story(title="Live version headline", published_at=at(hours=5))
        changed.title = "Secret draft change headline"
        changed.save_revision()
        s["changed"] = changed
        # everything under a private archive: the whole ru edition
        s["private_archive"] = story(
            edition="ru", title="Hidden under private archive headline", published_at=at()
        )
        PageViewRestriction.objects.create(page=archive_for("ru"), restriction_type=PageViewRestriction.LOGIN)
        yield s


HIDDEN_TITLES = [
    *(f"Hidden {state} headline" for state in HIDDEN_STATES),
    "Hidden ru translation headline",
    "Hidden original headline",
    "Secret draft change headline",
    "Hidden under private archive headline",
]


@pytest.mark.parametrize("query", EVERY_LIST)
def test_lists_show_only_visible_stories(client, stories, query):
    response, data = get_json(client, f"{API}/{query}")
    assert response.status_code == 200
    assert not {item["headline"] for item in data["items"]} & set(HIDDEN_TITLES)
    assert "Secret draft change" not in response.content.decode()


def test_lists_show_the_visible_ones(client, stories):
    _, data = get_json(client, f"{API}/articles?edition=uk&tag=topic")
    assert [item["headline"] for item in data["items"]] == ["Visible headline"]
    _, data = get_json(client, f"{API}/articles")
    titles = [item["headline"] for item in data["items"]]
    assert "Live version headline" in titles
    assert "[en] Hidden original headline" in titles
    assert not any(item["edition"] == "ru" for item in data["items"])


@pytest.mark.parametrize("name", [*HIDDEN_STATES, "hidden_with_visible_translation", "private_archive"])
def test_hidden_stories_have_no_detail(client, stories, name):
    page = stories[name]
    response, data = get_json(client, f"{API}/articles/{page.language_code}/{page.story_number}")
    assert response.status_code == 404
    assert data["error"] == "not_found"
    assert page.title not in response.content.decode()


def test_draft_translation_is_not_served(client, stories):
    number = stories["half_translated"].story_number
    assert client.get(f"{API}/articles/ru/{number}").status_code == 404
    _, data = get_json(client, f"{API}/articles/uk/{number}")
    assert set(data["translations"]) == {"uk"}


def test_translation_maps_leave_hidden_versions_out(client, stories):
    page = stories["hidden_with_visible_translation"]
    _, data = get_json(client, f"{API}/articles/en/{page.story_number}")
    assert data["headline"] == "[en] Hidden original headline"
    assert set(data["translations"]) == {"en"}
    _, data = get_json(client, f"{API}/articles/uk/{stories['visible'].story_number}")
    assert set(data["translations"]) == {"uk", "en"}


def test_the_live_version_not_the_draft_changes(client, stories):
    page = stories["changed"]
    _, data = get_json(client, f"{API}/articles/uk/{page.story_number}")
    assert data["headline"] == "Live version headline"


def test_scheduled_story_appears_once_it_goes_live(client, stories):
    page = stories["scheduled"]
    assert client.get(f"{API}/articles/uk/{page.story_number}").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(hours=6)):
        call_command("publish_scheduled")  # the scheduler's run once the time has come
        response, data = get_json(client, f"{API}/articles/uk/{page.story_number}")
    assert response.status_code == 200
    assert data["headline"] == "Hidden scheduled headline"


def test_translation_of_a_visible_story_in_visible_list(client, stories):
    en = translation_of(stories["visible"], "en")
    _, data = get_json(client, f"{API}/articles?edition=en")
    assert en.pk in [item["id"] for item in data["items"]]

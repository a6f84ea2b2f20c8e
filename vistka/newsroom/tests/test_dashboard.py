"""The dashboard tells a translator which recent stories their edition still lacks."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language, rolled_back
from vistka.stories.factories import ArticlePageFactory, locale


def build_stories():
    now = timezone.now()
    stories = {
        "missing": ArticlePageFactory(
            title="Recent uk story without English", published_at=now - timedelta(hours=2)
        ),
        "missing_ru": ArticlePageFactory(
            edition="ru", title="Recent ru story without English", published_at=now - timedelta(hours=30)
        ),
        "translated": ArticlePageFactory(
            title="Recent uk story with English", translate_to=("en",), published_at=now - timedelta(hours=3)
        ),
        "en_draft": ArticlePageFactory(
            title="Recent uk story with an English draft", published_at=now - timedelta(hours=4)
        ),
        "old": ArticlePageFactory(
            title="Old uk story without English", published_at=now - timedelta(hours=49)
        ),
        "draft": ArticlePageFactory(title="Unpublished uk draft", draft=True),
        "in_both_uk_and_ru": ArticlePageFactory(
            title="uk original also in ru", translate_to=("ru",), published_at=now - timedelta(hours=5)
        ),
    }
    stories["en_draft"].copy_for_translation(locale("en"))  # an unpublished translation counts as present
    return stories


@pytest.fixture(scope="module")
def dashboard(django_db_setup, django_db_blocker):
    """The stories, and the missing-translations panel of an en translator's dashboard (one request)."""
    with rolled_back(django_db_blocker):
        stories = build_stories()
        translator = make_staff("dashboard-translator", (roles.TRANSLATORS, "en"))
        prefer_admin_language(translator, "en")
        response = client_for(translator).get("/admin/")
        assert response.status_code == 200
        panel = WagtailTestUtils.get_soup(response.content).find(attrs={"aria-labelledby": "missing-heading"})
        yield stories, panel


@pytest.fixture
def stories(dashboard):
    return dashboard[0]


@pytest.fixture
def panel(dashboard):
    assert dashboard[1] is not None, "the 'Stories missing in my edition' panel is not on the dashboard"
    return dashboard[1]


@pytest.mark.django_db
def test_panel_is_headed_stories_missing_in_my_edition(panel):
    assert "Stories missing in my edition" in panel.find(id="missing-heading").get_text()


@pytest.mark.django_db
def test_panel_lists_recent_stories_without_a_version_in_my_edition(panel, stories):
    text = panel.get_text()
    assert stories["missing"].title in text
    assert stories["missing_ru"].title in text


@pytest.mark.django_db
def test_panel_offers_to_translate_the_missing_story_into_my_edition(panel, stories):
    actions = [form["action"] for form in panel.find_all("form")]
    assert f"/newsroom/translate/{stories['missing'].pk}/en/" in actions


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["translated", "en_draft", "old", "draft"])
def test_panel_leaves_out_stories_that_exist_in_my_edition_old_ones_and_drafts(panel, stories, name):
    assert stories[name].title not in panel.get_text()


@pytest.mark.django_db
def test_panel_lists_a_story_once_even_when_it_exists_in_two_other_editions(panel, stories):
    links = [a for a in panel.find_all("a") if "also in ru" in a.get_text()]
    assert len(links) == 1

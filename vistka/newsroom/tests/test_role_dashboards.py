"""Each role's dashboard: an editor's review queue first, a reporter's returned stories and
drafts, a translator's missing stories, every list paged so the dashboard stays one screen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import TaskState
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def submitted(title, reporter, edition="uk"):
    story = ArticlePageFactory(title=title, edition=edition, draft=True, owner=reporter)
    story.get_workflow().start(story, reporter)
    return story


def dashboard(user, query=""):
    response = client_for(user).get(f"/admin/{query}")
    assert response.status_code == 200
    return WagtailTestUtils.get_soup(response.content)


def panel_ids(soup):
    return [section.get("id") for section in soup.select("section.w-panel[id], section[id].w-panel")]


def test_an_editors_dashboard_starts_with_the_review_queue_of_their_edition(reporter_uk, editor_uk):
    reporter_ru = make_staff("reporter-ru", (roles.REPORTERS, "ru"))
    submitted("Trams return to night routes", reporter_uk)
    submitted("Новости Одессы", reporter_ru, edition="ru")
    for i in range(12):
        ArticlePageFactory(title=f"Recent ru story {i}", edition="ru")
    soup = dashboard(editor_uk)
    assert panel_ids(soup)[0] == "review_queue"
    queue = soup.find(id="review_queue").get_text()
    assert "Trams return to night routes" in queue and "Новости Одессы" not in queue
    assert soup.find(id="missing_translations") is None  # a translator's list, not the editor's


def test_the_review_queue_is_paged_oldest_first(reporter_uk, editor_uk):
    for i in range(7):
        submitted(f"Queued story {i}", reporter_uk)
    first = dashboard(editor_uk).find(id="review_queue")
    rows = [a.get_text() for a in first.select("tbody a")]
    assert rows == [f"Queued story {i}" for i in range(5)]
    second = dashboard(editor_uk, "?review=2").find(id="review_queue")
    assert [a.get_text() for a in second.select("tbody a")] == ["Queued story 5", "Queued story 6"]


def test_a_reporters_dashboard_shows_what_came_back_and_their_drafts(reporter_uk, editor_uk):
    returned = submitted("Needs a second source", reporter_uk)
    task_state = TaskState.objects.get(workflow_state__object_id=str(returned.pk), status="in_progress")
    task_state.task.specific.on_action(task_state, editor_uk, "reject")
    ArticlePageFactory(title="Half-written draft", draft=True, owner=reporter_uk)
    soup = dashboard(reporter_uk)
    assert panel_ids(soup)[:2] == ["returned_stories", "my_drafts"]
    assert "Needs a second source" in soup.find(id="returned_stories").get_text()
    assert "Half-written draft" in soup.find(id="my_drafts").get_text()
    assert soup.find(id="review_queue") is None
    assert soup.find(attrs={"aria-labelledby": "recent-edits-title"}) is None  # Wagtail's, dropped


def test_a_translators_missing_list_is_paged(translator_en):
    now = timezone.now()
    for i in range(12):
        ArticlePageFactory(title=f"Missing story {i:02}", published_at=now - timedelta(minutes=i))
    soup = dashboard(translator_en)
    assert panel_ids(soup)[0] == "missing_translations"
    panel = soup.find(id="missing_translations")
    assert len(panel.select("tbody tr")) == 5
    assert [a["href"].split("#")[0] for a in panel.select("nav a")] == ["?missing=2"]
    third = dashboard(translator_en, "?missing=3").find(id="missing_translations")
    assert len(third.select("tbody tr")) == 2

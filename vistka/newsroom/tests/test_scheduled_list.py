"""The dashboard's "Scheduled" lists only what will actually go live: stories with an approved,
scheduled revision, not drafts that merely carry a go-live time nor stories awaiting review."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.newsroom import roles
from vistka.newsroom.scheduled import scheduled_stories
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import ArticlePageFactory


@pytest.fixture
def stories(db, reporter_uk):
    soon = timezone.now() + timedelta(hours=3)
    in_review = ArticlePageFactory(title="Awaiting review with a go-live time", draft=True, go_live_at=soon)
    in_review.get_workflow().start(in_review, reporter_uk)
    live = ArticlePageFactory(title="Live with new changes scheduled")
    live.title = "Live with new changes scheduled"
    live.go_live_at = soon + timedelta(hours=1)
    live.save_revision().publish()
    return {
        "scheduled": ArticlePageFactory(
            title="Approved for tomorrow morning", scheduled=True, published_at=soon + timedelta(hours=2)
        ),
        "live_and_scheduled": live,
        "draft_with_time": ArticlePageFactory(title="Draft with a go-live time", draft=True, go_live_at=soon),
        "in_review": in_review,
        "other_edition": ArticlePageFactory(
            title="Scheduled in Russian", edition="ru", scheduled=True, published_at=soon
        ),
    }


def scheduled_panel(user):
    response = client_for(user).get("/admin/")
    assert response.status_code == 200
    panel = WagtailTestUtils.get_soup(response.content).find(attrs={"aria-labelledby": "scheduled-heading"})
    assert panel is not None, "no Scheduled panel on the dashboard"
    return panel.get_text()


@pytest.mark.django_db
def test_dashboard_lists_only_approved_schedules_of_my_edition(stories):
    editor = make_staff("scheduled-editor", (roles.EDITORS, "uk"))
    text = scheduled_panel(editor)
    assert "Approved for tomorrow morning" in text
    assert "Live with new changes scheduled" in text
    assert "Draft with a go-live time" not in text
    assert "Awaiting review with a go-live time" not in text
    assert "Scheduled in Russian" not in text


@pytest.mark.django_db
def test_scheduled_stories_soonest_first_with_the_approved_time(stories):
    listed = list(scheduled_stories())
    assert [s.pk for s in listed] == [
        stories["other_edition"].pk,
        stories["live_and_scheduled"].pk,
        stories["scheduled"].pk,
    ]
    approved = stories["scheduled"].scheduled_revision.approved_go_live_at
    assert listed[-1].scheduled_at == approved

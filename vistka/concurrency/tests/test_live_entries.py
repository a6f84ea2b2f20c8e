"""Live entries are inline in the story form: a stale save adding one is refused with the entry
kept, and the merge brings it on top of the colleague's version."""

import re

import pytest
from wagtail.models import Page

from vistka.concurrency.models import RefusedSave
from vistka.concurrency.tests.test_page_refusal import colleague  # noqa: F401 (fixture)
from vistka.newsroom.tests.helpers import client_for, edit_form_data, edit_url, rich
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    """A live story: only its form has the live entries (a news item's leaves them out)."""
    return ArticlePageFactory(draft=True, kind=Kind.LIVE, title="The first title", lead="The first lead.")


def with_new_entry(data, headline):
    data.update(
        {
            "live_entries-TOTAL_FORMS": "1",
            "live_entries-0-id": "",
            "live_entries-0-ORDER": "1",
            "live_entries-0-DELETE": "",
            "live_entries-0-posted_at": "2026-05-28 10:15",
            "live_entries-0-headline": headline,
            "live_entries-0-text": rich("<p>Рятувальники на місці.</p>"),
        }
    )
    return data


def test_stale_live_entry_is_kept_and_merged(story, reporter_uk, colleague):  # noqa: F811
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = with_new_entry(edit_form_data(mine, story), "Оновлення о 10:15")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))

    assert mine.post(edit_url(story), my_form).status_code == 200
    latest = Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()
    assert list(latest.live_entries.all()) == []
    refused = RefusedSave.objects.get(user=reporter_uk)
    assert [entry["headline"] for entry in refused.content["live_entries"]] == ["Оновлення о 10:15"]

    url = f"/admin/concurrency/refused/{refused.pk}/"
    screen = mine.get(url).text
    assert 'name="choice-live_entries"' in screen and "Оновлення о 10:15" in screen
    choices = dict.fromkeys(re.findall(r'name="(choice-[\w-]+)"', screen), "theirs")
    choices.update(
        {"against": Page.objects.get(pk=story.pk).latest_revision_id, "choice-live_entries": "mine"}
    )
    assert mine.post(url, choices).status_code == 302

    merged = Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()
    assert [entry.headline for entry in merged.live_entries.all()] == ["Оновлення о 10:15"]
    assert merged.lead == "Their new lead."

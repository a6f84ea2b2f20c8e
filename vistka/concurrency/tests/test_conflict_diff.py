"""The conflict dialog's comparison: before sending, what differs between a colleague's newer
version and the unsaved form, field by field; nothing is saved; only editors of the story see it."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from vistka.concurrency.models import RefusedSave
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, edit_form_data, edit_url, make_staff
from vistka.stories.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticlePageFactory(draft=True, title="The first title", lead="The first lead.")


@pytest.fixture
def colleague(db):
    return make_staff("reporter-uk-2", (roles.REPORTERS, "uk"))


def conflict_url(story):
    return reverse("concurrency:conflict", args=(story.pk,))


def test_the_dialog_compares_their_newer_version_with_the_unsaved_form(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, lead="My rewritten lead.")
    theirs.post(edit_url(story), edit_form_data(theirs, story, title="Their new headline"))
    revisions = Page.objects.get(pk=story.pk).revisions.count()

    data = mine.post(conflict_url(story), my_form).json()

    assert data["conflict"] is True
    assert set(data["fields"]) == {"title", "lead"}
    assert "Their new headline" in data["html"] and "My rewritten lead." in data["html"]
    assert "reporter-uk-2" in data["html"]  # who saved it
    assert Page.objects.get(pk=story.pk).revisions.count() == revisions  # nothing saved
    assert not RefusedSave.objects.exists()


def test_no_conflict_when_the_form_is_based_on_the_latest_version(story, reporter_uk):
    mine = client_for(reporter_uk)
    data = mine.post(conflict_url(story), edit_form_data(mine, story, lead="Mine.")).json()
    assert data == {"conflict": False}


def test_a_loaded_revision_of_another_story_is_not_used(story, reporter_uk, colleague):
    other = ArticlePageFactory(draft=True, title="Another story")
    mine = client_for(reporter_uk)
    form = edit_form_data(mine, story, lead="Mine.")
    form["loaded_revision_id"] = str(other.latest_revision_id)
    assert mine.post(conflict_url(story), form).json() == {"conflict": False}


def test_staff_who_may_not_edit_the_story_get_nothing(story, reporter_uk):
    outsider = make_staff("reporter-en-x", (roles.REPORTERS, "en"))
    form = edit_form_data(client_for(reporter_uk), story, lead="Mine.")
    response = client_for(outsider).post(conflict_url(story), form)
    assert response.status_code == 403 and response.json() == {"conflict": False}


def test_compare_and_merge_from_the_dialog_opens_the_merge_screen(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, lead="My rewritten lead.")
    theirs.post(edit_url(story), edit_form_data(theirs, story, title="Their new headline"))

    response = mine.post(edit_url(story), {**my_form, "concurrency-merge": "1"})

    refused = RefusedSave.objects.get(page_id=story.pk, user=reporter_uk)
    assert response.status_code == 302
    assert response["Location"] == reverse("concurrency:merge", args=(refused.pk,))
    assert refused.content["lead"] == "My rewritten lead."
    assert "concurrency-merge" not in refused.form_data
    latest = Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()
    assert latest.title == "Their new headline" and latest.lead == "The first lead."


def test_the_edit_page_carries_the_conflict_dialog(story, reporter_uk):
    html = client_for(reporter_uk).get(edit_url(story)).text
    assert f'data-conflict-url="{conflict_url(story)}"' in html
    assert "concurrency/conflict" in html and ".js" in html


def test_each_side_of_the_dialog_holds_its_own_version(story, reporter_uk, colleague):
    """Not one diff shown twice (hidden by CSS on each side): the saved column holds only the
    colleague's headline, the user's column only the user's."""
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My own headline")
    theirs.post(edit_url(story), edit_form_data(theirs, story, title="Their new headline"))

    html = mine.post(conflict_url(story), my_form).json()["html"]

    headline = WagtailTestUtils.get_soup(html).select_one('[data-field="title"]')
    saved = headline.select_one('[data-side="theirs"] .conflict-field__value').get_text(" ")
    yours = headline.select_one('[data-side="mine"] .conflict-field__value').get_text(" ")
    assert "Their" in saved and "Their" not in yours
    assert "My own" in yours and "My own" not in saved


# --- the dialog refuses what the edit view refuses (found by a security review) ----------------


@pytest.mark.django_db
def test_the_dialog_does_not_show_a_draft_of_another_edition_chosen_in_the_body():
    from vistka.newsroom import roles
    from vistka.newsroom.tests.helpers import client_for, edit_form_data, make_staff
    from vistka.newsroom.tests.page_fixtures import story
    from vistka.newsroom.tests.test_page_security import with_read_also
    from vistka.stories.models import ArticlePage

    reporter = make_staff("reporter-uk", (roles.REPORTERS, "uk"))
    client = client_for(reporter)
    secret = story("colleague", "en")
    mine = story("own", "uk", actor=reporter)
    first = mine.latest_revision
    mine.save_revision(user=reporter)  # a newer version: the dialog has a conflict to show
    mine = ArticlePage.objects.get(pk=mine.pk)
    data = with_read_also(edit_form_data(client, mine), secret.pk)
    data["loaded_revision_id"] = str(first.pk)
    response = client.post(f"/admin/concurrency/pages/{mine.pk}/conflict/", data)
    assert response.status_code == 403
    assert secret.draft_title not in response.content.decode()

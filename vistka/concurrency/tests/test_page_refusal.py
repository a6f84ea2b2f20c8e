"""A story save based on an outdated revision is refused with its content kept, and merged."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from vistka.audit.models import AuditEvent
from vistka.concurrency.models import RefusedSave
from vistka.editions.models import EditionHomePage
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


def latest_of(story):
    return Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()


def test_stale_save_is_refused_with_content_kept(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title")
    their_form = edit_form_data(theirs, story, lead="Their new lead.")
    assert theirs.post(edit_url(story), their_form).status_code == 302

    response = mine.post(edit_url(story), my_form)

    assert response.status_code == 200  # the form again, not a redirect to a saved page
    assert "My better title" in response.text  # the content as sent
    assert "reporter-uk-2" in response.text  # who saved
    assert "Fields they changed: Lead." in response.text or "Змінені ними поля: Лід." in response.text  # what
    latest = latest_of(story)
    assert latest.title == "The first title" and latest.lead == "Their new lead."  # theirs intact
    refused = RefusedSave.objects.get(page_id=story.pk, user=reporter_uk)
    assert refused.content["title"] == "My better title"
    assert refused.form_data["title"] == ["My better title"]
    assert AuditEvent.objects.filter(action="concurrency.save_refused", object_id=str(story.pk)).exists()


def test_saving_the_refused_form_again_is_refused_again(story, reporter_uk, colleague):
    """No one-click overwrite: the form shown again is still based on the revision it was loaded from."""
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    again = mine.post(edit_url(story), my_form)
    from wagtail.test.utils.form_data import querydict_from_html

    resent = querydict_from_html(again.text, form_id="page-edit-form")
    my_form["loaded_revision_id"] = resent["loaded_revision_id"]
    my_form["loaded_revision_created_at"] = resent["loaded_revision_created_at"]

    assert mine.post(edit_url(story), my_form).status_code == 200
    assert latest_of(story).lead == "Their new lead."


@pytest.mark.parametrize("action", ["action-submit", "action-publish"])
def test_submit_and_publish_are_refused_too(story, editor_uk, colleague, action):
    mine, theirs = client_for(editor_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="Published over theirs")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    my_form[action] = "1"

    assert mine.post(edit_url(story), my_form).status_code == 200
    page = Page.objects.get(pk=story.pk).specific
    assert not page.live and latest_of(story).title == "The first title"
    assert RefusedSave.objects.get(user=editor_uk).action in {"submit", "publish"}


def test_up_to_date_save_still_saves(story, reporter_uk):
    client = client_for(reporter_uk)
    assert client.post(edit_url(story), edit_form_data(client, story, title="Fresh title")).status_code == 302
    assert latest_of(story).title == "Fresh title"
    assert not RefusedSave.objects.exists()


def test_merge_takes_chosen_fields_on_top_of_the_latest(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title", lead="My lead.")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    mine.post(edit_url(story), my_form)
    refused = RefusedSave.objects.get(user=reporter_uk)
    merge_url = f"/admin/concurrency/refused/{refused.pk}/"

    screen = mine.get(merge_url)
    assert screen.status_code == 200
    assert 'name="choice-title"' in screen.text and 'name="choice-lead"' in screen.text
    assert 'name="choice-kind"' not in screen.text  # unchanged fields are not offered
    latest_id = Page.objects.get(pk=story.pk).latest_revision_id

    choices = dict.fromkeys(re.findall(r'name="(choice-[\w-]+)"', screen.text), "theirs")
    choices.update({"against": latest_id, "choice-title": "mine", "choice-lead": "theirs"})
    response = mine.post(merge_url, choices)

    assert response.status_code == 302
    merged = latest_of(story)
    assert merged.title == "My better title" and merged.lead == "Their new lead."
    refused.refresh_from_db()
    assert refused.resolved_at is not None
    assert AuditEvent.objects.filter(action="concurrency.merged").exists()


def test_merge_is_refused_when_another_version_arrived(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    mine.post(edit_url(story), my_form)
    refused = RefusedSave.objects.get(user=reporter_uk)
    stale_latest = Page.objects.get(pk=story.pk).latest_revision_id
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Even newer lead."))

    response = mine.post(
        f"/admin/concurrency/refused/{refused.pk}/", {"against": stale_latest, "choice-title": "mine"}
    )

    assert response.status_code == 409
    assert latest_of(story).lead == "Even newer lead."


def test_merge_screen_is_only_for_its_author_with_edit_rights(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    mine.post(edit_url(story), my_form)
    refused = RefusedSave.objects.get(user=reporter_uk)
    url = f"/admin/concurrency/refused/{refused.pk}/"

    assert theirs.get(url).status_code == 404
    outsider = client_for(make_staff("reporter-ru", (roles.REPORTERS, "ru")))
    assert outsider.get(url).status_code == 404
    reporter_uk.groups.clear()
    reporter_uk.groups.add(*make_staff("reporter-ru-2", (roles.REPORTERS, "ru")).groups.all())
    assert mine.get(url).status_code in (302, 403)


def test_refused_version_survives_leaving_the_page_and_can_be_dismissed(story, reporter_uk, colleague):
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    mine.post(edit_url(story), my_form)
    refused = RefusedSave.objects.get(user=reporter_uk)
    merge_url = f"/admin/concurrency/refused/{refused.pk}/"

    assert merge_url in mine.get(edit_url(story)).text  # reopening the story offers it again
    assert merge_url not in theirs.get(edit_url(story)).text  # only to its author

    assert mine.post(merge_url, {"dismiss": "1"}).status_code == 302
    refused.refresh_from_db()
    assert refused.resolved_at is not None
    assert merge_url not in mine.get(edit_url(story)).text
    assert AuditEvent.objects.filter(action="concurrency.dismissed").exists()


def home_form(client, home, **changes):
    """The edition home's edit form as the browser sends it, plus `changes`."""
    response = client.get(edit_url(home))
    assert response.status_code == 200
    form = querydict_from_html(response.text, form_id="page-edit-form")
    return {**{key: value for key, value in form.items() if "__prefix__" not in key}, **changes}


def test_a_merge_that_would_be_invalid_is_not_saved(db):
    """Before: the merge saved with clean=False, so a merged version whose slug a sibling took
    meanwhile became the page's latest revision (and would break publishing it)."""
    mine_user = get_user_model().objects.create_superuser("admin-a", "a@vistka.test", "pw")
    their_user = get_user_model().objects.create_superuser("admin-b", "b@vistka.test", "pw")
    home, sibling = (EditionHomePage.objects.get(locale__language_code=code) for code in ("uk", "ru"))
    home.save_revision(user=their_user)
    mine, theirs = client_for(mine_user), client_for(their_user)
    my_form = home_form(mine, home, slug="spilne")
    assert theirs.post(edit_url(home), home_form(theirs, home, title="Their title")).status_code == 302
    assert mine.post(edit_url(home), my_form).status_code == 200  # refused
    refused = RefusedSave.objects.get(user=mine_user)
    sibling.slug = "spilne"  # a colleague gives the name to a sibling meanwhile
    sibling.save()
    merge_url = f"/admin/concurrency/refused/{refused.pk}/"
    screen = mine.get(merge_url)
    assert 'name="choice-slug"' in screen.text
    latest_id = Page.objects.get(pk=home.pk).latest_revision_id

    choices = dict.fromkeys(re.findall(r'name="(choice-[\w-]+)"', screen.text), "mine")
    response = mine.post(merge_url, {**choices, "against": latest_id})

    assert response.status_code == 400
    assert "spilne" in response.text  # Wagtail's message naming the slug in use
    assert Page.objects.get(pk=home.pk).latest_revision_id == latest_id  # nothing saved
    refused.refresh_from_db()
    assert refused.resolved_at is None  # still there to merge otherwise
    assert not AuditEvent.objects.filter(action="concurrency.merged").exists()


def test_a_merged_draft_may_leave_blank_what_a_draft_may(story, reporter_uk, colleague):
    """Validation is the draft save's: fields the edit form lets a draft leave empty stay allowed."""
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title", lead="")
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))
    mine.post(edit_url(story), my_form)
    refused = RefusedSave.objects.get(user=reporter_uk)
    merge_url = f"/admin/concurrency/refused/{refused.pk}/"
    screen = mine.get(merge_url)
    choices = dict.fromkeys(re.findall(r'name="(choice-[\w-]+)"', screen.text), "mine")
    latest_id = Page.objects.get(pk=story.pk).latest_revision_id

    assert mine.post(merge_url, {**choices, "against": latest_id}).status_code == 302
    assert latest_of(story).title == "My better title"

"""Who may do what, per edition: reporters file and submit, editors approve and publish,
translators work in their own edition only. Exercised through the real admin views."""

import pytest
from wagtail.models import WorkflowState

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (
    add_url,
    client_for,
    edit_form_data,
    edit_url,
    initial_body_block_types,
    make_staff,
    story_form_data,
)
from vistka.stories.factories import ArticlePageFactory, AuthorFactory, TagFactory, archive_for, locale
from vistka.stories.models import ArticlePage

SUBMIT = {"action-submit": "1"}
PUBLISH = {"action-publish": "1"}


def assert_denied(response):
    """Wagtail answers a permission denial with a 403, or with a redirect to the dashboard
    and a "Sorry, you do not have permission" message; either way nothing is done."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    ), (response.status_code, response.get("Location"))


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def is_served(client, page):
    page = fresh(page)
    return page.live and client.get(page.url).status_code == 200


@pytest.fixture
def submitted(reporter_client):
    """A news item filed through the admin by a uk reporter and submitted for review."""
    author, tag = AuthorFactory(name="Olena Reporter"), TagFactory(name="Transport")
    data = story_form_data(title="Trams return to night routes", authors=[author], tags=[tag], **SUBMIT)
    response = reporter_client.post(add_url("uk"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.get(title="Trams return to night routes")


# --- reporters -----------------------------------------------------------------------


@pytest.mark.django_db
def test_reporter_files_a_story_in_their_edition_and_submits_it(submitted, client):
    page = submitted
    assert page.get_parent().specific == archive_for("uk")
    assert page.locale == locale("uk")
    assert [link.author.name for link in page.story_authors.all()] == ["Olena Reporter"]
    assert [link.tag.name for link in page.story_tags.all()] == ["Transport"]
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Схвалення редактором"
    assert client.get(page.canonical_path()).status_code == 404


@pytest.mark.django_db
def test_reporter_cannot_publish_a_new_story(reporter_client, client):
    response = reporter_client.post(add_url("uk"), story_form_data(title="Not yet approved", **PUBLISH))
    assert response.status_code == 302

    page = ArticlePage.objects.get(title="Not yet approved")
    assert not page.live
    assert page.first_published_at is None
    assert not ArticlePage.objects.visible().filter(pk=page.pk).exists()
    assert client.get(page.canonical_path()).status_code == 404


@pytest.mark.django_db
def test_reporter_cannot_publish_their_submitted_story(submitted, reporter_client, client):
    response = reporter_client.post(
        edit_url(submitted), edit_form_data(reporter_client, submitted, **PUBLISH)
    )
    assert response.status_code in (200, 302)
    assert not fresh(submitted).live


@pytest.mark.django_db
def test_reporter_cannot_approve_their_own_story(submitted, reporter_client):
    task_state = fresh(submitted).current_workflow_task_state
    response = reporter_client.post(
        f"/admin/pages/workflow/action/{submitted.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (302, 403)
    assert not fresh(submitted).live
    assert fresh(submitted).workflow_in_progress


@pytest.mark.django_db
@pytest.mark.parametrize("edition", ["ru", "en"])
def test_uk_reporter_cannot_add_stories_to_other_editions(reporter_client, edition):
    assert_denied(reporter_client.get(add_url(edition)))
    response = reporter_client.post(add_url(edition), story_form_data(title="Wrong edition", **SUBMIT))
    assert_denied(response)
    assert not ArticlePage.objects.filter(title="Wrong edition").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("edition", ["ru", "en"])
def test_uk_reporter_cannot_edit_stories_of_other_editions(reporter_client, edition):
    page = ArticlePageFactory(edition=edition, title="Their story")
    assert_denied(reporter_client.get(edit_url(page)))
    data = edit_form_data(
        client_for(make_staff("an-editor", (roles.EDITORS, edition))), page, title="Vandalised", **SUBMIT
    )
    assert_denied(reporter_client.post(edit_url(page), data))
    assert fresh(page).title == "Their story"
    assert fresh(page).get_latest_revision().content["title"] == "Their story"


# --- editors -------------------------------------------------------------------------


@pytest.mark.django_db
def test_editor_approves_a_submitted_story_from_the_workflow_action(submitted, editor_client, client):
    task_state = fresh(submitted).current_workflow_task_state
    response = editor_client.post(
        f"/admin/pages/workflow/action/{submitted.pk}/approve/{task_state.pk}/", {"comment": "Good to go"}
    )
    assert response.status_code in (200, 302)

    page = fresh(submitted)
    assert page.live
    assert not page.workflow_in_progress
    assert (
        WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk)).status
        == "approved"
    )
    assert is_served(client, page)


@pytest.mark.django_db
def test_editor_approves_a_submitted_story_from_the_edit_form(submitted, editor_client, client):
    data = edit_form_data(
        editor_client, submitted, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
    )
    response = editor_client.post(edit_url(submitted), data)
    assert response.status_code == 302
    assert is_served(client, submitted)


@pytest.mark.django_db
def test_editor_publishes_a_submitted_story(submitted, editor_client, client):
    data = edit_form_data(editor_client, submitted, title="Trams return, says the city", **PUBLISH)
    response = editor_client.post(edit_url(submitted), data)
    assert response.status_code == 302
    assert is_served(client, submitted)
    assert "Trams return, says the city" in client.get(fresh(submitted).url).text


@pytest.mark.django_db
def test_editor_publishes_a_new_story_directly(editor_client, client):
    response = editor_client.post(add_url("uk"), story_form_data(title="Straight to the site", **PUBLISH))
    assert response.status_code == 302
    assert is_served(client, ArticlePage.objects.get(title="Straight to the site"))


# --- translators ---------------------------------------------------------------------


@pytest.mark.django_db
def test_translator_creates_a_linked_draft_in_their_edition_and_publishes_it(translator_client, client):
    original = ArticlePageFactory(title="Мости відкрили")

    response = translator_client.post(f"/newsroom/translate/{original.pk}/en/")

    translation = ArticlePage.objects.get(translation_key=original.translation_key, locale=locale("en"))
    assert response.status_code == 302
    assert response["Location"] == edit_url(translation)
    assert not translation.live
    assert translation.story_number == original.story_number

    data = edit_form_data(translator_client, translation, title="Bridges reopen", **PUBLISH)
    assert translator_client.post(edit_url(translation), data).status_code == 302
    translation = fresh(translation)
    assert translation.live
    assert translation.url.startswith("/en/news/")
    served = client.get(translation.url)
    assert served.status_code == 200
    assert "Bridges reopen" in served.text


@pytest.mark.django_db
def test_translating_again_opens_the_existing_draft(translator_client):
    original = ArticlePageFactory()
    first = translator_client.post(f"/newsroom/translate/{original.pk}/en/")
    second = translator_client.post(f"/newsroom/translate/{original.pk}/en/")
    assert first["Location"] == second["Location"]
    assert (
        ArticlePage.objects.filter(translation_key=original.translation_key, locale=locale("en")).count() == 1
    )


@pytest.mark.django_db
def test_translator_cannot_edit_the_original_edition(translator_client, editor_client):
    original = ArticlePageFactory(title="Оригінал")
    assert_denied(translator_client.get(edit_url(original)))
    data = edit_form_data(editor_client, original, title="Overwritten", **PUBLISH)
    assert_denied(translator_client.post(edit_url(original), data))
    assert fresh(original).title == "Оригінал"


@pytest.mark.django_db
@pytest.mark.parametrize("source_edition, target", [("uk", "ru"), ("en", "uk"), ("en", "ru")])
def test_translator_cannot_translate_into_other_editions(translator_client, source_edition, target):
    original = ArticlePageFactory(edition=source_edition)
    response = translator_client.post(f"/newsroom/translate/{original.pk}/{target}/")
    assert_denied(response)
    assert not ArticlePage.objects.filter(
        translation_key=original.translation_key, locale=locale(target)
    ).exists()


@pytest.mark.django_db
def test_translate_view_does_not_answer_get(translator_client):
    original = ArticlePageFactory()
    response = translator_client.get(f"/newsroom/translate/{original.pk}/en/")
    assert response.status_code == 405
    assert not ArticlePage.objects.filter(
        translation_key=original.translation_key, locale=locale("en")
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/newsroom/translate/999999/en/", "/newsroom/translate/{pk}/xx/"])
def test_translate_view_answers_unknown_story_or_edition_with_404(translator_client, path):
    original = ArticlePageFactory()
    assert translator_client.post(path.format(pk=original.pk)).status_code == 404


# --- anonymous visitors --------------------------------------------------------------

PROTECTED = [
    ("get", "/admin/"),
    ("get", "/admin/pages/"),
    ("get", "/admin/pages/{archive}/"),
    ("get", "/admin/pages/add/stories/articlepage/{archive}/"),
    ("post", "/admin/pages/add/stories/articlepage/{archive}/"),
    ("get", "/admin/pages/{story}/edit/"),
    ("post", "/admin/pages/{story}/edit/"),
    ("get", "/admin/images/"),
    ("get", "/newsroom/new-news-item/"),
    ("get", "/newsroom/translate/{story}/en/"),
    ("post", "/newsroom/translate/{story}/en/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", PROTECTED)
def test_anonymous_visitors_are_sent_to_login(client, method, path):
    story = ArticlePageFactory()
    url = path.format(archive=archive_for("uk").pk, story=story.pk)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert ArticlePage.objects.filter(translation_key=story.translation_key).count() == 1


# --- the "New news item" short path ----------------------------------------------------


@pytest.mark.django_db
def test_new_news_item_takes_a_one_edition_reporter_to_the_add_form_of_their_edition(reporter_client):
    response = reporter_client.get("/newsroom/new-news-item/")
    assert response.status_code == 302
    assert response["Location"] == add_url("uk")


@pytest.mark.django_db
def test_add_form_starts_with_the_house_structure(reporter_client):
    response = reporter_client.get(add_url("uk"))
    assert response.status_code == 200
    assert initial_body_block_types(response.text) == [
        ("source", None),
        ("labelled", "details"),
        ("background", None),  # the dated, linked background list (issue 16)
    ]


@pytest.mark.django_db
def test_new_news_item_asks_a_two_edition_reporter_which_edition(db):
    client = client_for(make_staff("two-editions", (roles.REPORTERS, "uk"), (roles.REPORTERS, "en")))
    response = client.get("/newsroom/new-news-item/")
    assert response.status_code == 200
    assert 'href="?edition=uk"' in response.text
    assert 'href="?edition=en"' in response.text
    assert 'href="?edition=ru"' not in response.text

    response = client.get("/newsroom/new-news-item/?edition=en")
    assert response.status_code == 302
    assert response["Location"] == add_url("en")
    assert client.get("/newsroom/new-news-item/?edition=ru").status_code == 404

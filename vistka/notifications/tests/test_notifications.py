"""Who is told what as a story moves through review and publication, in the admin and by mail;
always only within the story's edition."""

import logging

import pytest
from django.test import override_settings
from wagtail.models import Locale, TaskState

from vistka import notifications
from vistka.accounts.tests.smtp import free_port
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (
    add_url,
    client_for,
    make_staff,
    prefer_admin_language,
    story_form_data,
)
from vistka.notifications import kinds
from vistka.notifications.delivery import mail_pool
from vistka.notifications.models import Notification, NotificationPreference
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


def told(user, kind=None):
    found = Notification.objects.filter(recipient=user)
    return list(found.filter(kind=kind) if kind else found)


def submit(client, title="Trams return to night routes", edition="uk"):
    response = client.post(add_url(edition), story_form_data(title=title, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:500]
    return ArticlePage.objects.get(title=title)


def act(page, user, action):
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")
    task_state.task.specific.on_action(task_state, user, action)


def test_submitting_tells_the_editions_editors_only(reporter_client, reporter_uk, editor_uk):
    editor_ru = make_staff("editor-ru", (roles.EDITORS, "ru"))
    translator_uk = make_staff("translator-uk", (roles.TRANSLATORS, "uk"))
    story = submit(reporter_client)
    [notice] = told(editor_uk)
    assert (notice.kind, notice.page_id, notice.actor) == (kinds.SUBMITTED, story.pk, reporter_uk)
    assert told(editor_ru) == [] and told(translator_uk) == [] and told(reporter_uk) == []


def test_a_superuser_of_no_edition_hears_nothing_of_a_submission(reporter_client, editor_uk):
    admin = make_staff("admin-x", roles.ADMINS)
    admin.is_superuser = True
    admin.save()
    submit(reporter_client)
    assert Notification.objects.exclude(recipient=editor_uk).count() == 0


def test_approving_tells_the_submitter_once(reporter_client, reporter_uk, editor_uk):
    story = submit(reporter_client)
    act(story, editor_uk, "approve")
    assert ArticlePage.objects.get(pk=story.pk).live
    assert [n.kind for n in told(reporter_uk)] == [kinds.APPROVED]  # not also "published"


def test_requesting_changes_tells_the_submitter(reporter_client, reporter_uk, editor_uk):
    story = submit(reporter_client)
    act(story, editor_uk, "reject")
    [notice] = told(reporter_uk)
    assert (notice.kind, notice.actor) == (kinds.CHANGES_REQUESTED, editor_uk)


def test_publishing_a_reporters_story_directly_tells_its_owner(reporter_uk, editor_uk):
    story = ArticlePageFactory(title="Owner's story", draft=True, owner=reporter_uk)
    story.get_latest_revision().publish(user=editor_uk)
    assert [n.kind for n in told(reporter_uk)] == [kinds.PUBLISHED]


def test_a_first_publication_tells_translators_of_editions_lacking_it(translator_en):
    translator_uk = make_staff("translator-uk", (roles.TRANSLATORS, "uk"))
    translator_ru = make_staff("translator-ru", (roles.TRANSLATORS, "ru"))
    story = ArticlePageFactory(title="Fresh uk story")
    assert [n.page_id for n in told(translator_en, kinds.TRANSLATION_MISSING)] == [story.pk]
    assert told(translator_ru, kinds.TRANSLATION_MISSING) and not told(translator_uk)


def test_a_draft_of_another_edition_is_never_announced_to_its_translators(translator_en, editor_uk):
    draft = ArticlePageFactory(title="Unpublished uk draft", draft=True)
    assert notifications.send(kinds.TRANSLATION_MISSING, [translator_en], draft, editor_uk) == []
    assert notifications.send(kinds.SUBMITTED, [translator_en], draft, editor_uk) == []


def test_a_correction_tells_the_translators_of_each_version(translator_en, editor_uk):
    story = ArticlePageFactory(title="Corrected story", translate_to=("en",))
    Notification.objects.all().delete()
    created = notifications.notify_correction_needs_translating(story, actor=editor_uk)
    english = story.get_translation(Locale.objects.get(language_code="en"))
    assert [(n.recipient, n.kind, n.page_id) for n in created] == [
        (translator_en, kinds.CORRECTION_TO_TRANSLATE, english.pk)
    ]


def test_turned_off_kinds_are_not_written(reporter_client, editor_uk):
    NotificationPreference.objects.create(user=editor_uk, in_app_off=[kinds.SUBMITTED])
    submit(reporter_client)
    assert told(editor_uk) == []


# --- the admin: badge, list, preferences ----------------------------------------------------


def test_the_menu_shows_the_unread_count(reporter_client, editor_uk):
    prefer_admin_language(editor_uk, "en")
    submit(reporter_client)
    html = client_for(editor_uk).get("/admin/").content.decode()
    assert "Notifications (1)" in html


def test_the_list_links_to_a_story_the_user_may_edit_and_marks_it_read(reporter_client, editor_uk):
    prefer_admin_language(editor_uk, "en")
    story = submit(reporter_client)
    client = client_for(editor_uk)
    [notice] = told(editor_uk)
    page = client.get("/admin/notifications/").content.decode()
    assert f'action="/admin/notifications/{notice.pk}/"' in page and story.title in page
    response = client.post(f"/admin/notifications/{notice.pk}/")
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "Notifications (1)" not in client.get("/admin/").content.decode()


def test_a_story_no_longer_visible_is_neither_linked_nor_named(reporter_client, editor_uk):
    story = submit(reporter_client)
    editor_uk.groups.clear()
    editor_uk.groups.add(make_staff("x", (roles.EDITORS, "ru")).groups.first())
    page = client_for(editor_uk).get("/admin/notifications/").content.decode()
    assert story.title not in page and "/admin/notifications/" + str(told(editor_uk)[0].pk) not in page


def test_another_persons_notification_cannot_be_opened_or_marked(reporter_client, reporter_uk, editor_uk):
    submit(reporter_client)
    [notice] = told(editor_uk)
    assert reporter_client.get(f"/admin/notifications/{notice.pk}/").status_code == 404
    reporter_client.post("/admin/notifications/read/", {"id": str(notice.pk)})
    notice.refresh_from_db()
    assert notice.read_at is None


def test_preferences_are_saved_per_person(editor_uk):
    client = client_for(editor_uk)
    assert client.get("/admin/notifications/preferences/").status_code == 200
    kept = {f"in_app_{kind}": "on" for kind in kinds.KINDS if kind != kinds.PUBLISHED}
    client.post("/admin/notifications/preferences/", kept)
    preference = NotificationPreference.objects.get(user=editor_uk)
    assert preference.in_app_off == [kinds.PUBLISHED] and preference.email_off == list(kinds.KINDS)


# --- mail ------------------------------------------------------------------------------------


def test_a_submission_is_mailed_to_the_editor_over_smtp(
    reporter_client, editor_uk, smtp_inbox, django_capture_on_commit_callbacks
):
    prefer_admin_language(editor_uk, "en")
    with django_capture_on_commit_callbacks(execute=True):
        story = submit(reporter_client)
    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == editor_uk.email
    assert message["Subject"].strip() == f"reporter-uk submitted «{story.title}» for your review"
    assert f"/admin/pages/{story.pk}/edit/" in message.get_content()


def test_an_unreachable_mail_server_logs_one_line_and_no_traceback(
    reporter_client, editor_uk, caplog, django_capture_on_commit_callbacks
):
    make_staff("editor-uk-2", (roles.EDITORS, "uk"))
    closed = free_port()
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=closed,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=2,
        ),
        caplog.at_level(logging.WARNING),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            submit(reporter_client)
        mail_pool.submit(lambda: None).result(timeout=10)  # the send queued before it is done
    assert [r for r in caplog.records if r.exc_info] == []
    failures = [r.getMessage() for r in caplog.records if "not sent" in r.getMessage()]
    assert len(failures) == 1 and "\n" not in failures[0]
    assert told(editor_uk)  # the in-app notice is there regardless


# --- review fixes: queries per row, no state change on GET, mail language, account page -----


def list_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/notifications/").status_code == 200
    return len(captured)


def add_notices(user, count, kind, **story):
    """`count` stories in review, each with a notification for `user` (publishing also tells
    translators on its own: those rows are in review too)."""
    reporter = make_staff(f"reporter-{user.pk}-{Notification.objects.count()}", (roles.REPORTERS, "uk"))
    for i in range(count):
        page = ArticlePageFactory(title=f"{kind} story {i} {reporter.username}", **story)
        page.get_workflow().start(page, reporter)
        Notification.objects.create(recipient=user, kind=kind, page_id=page.pk)


@pytest.mark.parametrize("person", ["editor", "translator"])
def test_the_list_runs_as_many_queries_for_twenty_rows_as_for_two(editor_uk, translator_en, person):
    """Rows of the user's own edition, and other editions' published stories (whose edit
    permission hangs on the workflow task), cost no query each."""
    user, kind, story = {
        "editor": (editor_uk, kinds.SUBMITTED, {"draft": True}),
        "translator": (translator_en, kinds.TRANSLATION_MISSING, {}),
    }[person]
    add_notices(user, 2, kind, **story)
    client = client_for(user)
    list_queries(client)  # the first request of a session fills caches (content types, profile)
    few = list_queries(client)
    add_notices(user, 18, kind, **story)
    assert Notification.objects.filter(recipient=user).count() >= 20
    assert list_queries(client) == few


def test_opening_by_get_changes_nothing_and_the_list_opens_by_post(reporter_client, editor_uk):
    prefer_admin_language(editor_uk, "en")
    story = submit(reporter_client)
    [notice] = told(editor_uk)
    client = client_for(editor_uk)
    page = client.get("/admin/notifications/").content.decode()
    assert f'<form method="post" action="/admin/notifications/{notice.pk}/"' in page
    assert client.get(f"/admin/notifications/{notice.pk}/")["Location"] == f"/admin/pages/{story.pk}/edit/"
    notice.refresh_from_db()
    assert notice.read_at is None
    from django.test import Client

    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(editor_uk)
    assert guarded.post(f"/admin/notifications/{notice.pk}/").status_code == 403
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_translator_of_the_english_edition_is_mailed_in_english(
    translator_en, editor_uk, smtp_inbox, django_capture_on_commit_callbacks
):
    """No language of their own: the admin's fallback, their edition's language (not Ukrainian)."""
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticlePageFactory(title="Свіжа історія")
    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == translator_en.email
    subject = "«Свіжа історія» was published in another edition and is missing in yours"
    assert message["Subject"].strip() == subject
    assert "Open the story:" in message.get_content() and f"/admin/pages/{story.pk}/" in message.get_content()


def test_the_account_page_offers_no_dead_notification_switches(editor_uk):
    prefer_admin_language(editor_uk, "en")
    page = client_for(editor_uk).get("/admin/account/").content.decode()
    for dead in ("submitted_notifications", "approved_notifications", "rejected_notifications"):
        assert dead not in page
    assert "notifications-updated_comments_notifications" in page  # Wagtail still mails comments
    assert 'href="/admin/notifications/preferences/"' in page

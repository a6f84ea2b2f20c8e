"""Drafts that do not clutter: no story (and no story number) from an autosave of an empty "New
news item", and abandoned empty drafts deleted by the scheduler (vistka.newsroom.drafts)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, PageLogEntry, WorkflowState

from vistka.newsroom import roles
from vistka.newsroom.drafts import abandoned_drafts, has_real_content, only_autosaved, purge_abandoned
from vistka.newsroom.models import AutosavedRevision
from vistka.newsroom.tests.helpers import add_url, client_for, edit_form_data, make_staff, story_form_data
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage, StoryNumber

JSON = {"HTTP_ACCEPT": "application/json"}  # what Wagtail's autosave sends
EMPTY_BODY = [
    ("source", {"source": None, "note": ""}),
    ("labelled", {"label": "details", "text": ""}),
    ("labelled", {"label": "background", "text": ""}),
]


def autosave(client, **fields):
    return client.post(add_url(), story_form_data(**fields), **JSON)


def numbers_taken():
    return StoryNumber.objects.count()


# --- autosave of a new story ------------------------------------------------------------------


@pytest.mark.django_db
def test_autosave_of_a_headline_alone_creates_no_story_and_takes_no_number(reporter_client):
    before = numbers_taken()
    response = autosave(reporter_client, title="Мер", lead="", body=EMPTY_BODY)
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"  # Wagtail's autosave: paused, retried
    assert " 3 " in response.json()["error_message"]  # says how much is needed (in the admin's language)
    assert not ArticlePage.objects.filter(title="Мер").exists()
    assert numbers_taken() == before


@pytest.mark.django_db
def test_autosave_of_five_abandoned_forms_leaves_nothing_listed(reporter_client):
    before_pages, before_numbers = ArticlePage.objects.count(), numbers_taken()
    for title in ("М", "Ме", "Мер", "Мер м", "Мер міста"):
        autosave(reporter_client, title=title, lead="", body=EMPTY_BODY)
    assert ArticlePage.objects.count() == before_pages
    assert numbers_taken() == before_numbers


@pytest.mark.django_db
def test_autosave_with_a_headline_and_a_lead_creates_the_draft(reporter_client):
    title = "Мер міста подав у відставку"
    response = autosave(reporter_client, title=title, lead="Про це він заявив сьогодні.")
    assert response.status_code == 200, response.content
    assert response.json()["success"]
    story = ArticlePage.objects.get(title=title)
    assert story.story_number > 0 and story.slug == str(story.story_number)


@pytest.mark.django_db
def test_autosave_with_a_headline_and_body_text_creates_the_draft(reporter_client):
    body = [
        *EMPTY_BODY[:1],
        ("labelled", {"label": "details", "text": "<p>Сесію перенесли на вівторок.</p>"}),
    ]
    response = autosave(reporter_client, title="Сесію перенесли", lead="", body=body)
    assert response.status_code == 200, response.content
    assert ArticlePage.objects.filter(title="Сесію перенесли").exists()


@pytest.mark.django_db
def test_a_deliberate_save_of_a_headline_alone_is_kept(reporter_client):
    before = numbers_taken()
    response = reporter_client.post(add_url(), story_form_data(title="Заготовка", lead="", body=EMPTY_BODY))
    assert response.status_code == 302
    story = ArticlePage.objects.get(title="Заготовка")
    # PostgreSQL keeps sequences across tests: the number is the newest, not the count.
    assert story.story_number == StoryNumber.objects.latest("pk").pk and numbers_taken() == before + 1


@pytest.mark.django_db
def test_previewing_a_new_story_takes_no_number(reporter_client):
    """A preview validates the page (full_clean) without storing it."""
    before = numbers_taken()
    response = reporter_client.post(f"{add_url()}preview/", story_form_data(title="Прев'ю"))
    assert response.json()["is_valid"]
    assert numbers_taken() == before
    assert not ArticlePage.objects.filter(title="Прев'ю").exists()


@pytest.mark.django_db
def test_validating_a_new_story_takes_no_number_and_no_slug_from_the_headline():
    story = ArticlePage(title="Без номера", lead="", locale_id=ArticlePageFactory().locale_id)
    before = numbers_taken()
    story.full_clean(exclude=["path", "depth"], validate_unique=False)
    assert numbers_taken() == before
    assert story.slug.startswith("unnumbered-")


@pytest.mark.django_db
def test_real_content_is_a_headline_and_three_words_of_ones_own():
    empty = ArticlePage().body
    assert not has_real_content("", "Три слова ліду", empty)
    assert not has_real_content("Заголовок", "Два слова", empty)
    assert has_real_content("Заголовок", "Три слова ліду", empty)
    assert not has_real_content("Заголовок", "", empty)  # the house structure's labels do not count


# --- abandoned empty drafts -------------------------------------------------------------------


def age(page, hours):
    ArticlePage.objects.filter(pk=page.pk).update(
        latest_revision_created_at=timezone.now() - timedelta(hours=hours)
    )
    return page


def autosaved(page):
    """As if only Wagtail's autosave had written the story (vistka.newsroom.models)."""
    for revision_id in page.revisions.values_list("pk", flat=True):
        AutosavedRevision.objects.get_or_create(revision_id=revision_id)
    return page


def autosaved_draft(**fields):
    return autosaved(
        ArticlePageFactory(**{"title": "Мер", "lead": "", "body": EMPTY_BODY, "draft": True, **fields})
    )


@pytest.fixture
def drafts(db):
    return {
        "empty_old": age(autosaved_draft(), 49),
        "empty_recent": age(autosaved_draft(), 2),
        "with_content_old": age(autosaved(ArticlePageFactory(title="Сесію перенесли", draft=True)), 49),
        "published_old": age(autosaved(ArticlePageFactory(title="Мер", lead="", body=EMPTY_BODY)), 49),
        "scheduled_old": age(autosaved_draft(draft=False, scheduled=True), 49),
    }


@pytest.mark.django_db
def test_purge_deletes_only_old_empty_drafts(drafts):
    assert purge_abandoned() == 1
    assert not ArticlePage.objects.filter(pk=drafts["empty_old"].pk).exists()
    for name in ("empty_recent", "with_content_old", "published_old", "scheduled_old"):
        assert ArticlePage.objects.filter(pk=drafts[name].pk).exists(), name
    assert PageLogEntry.objects.filter(page_id=drafts["empty_old"].pk, action="wagtail.delete").exists()


@pytest.mark.django_db
def test_purge_keeps_an_empty_draft_in_review(drafts, reporter_uk):
    story = drafts["empty_old"]
    story.get_workflow().start(story, reporter_uk)
    age(story, 49)
    assert WorkflowState.objects.filter(object_id=str(story.pk)).exists()
    assert purge_abandoned() == 0


@pytest.mark.django_db
def test_cut_off_age_comes_from_the_setting_and_zero_keeps_everything(drafts):
    with override_settings(ABANDONED_DRAFT_HOURS=0):
        assert purge_abandoned() == 0
    with override_settings(ABANDONED_DRAFT_HOURS=1):
        assert purge_abandoned() == 2  # the recent one is 2 hours old


@pytest.mark.django_db
def test_management_command_reports_what_it_deleted(drafts):
    out = io.StringIO()
    call_command("purge_abandoned_drafts", stdout=out)
    assert "deleted 1 abandoned empty drafts older than 48 h" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_pass_purges_abandoned_drafts(drafts, monkeypatch):
    import signal

    from vistka.newsroom import drafts as drafts_module

    monkeypatch.setattr(drafts_module, "_last_purge", [])
    previous = signal.getsignal(signal.SIGTERM)
    try:
        call_command("run_scheduler", "--once", stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert not ArticlePage.objects.filter(pk=drafts["empty_old"].pk).exists()
    assert ArticlePage.objects.filter(pk=drafts["with_content_old"].pk).exists()


# --- only what nobody chose to keep (review: a thin story someone saved was deleted) -----------


@pytest.mark.django_db
def test_a_thin_story_someone_saved_is_never_deleted(reporter_client):
    """A news flash of a headline and two words, kept by its reporter's own "Save draft"."""
    data = story_form_data(title="Вибухи у Києві", lead="Триває тривога", body=EMPTY_BODY)
    response = reporter_client.post(add_url(), data)
    assert response.status_code == 302, response.content[:500]
    story = age(ArticlePage.objects.get(title="Вибухи у Києві"), 49)
    assert purge_abandoned() == 0
    assert ArticlePage.objects.filter(pk=story.pk).exists()


@pytest.mark.django_db
def test_the_autosave_marks_its_revisions_and_a_persons_save_does_not(reporter_client):
    title = "Мер міста подав у відставку"
    autosave(reporter_client, title=title, lead="Про це він заявив сьогодні.")
    story = ArticlePage.objects.get(title=title)
    assert only_autosaved(story)
    reporter_client.post(add_url(), story_form_data(title="Сесію перенесли", lead="Тиша"))
    assert not only_autosaved(ArticlePage.objects.get(title="Сесію перенесли"))


@pytest.mark.django_db
def test_an_old_empty_autosaved_draft_with_a_picture_or_a_translation_is_kept(drafts):
    from vistka.reader.tests.builders import jpeg_image

    pictured = age(autosaved_draft(lead_image=jpeg_image("Фото")), 49)
    original = autosaved_draft()
    translated = original.copy_for_translation(Locale.objects.get(language_code="en"))
    age(autosaved(original), 49)
    age(autosaved(translated), 49)
    assert purge_abandoned() == 1  # the fixture's own empty_old, nothing else
    for story in (pictured, original, translated):
        assert ArticlePage.objects.filter(pk=story.pk).exists()


@pytest.mark.django_db
def test_a_colleagues_autosave_never_gets_the_owners_draft_deleted():
    """A colleague may edit a reporter's draft but not delete it: emptying it with one autosave
    must not hand it to the clean-up (found by a security review)."""
    olena = make_staff("olena", (roles.REPORTERS, "uk"))
    taras = make_staff("taras", (roles.REPORTERS, "uk"))
    json = {"HTTP_ACCEPT": "application/json"}
    data = story_form_data(
        title="Повінь у Херсоні", lead="Вода за ніч піднялася на два метри у старому місті."
    )
    client_for(olena).post(add_url("uk"), data, **json)  # her autosave creates and keeps the story
    page = ArticlePage.objects.get(title="Повінь у Херсоні")
    colleague = client_for(taras)
    colleague.post(f"/admin/pages/{page.pk}/edit/", edit_form_data(colleague, page, lead="", body=[]), **json)
    later = timezone.now() + timedelta(hours=49)
    assert page.pk not in [p.pk for p in abandoned_drafts(now=later)]
    purge_abandoned(now=later)
    assert ArticlePage.objects.filter(pk=page.pk).exists()

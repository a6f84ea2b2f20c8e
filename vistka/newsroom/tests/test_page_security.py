"""Issue 13, newsroom pages: translating from another edition's draft, deleting colleagues'
drafts, other editions' draft headlines in the page chooser. Through the real admin views."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (
    add_url,
    client_for,
    make_staff,
    prefer_admin_language,
    story_form_data,
)
from vistka.newsroom.tests.page_fixtures import (
    chooser_shows,
    colleague_in,
    fresh,
    is_refusal,
    story,
    unique_title,
)
from vistka.stories.factories import ArticlePageFactory, archive_for, locale
from vistka.stories.models import ArticlePage


def translations_of(page, code):
    return ArticlePage.objects.filter(translation_key=page.translation_key, locale=locale(code))


# --- 1. translating ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["review", "colleague"])
def test_translator_cannot_copy_another_editions_draft(translator_client, client, kind):
    draft = story(kind, "uk")

    response = translator_client.post(f"/newsroom/translate/{draft.pk}/en/")

    assert response.status_code == 404
    assert not translations_of(draft, "en").exists()
    assert client.get(draft.canonical_path()).status_code == 404


@pytest.mark.django_db
def test_translator_cannot_open_the_translation_of_a_draft_either(translator_client):
    """A translation that already exists (made by an admin) is not a way round the rule."""
    draft = story("review", "uk")
    admin = make_staff("an-admin", roles.ADMINS)
    assert client_for(admin).post(f"/newsroom/translate/{draft.pk}/en/").status_code == 302

    response = translator_client.post(f"/newsroom/translate/{draft.pk}/en/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_translator_copies_a_published_story_and_the_copy_is_recorded(translator_client, translator_en):
    original = story("published", "uk")

    response = translator_client.post(f"/newsroom/translate/{original.pk}/en/")

    translation = translations_of(original, "en").get()
    assert response.status_code == 302
    assert translation.owner == translator_en
    event = AuditEvent.objects.get(action="story.translated")
    assert event.actor == translator_en
    assert event.object_id == str(translation.pk)
    assert event.edition == "en"
    assert event.data == {"source_id": original.pk, "source_edition": "uk"}


@pytest.mark.django_db
def test_translation_copies_the_published_text_not_a_pending_draft(translator_client):
    original = story("published", "uk")
    pending = original.get_latest_revision_as_object()
    pending.title = "Unapproved new headline"
    pending.save_revision()

    translator_client.post(f"/newsroom/translate/{original.pk}/en/")

    translation = translations_of(original, "en").get()
    assert translation.title == original.title
    assert "Unapproved" not in translation.get_admin_display_title()


def translate_targets_offered(client, page):
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return {code for code in ("uk", "ru", "en") if f"/newsroom/translate/{page.pk}/{code}/" in html}


@pytest.mark.django_db
def test_translate_buttons_only_where_translating_is_allowed(reporter_client):
    own_draft = story("own", "uk", actor=make_staff("olena", (roles.REPORTERS, "uk")))
    assert translate_targets_offered(reporter_client, own_draft) == set()

    both = client_for(make_staff("two-hats", (roles.REPORTERS, "uk"), (roles.TRANSLATORS, "en")))
    assert translate_targets_offered(both, own_draft) == {"en"}

    admin = client_for(make_staff("an-admin", roles.ADMINS))
    assert translate_targets_offered(admin, own_draft) == {"ru", "en"}


@pytest.mark.django_db
@pytest.mark.parametrize("language, label", [("en", "Translate into English"), ("uk", "Перекласти: English")])
def test_translate_button_speaks_the_admin_language(language, label):
    user = make_staff("two-hats", (roles.REPORTERS, "uk"), (roles.TRANSLATORS, "en"))
    prefer_admin_language(user, language)
    page = story("published", "uk")
    html = client_for(user).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert label in html
    assert "/newsroom/translate/" in html


# --- 3. deleting ---------------------------------------------------------------------------


@pytest.fixture
def colleague_uk(db):
    return colleague_in("uk")


@pytest.mark.django_db
def test_reporter_cannot_delete_a_colleagues_draft(reporter_client, colleague_uk):
    draft = story("colleague", "uk", colleague=colleague_uk)

    assert is_refusal(reporter_client.get(f"/admin/pages/{draft.pk}/delete/"))
    assert is_refusal(reporter_client.post(f"/admin/pages/{draft.pk}/delete/"))
    assert fresh(draft) is not None


@pytest.mark.django_db
def test_reporter_cannot_delete_a_colleagues_draft_in_bulk(reporter_client, colleague_uk):
    draft = story("colleague", "uk", colleague=colleague_uk)
    url = f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}"

    reporter_client.post(url, {})

    assert fresh(draft) is not None


@pytest.mark.django_db
def test_reporter_deletes_their_own_draft(reporter_client, reporter_uk):
    draft = story("own", "uk", actor=reporter_uk)
    response = reporter_client.post(f"/admin/pages/{draft.pk}/delete/")
    assert response.status_code == 302
    assert fresh(draft) is None


@pytest.mark.django_db
def test_reporter_cannot_delete_their_own_story_once_published(reporter_client, reporter_uk, editor_client):
    page = story("published", "uk", colleague=reporter_uk)
    editor_client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert not fresh(page).live

    assert is_refusal(reporter_client.post(f"/admin/pages/{page.pk}/delete/"))
    reporter_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}", {})
    assert fresh(page) is not None


@pytest.mark.django_db
def test_listing_and_header_offer_delete_only_where_allowed(reporter_client, reporter_uk, colleague_uk):
    own = story("own", "uk", actor=reporter_uk)
    theirs = story("colleague", "uk", colleague=colleague_uk)

    listing = reporter_client.get(f"/admin/pages/{archive_for('uk').pk}/").content.decode()
    assert f"/admin/pages/{own.pk}/delete/" in listing
    assert f"/admin/pages/{theirs.pk}/delete/" not in listing

    header = reporter_client.get(f"/admin/pages/{theirs.pk}/edit/").content.decode()
    assert f"/admin/pages/{theirs.pk}/delete/" not in header
    header = reporter_client.get(f"/admin/pages/{own.pk}/edit/").content.decode()
    assert f"/admin/pages/{own.pk}/delete/" in header


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["home", "archive"])
def test_editor_cannot_delete_the_editions_home_or_archive(editor_client, which):
    archive = archive_for("uk")
    page = archive.get_parent() if which == "home" else archive

    assert is_refusal(editor_client.post(f"/admin/pages/{page.pk}/delete/"))
    editor_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}", {})
    assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.django_db
def test_editor_deletes_a_story_of_their_edition(editor_client):
    page = story("published", "uk")
    editor_client.post(f"/admin/pages/{page.pk}/delete/")
    assert fresh(page) is None


# --- 4. finding pages ------------------------------------------------------------------------


@pytest.fixture
def en_stories(db):
    return story("published", "en"), story("colleague", "en"), story("review", "en")


@pytest.mark.django_db
def test_chooser_hides_other_editions_drafts(reporter_client, en_stories):
    published, draft, in_review = en_stories
    assert chooser_shows(reporter_client, published)[:2] == (True, True)
    assert chooser_shows(reporter_client, draft)[:2] == (False, False)
    assert chooser_shows(reporter_client, in_review)[:2] == (False, False)


@pytest.mark.django_db
def test_chooser_without_a_page_type_hides_them_too(reporter_client, en_stories):
    """The rich-text link chooser browses every page type."""
    published, draft, _ = en_stories
    html = reporter_client.get(f"/admin/choose-page/{archive_for('en').pk}/").content.decode()
    assert published.title in html
    assert draft.title not in html
    html = reporter_client.get(f"/admin/choose-page/search/?q={draft.title.split()[-1]}").content.decode()
    assert draft.title not in html


@pytest.mark.django_db
def test_chooser_does_not_open_a_draft_as_parent(reporter_client, en_stories):
    _, draft, _ = en_stories
    response = reporter_client.get(f"/admin/choose-page/{draft.pk}/")
    assert response.status_code == 404
    assert draft.title not in response.content.decode()


@pytest.mark.django_db
def test_chosen_pages_answer_only_for_pages_the_user_may_see(reporter_client, en_stories):
    published, draft, _ = en_stories
    html = reporter_client.get(
        f"/admin/choose-page/chosen-multiple/?id={published.pk}&id={draft.pk}"
    ).content.decode()
    assert published.title in html
    assert draft.title not in html


@pytest.mark.django_db
def test_chooser_does_not_show_a_pending_headline_of_another_edition(reporter_client):
    page = story("published", "en")
    pending = page.get_latest_revision_as_object()
    pending.title = unique_title("pending")
    pending.save_revision()

    html = reporter_client.get(
        f"/admin/choose-page/{archive_for('en').pk}/?page_type=stories.articlepage"
    ).content.decode()
    assert pending.title not in html
    search = reporter_client.get(f"/admin/choose-page/search/?q={pending.title.split()[-1]}")
    assert pending.title not in search.content.decode()


@pytest.mark.django_db
def test_chooser_shows_the_own_editions_drafts_and_admins_see_all(reporter_client, en_stories):
    colleagues_draft = story("colleague", "uk")
    assert chooser_shows(reporter_client, colleagues_draft)[:2] == (True, True)
    admin = client_for(make_staff("an-admin", roles.ADMINS))
    for page in en_stories:
        assert chooser_shows(admin, page)[:2] == (True, True)


@pytest.mark.django_db
def test_story_chooser_blocks_offer_other_editions_published_stories_only(reporter_client, en_stories):
    """The "read also" and "background" blocks choose through the page chooser typed to stories."""
    published, draft, _ = en_stories
    form = reporter_client.get(f"/admin/pages/add/stories/articlepage/{archive_for('uk').pk}/")
    assert "stories.articlepage" in form.content.decode()
    html = reporter_client.get(
        "/admin/choose-page/search/?q=story&page_type=stories.articlepage"
    ).content.decode()
    assert published.title in html
    assert draft.title not in html


@pytest.mark.django_db
def test_admin_search_and_explorer_show_no_other_editions_drafts(en_stories):
    """Wagtail limits these to the user's editions already; kept as a regression check, also for
    staff of two editions."""
    published, draft, in_review = en_stories
    for user in (
        make_staff("uk-only", (roles.REPORTERS, "uk")),
        make_staff("uk-and-ru", (roles.EDITORS, "uk"), (roles.TRANSLATORS, "ru")),
    ):
        client = client_for(user)
        for page in (draft, in_review):
            word = page.title.split()[-1]
            for url in (f"/admin/pages/search/?q={word}", f"/admin/pages/search/results/?q={word}"):
                assert page.title not in client.get(url).content.decode()
        explorer = client.get(f"/admin/pages/{archive_for('en').pk}/", follow=True).content.decode()
        assert draft.title not in explorer
        assert in_review.title not in explorer


# --- unpublish and privacy: only with the right to publish in that edition -----------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "groups, edition, allowed",
    [
        ([(roles.REPORTERS, "uk")], "uk", False),
        ([(roles.EDITORS, "uk")], "uk", True),
        ([(roles.TRANSLATORS, "uk")], "uk", True),
        ([(roles.TRANSLATORS, "en")], "uk", False),
        ([(roles.EDITORS, "en")], "uk", False),
        ([roles.ADMINS], "uk", True),
    ],
)
def test_unpublish_and_privacy_need_the_right_to_publish_there(groups, edition, allowed):
    client = client_for(make_staff("someone", *groups))
    page = ArticlePageFactory(edition=edition)

    privacy = client.post(
        f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "password", "password": "s3cret-words"}
    )
    assert page.get_view_restrictions().exists() == allowed, privacy.status_code
    unpublish = client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert (not fresh(page).live) == allowed, unpublish.status_code
    if not allowed:
        assert is_refusal(privacy) and is_refusal(unpublish)


def with_read_also(data, story_pk):
    """Form data whose body is one "read also" block choosing `story_pk` (as a typed-in id)."""
    data.update(
        nested_form_data(
            {
                "body": {
                    "count": "1",
                    "0": {"type": "read_also", "value": {"story": str(story_pk), "text": ""}},
                }
            }
        )
    )
    data.update({"body-0-deleted": "", "body-0-order": "0", "body-0-id": ""})
    return data


@pytest.mark.django_db
def test_a_typed_in_id_cannot_choose_another_editions_draft(reporter_client, en_stories):
    """The story choosers show the chosen story's headline: an id the chooser would not offer is
    refused, so the form never shows another edition's draft headline."""
    published, draft, _ = en_stories
    data = with_read_also(story_form_data(title="Linker one"), draft.pk)
    refused = reporter_client.post(add_url("uk"), data)
    assert is_refusal(refused)
    assert not ArticlePage.objects.filter(title="Linker one").exists()

    accepted = reporter_client.post(
        add_url("uk"), with_read_also(story_form_data(title="Linker two"), published.pk)
    )
    assert accepted.status_code == 302
    page = ArticlePage.objects.get(title="Linker two")
    assert page.get_latest_revision_as_object().body[0].value["story"].pk == published.pk


@pytest.mark.django_db
def test_a_choice_the_story_already_had_stays_editable(reporter_client, reporter_uk, en_stories):
    """A chosen story that has since been unpublished does not lock its linking story."""
    published, _, _ = en_stories
    reporter_client.post(add_url("uk"), with_read_also(story_form_data(title="Linker three"), published.pk))
    page = ArticlePage.objects.get(title="Linker three")
    published.unpublish()

    data = with_read_also(story_form_data(title="Linker three, revised", slug=page.slug), published.pk)
    response = reporter_client.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 302, response.content.decode()[:500]
    assert fresh(page).get_latest_revision().content["title"] == "Linker three, revised"


@pytest.mark.django_db
def test_the_translate_button_posts_with_its_csrf_token():
    """The button is a form Wagtail renders without a request context: it must carry its token,
    or a browser's click is refused with 403 (the test client skips CSRF checks unless asked)."""
    from django.test import Client

    user = make_staff("two-hats", (roles.REPORTERS, "uk"), (roles.TRANSLATORS, "en"))
    page = story("published", "uk")
    browser_like = Client(enforce_csrf_checks=True)
    browser_like.force_login(user)
    html = browser_like.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    form = WagtailTestUtils.get_soup(html).select_one('form[action*="/newsroom/translate/"]')
    token = form.select_one('input[name="csrfmiddlewaretoken"]')
    assert token is not None and token["value"]

    response = browser_like.post(form["action"], {"csrfmiddlewaretoken": token["value"]})

    assert response.status_code == 302, response.status_code
    assert translations_of(page, "en").exists()

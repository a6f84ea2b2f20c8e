"""Readers see published, public stories only: never drafts, scheduled, unpublished or private ones,
neither at the story's address nor through the admin's draft and preview views."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from vistka.newsroom.tests.helpers import make_staff, rolled_back
from vistka.stories.factories import ArticlePageFactory, archive_for
from vistka.stories.models import ArticlePage

HIDDEN = ["draft", "scheduled", "unpublished", "private_login", "private_password", "private_groups"]


def restrict(page, restriction_type, **kwargs):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **kwargs)
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Editors · Українська")])


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        s = {
            "visible": ArticlePageFactory(title="Visible uk headline"),
            "visible_ru": ArticlePageFactory(edition="ru", title="Visible ru headline"),
            "visible_en": ArticlePageFactory(edition="en", title="Visible en headline"),
            "draft": ArticlePageFactory(title="Draft headline", draft=True),
            "scheduled": ArticlePageFactory(
                title="Scheduled headline", scheduled=True, published_at=timezone.now() + timedelta(hours=5)
            ),
            "unpublished": ArticlePageFactory(title="Unpublished headline"),
            "private_login": ArticlePageFactory(title="Private login headline"),
            "private_password": ArticlePageFactory(title="Private password headline"),
            "private_groups": ArticlePageFactory(title="Private groups headline"),
            "with_draft_changes": ArticlePageFactory(title="Live version headline"),
        }
        s = {name: ArticlePage.objects.get(pk=page.pk) for name, page in s.items()}
        s["unpublished"].unpublish()
        restrict(s["private_login"], PageViewRestriction.LOGIN)
        restrict(s["private_password"], PageViewRestriction.PASSWORD, password="letmein")
        restrict(s["private_groups"], PageViewRestriction.GROUPS)
        changed = s["with_draft_changes"]
        changed.title = "Secret draft headline"
        changed.save_revision()
        s = {name: ArticlePage.objects.get(pk=page.pk) for name, page in s.items()}
        yield s


@pytest.fixture
def reader(db):
    """A logged-in reader account with no admin access."""
    client = Client()
    client.force_login(make_staff("a-reader"))
    return client


def assert_not_shown(response, page):
    assert page.title not in response.content.decode(), response.status_code


def assert_sent_to_login(response, url):
    assert response.status_code == 302
    assert unquote(response["Location"]) == f"/admin/login/?next={url}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", HIDDEN)
def test_hidden_story_is_not_served_at_its_address(client, stories, name):
    page = stories[name]
    assert not ArticlePage.objects.visible().filter(pk=page.pk).exists()

    response = client.get(page.canonical_path())

    assert response.status_code == 404
    assert_not_shown(response, page)


@pytest.mark.django_db
def test_scheduled_story_is_not_served_under_today_either(client, stories):
    page = stories["scheduled"]
    today = timezone.localtime()
    response = client.get(f"/news/{today:%Y/%m/%d}/{page.story_number}/")
    assert response.status_code == 404
    assert_not_shown(response, page)


@pytest.mark.django_db
def test_readers_see_the_live_version_not_the_draft_changes(client, stories):
    page = stories["with_draft_changes"]
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Live version headline" in response.text
    assert "Secret draft headline" not in response.text


ADMIN_VIEWS = {
    "view_draft": lambda page: f"/admin/pages/{page.pk}/view_draft/",
    "preview": lambda page: f"/admin/pages/{page.pk}/edit/preview/",
    "revision": lambda page: f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/",
    "edit": lambda page: f"/admin/pages/{page.pk}/edit/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("view", ADMIN_VIEWS)
@pytest.mark.parametrize("name", [*HIDDEN, "with_draft_changes"])
def test_anonymous_visitors_are_sent_to_login_from_draft_and_preview_views(client, stories, name, view):
    page = stories[name]
    url = ADMIN_VIEWS[view](page)

    response = client.get(url)

    assert_sent_to_login(response, url)
    assert_not_shown(response, page)
    assert "Secret draft headline" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["view_draft", "preview"])
def test_readers_without_admin_access_cannot_see_drafts(reader, stories, view):
    page = stories["draft"]
    response = reader.get(ADMIN_VIEWS[view](page))
    assert response.status_code in (302, 403)
    assert_not_shown(response, page)


@pytest.mark.django_db
def test_anonymous_preview_of_a_posted_form_is_refused(client, stories):
    url = f"/admin/pages/add/stories/articlepage/{archive_for('uk').pk}/preview/"
    response = client.post(url, {"title": "Injected preview headline"})
    assert_sent_to_login(response, url)
    assert "Injected preview headline" not in response.content.decode()
    response = client.get(url)
    assert_sent_to_login(response, url)


@pytest.mark.django_db
@pytest.mark.parametrize("edition, prefix", [("uk", "/"), ("ru", "/ru/"), ("en", "/en/")])
def test_home_page_lists_only_visible_stories_of_its_edition(client, stories, edition, prefix):
    response = client.get(prefix)
    assert response.status_code == 200
    html = response.text

    assert stories[f"visible_{edition}" if edition != "uk" else "visible"].title in html
    for other in {"uk", "ru", "en"} - {edition}:
        assert stories[f"visible_{other}" if other != "uk" else "visible"].title not in html
    for name in HIDDEN:
        assert stories[name].title not in html, name
    assert "Secret draft headline" not in html
    if edition == "uk":
        assert "Live version headline" in html


@pytest.mark.django_db
def test_control_an_editor_of_the_edition_does_see_the_draft(editor_client, stories):
    """The views above are the right ones: staff with access get the draft's content."""
    page = stories["with_draft_changes"]
    response = editor_client.get(ADMIN_VIEWS["view_draft"](page))
    assert response.status_code == 200
    assert "Secret draft headline" in response.text


@pytest.mark.django_db
def test_a_restriction_on_the_edition_archive_hides_its_stories(client, stories):
    page = stories["visible_ru"]
    restrict(archive_for("ru"), PageViewRestriction.LOGIN)

    assert not ArticlePage.objects.visible().filter(pk=page.pk).exists()
    response = client.get(page.url)
    assert response.status_code == 404
    assert_not_shown(response, page)
    assert page.title not in client.get("/ru/").text
    assert stories["visible"].title in client.get("/").text  # other editions are unaffected

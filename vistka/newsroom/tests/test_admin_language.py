"""Each staff member's admin language: their own choice, else their edition's, else the default
(issue 16: translator-en was given a Ukrainian admin)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.users.models import UserProfile

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language
from vistka.newsroom.tests.test_media_and_user_matrix import form_with

pytestmark = pytest.mark.django_db


def admin_language_of(response):
    assert response.status_code == 200, response.status_code
    return re.search(r'<html[^>]*\blang="([\w-]+)"', response.text).group(1)


def test_translator_en_reads_an_english_dashboard(translator_en):
    response = client_for(translator_en).get("/admin/", HTTP_ACCEPT_LANGUAGE="uk")
    assert admin_language_of(response) == "en"
    assert "Dashboard" in response.text
    assert "Панель" not in response.text


def test_a_reporter_reads_their_edition_s_language_whatever_the_browser_says(reporter_uk):
    response = client_for(reporter_uk).get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert admin_language_of(response) == "uk"


def test_their_own_choice_comes_first(translator_en):
    prefer_admin_language(translator_en, "ru")
    assert admin_language_of(client_for(translator_en).get("/admin/")) == "ru"


def test_someone_in_two_editions_or_none_reads_the_default_language(db):
    both = make_staff("both", (roles.EDITORS, "en"), (roles.REPORTERS, "ru"))
    admin = make_staff("chief", roles.ADMINS)
    for user in (both, admin):
        assert admin_language_of(client_for(user).get("/admin/", HTTP_ACCEPT_LANGUAGE="en")) == "uk"


def test_the_account_owner_sets_it_in_account_settings(translator_en):
    client = client_for(translator_en)
    data = form_with(client.get("/admin/account/").text, "locale-preferred_language")
    data.update(
        {"locale-preferred_language": "ru", "name_email-first_name": "Kate", "name_email-last_name": "Kay"}
    )
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, response.status_code
    assert UserProfile.get_for_user(translator_en).preferred_language == "ru"
    assert admin_language_of(client.get("/admin/")) == "ru"


def test_whoever_manages_staff_sets_it_when_creating_and_editing(db):
    admin = make_staff("chief", roles.ADMINS)
    client = client_for(admin)
    form = form_with(client.get("/admin/users/new/").text, "preferred_language")
    assert "preferred_language" in form
    form.update(
        {
            "username": "translator-ru",
            "email": "t@vistka.test",
            "first_name": "Ірина",
            "last_name": "Коваль",
            "password1": "a-long-enough-password-1",
            "password2": "a-long-enough-password-1",
            "preferred_language": "ru",
        }
    )
    response = client.post("/admin/users/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = get_user_model().objects.get(username="translator-ru")
    assert UserProfile.get_for_user(created).preferred_language == "ru"

    edit = client.get(f"/admin/users/edit/{created.pk}/")
    assert 'value="ru" selected' in edit.text
    form = form_with(edit.text, "preferred_language")
    form["preferred_language"] = ""
    assert client.post(f"/admin/users/edit/{created.pk}/", form).status_code == 302
    assert UserProfile.get_for_user(created).preferred_language == ""


def test_the_demo_gives_each_account_its_edition_s_language(db):
    call_command("create_demo_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    languages = dict(UserProfile.objects.values_list("user__username", "preferred_language"))
    assert languages["translator-en"] == "en"
    assert languages["editor-ru"] == "ru"
    assert languages["reporter-uk"] == "uk"


@pytest.mark.parametrize(
    ("language", "label"),
    [("uk", "Заголовок для пошукових систем"), ("ru", "Заголовок для поисковых систем")],
)
def test_the_search_engine_title_is_named_in_the_admin_language(language, label):
    """Wagtail's own catalogue calls it "тег title" in Ukrainian."""
    from vistka.stories.factories import ArticlePageFactory

    reporter = make_staff(f"reporter-{language}", (roles.REPORTERS, language))
    story = ArticlePageFactory(edition=language, state="draft", user=reporter)
    html = client_for(reporter).get(f"/admin/pages/{story.pk}/edit/").text
    assert label in html
    assert not re.search(r"data-panel-heading-text>[^<]*\btitle\b", html)

"""An author record's staff account is one of its own edition's staff (review: the form listed every
account of every edition and accepted any of them)."""

import re

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import AuthorFactory


def edit_url(author):
    return f"/admin/snippets/people/author/edit/{author.pk}/"


def offered(html):
    select = re.search(r'<select name="user"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no staff account field"
    return set(re.findall(r">([^<]+)</option>", select.group(1))) - {"---------"}


@pytest.fixture
def staff(db):
    return {
        "editor": make_staff("uk-editor", (roles.EDITORS, "uk")),
        "reporter": make_staff("uk-reporter", (roles.REPORTERS, "uk")),
        "ru_reporter": make_staff("ru-secret-reporter", (roles.REPORTERS, "ru")),
        "admin": make_staff("site-admin", roles.ADMINS),
    }


@pytest.mark.django_db
def test_the_form_offers_only_the_editions_staff(staff):
    author = AuthorFactory(name="Олена Коваль", slug="olena-koval")
    response = client_for(staff["editor"]).get(edit_url(author))
    assert response.status_code == 200
    names = offered(response.content.decode())
    assert {"uk-editor", "uk-reporter"} <= names
    assert "ru-secret-reporter" not in names and "site-admin" not in names


@pytest.mark.django_db
def test_another_editions_account_posted_by_hand_is_refused(staff):
    author = AuthorFactory(name="Олена Коваль", slug="olena-koval")
    client = client_for(staff["editor"])
    page = client.get(edit_url(author)).content.decode()
    data = {"name": author.name, "slug": author.slug, "role": "", "bio": "", "photo": "", "user": ""}
    version = re.search(r'name="([^"]*version[^"]*)" value="([^"]*)"', page)
    if version:
        data[version.group(1)] = version.group(2)
    for intruder in ("ru_reporter", "admin"):
        response = client.post(edit_url(author), {**data, "user": staff[intruder].pk})
        assert response.status_code == 200, intruder  # the form again, with the error
        author.refresh_from_db()
        assert author.user_id is None, intruder
    response = client.post(edit_url(author), {**data, "user": staff["reporter"].pk})
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.user_id == staff["reporter"].pk

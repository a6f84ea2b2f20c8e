"""A request that fails because the database is unavailable, wherever in the request it fails, is
answered with a clear 503 (before: Django's 500 page); every other 500 stays a 500."""

import base64
import hashlib
import json
import re
import time

import pytest
from django.db.utils import OperationalError, ProgrammingError
from django.test import Client
from django.utils.html import escape

from vistka.accounts.sessions import SEEN
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import edit_url, make_staff, prefer_admin_language
from vistka.outage.language import COOKIE
from vistka.outage.tests.faults import database_fails
from vistka.stories.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

READER = {
    "/": ("uk", "Сайт ненадовго недоступний"),
    "/ru/": ("ru", "Сайт ненадолго недоступен"),
    "/en/": ("en", "The site is briefly unavailable"),
    "/en/news/2025/05/28/10234/": ("en", "The site is briefly unavailable"),
    "/ru/search/?q=x": ("ru", "Сайт ненадолго недоступен"),
}


def anonymous():
    return Client(raise_request_exception=False)


def signed_in(user, **kwargs):
    client = Client(raise_request_exception=False, **kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def reporter(db):
    return make_staff("outage-reporter", (roles.REPORTERS, "uk"))


def assert_outage_page(response, language, text):
    assert response.status_code == 503, response.status_code
    assert 1 <= int(response["Retry-After"]) <= 30
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    return html


@pytest.mark.parametrize("path", list(READER))
def test_reader_pages_answer_a_cacheable_503_in_the_edition_language(path):
    language, text = READER[path]
    with database_fails():
        response = anonymous().get(path)
    assert_outage_page(response, language, text)
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert response["Content-Language"] == language
    assert "xkey" not in response
    assert not response.cookies


def test_the_reader_csp_allows_the_page_style():
    with database_fails():
        response = anonymous().get("/en/")
    html = response.content.decode()
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    style_src = next(part for part in policy.split(";") if part.strip().startswith("style-src "))
    assert f"'sha256-{digest}'" in style_src
    assert "<script" not in html


def test_a_post_to_a_reader_address_is_not_cacheable():
    with database_fails():
        response = anonymous().post("/ru/search/", {"q": "x"})
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"


def test_the_api_answers_json():
    with database_fails():
        response = anonymous().get("/api/v1/articles?edition=en")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["error"] == "database_unavailable"
    assert body["retry_after"] == int(response["Retry-After"])


def test_other_server_errors_stay_500():
    with database_fails(error=ProgrammingError('relation "wagtailcore_page" does not exist')):
        response = anonymous().get("/en/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_an_error_raised_from_a_database_failure_still_means_an_outage():
    """A view that catches the driver's error and raises its own keeps the cause."""
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as exc:
            raise RuntimeError("could not load the story") from exc
    except RuntimeError as wrapped:
        from vistka.outage.detect import is_database_unavailable

        assert is_database_unavailable(wrapped)
        assert not is_database_unavailable(RuntimeError("a bug"))


# --- the newsroom: every point of a request where the database may fail ----------------------


@pytest.mark.parametrize(
    ("failing", "point"),
    [
        (r".", "everything"),
        (r'FROM "django_session"', "loading the session"),
        (r'FROM "auth_user"', "loading the user"),
        (r'"accounts_staffsession"', "checking the staff session"),
        (r'"wagtailcore_page"', "the view"),
    ],
)
def test_the_newsroom_answers_503_whichever_step_fails(reporter, failing, point):
    client = signed_in(reporter)
    with database_fails(failing):
        response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="uk")
    html = assert_outage_page(response, "uk", "Редакція ненадовго недоступна")
    assert response["Cache-Control"] == "no-store", point
    assert "Нічого не збережено" not in html  # nothing was being saved


def test_the_newsroom_answers_503_when_saving_the_session_fails(reporter):
    client = signed_in(prefer_admin_language(reporter, "en"))
    assert client.get("/admin/").status_code == 200  # the staff session row and stamps exist
    session = client.session
    session[SEEN] = time.time() - 3600  # "last seen" is due: the session is saved on the way out
    session.save()
    with database_fails(r'^(UPDATE|INSERT INTO) "django_session"'):
        response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert_outage_page(response, "en", "The newsroom is briefly unavailable")


@pytest.mark.parametrize(
    ("headers", "cookies", "language", "text"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9,en;q=0.5"}, {}, "ru", "Редакция ненадолго недоступна"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, {}, "en", "The newsroom is briefly unavailable"),
        ({"HTTP_ACCEPT_LANGUAGE": "de"}, {}, "uk", "Редакція ненадовго недоступна"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, {"django_language": "ru"}, "ru", "Редакция ненадолго недоступна"),
        ({"HTTP_ACCEPT_LANGUAGE": "ru"}, {COOKIE: "en"}, "en", "The newsroom is briefly unavailable"),
        ({"HTTP_ACCEPT_LANGUAGE": "ru"}, {COOKIE: "<x>"}, "ru", "Редакция ненадолго недоступна"),
    ],
)
def test_the_newsroom_page_speaks_the_staff_members_language(reporter, headers, cookies, language, text):
    client = signed_in(reporter)
    for name, value in cookies.items():
        client.cookies[name] = value
    with database_fails():
        response = client.get("/admin/pages/", **headers)
    assert_outage_page(response, language, text)


def test_the_admin_language_is_remembered_while_the_database_is_up(reporter):
    prefer_admin_language(reporter, "ru")
    client = signed_in(reporter)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.cookies[COOKIE].value == "ru"
    assert response.cookies[COOKIE]["httponly"]
    with database_fails():
        response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert_outage_page(response, "ru", "Редакция ненадолго недоступна")


def test_without_a_chosen_language_the_admins_own_is_remembered(reporter):
    """The admin speaks the default language to those who chose none, whatever the browser asks."""
    client = signed_in(reporter)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.cookies[COOKIE].value == "uk"
    with database_fails():
        response = client.get("/admin/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert_outage_page(response, "uk", "Редакція ненадовго недоступна")


def test_the_newsroom_json_requests_get_json(reporter):
    client = signed_in(reporter)
    with database_fails():
        response = client.get("/admin/pages/search/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert json.loads(response.content)["error"] == "database_unavailable"
    assert response["Cache-Control"] == "no-store"


# --- a save posted during the outage comes back ----------------------------------------------


@pytest.fixture
def story(reporter):
    return ArticlePageFactory(edition="uk", state="draft", live=False, owner=reporter)


def csrf_client(user):
    """A browser-like client of a staff member whose admin speaks English."""
    client = signed_in(prefer_admin_language(user, "en"), enforce_csrf_checks=True)
    client.get("/admin/")  # sets the CSRF cookie
    return client


def test_a_save_posted_during_the_outage_comes_back_ready_to_send_again(reporter, story):
    client = csrf_client(reporter)
    token = client.cookies["csrftoken"].value
    title = 'Rada votes <script>alert("x")</script> & more'
    data = {
        "csrfmiddlewaretoken": token,
        "title": title,
        "lead": "Перший рядок\r\nдругий",
        "body": json.dumps({"blocks": [{"key": "a", "text": "The whole story text."}], "entityMap": {}}),
        "tags": ["one", "two"],
        "password": "never shown",
        "action-submit": "",
    }
    with database_fails():
        response = client.post(edit_url(story), data, HTTP_ACCEPT_LANGUAGE="en")
    html = assert_outage_page(response, "en", "Nothing was saved.")
    assert response["Cache-Control"] == "no-store"
    form = re.search(r'<form method="post" action="([^"]*)"[^>]*>(.*?)</form>', html, re.S)
    assert form, "no Save again form"
    assert form.group(1) == edit_url(story)
    hidden = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form.group(2))
    names = [name for name, _ in hidden]
    assert names.count("tags") == 2 and "action-submit" in names and "csrfmiddlewaretoken" in names
    assert "password" not in names and "never shown" not in html
    assert ("title", escape(title).replace("&#x27;", "'")) in hidden
    assert "<script>alert" not in html
    assert "The whole story text." in html  # readable copy of the rich text
    assert "Save again" in html


def test_the_copy_to_take_by_hand_leaves_out_the_form_plumbing(reporter, story):
    """Every field is posted again, but the text offered for copying is only what a person typed
    (the hand trial showed revision stamps and block ids and types as "your text")."""
    client = csrf_client(reporter)
    data = {
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        "loaded_revision_created_at": "2026-12-06T23:08:31.096082+00:00",
        "title": "Rada votes on the budget",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-id": "e106d2ba-64b8-43f8-8a05-4216f9f9a594",
        "body-0-order": "0",
        "body-0-deleted": "",
        "body-0-value": "What happened, in plain words.",
        "authors-TOTAL_FORMS": "1",
        "comments-TOTAL_FORMS": "0",
    }
    with database_fails():
        response = client.post(edit_url(story), data, HTTP_ACCEPT_LANGUAGE="en")
    html = assert_outage_page(response, "en", "Nothing was saved.")
    form = re.search(r'<form method="post" action="[^"]*"[^>]*>(.*?)</form>', html, re.S).group(1)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form))
    assert hidden["body-0-id"] == data["body-0-id"] and "loaded_revision_created_at" in hidden
    copy = html.replace(form, "")
    assert "Rada votes on the budget" in copy and "What happened, in plain words." in copy
    for plumbing in ("loaded_revision_created_at", "body-0-type", "body-0-id", "e106d2ba", "TOTAL_FORMS"):
        assert plumbing not in copy, plumbing


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/add/stories/articlepage/3/",
        "/admin/snippets/taxonomy/tag/add/?locale=uk",
        "/admin/snippets/editions/editionsettings/edit/1/",
        "/newsroom/new-news-item/",
    ],
)
def test_records_settings_and_new_pages_posted_during_the_outage_come_back(reporter, path):
    client = csrf_client(reporter)
    data = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, "name": "Виборча комісія"}
    with database_fails():
        response = client.post(path, data, HTTP_ACCEPT_LANGUAGE="en")
    html = assert_outage_page(response, "en", "Nothing was saved.")
    assert f'<form method="post" action="{escape(path)}"' in html
    assert '<input type="hidden" name="name" value="Виборча комісія">' in html


def test_a_forged_cross_site_post_is_not_reflected(reporter, story):
    client = csrf_client(reporter)
    with database_fails():
        response = client.post(
            edit_url(story),
            {"csrfmiddlewaretoken": "forged" * 8, "title": "Injected by another site"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    html = assert_outage_page(response, "en", "Nothing was saved.")
    assert "Injected by another site" not in html
    assert "<form" not in html


def test_a_sign_in_posted_during_the_outage_is_never_reflected():
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value
    with database_fails():
        response = client.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": "editor", "password": "secret words"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    html = assert_outage_page(response, "en", "Nothing was saved.")
    assert "secret words" not in html and "<form" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/admin/2fa/verify/",
        "/admin/2fa/enrol/",
        "/admin/2fa/recovery-codes/",
        "/admin/2fa/webauthn/authentication/complete/",
        "/admin/2fa/webauthn/registration/complete/",
    ],
)
def test_a_second_factor_code_posted_during_the_outage_is_never_reflected(reporter, path):
    client = csrf_client(reporter)
    data = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, "code": "493817", "note": "kept?"}
    with database_fails():
        response = client.post(path, data, HTTP_ACCEPT_LANGUAGE="en")
    html = assert_outage_page(response, "en", "Nothing was saved.")
    assert "493817" not in html and "kept?" not in html and "<form" not in html


def test_fields_named_like_secrets_are_never_carried_back(reporter, story):
    client = csrf_client(reporter)
    secrets = {
        "code": "111111",
        "recovery_code": "2222-3333",
        "otp_token": "444444",
        "api_key": "key-555",
        "clientSecret": "s-666",
        "password2": "pw-777",
        "totp": "888888",
    }
    data = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, "title": "Kept title", **secrets}
    with database_fails():
        response = client.post(edit_url(story), data, HTTP_ACCEPT_LANGUAGE="en")
    html = assert_outage_page(response, "en", "Nothing was saved.")
    assert '<input type="hidden" name="title" value="Kept title">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    for name, value in secrets.items():
        assert value not in html and f'name="{name}"' not in html, name

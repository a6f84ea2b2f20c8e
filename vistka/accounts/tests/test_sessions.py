"""Staff sessions: listed, ended by their owner or an administrator, expiring when idle or old."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from vistka.accounts.models import StaffSession
from vistka.accounts.sessions import SEEN, STARTED
from vistka.accounts.tests.helpers import FIREFOX, PASSWORD, SAFARI_IPHONE, browser, sign_in, signed_in
from vistka.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("editor", "editor@vistka.test", PASSWORD, first_name="Ірина")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def admin():
    return get_user_model().objects.create_superuser("chief", "chief@vistka.test", PASSWORD)


def signed_in_browser(username, address="203.0.113.10", user_agent=FIREFOX):
    client = browser(address, user_agent)
    assert sign_in(client, username, PASSWORD, address=address, user_agent=user_agent).status_code == 302
    return client


def test_the_session_key_changes_at_sign_in(editor):
    client = browser()
    session = client.session
    session["before"] = 1
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = session.session_key
    sign_in(client, "editor", PASSWORD)
    assert signed_in(client) and client.session.session_key != before


def test_my_sessions_lists_each_browser_and_marks_this_one(editor):
    laptop = signed_in_browser("editor", "203.0.113.10", FIREFOX)
    phone = signed_in_browser("editor", "198.51.100.20", SAFARI_IPHONE)
    page = laptop.get("/admin/sessions/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Firefox 128 · Windows 10" in html and "Mobile Safari 17 · iOS 17 · iPhone" in html
    assert "203.0.113.10" in html and "198.51.100.20" in html
    assert html.count("(цей сеанс)") == 1  # the page speaks the admin's language (Ukrainian)
    assert phone.get("/admin/").status_code == 200


def test_ending_a_session_signs_that_browser_out(editor):
    laptop = signed_in_browser("editor", "203.0.113.10", FIREFOX)
    phone = signed_in_browser("editor", "198.51.100.20", SAFARI_IPHONE)
    phone_row = StaffSession.objects.get(address="198.51.100.20")
    laptop.post("/admin/sessions/", {"session": phone_row.pk})
    assert not StaffSession.objects.filter(pk=phone_row.pk).exists()
    assert phone.get("/admin/").status_code == 302  # to the sign-in page
    assert laptop.get("/admin/").status_code == 200
    event = AuditEvent.objects.get(action="sessions.ended")
    assert event.data == {"count": 1, "by": "self"} and event.actor_name == "editor"


def test_end_all_other_sessions_keeps_this_one(editor):
    laptop = signed_in_browser("editor", "203.0.113.10", FIREFOX)
    others = [signed_in_browser("editor", f"198.51.100.{n}", SAFARI_IPHONE) for n in (1, 2)]
    laptop.post("/admin/sessions/", {"all": "1"})
    assert [other.get("/admin/").status_code for other in others] == [302, 302]
    assert laptop.get("/admin/").status_code == 200
    assert StaffSession.objects.count() == 1


def test_nobody_ends_someone_elses_session_through_their_own_page(editor, admin):
    chief = signed_in_browser("chief")
    victim_row = StaffSession.objects.get(user=admin)
    laptop = signed_in_browser("editor", "198.51.100.5")
    laptop.post("/admin/sessions/", {"session": victim_row.pk})
    assert StaffSession.objects.filter(pk=victim_row.pk).exists()
    assert chief.get("/admin/").status_code == 200


def test_an_administrator_ends_another_users_sessions(editor, admin, smtp_inbox):
    phone = signed_in_browser("editor", "198.51.100.20", SAFARI_IPHONE)
    chief = signed_in_browser("chief", "203.0.113.99")
    page = chief.get(f"/admin/sessions/user/{editor.pk}/")
    assert page.status_code == 200 and "198.51.100.20" in page.content.decode()
    chief.post(f"/admin/sessions/user/{editor.pk}/")
    assert phone.get("/admin/").status_code == 302
    event = AuditEvent.objects.get(action="sessions.ended")
    assert event.actor_name == "chief" and event.object_id == str(editor.pk) and event.data["by"] == "admin"
    notices = [m for m in smtp_inbox.wait_for(1) if m["To"] == "editor@vistka.test"]
    assert notices and notices[-1]["Subject"].strip() == "Сеанси в редакції Vistka завершено"
    assert "Адміністратор chief завершив" in notices[-1].get_content()


def test_only_administrators_see_or_end_others_sessions(editor, admin):
    signed_in_browser("chief")
    laptop = signed_in_browser("editor", "198.51.100.5")
    assert laptop.get(f"/admin/sessions/user/{admin.pk}/").status_code in (302, 403)
    laptop.post(f"/admin/sessions/user/{admin.pk}/")
    assert StaffSession.objects.filter(user=admin).exists()


@pytest.mark.parametrize("stamp", [SEEN, STARTED])
def test_an_idle_or_too_old_session_is_signed_out(editor, settings, stamp):
    client = signed_in_browser("editor")
    assert client.get("/admin/").status_code == 200
    session = client.session
    limit = settings.STAFF_SESSION_IDLE_SECONDS if stamp == SEEN else settings.STAFF_SESSION_MAX_SECONDS
    session[stamp] = time.time() - limit - 1
    if stamp == STARTED:
        session[SEEN] = time.time()
    session.save()
    assert client.get("/admin/").status_code == 302
    assert not StaffSession.objects.exists()


def test_safe_session_defaults(settings):
    assert settings.STAFF_SESSION_IDLE_SECONDS <= 8 * 3600
    assert settings.STAFF_SESSION_MAX_SECONDS <= 24 * 3600
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_SESSION_MAX_SECONDS


def test_last_seen_is_written_at_most_once_a_minute(editor, django_assert_num_queries):
    client = signed_in_browser("editor")
    client.get("/admin/sessions/")
    row = StaffSession.objects.get()
    for _ in range(3):
        client.get("/admin/sessions/")
    assert StaffSession.objects.get().last_seen == row.last_seen
    session = client.session
    session[SEEN] = time.time() - 61
    session.save()
    client.get("/admin/sessions/")
    assert StaffSession.objects.get().last_seen > row.last_seen


def test_reader_pages_do_not_touch_the_session(editor):
    client = signed_in_browser("editor")
    response = client.get("/no-such-story/")
    request = response.wsgi_request
    assert not request.session.accessed
    assert "Cookie" not in response.get("Vary", "")


def test_signing_out_removes_the_row(editor):
    client = signed_in_browser("editor")
    assert StaffSession.objects.count() == 1
    client.post("/admin/logout/")
    assert StaffSession.objects.count() == 0


def test_my_sessions_is_in_the_account_menu(editor):
    client = signed_in_browser("editor")
    html = client.get("/admin/account/").content.decode()
    assert 'href="/admin/sessions/"' in html


def test_force_login_in_tests_makes_a_session_row(editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert StaffSession.objects.filter(user=editor).count() == 1


def test_the_users_list_links_each_users_sessions_for_administrators(editor, admin):
    chief = signed_in_browser("chief")
    html = chief.get("/admin/users/").content.decode()
    assert f'href="/admin/sessions/user/{editor.pk}/"' in html

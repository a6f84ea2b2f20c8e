"""Cookies never step around the fast path: only a real staff session's `vistka_staff` marker
passes a public page to Django; a random `sessionid`, a reader's real session, a forged or
expired marker are served the stored anonymous copy (and a miss renders without their cookies).

Real sessions throughout: staff sign in through the admin's login form (the marker is issued by
the middleware), readers through Django's session machinery; the app is served over HTTP."""

import secrets
import time

from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import PageViewRestriction

from vistka.delivery import staff_marker
from vistka.delivery.tests.harness import fetch, settle_purges
from vistka.delivery.tests.newsroom import publish_story
from vistka.delivery.tests.test_restrictions import restrict
from vistka.newsroom.tests.helpers import make_staff
from vistka.reader.tests.builders import home
from vistka.twofactor.tests.helpers import sign_in

TITLE = "Night trains return to the western line"


def signed_in_staff(username="desk-admin"):
    """A staff member signed in for real (password form): the client holds sessionid and marker."""
    make_staff(username, "Admins")
    client = Client()
    response = sign_in(client, username)
    assert response.status_code == 302, response
    client.get("/admin/")
    return client


def cookie_header(client, *names):
    return "; ".join(f"{name}={client.cookies[name].value}" for name in names)


def test_the_marker_is_issued_to_a_real_staff_session_bound_to_it_and_deleted_at_sign_out(transactional_db):
    client = signed_in_staff()
    marker = client.cookies[staff_marker.COOKIE]
    session_key = client.cookies["sessionid"].value
    assert marker["httponly"] and marker["path"] == "/" and marker["samesite"] == "Lax"
    assert 0 < int(marker["max-age"]) <= 12 * 3600
    assert staff_marker.read(marker.value, session_key) is not None
    assert staff_marker.valid_in(cookie_header(client, "sessionid", staff_marker.COOKIE))
    # Bound to its session: beside another session cookie it is nothing.
    assert not staff_marker.valid_in(f"sessionid={secrets.token_hex(16)}; vistka_staff={marker.value}")

    client.post("/admin/logout/")
    assert client.cookies[staff_marker.COOKIE].value == ""  # deleted
    assert int(client.cookies[staff_marker.COOKIE]["max-age"]) == 0


def test_a_non_staff_account_gets_no_marker_and_an_ended_staff_session_loses_it(transactional_db):
    reader = get_user_model().objects.create_user("reader", "reader@vistka.test", "pw")
    client = Client()
    client.force_login(reader)
    client.get("/admin/")
    client.get("/")
    assert staff_marker.COOKIE not in client.cookies

    staff = signed_in_staff("ended-elsewhere")
    assert staff.cookies[staff_marker.COOKIE].value
    from vistka.accounts.models import StaffSession

    StaffSession.objects.all().delete()  # "sign out everywhere" from another browser
    staff.get("/")  # a public page: the request carries the marker, its session is no longer valid
    assert staff.cookies[staff_marker.COOKIE].value == ""


def test_only_a_real_staff_session_passes_a_public_page_to_django(app):
    """An edition's home restricted to Admins: staff with their marker get Django's page; readers
    (whatever their cookies) get the sign-in redirect; open pages stay shared copies."""
    restrict(home("en"), PageViewRestriction.GROUPS)
    story = publish_story(title=TITLE)
    settle_purges()  # the setup's own purges, before the pages are cached (harness.settle_purges)
    staff = signed_in_staff()
    staff_cookies = cookie_header(staff, "sessionid", staff_marker.COOKIE)

    seen_by_staff = fetch(app.url, "/en/", headers={"Cookie": staff_cookies})
    assert seen_by_staff.status == 200 and seen_by_staff.x_cache is None
    for cookie in ("", f"sessionid={secrets.token_hex(16)}", f"vistka_staff={secrets.token_urlsafe(30)}"):
        reader = fetch(app.url, "/en/", headers={"Cookie": cookie} if cookie else {})
        assert reader.status == 302 and "/admin/login/" in reader.header("Location"), cookie

    # On open pages staff get Django's render too (never the store); readers the stored copy.
    assert fetch(app.url, story.url).x_cache == "MISS"
    assert fetch(app.url, story.url, headers={"Cookie": staff_cookies}).x_cache is None
    random_session = fetch(app.url, story.url, headers={"Cookie": f"sessionid={secrets.token_hex(16)}"})
    assert random_session.x_cache == "HIT"


def test_random_and_reader_sessions_and_forged_markers_are_served_from_the_store(app):
    story = publish_story(title=TITLE)
    settle_purges()  # the setup's own purges, before the pages are cached (harness.settle_purges)
    first = fetch(app.url, story.url)
    assert first.x_cache == "MISS"
    reader = get_user_model().objects.create_user("reader", "reader@vistka.test", "pw")
    reader_client = Client()
    reader_client.force_login(reader)
    staff = signed_in_staff()
    genuine = staff.cookies[staff_marker.COOKIE].value
    expired, _ = staff_marker.issue(staff.cookies["sessionid"].value, started=time.time() - 13 * 3600)
    variants = {
        "random sessionid": f"sessionid={secrets.token_hex(16)}",
        "reader session": f"sessionid={reader_client.cookies['sessionid'].value}",
        "forged marker": f"sessionid={secrets.token_hex(16)}; vistka_staff={secrets.token_urlsafe(40)}",
        "marker of another session": f"sessionid={secrets.token_hex(16)}; vistka_staff={genuine}",
        "expired marker": f"sessionid={staff.cookies['sessionid'].value}; vistka_staff={expired}",
        "garbage": 'sessionid="; vistka_staff=\x7f',
    }
    for name, cookie in variants.items():
        response = fetch(app.url, story.url, headers={"Cookie": cookie})
        assert (response.status, response.x_cache) == (200, "HIT"), name
        assert response.body == first.body, name
        assert response.header("Set-Cookie") is None, name


def test_a_miss_with_cookies_renders_and_keeps_the_anonymous_page(app):
    """The first request of a page carries a staff member's session (no marker): it is rendered
    without cookies, kept, and served to everyone after."""
    story = publish_story(title=TITLE)
    settle_purges()  # the setup's own purges, before the pages are cached (harness.settle_purges)
    staff = signed_in_staff()
    with_session = fetch(app.url, story.url, headers={"Cookie": cookie_header(staff, "sessionid")})
    assert with_session.x_cache == "MISS"
    assert with_session.header("Set-Cookie") is None
    assert fetch(app.url, story.url).body == with_session.body
    assert fetch(app.url, story.url).x_cache == "HIT"

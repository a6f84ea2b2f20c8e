"""Outside /admin/ and /newsroom/ (restricted reader pages, documents of restricted collections,
Wagtail's front-end login) a session counts as signed in only when it passed the second step (where
the user has a factor or their role requires one) and its staff session is still valid; plain
reader pages still read neither the session nor the database for it."""

import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from vistka.accounts.models import StaffSession
from vistka.accounts.sessions import SEEN, row_key
from vistka.newsroom import roles
from vistka.reader.tests.builders import home
from vistka.twofactor import steps
from vistka.twofactor.tests.helpers import code_for, sign_in, totp_device

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def restrict_home(kind):
    restriction = PageViewRestriction.objects.create(page=home("uk"), restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=roles.group_name(roles.EDITORS, "uk"))])
    return restriction


def shown(response):
    return response.status_code == 200


def signed_in_with_password_only(user):
    client = Client()
    assert sign_in(client, user.username).status_code == 302
    return client


def fully_signed_in(user):
    """Password and TOTP code, through the real forms."""
    device = totp_device(user)
    client = signed_in_with_password_only(user)
    assert client.post("/admin/2fa/verify/", {"code": code_for(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_password_alone_does_not_open_a_restricted_page(editor_uk, kind):
    restrict_home(kind)
    totp_device(editor_uk)
    client = signed_in_with_password_only(editor_uk)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/verify/")
    response = client.get("/")
    assert response.status_code == 302 and "login/?next=/" in response["Location"]


def test_a_required_role_without_a_factor_is_anonymous_outside_too(editor_uk):
    restrict_home(PageViewRestriction.LOGIN)
    client = signed_in_with_password_only(editor_uk)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/enrol/")
    assert not shown(client.get("/"))


def test_after_the_second_step_the_restricted_page_opens(editor_uk):
    restrict_home(PageViewRestriction.GROUPS)
    assert shown(fully_signed_in(editor_uk).get("/"))


def test_a_reporter_not_required_and_without_a_factor_keeps_reading(reporter_uk):
    restrict_home(PageViewRestriction.LOGIN)
    assert shown(signed_in_with_password_only(reporter_uk).get("/"))


def test_an_ended_session_is_anonymous_on_a_restricted_page(editor_uk):
    restrict_home(PageViewRestriction.LOGIN)
    client = fully_signed_in(editor_uk)
    assert shown(client.get("/"))
    StaffSession.objects.filter(user=editor_uk).delete()  # "end sessions"
    assert not shown(client.get("/"))


def test_an_idle_session_is_anonymous_on_a_restricted_page(editor_uk, settings):
    restrict_home(PageViewRestriction.LOGIN)
    client = fully_signed_in(editor_uk)
    session = client.session
    session[SEEN] = time.time() - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()
    assert not shown(client.get("/"))


def test_a_document_in_a_restricted_collection_needs_the_second_step(editor_uk):
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    document = get_document_model().objects.create(
        title="Memo", collection=collection, file=ContentFile(b"internal memo", name="memo.txt")
    )
    totp_device(editor_uk)
    url = document.url
    assert not shown(signed_in_with_password_only(editor_uk).get(url))
    response = fully_signed_in(editor_uk).get(url)
    assert response.status_code == 200
    body = response.streaming_content if response.streaming else [response.content]
    assert b"".join(body) == b"internal memo"
    document.file.delete(save=False)


def test_a_plain_reader_page_reads_no_session_and_makes_no_extra_query(editor_uk):
    signed_in = fully_signed_in(editor_uk)
    anonymous = Client()
    anonymous.get("/")
    signed_in.get("/")  # caches warm for both
    with CaptureQueriesContext(connection) as for_anonymous:
        anonymous.get("/")
    with CaptureQueriesContext(connection) as for_staff:
        response = signed_in.get("/")
    assert response.status_code == 200
    assert page_queries(for_staff) == page_queries(for_anonymous)
    assert not response.wsgi_request.session.accessed
    assert "sessionid" not in response.cookies and "Cookie" not in response.get("Vary", "")


def test_rotating_the_session_key_keeps_the_row_and_touches_no_table(editor_uk):
    client = fully_signed_in(editor_uk)
    request = HttpRequest()
    request.session = client.session
    old_key = request.session.session_key
    row = StaffSession.objects.get(user=editor_uk)
    with CaptureQueriesContext(connection) as queries:
        steps.rotate_session_key(request)
    assert request.session.session_key != old_key
    assert not [q for q in queries if "staffsession" in q["sql"].lower()]
    assert row_key(request.session) == row.key_hash


def test_the_default_requires_translators_too():
    """They hold "publish": the default list includes them (the suite itself runs with it empty)."""
    env = {"SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "vistka.settings", "PATH": "/usr/bin:/bin"}
    code = "import vistka.settings as s; print(s.TWO_FACTOR_REQUIRED_GROUPS)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    out = run.stdout
    assert out.strip() == "['Editors', 'Translators', 'Admins']"


def test_a_translator_is_sent_to_enrolment(translator_en):
    client = signed_in_with_password_only(translator_en)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/enrol/")


def test_a_restricted_page_leads_a_password_only_session_to_the_second_step_not_round_in_a_loop(
    editor_uk,
):
    restrict_home(PageViewRestriction.LOGIN)
    device = totp_device(editor_uk)
    client = signed_in_with_password_only(editor_uk)

    hops, url = [], "/"
    for _ in range(5):
        response = client.get(url)
        if response.status_code != 302:
            break
        url = response["Location"]
        hops.append(url.split("?")[0])
    assert hops == ["/admin/login/", "/admin/2fa/verify/"], hops

    verified = client.post(url, {"code": code_for(device)})
    assert verified.status_code == 302
    assert shown(client.get("/", follow=True))


def page_queries(captured):
    """The page's own queries: without the purge log, which every process reads at most twice a
    second whoever asks (on a loaded machine one of the two requests would read it, the other not)."""
    return [query["sql"] for query in captured.captured_queries if "delivery_purgeevent" not in query["sql"]]

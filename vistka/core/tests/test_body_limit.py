"""Issue 13, finding 8: request bodies over the limit are refused with 413 before they are read.

Against the app as production serves it (granian running vistka.wsgi:application on 127.0.0.1),
with raw sockets: a 200 MB POST is answered while the client has sent only what the kernel's
buffers hold, and a chunked body is cut off just past the limit. An admin upload over the public
limit but under the newsroom's still works for staff, not for anonymous requests.
"""

import io

import pytest
from django.conf import settings
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image as PILImage
from wagtail.images import get_image_model

from vistka.core.tests.servers import (
    Granian,
    copy_sqlite_database,
    database_url,
    send_until_answered,
)
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff

# Every test needs the test database set up (granian's copy of it on SQLite).
pytestmark = pytest.mark.django_db

MIB = 1024 * 1024
HUGE = 200 * 1024 * 1024
# What may go out before the answer: the kernel's socket buffers on loopback (a few MiB), far
# below the 48 MiB after which the client stops waiting.
SENT_BEFORE_ANSWER = 12 * MIB
# A form post of one large file with a CSRF cookie (anyone can send one): Django's CSRF check reads
# the whole body, looking for the token, before it refuses the post.
FORM = {
    "Content-Type": "multipart/form-data; boundary=vistka-boundary",
    "Cookie": "csrftoken=" + "a" * 32,
}
FILE_PART = (
    b"--vistka-boundary\r\n"
    b'Content-Disposition: form-data; name="file"; filename="big.bin"\r\n'
    b"Content-Type: application/octet-stream\r\n\r\n"
)


@pytest.fixture(scope="module")
def granian(tmp_path_factory, django_db_setup, django_db_blocker):
    """One granian process for the module: on the test database when it is PostgreSQL, on a copy
    of it (migrated, with the editions) when it is SQLite in this process's memory."""
    env = {"DATABASE_CONN_MAX_AGE": "0", "LOG_LEVEL": "ERROR"}
    env["MEDIA_ROOT"] = str(tmp_path_factory.mktemp("granian-media"))
    env["DATABASE_URL"] = database_url()
    if env["DATABASE_URL"] is None:
        copy = tmp_path_factory.mktemp("granian-db") / "copy.sqlite3"
        with django_db_blocker.unblock():
            copy_sqlite_database(copy)
        env["DATABASE_URL"] = f"sqlite:///{copy}"
    server = Granian(tmp_path_factory.mktemp("granian-log"), env).start()
    yield server
    server.stop()


def test_the_default_limits():
    assert settings.REQUEST_MAX_BODY_BYTES == MIB
    assert settings.NEWSROOM_MAX_BODY_BYTES == 64 * MIB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.NEWSROOM_MAX_BODY_BYTES
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * MIB


@pytest.mark.parametrize("path", ["/", "/en/search/", "/admin/login/", "/admin/images/add/"])
def test_a_200_mb_post_is_refused_before_its_body_is_read(granian, path):
    status, sent, answer = send_until_answered(
        granian.port, path, length=HUGE, prefix=FILE_PART, headers=FORM
    )
    assert status == 413, (sent, answer)
    assert sent < SENT_BEFORE_ANSWER, f"{sent / MIB:.1f} MiB went out before the answer"


def test_a_chunked_body_is_refused_once_past_the_limit(granian):
    status, sent, answer = send_until_answered(granian.port, "/", length=None, prefix=FILE_PART, headers=FORM)
    assert status == 413, (sent, answer)
    assert sent < SENT_BEFORE_ANSWER, f"{sent / MIB:.1f} MiB went out before the answer"


def test_a_body_just_over_the_public_limit_is_refused(granian):
    status, sent, answer = send_until_answered(
        granian.port, "/", length=MIB + 1, prefix=FILE_PART, headers=FORM
    )
    assert status == 413, answer


def test_a_small_post_still_reaches_the_app(granian):
    """Django answers it (the CSRF check refuses an anonymous form post): not the wrapper's 413."""
    status, sent, answer = send_until_answered(granian.port, "/", length=1000, prefix=FILE_PART, headers=FORM)
    assert status not in (None, 413), answer


def test_a_content_length_that_is_not_a_number_is_refused(granian):
    status, _sent, answer = send_until_answered(
        granian.port, "/", length="12x", headers=FORM, give_up_after=0
    )
    assert status == 400, answer


# --- the newsroom's uploads ------------------------------------------------------------------


def noise_png(megabytes):
    side = int((megabytes * MIB / 3) ** 0.5) + 1
    buffer = io.BytesIO()
    PILImage.effect_noise((side, side), 100).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def upload_server(request, tmp_path, settings):
    """Where the upload goes over HTTP: granian on PostgreSQL (it shares the committed test data);
    on SQLite, whose test database lives in this process's memory, the same WSGI application on a
    threaded server in this process."""
    if database_url() is not None:
        return request.getfixturevalue("granian").port
    from vistka.delivery.tests.harness import AppServer, free_port

    settings.MEDIA_ROOT = str(tmp_path)

    server = AppServer(free_port()).start()
    request.addfinalizer(server.stop)
    return server.port


def post_upload(port, content, cookies):
    """The admin's image form posted over a raw socket (the server may answer 413 and close before
    the body is all sent)."""
    token = "a" * 32  # an unmasked CSRF secret: the cookie and the form field carry the same
    body = encode_multipart(
        BOUNDARY,
        {
            "csrfmiddlewaretoken": token,
            "title": "A large photo",
            "file": _named(content, "large.png"),
            "description": "",
            "tags": "",
        },
    )
    cookie = "; ".join(f"{name}={value}" for name, value in {**cookies, "csrftoken": token}.items())
    status, _sent, answer = send_until_answered(
        port,
        "/admin/images/add/",
        body=body,
        headers={"Content-Type": MULTIPART_CONTENT, "Cookie": cookie},
        timeout=60,
    )
    return status, answer


def _named(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.mark.django_db(transaction=True)
def test_staff_upload_an_image_over_the_public_limit(upload_server):
    content = noise_png(3)
    assert settings.REQUEST_MAX_BODY_BYTES < len(content) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    editor = make_staff("upload-editor", (roles.EDITORS, "uk"))
    client = Client()
    client.force_login(editor)
    session = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}

    status, _answer = post_upload(upload_server, content, {})
    assert status == 413, "an anonymous request may not send a newsroom-sized body"
    status, _answer = post_upload(upload_server, content, {settings.SESSION_COOKIE_NAME: "forged"})
    assert status == 413

    status, answer = post_upload(upload_server, content, session)
    assert status == 302, answer
    image = get_image_model().objects.get(title="A large photo")
    # The size the server recorded (granian keeps its uploads in a media folder of its own, and
    # this process's media folder may hold an older file of the same name).
    assert image.file_size == len(content)


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_reader_without_admin_access_gets_the_public_limit(upload_server):
    from django.contrib.auth import get_user_model

    someone = get_user_model().objects.create_user("someone", password="pw")
    client = Client()
    client.force_login(someone)
    session = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    status, _answer = post_upload(upload_server, noise_png(2), session)
    assert status == 413
    assert not get_image_model().objects.exists()


# --- the wrapper on its own ------------------------------------------------------------------


class Recorder:
    """A WSGI app that reads its whole body, as Django would, and says what it got."""

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.body = environ["wsgi.input"].read(length)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]


class CountingInput:
    """A request body that counts what is read of it."""

    def __init__(self, size):
        self.left, self.read_bytes = size, 0

    def read(self, n=-1):
        n = self.left if n is None or n < 0 else min(n, self.left)
        self.left -= n
        self.read_bytes += n
        return b"x" * n


def call(app, path="/", **environ):
    answer = {}

    def start_response(status, headers):
        answer["status"] = int(status.split()[0])

    body = b"".join(app({"REQUEST_METHOD": "POST", "PATH_INFO": path, **environ}, start_response))
    return answer["status"], body


def test_a_chunked_body_under_the_limit_reaches_the_app_with_its_length():
    from vistka.core.limits import BodyLimit

    inner = Recorder()
    body = CountingInput(300_000)
    status, _ = call(BodyLimit(inner), HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input": body})
    assert status == 200
    assert inner.body == b"x" * 300_000


def test_a_chunked_body_is_read_no_further_than_just_past_the_limit():
    from vistka.core.limits import READ_SIZE, BodyLimit

    body = CountingInput(HUGE)
    status, _ = call(BodyLimit(Recorder()), HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input": body})
    assert status == 413
    assert body.read_bytes <= settings.REQUEST_MAX_BODY_BYTES + READ_SIZE


def test_a_declared_length_over_the_limit_is_not_read_at_all():
    from vistka.core.limits import BodyLimit

    body = CountingInput(HUGE)
    status, _ = call(BodyLimit(Recorder()), CONTENT_LENGTH=str(HUGE), **{"wsgi.input": body})
    assert status == 413 and body.read_bytes == 0
    status, _ = call(BodyLimit(Recorder()), CONTENT_LENGTH="-5", **{"wsgi.input": body})
    assert status == 400 and body.read_bytes == 0


def test_the_limits_come_from_the_settings(settings):
    from vistka.core.limits import BodyLimit

    settings.REQUEST_MAX_BODY_BYTES = 10
    status, _ = call(BodyLimit(Recorder()), CONTENT_LENGTH="11", **{"wsgi.input": CountingInput(11)})
    assert status == 413
    status, _ = call(BodyLimit(Recorder()), CONTENT_LENGTH="10", **{"wsgi.input": CountingInput(10)})
    assert status == 200


# --- documents ---------------------------------------------------------------------------------


def test_a_document_over_the_document_limit_is_refused(settings, tmp_path):
    """WAGTAILDOCS_MAX_UPLOAD_SIZE (DOCUMENT_MAX_UPLOAD_BYTES): a form error, nothing saved."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    settings.MEDIA_ROOT = str(tmp_path)
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("docs-chief", "c@vistka.test", "pw"))
    for size, saved in ((1001, False), (1000, True)):
        upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"x" * (size - 9))
        response = editor.post("/admin/documents/add/", {"title": f"Report {size}", "file": upload})
        assert get_document_model().objects.filter(title=f"Report {size}").exists() is saved
        assert response.status_code == (302 if saved else 200), response.get("Location")
        if not saved:
            assert "file" in response.context["form"].errors

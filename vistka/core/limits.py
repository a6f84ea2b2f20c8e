"""Request-body limits, applied before the body is read (a WSGI wrapper around the whole app).

Without it a 200 MB anonymous POST was read (multipart parts spooled to disk) before Django
refused it. Now:

- a declared Content-Length over the limit is answered 413 at once, nothing of the body read;
- a chunked body (no Content-Length) is read into a spooled file up to the limit and refused
  with 413 as soon as it goes past it; under the limit Django gets it with its length;
- the limit is REQUEST_MAX_BODY_BYTES (1 MiB), or NEWSROOM_MAX_BODY_BYTES (64 MiB) for newsroom
  addresses (/admin/, /newsroom/) when the request carries the session of a signed-in user who
  may use the admin: only staff upload images and documents. The session is looked up only for
  a body over the public limit.

Django's own DATA_UPLOAD_MAX_MEMORY_SIZE still bounds form fields held in memory, and Wagtail's
WAGTAILIMAGES_MAX_UPLOAD_SIZE / WAGTAILDOCS_MAX_UPLOAD_SIZE each file.
"""

import logging
import tempfile

from django.conf import settings

logger = logging.getLogger("vistka.limits")

NEWSROOM_PREFIXES = ("/admin/", "/newsroom/")
READ_SIZE = 64 * 1024
SPOOL_IN_MEMORY = 1024 * 1024  # a chunked body larger than this is spooled to a temporary file
TOO_LARGE_BODY = b"Request body too large.\n"
BAD_LENGTH_BODY = b"Invalid Content-Length.\n"


def _plain(start_response, status, body):
    start_response(
        status,
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


def is_newsroom_path(path):
    return path.startswith(NEWSROOM_PREFIXES)


def newsroom_user(environ):
    """The active user allowed into the admin whose session cookie this request carries, or None.

    Django's own get_user() checks the session and its password hash, as the request itself will."""
    from django.contrib.auth import get_user
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest, parse_cookie
    from django.utils.module_loading import import_string

    session_key = parse_cookie(environ.get("HTTP_COOKIE", "")).get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return None
    request = HttpRequest()
    request.session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")(session_key)
    user = get_user(request)
    if isinstance(user, AnonymousUser) or not user.is_active:
        return None
    return user if user.has_perm("wagtailadmin.access_admin") else None


class BodyLimit:
    """WSGI wrapper refusing request bodies over the limits above (413) before reading them."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        public = settings.REQUEST_MAX_BODY_BYTES
        path = environ.get("PATH_INFO", "")
        declared = environ.get("CONTENT_LENGTH", "").strip()
        if declared:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                return _plain(start_response, "400 Bad Request", BAD_LENGTH_BODY)
            if length > public and length > self._limit_beyond_public(environ, path):
                return self._too_large(environ, start_response, path, length)
        elif "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            length = self._spool(environ, path, public)
            if length is None:
                return self._too_large(environ, start_response, path, "chunked")
        return self.app(environ, start_response)

    def _limit_beyond_public(self, environ, path):
        """The limit for a body over the public one: the newsroom's for its staff, else the public."""
        if is_newsroom_path(path) and newsroom_user(environ) is not None:
            return settings.NEWSROOM_MAX_BODY_BYTES
        return settings.REQUEST_MAX_BODY_BYTES

    def _spool(self, environ, path, limit):
        """Read a chunked body into a spooled file (raising the limit to the newsroom's once the
        public one is passed, for staff); its length, or None past the limit."""
        source = environ["wsgi.input"]
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (handed on)
        size, raised = 0, False
        while True:
            chunk = source.read(READ_SIZE)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                if raised:
                    spool.close()
                    return None
                limit, raised = self._limit_beyond_public(environ, path), True
                if size > limit:
                    spool.close()
                    return None
            spool.write(chunk)
        spool.seek(0)
        environ["wsgi.input"] = spool
        environ["CONTENT_LENGTH"] = str(size)
        return size

    def _too_large(self, environ, start_response, path, length):
        logger.warning(
            "Refused a %s request body of %s bytes to %s from %s",
            environ.get("REQUEST_METHOD"),
            length,
            path,
            environ.get("REMOTE_ADDR"),
        )
        return _plain(start_response, "413 Content Too Large", TOO_LARGE_BODY)

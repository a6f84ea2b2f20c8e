"""HTTP behaviour shared by every address under /api/v1/, applied by wrapping each view (urls.py).

- Read-only: GET and HEAD are served, OPTIONS answers CORS preflights, anything else is 405.
- CORS: any origin may read (no credentials); ETag is exposed to scripts.
- Caching: a strong ETag (a hash of the body) on every GET/HEAD response, If-None-Match -> 304
  with no body; Cache-Control for shared caches; Vary: Accept-Encoding.
- Errors are JSON: {"error", "message", "details"}; an unexpected exception becomes a logged 500.
"""

import hashlib
import json
import logging
from functools import wraps

from django.core.signals import got_request_exception
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

logger = logging.getLogger("vistka.api")

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(ALLOWED_METHODS)
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400"
PREFLIGHT_MAX_AGE = "86400"
# Request headers a cross-origin script may send (beyond the CORS-safelisted ones).
ALLOWED_REQUEST_HEADERS = (
    "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since, Cache-Control"
)
EXPOSED_HEADERS = "ETag, Content-Language"


def json_error(status, code, message, details=()):
    body = json.dumps({"error": code, "message": message, "details": list(details)}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def etag_of(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _preflight():
    response = HttpResponse(status=204)
    response["Allow"] = ALLOW
    response["Access-Control-Allow-Methods"] = ALLOW
    response["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def _not_modified(request, etag):
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    wanted = parse_etags(header)
    # Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
    return "*" in wanted or any(tag.removeprefix("W/") == etag for tag in wanted)


def _server_error(request):
    logger.exception("API error at %s", request.path)
    got_request_exception.send(sender=None, request=request)
    response = json_error(500, "server_error", "Something went wrong on our side; please try again later.")
    response["Cache-Control"] = "no-store"
    return response


def _get(view, request, *args, **kwargs):
    try:
        response = view(request, *args, **kwargs)
    except Http404:
        response = json_error(404, "not_found", "Nothing here.")
    except Exception:  # noqa: BLE001 (a JSON 500 for the client, logged and signalled like Django's)
        return _server_error(request)
    if response.streaming or response.status_code >= 500:
        return response
    content = response.content
    etag = etag_of(content)
    response["ETag"] = etag
    response.setdefault("Cache-Control", CACHE_CONTROL)
    response["Content-Length"] = str(len(content))
    if response.status_code == 200 and _not_modified(request, etag):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Content-Length"):
            not_modified[header] = response[header]
        return not_modified
    return response


def api_view(view):
    """Wrap a view with the API's HTTP behaviour (see the module's docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        method = request.method
        if method == "OPTIONS":
            response = _preflight()
        elif method in ("GET", "HEAD"):
            head = method == "HEAD"
            if head:
                request.method = "GET"
            try:
                response = _get(view, request, *args, **kwargs)
            finally:
                request.method = method
            if head and not response.streaming:
                response.content = b""
        else:
            response = json_error(405, "method_not_allowed", f"This API is read-only: use {ALLOW}.")
            response["Allow"] = ALLOW
        patch_vary_headers(response, ("Accept-Encoding",))
        return _cors(response)

    wrapped.csrf_exempt = True
    return wrapped


@api_view
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/."""
    raise Http404

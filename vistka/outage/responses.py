"""The 503 answered while the database is unavailable: rendered from constants and the request
alone (no context processors, no tags that query), so it works with no database at all."""

import json

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from vistka.browserpolicy import policies
from vistka.delivery.middleware import PRIVATE_PREFIXES
from vistka.editions.languages import get_edition
from vistka.outage import texts
from vistka.outage.carry import carry_back
from vistka.outage.language import is_staff_path, language_for

API_PREFIX = "/api/"
# Headers of the failed response that describe its body or its caching: the outage page sets its
# own. Everything else (the browser policies, security headers, a request id) is kept.
BODY_HEADERS = {
    "content-type",
    "content-length",
    "content-language",
    "content-encoding",
    "content-disposition",
    "cache-control",
    "expires",
    "vary",
    "etag",
    "last-modified",
    "retry-after",
    "xkey",
    "surrogate-control",
}


def cache_control(request):
    """Reader pages may be kept for seconds (a crowd reloading reaches the app once per URL every
    few seconds); the newsroom's answers and anything posted never."""
    private = (*PRIVATE_PREFIXES, *settings.STAFF_PATH_PREFIXES)
    if request.method in ("GET", "HEAD") and not request.path_info.startswith(private):
        seconds = settings.OUTAGE_CACHE_SECONDS
        return f"public, max-age={seconds}, s-maxage={seconds}"
    return "no-store"


def wants_json(request):
    if request.path_info.startswith(API_PREFIX):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _json_body():
    return json.dumps(
        {
            "error": "database_unavailable",
            "message": texts.API_MESSAGE,
            "details": [],
            "retry_after": settings.OUTAGE_RETRY_AFTER,
        }
    )


def _html_body(request, language):
    staff = is_staff_path(request.path_info)
    carried = carry_back(request) if staff else None
    context = {
        "language": language,
        "staff": staff,
        "posted": request.method == "POST",
        "carried": carried,
        "action": request.get_full_path(),
        "home": get_edition(language).prefix,
        "refresh": request.method in ("GET", "HEAD"),
        "refresh_seconds": max(settings.OUTAGE_RETRY_AFTER * 2, 5),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(language):
        context["t"] = {name: str(getattr(texts, name)) for name in dir(texts) if name.isupper()}
        return render_to_string("outage/unavailable.html", context)


def _keep_headers(failed, response):
    if failed is not None:
        for name, value in failed.items():
            if name.lower() not in BODY_HEADERS:
                response[name] = value
    if "Content-Security-Policy" not in response:
        # The failure came from above the browser-policy middleware: the reader policy (no nonce,
        # the page's style allowed by its hash) is right for the page on any address.
        response["Content-Security-Policy"] = build_policy(config=policies.reader_directives())


def outage_response(request, failed=None):
    """The 503 for `request`; `failed` is the 500 it replaces (its policy headers are kept)."""
    language = language_for(request)
    if wants_json(request):
        response = HttpResponse(_json_body(), status=503, content_type="application/json; charset=utf-8")
    else:
        body = _html_body(request, language)
        response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
        response["Content-Language"] = language
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = cache_control(request)
    _keep_headers(failed, response)
    return response

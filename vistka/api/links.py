"""Absolute addresses: the reader site's (from settings.BASE_URL) and the API's own."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from vistka.editions.languages import get_edition

NAMESPACE = "api-v1"


def absolute(path):
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.BASE_URL}{path}"


def edition_home(code):
    return absolute(get_edition(code).prefix)


def story(page):
    return absolute(page.canonical_path())


def record(kind, code, slug):
    """A section, tag or author page of an edition: kind is "sections", "tags" or "authors"."""
    return absolute(f"{get_edition(code).prefix}{kind}/{slug}/")


def api(name, query=None, **kwargs):
    url = absolute(reverse(f"{NAMESPACE}:{name}", kwargs=kwargs or None))
    if query:
        url += "?" + urlencode(query)
    return url


def next_page(request, cursor):
    """The request's own address with `cursor` replaced, or None on the last page."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return absolute(request.path) + "?" + query.urlencode()

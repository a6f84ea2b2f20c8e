"""The route class of a request path, a small fixed set (metric labels must stay few)."""

from functools import lru_cache

from django.conf import settings

from vistka.delivery.query_params import route_of

ROUTE_CLASSES = ("story", "listing", "search", "api", "fragment", "newsroom", "static", "other")
NEWSROOM_PREFIXES = ("/admin/", "/newsroom/", "/django-admin/")
STATIC_PREFIXES = ("/static/", "/media/", "/documents/", "/favicon.ico", "/robots.txt")
CACHED_PATH_LENGTH = 200  # longer (rare, often hostile) paths are classified but not remembered


@lru_cache(maxsize=4096)
def _classify(path):
    if path.startswith(NEWSROOM_PREFIXES) or path in settings.LOGIN_SIGN_IN_PATHS:
        return "newsroom"
    if path.startswith(STATIC_PREFIXES):
        return "static"
    name, _params = route_of(path)
    if name == "listing" and path.startswith("/_"):  # /_health/, /_metrics, /_csp-report/ ...
        return "other"
    return name if name in ROUTE_CLASSES else "other"


def route_class(path):
    if len(path) > CACHED_PATH_LENGTH:
        return _classify.__wrapped__(path)
    return _classify(path)

"""/api/v1/: ninja's routes, each wrapped with the API's HTTP behaviour, and a JSON 404 for the rest."""

from django.urls import URLPattern, include, path, re_path

from vistka.api.api import api
from vistka.api.docs import ASSET_ROUTE, docs_asset
from vistka.api.http import api_view, not_found


def _wrapped(pattern):
    return URLPattern(pattern.pattern, api_view(pattern.callback), pattern.default_args, pattern.name)


# (No module-level `app_name` here: Django would take it as this module's namespace.)
_ninja_patterns, _app_name, _namespace = api.urls
_api_patterns = [
    path("docs/assets/<str:name>", docs_asset, name=ASSET_ROUTE),
    *_ninja_patterns,
]

urlpatterns = [
    path("", include(([_wrapped(p) for p in _api_patterns], _app_name), namespace=_namespace)),
    re_path(r"^.*$", not_found),
]

"""Browsable docs (ninja's Swagger UI) with its scripts and styles served by the API itself.

Ninja loads them from a CDN unless "ninja" is in INSTALLED_APPS (then through staticfiles).
Here the files that ship inside the installed ninja package are served at /api/v1/docs/assets/,
so the docs work offline and without changing the project's settings.
"""

import json
import mimetypes
from functools import cache
from pathlib import Path

import ninja
from django.http import Http404, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.svg", "favicon.png")
ASSET_ROUTE = "docs-asset"
# The assets change only when ninja is upgraded, which changes nothing in their addresses:
# a day of caching, then revalidation by ETag.
ASSET_CACHE_CONTROL = "public, max-age=86400"


class SelfHostedSwagger(Swagger):
    template = "vistka_api/swagger.html"

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "api": api,
            "swagger_settings": json.dumps(settings, indent=1).replace("</", "<\\/"),
            "asset_route": f"{api.urls_namespace}:{ASSET_ROUTE}",
        }
        return render(request, self.template, context)


@cache
def _asset(name):
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return (ASSET_DIR / name).read_bytes(), content_type


def docs_asset(request, name):
    if name not in ASSETS:
        raise Http404("No such asset.")
    content, content_type = _asset(name)
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = ASSET_CACHE_CONTROL
    return response

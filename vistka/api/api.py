"""The NinjaAPI instance of the public, read-only JSON API (/api/v1/)."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from vistka.api.docs import SelfHostedSwagger
from vistka.api.endpoints import articles, editions, root
from vistka.api.http import json_error
from vistka.core.sanitise import clean_json

# Names of all query and path parameters, to name them in error messages.
PARAMETERS = {
    *articles.ArticleFilters.model_fields,
    *editions.TagFilters.model_fields,
    "edition",
    "story_number",
}

DESCRIPTION = """\
The public, read-only API of Vistka: the stories of its editions (uk, ru, en) and the
sections, tags and authors they use. Only what readers can see on the site is served:
drafts, scheduled, unpublished and private stories never appear.

- Lists are paginated with opaque cursors: follow `next` until it is null.
- Times are given in Europe/Kyiv with their offset; filters take RFC 3339 date-times.
- Every GET response has a strong `ETag`; send it back in `If-None-Match` to get 304.
- Responses may be cached for a minute (`Cache-Control`); any origin may read them (CORS).
- Errors are JSON: `{"error": code, "message": text, "details": [{"location", "message"}]}`,
  with 400 for invalid parameters, 404 for what does not exist or is not public, and 405 for
  any method other than GET, HEAD and OPTIONS.
- A filter by an unknown section, tag or author slug gives an empty list (not an error); an
  unknown story number gives 404. Unknown query parameters are ignored.
- Links inside stories lead only to what the public may see: a link to a story that is not
  public keeps its text but loses its address.
"""


class CleanJSONRenderer(JSONRenderer):
    """Strings without the characters XML forbids (vistka.core.sanitise): whoever puts the API's
    text into a feed or a page of their own gets none of them either."""

    def render(self, request, data, *, response_status):
        return super().render(request, clean_json(data), response_status=response_status)


api = NinjaAPI(
    title="Vistka public API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=SelfHostedSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=CleanJSONRenderer(),
)
api.add_router("", root.router)
api.add_router("", articles.router)
api.add_router("", editions.router)


def _details(errors):
    """One {location, message} per invalid parameter, from pydantic's errors: ninja's location
    (("query", "filters", "since", "function-plain[parse_moment()]")) is reduced to ["query", "since"],
    and the "Input should be None" of the absent-parameter branch of optional ones is dropped."""
    found = {}
    for error in errors:
        loc = error.get("loc") or ()
        source = str(loc[0]) if loc else "request"
        name = next((part for part in loc[1:] if part in PARAMETERS), None)
        message = str(error.get("msg") or "Invalid value.").removeprefix("Value error, ")
        key = (source, name) if name else (source,)
        if message == "Input should be None" and key in found:
            continue
        if found.get(key, "Input should be None") == "Input should be None":
            found[key] = message
    return [{"location": list(key), "message": message} for key, message in found.items()]


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    details = _details(exc.errors)
    names = ", ".join(d["location"][-1] for d in details if len(d["location"]) > 1)
    message = f"Invalid parameter: {names}." if names else "Invalid request."
    return json_error(400, "invalid_request", message, details)


@api.exception_handler(Http404)
def not_found(request, exc):
    return json_error(404, "not_found", str(exc) or "Not found.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return json_error(exc.status_code, "http_error", str(exc))

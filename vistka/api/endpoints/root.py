"""The API's entry point: where everything is."""

from ninja import Router

from vistka.api import links
from vistka.api.schemas import Root

router = Router(tags=["root"])


@router.get(
    "/", response={200: Root}, url_name="root", operation_id="getRoot", summary="Links to the endpoints"
)
def root(request):
    from vistka.api.api import api

    return {
        "name": api.title,
        "version": api.version,
        "links": {
            "articles": links.api("articles"),
            "editions": links.api("editions"),
            "sections": links.api("sections"),
            "tags": links.api("tags"),
            "authors": links.api("authors"),
            "openapi": links.api("openapi-json"),
            "docs": links.api("openapi-view"),
        },
        "templates": {
            "article": links.api("articles") + "/{edition}/{story_number}",
        },
    }

"""Cache headers for public responses, and the fragments where templates put slots (see fragments)."""

from django.conf import settings
from django.utils.cache import patch_vary_headers

from vistka.delivery import fragments, keys
from vistka.editions.languages import EDITIONS

PRIVATE_PREFIXES = ("/admin/", "/newsroom/", "/documents/", "/django-admin/")
CACHEABLE_STATUS = {200, 301, 404, 410}
API_PREFIX = "/api/"


def is_public(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code not in CACHEABLE_STATUS:
        return False
    if request.path.startswith(PRIVATE_PREFIXES) or response.cookies:
        return False
    if response.has_header("Cache-Control"):
        return "public" in response["Cache-Control"] and "private" not in response["Cache-Control"]
    vary = response.get("Vary", "").lower()
    return "cookie" not in vary and not getattr(request, "is_preview", False)


def cache_control(status):
    ttl = settings.CACHE_TTL if status == 200 else settings.CACHE_TTL_ERROR
    return (
        f"public, max-age={settings.BROWSER_TTL}, s-maxage={ttl}, "
        f"stale-while-revalidate={settings.STALE_WHILE_REVALIDATE}, stale-if-error={settings.STALE_IF_ERROR}"
    )


class DeliveryHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with keys.rendering(request):
            response = self.get_response(request)
        slots = getattr(request, "_fragment_slots", None)
        if slots and not response.streaming:
            fragments.fill_slots(request, response, slots)
        if not is_public(request, response):
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
            return response
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = cache_control(response.status_code)
        # Editions are chosen by the path alone, never by the browser's language.
        if response.has_header("Vary"):
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
            del response["Vary"]
            if kept:
                response["Vary"] = ", ".join(kept)
        patch_vary_headers(response, ("Accept-Encoding",))
        found = keys.of(request)
        if not found and request.path.startswith(API_PREFIX) and "json" in response.get("Content-Type", ""):
            # The API names no keys of its own: any story change refreshes its cached answers.
            found = {f"api-{edition.code}" for edition in EDITIONS}
        if found:
            response["xkey"] = " ".join(sorted(found))
        return response

"""The outage page's language, known without the database: the edition by path for readers; for
staff the admin language they chose (remembered in a cookie while the database was up), else the
django_language cookie or Accept-Language, else Ukrainian."""

from django.conf import settings
from django.utils import translation

from vistka.editions.languages import DEFAULT_EDITION, EDITIONS

# Set on staff responses while the database is up, read when it is not (staff only, no secret).
COOKIE = "vistka_newsroom_language"
COOKIE_MAX_AGE = 365 * 24 * 3600
CODES = {edition.code for edition in EDITIONS}


def is_staff_path(path):
    return path.startswith(tuple(settings.STAFF_PATH_PREFIXES))


def edition_code(path):
    for edition in EDITIONS:
        if edition.prefix != "/" and path.startswith(edition.prefix):
            return edition.code
    return DEFAULT_EDITION.code


def staff_language(request):
    remembered = request.COOKIES.get(COOKIE, "")
    if remembered in CODES:
        return remembered
    chosen = translation.get_language_from_request(request, check_path=False)
    chosen = (chosen or "").split("-")[0]
    return chosen if chosen in CODES else DEFAULT_EDITION.code


def language_for(request):
    if is_staff_path(request.path_info):
        return staff_language(request)
    return edition_code(request.path_info)


def admin_language_chosen(request):
    """The language the admin spoke to this staff member, if this request loaded their Wagtail
    profile (Wagtail does on every admin view): read from memory, never a query. Their chosen
    language, else the request's (LocaleMiddleware gives unprefixed addresses the default)."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    state = getattr(wrapped, "_state", None)
    if state is None or not getattr(wrapped, "is_authenticated", False):
        return None
    if "wagtail_userprofile" not in state.fields_cache:
        return None
    profile = state.fields_cache["wagtail_userprofile"]
    language = getattr(profile, "preferred_language", "") or getattr(request, "LANGUAGE_CODE", "")
    return language if language in CODES else None


def remember_admin_language(request, response):
    language = admin_language_chosen(request)
    if language and request.COOKIES.get(COOKIE) != language:
        response.set_cookie(
            COOKIE,
            language,
            max_age=COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )

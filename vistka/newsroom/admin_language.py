"""The language the admin speaks to each staff member.

Their own choice (Wagtail's UserProfile.preferred_language, set in account settings or by whoever
manages staff) first; without one, the language of their edition when they work in exactly one
(translator-en reads English); otherwise the site's default language. Wagtail's own fallback is
the browser's language, which is English on many Ukrainian reporters' machines.
"""

from django.conf import settings
from django.utils import translation
from wagtail.admin.localization import get_available_admin_languages

from vistka.editions.languages import EDITIONS
from vistka.newsroom import roles

ADMIN_PREFIXES = ("/admin/", "/newsroom/")


def _edition_of_group():
    return {
        roles.group_name(role, edition.code): edition.code
        for role in roles.EDITION_ROLES
        for edition in EDITIONS
    }


def editions_of(user):
    """The language codes of the editions the user works in (from their groups)."""
    by_group = _edition_of_group()
    names = user.groups.values_list("name", flat=True)
    return {by_group[name] for name in names if name in by_group}


def permitted(code):
    return code in dict(get_available_admin_languages())


def own_choice(user):
    from wagtail.users.models import UserProfile

    code = UserProfile.objects.filter(user_id=user.pk).values_list("preferred_language", flat=True).first()
    return code if code and permitted(code) else ""


def default_admin_language(user):
    """Without a choice of their own: their edition's language if they have one, else the default."""
    editions = editions_of(user)
    if len(editions) == 1:
        (code,) = editions
        if permitted(code):
            return code
    return settings.LANGUAGE_CODE


def admin_language(user):
    return own_choice(user) or default_admin_language(user)


class AdminLanguageMiddleware:
    """Activates the staff member's admin language for /admin/ and /newsroom/ before the view runs.

    Wagtail still overrides with an explicit preference; without one it uses the active language,
    which this sets to their edition's (or the site default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path.startswith(ADMIN_PREFIXES) and user is not None and user.is_authenticated:
            language = admin_language(user)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)

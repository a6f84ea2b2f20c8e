"""An edition's home page found without Wagtail's page routing."""

from django.db.models import Exists
from wagtail.models import Page

from vistka.core.precompiled import Precompiled
from vistka.editions.models import EditionHomePage
from vistka.stories.models import restriction_above

_ROOT_KEYS = {}  # root page id -> its translation key (a page's translation key never changes)


def _live_home(locale_id, translation_key):
    """The live page in this locale with this translation key, with ``restricted``: whether a
    view restriction lies on it or on a page above it."""
    return (
        EditionHomePage.objects.filter(locale_id=locale_id, translation_key=translation_key, live=True)
        .annotate(restricted=Exists(restriction_above()))
        .order_by()[:1]
    )


LIVE_HOME = Precompiled(_live_home, ("int", "uuid"))


def live_home(locale_id, site):
    """The edition home of a request's site (its root page's translation) in this edition, or
    None (no site, no such live home)."""
    if site is None:
        return None
    key = _ROOT_KEYS.get(site.root_page_id)
    if key is None:
        key = Page.objects.filter(pk=site.root_page_id).values_list("translation_key", flat=True).first()
        if key is None:
            return None
        _ROOT_KEYS[site.root_page_id] = key
    found = LIVE_HOME(locale_id, key)
    return found[0] if found else None

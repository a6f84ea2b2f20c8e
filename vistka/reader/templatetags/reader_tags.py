from django import template

from vistka.editions.models import EditionSettings
from vistka.reader import chrome, queries

register = template.Library()


def _memo(context, key, compute):
    """Compute once per request: several parts of a page share these values."""
    request = context.get("request")
    store = getattr(request, "_reader_memo", None) if request is not None else None
    if store is None:
        store = {}
        if request is not None:
            request._reader_memo = store
    if key not in store:
        store[key] = compute()
    return store[key]


@register.simple_tag(takes_context=True)
def edition_settings(context):
    locale_id = queries.current_locale_id()
    return _memo(context, "settings", lambda: EditionSettings.for_locale_id(locale_id))


@register.simple_tag(takes_context=True)
def masthead(context):
    return chrome.masthead(context["edition"], context.get("edition_links"))


@register.simple_tag(takes_context=True)
def footer(context):
    return chrome.footer(context["edition"])


@register.inclusion_tag("reader/ad_slot.html", takes_context=True)
def ad_slot(context, kind):
    settings = edition_settings(context)
    page = context.get("page")
    hidden = not settings.ads_enabled or bool(getattr(page, "no_ads", False))
    return {"kind": kind, "hidden": hidden}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None

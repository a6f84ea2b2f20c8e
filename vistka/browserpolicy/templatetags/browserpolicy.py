"""`{% csp_nonce_attribute %}`: ` nonce="…"` for an inline script of a staff page.

Wagtail's form widgets (date and time pickers) render their templates without the request, so the
nonce comes from the request being answered (set by the middleware), not from the context. Nothing
is written on reader pages: their policy has no nonce (they are cached whole).
"""

from django import template
from django.utils.html import format_html

from vistka.browserpolicy import policies
from vistka.browserpolicy.middleware import current_request

register = template.Library()


@register.simple_tag
def csp_nonce_attribute():
    request = current_request.get()
    nonce = getattr(request, "csp_nonce", None)
    if request is None or nonce is None or not policies.is_staff_path(request.path_info):
        return ""
    return format_html(' nonce="{}"', str(nonce))


# Height / width of the usual players, by class (vistka/static/css/site.css holds their padding).
EMBED_RATIOS = {
    "ratio-16-9": 9 / 16,
    "ratio-4-3": 3 / 4,
    "ratio-1-1": 1.0,
    "ratio-3-4": 4 / 3,
    "ratio-9-16": 16 / 9,
}


@register.simple_tag
def embed_ratio_class(embed):
    """The class of the usual proportion nearest to an embed's (a style attribute would need
    'unsafe-inline' in the reader policy)."""
    ratio = embed.ratio or EMBED_RATIOS["ratio-16-9"]
    return min(EMBED_RATIOS, key=lambda name: abs(EMBED_RATIOS[name] - ratio))

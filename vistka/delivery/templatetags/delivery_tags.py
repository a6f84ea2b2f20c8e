from django import template
from django.utils.safestring import mark_safe

from vistka.delivery import fragments, keys

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_slot(context, name):
    request = context.get("request")
    edition = context["edition"].code
    return mark_safe(fragments.slot(request, name, edition))  # noqa: S308 (fixed markup, no user data)


@register.simple_tag(takes_context=True)
def cache_keys(context, *names):
    keys.add(context.get("request"), *names)
    return ""

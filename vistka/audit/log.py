"""record(): the one way anything writes to the audit trail."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from vistka.audit.context import current_request
from vistka.audit.models import AuditEvent


def client_address(request):
    """The client's address as the request middleware resolved it (trusted proxies only)."""
    if request is None:
        return None
    return getattr(request, "client_ip", None) or request.META.get("REMOTE_ADDR") or None


def edition_of(obj):
    """The edition (language code) of an object with a Wagtail locale, else ''."""
    return edition_of_locale(getattr(obj, "locale_id", None))


def edition_of_locale(locale_id):
    if not locale_id:
        return ""
    from vistka.editions.languages import language_code_for_locale_id

    try:
        return language_code_for_locale_id(locale_id)
    except KeyError:
        return ""


def _plain(data):
    """Dates, UUIDs and decimals as text, so any details can be stored and exported as JSON."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


def _actor_of(request):
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return user
    return None


def record(
    action,
    *,
    request=None,
    actor=None,
    target=None,
    edition="",
    data=None,
    actor_name="",
    target_ref=None,
):
    """Append one event. `target` is any model instance (its type, id and text are kept); the
    edition defaults to the target's locale. Without a request, the one being served is used.
    `target_ref` = (type label, id, text) names an object that is not at hand as an instance."""
    if request is None:
        request = current_request()
    if actor is None:
        actor = _actor_of(request)
    event = AuditEvent(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        edition=edition or (edition_of(target) if target is not None else ""),
        ip_address=client_address(request),
        data=_plain(data),
    )
    if target is not None:
        event.object_type = target._meta.label_lower
        event.object_id = str(target.pk)[:64]
        event.object_repr = str(target)[:255]
    elif target_ref is not None:
        object_type, object_id, object_repr = target_ref
        event.object_type = object_type or ""
        event.object_id = str(object_id if object_id is not None else "")[:64]
        event.object_repr = str(object_repr or "")[:255]
    event.save()
    return event

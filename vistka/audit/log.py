"""record(): the one way anything writes to the audit trail."""

from vistka.audit.models import AuditEvent


def client_address(request):
    """The client's address as the request middleware resolved it (trusted proxies only)."""
    if request is None:
        return None
    return getattr(request, "client_ip", None) or request.META.get("REMOTE_ADDR") or None


def record(action, *, request=None, actor=None, target=None, edition="", data=None, actor_name=""):
    """Append one event. `target` is any model instance (its type, id and text are kept)."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    event = AuditEvent(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        edition=edition or "",
        ip_address=client_address(request),
        data=data or {},
    )
    if target is not None:
        event.object_type = target._meta.label_lower
        event.object_id = str(target.pk)
        event.object_repr = str(target)[:255]
    event.save()
    return event

"""Audit entries for Wagtail's bulk actions on the users list.

"Set active state" writes with queryset.update(), which sends no post_save, so the account
receivers never hear of it. The account fields are read before and after every users bulk action
and each account that changed is recorded as "users.changed". Deletion and role assignment send
model signals (post_delete, m2m_changed) and are recorded by the receivers already; an account a
bulk action saves through save() is not recorded twice.
"""

from django.contrib.auth import get_user_model
from django.db.models import Max

from vistka.audit.log import record
from vistka.audit.models import AuditEvent
from vistka.audit.receivers import TRACKED_USER_FIELDS

STATE = "_audit_bulk_users_before"


def _is_users_action(view):
    return getattr(view, "model", None) is get_user_model()


def _fields(pks):
    rows = get_user_model()._default_manager.filter(pk__in=pks).values("pk", *TRACKED_USER_FIELDS)
    return {row.pop("pk"): row for row in rows}


def remember_users_before(request, action_type, objects, view):
    """before_bulk_action: the accounts' fields as stored before the action runs."""
    if not _is_users_action(view):
        return
    pks = [obj.pk for obj in objects]
    last_event = AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0
    setattr(view, STATE, (last_event, _fields(pks)))


def record_users_changed(request, action_type, objects, view):
    """after_bulk_action: one "users.changed" entry per account whose fields changed."""
    state = getattr(view, STATE, None)
    if not _is_users_action(view) or state is None:
        return
    last_event, before_all = state
    after_all = _fields(before_all)
    recorded_already = set(
        AuditEvent.objects.filter(
            id__gt=last_event,
            action="users.changed",
            object_type=get_user_model()._meta.label_lower,
            object_id__in=[str(pk) for pk in after_all],
        ).values_list("object_id", flat=True)
    )
    users = get_user_model()._default_manager.in_bulk(list(after_all))
    for pk, after in after_all.items():
        before = before_all[pk]
        changed = [name for name in TRACKED_USER_FIELDS if before[name] != after[name]]
        if not changed or str(pk) in recorded_already:
            continue
        record(
            "users.changed",
            request=request,
            target=users[pk],
            data={
                "before": {name: before[name] for name in changed},
                "after": {name: after[name] for name in changed},
                "bulk_action": action_type,
            },
        )
    setattr(view, STATE, None)

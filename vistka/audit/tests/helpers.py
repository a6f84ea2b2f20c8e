"""Helpers for the audit trail tests."""

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff


def events(action, **filters):
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("id"))


def last(action, **filters):
    found = events(action, **filters)
    logged = sorted(set(AuditEvent.objects.values_list("action", flat=True)))
    assert found, f"no {action} entry; actions logged: {logged}"
    return found[-1]


def admin_client(username="audit-admin"):
    return client_for(make_staff(username, roles.ADMINS))

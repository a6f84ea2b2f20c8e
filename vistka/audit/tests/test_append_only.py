"""Entries can't be changed or deleted (model, queryset and, on PostgreSQL, the database); the
retention purge deletes only the entries past AUDIT_RETENTION_DAYS."""

import itertools
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from vistka.audit.log import record
from vistka.audit.models import AppendOnlyError, AuditEvent
from vistka.audit.retention import purge
from vistka.newsroom.tests.helpers import make_staff

pytestmark = pytest.mark.django_db
_numbers = itertools.count()
INSERT_AGED = (
    "INSERT INTO audit_auditevent (at, actor_name, action, edition, object_type, object_id,"
    " object_repr, data) VALUES (%s, 'someone', %s, '', '', '', '', '{}')"
)


def aged(days):
    """An entry written `days` ago: inserted with its time, as entries cannot be back-dated later."""
    action = f"test.aged.{next(_numbers)}"
    with connection.cursor() as cursor:
        cursor.execute(INSERT_AGED, [timezone.now() - timedelta(days=days), action])
    return AuditEvent.objects.get(action=action)


def test_an_entry_cannot_be_saved_again_or_deleted():
    event = record("test.entry", actor_name="someone", data={"x": 1})
    event.action = "test.rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.entry"


def test_the_queryset_refuses_update_delete_and_bulk_update():
    event = record("test.entry", actor_name="someone")
    entries = AuditEvent.objects.filter(pk=event.pk)
    with pytest.raises(AppendOnlyError):
        entries.update(action="test.rewritten")
    with pytest.raises(AppendOnlyError):
        entries.delete()
    event.action = "test.rewritten"
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["action"])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.entry"


def test_deleting_an_account_leaves_its_entries_as_they_were():
    user = make_staff("leaving")
    event = record("test.entry", actor=user)
    user.delete()  # no cascade, no SET NULL (that would rewrite the entries)
    kept = AuditEvent.objects.get(pk=event.pk)
    assert (kept.actor_id, kept.actor_name) == (event.actor_id, "leaving")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's")
def test_the_database_refuses_update_and_delete_on_postgresql():
    event = record("test.entry", actor_name="someone")
    table = AuditEvent._meta.db_table
    statements = (f"UPDATE {table} SET action = 'x' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s")  # noqa: S608
    for statement in statements:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.entry"


def test_retention_purge_deletes_only_entries_past_the_retention(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old, recent = aged(31), aged(29)
    fresh = record("test.fresh", actor_name="someone")
    assert purge() == 1
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, fresh.pk} <= remaining
    purged = AuditEvent.objects.get(action="audit.purged")  # the purge itself is on the record
    assert purged.data["deleted"] == 1 and purged.actor_name == "system"


def test_retention_zero_keeps_everything(settings):
    settings.AUDIT_RETENTION_DAYS = 0
    old = aged(5000)
    assert purge() == 0
    assert AuditEvent.objects.filter(pk=old.pk).exists()


def test_purge_audit_log_command(settings, capsys):
    settings.AUDIT_RETENTION_DAYS = 730
    old = aged(731)
    call_command("purge_audit_log")
    assert "1 entries older than 730 days deleted" in capsys.readouterr().out
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


def test_the_scheduler_purges_in_bounded_shares_then_once_a_day(settings, monkeypatch):
    from vistka.newsroom.management.commands import run_scheduler

    settings.AUDIT_RETENTION_DAYS = 10
    monkeypatch.setattr(run_scheduler, "AUDIT_PURGE_PER_PASS", 2)
    monkeypatch.setattr(run_scheduler, "_audit_purged", [])
    old = [aged(11) for _ in range(3)]
    run_scheduler.run_once()
    assert AuditEvent.objects.filter(pk__in=[e.pk for e in old]).count() == 1  # two per pass
    run_scheduler.run_once()
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
    run_scheduler.run_once()  # finds none left: done for the day
    again = aged(11)
    run_scheduler.run_once()
    assert AuditEvent.objects.filter(pk=again.pk).exists()


def test_purge_with_a_limit(settings):
    settings.AUDIT_RETENTION_DAYS = 10
    old = [aged(11) for _ in range(3)]
    assert purge(limit=2) == 2
    assert AuditEvent.objects.filter(pk__in=[e.pk for e in old]).count() == 1

"""The audit trail of newsroom records: who created, changed or deleted which record, with the
values before and after."""

from vistka.audit.log import record
from vistka.newsroom.record_permissions import edition_of

SKIPPED_FIELDS = {"id", "translation_key"}


def snapshot(instance):
    """A record's own values (foreign keys as ids, the edition as its code)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        if field.name == "locale":
            values["edition"] = edition_of(instance) or ""
        else:
            values[field.attname] = getattr(instance, field.attname)
    return values


def changes(before, after):
    """Only the values that changed, as (before, after)."""
    changed = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}


def record_created(request, instance):
    record(
        "records.created",
        request=request,
        target=instance,
        edition=edition_of(instance) or "",
        data={"model": instance._meta.label_lower, "after": snapshot(instance)},
    )


def record_changed(request, before, instance):
    old, new = changes(before, snapshot(instance))
    if not new:
        return
    record(
        "records.changed",
        request=request,
        target=instance,
        edition=edition_of(instance) or "",
        data={"model": instance._meta.label_lower, "before": old, "after": new},
    )


def record_deleted(request, instance, pk, before):
    instance.pk = pk  # Model.delete() clears it; the trail names the record that was deleted
    record(
        "records.deleted",
        request=request,
        target=instance,
        edition=before.get("edition", ""),
        data={"model": instance._meta.label_lower, "before": before},
    )

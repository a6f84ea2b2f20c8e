"""Records and edition settings: a version checked in the form, so a stale save is refused.

The version is a digest of the record's stored values (the audit trail's snapshot), not a
counter: it needs no column in the record apps' tables, and a record changed back to the same
values really is the same version. The check runs under a row lock in the transaction that saves,
like the stories'. A refused form comes back with the user's content and, field by field, what
the colleague saved; it then carries the current version, so saving again is a deliberate
choice made with the colleague's values in view. A save that names no version at all (a form
from before this check, a script, a hand-made post) is refused the same way: it cannot show it was
based on the current values, and letting it through would overwrite a colleague unseen."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.snippets.views.snippets import EditView

from vistka.audit.log import record
from vistka.audit.models import AuditEvent
from vistka.concurrency.locking import lock_row
from vistka.taxonomy.record_audit import snapshot

VERSION_FIELD = "record_version"


def record_version(instance):
    values = json.dumps(snapshot(instance), sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(values.encode()).hexdigest()[:32]


def last_change(instance):
    """Who last created or changed the record, and when (from the audit trail)."""
    return (
        AuditEvent.objects.filter(
            object_type=instance._meta.label_lower,
            object_id=str(instance.pk),
            action__in=("records.changed", "records.created"),
        )
        .order_by("-at", "-id")
        .first()
    )


def shown(value):
    if value is None or value == "":
        return "—"
    return str(value)


def differences(form, current):
    """[(label, saved value, your value)] for the form's fields where the two differ."""
    valid = form.is_valid()
    rows = []
    for name, field in form.fields.items():
        if not hasattr(current, name):
            continue
        saved = getattr(current, name)
        yours = form.cleaned_data.get(name) if valid else form.data.get(name)
        if shown(saved) != shown(yours):
            rows.append((str(field.label or name), shown(saved), shown(yours)))
    return rows


class ConcurrentRecordEditView(EditView):
    version = None

    def get_template_names(self):
        if self.hydrate_create_view:
            return super().get_template_names()
        return ["concurrency/record_edit.html"]

    def post(self, request, *args, **kwargs):
        sent = request.POST.get(VERSION_FIELD, "").strip()
        with transaction.atomic():
            lock_row(self.model, self.object.pk)
            current = self.model._default_manager.get(pk=self.object.pk)
            self.version = record_version(current)
            if sent != self.version:
                return self.refuse(current, unversioned=not sent)
            return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record_version"] = self.version or record_version(self.object)
        return context

    def refuse(self, current, unversioned=False):
        self.form = self.get_form()
        rows = differences(self.form, current)
        change = last_change(current)
        record(
            "concurrency.record_save_refused",
            request=self.request,
            target=current,
            data={
                "model": current._meta.label_lower,
                "fields": [label for label, _s, _y in rows],
                "unversioned": unversioned,
            },
        )
        message = self.refusal_message(change, rows, unversioned)
        if self.expects_json_response:
            return self.json_error_response("invalid_revision", message)
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data())

    def refusal_message(self, change, rows, unversioned=False):
        if unversioned:
            head = _("Not saved: the form did not say which version of this record it was based on.")
        elif change is not None:
            head = _("Not saved: %(person)s changed this record at %(time)s, after you opened it.") % {
                "person": change.actor_name or _("someone"),
                "time": date_format(timezone.localtime(change.at), "DATETIME_FORMAT"),
            }
        else:
            head = _("Not saved: someone changed this record after you opened it.")
        details = "; ".join(
            _("%(field)s: saved «%(saved)s», yours «%(yours)s»")
            % {"field": label, "saved": saved, "yours": yours}
            for label, saved, yours in rows
        )
        tail = _(
            "Your values are kept in the form below: save again to replace theirs, or change them first."
        )
        return " ".join(part for part in (head, details, tail) if part)

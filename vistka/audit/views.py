"""The audit trail in the newsroom: Admins only, filterable, paged by position, exportable."""

import csv
import json

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpResponseForbidden, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from vistka.audit.filters import AuditEventFilter
from vistka.audit.labels import action_choices, action_label
from vistka.audit.log import record
from vistka.audit.models import AuditEvent
from vistka.newsroom.roles import ADMINS

PAGE_SIZE = 50
PEOPLE_SUGGESTED = 1000
EXPORT_CHUNK = 2000
EXPORT_FIELDS = (
    "time",
    "person",
    "action",
    "action_label",
    "edition",
    "object_type",
    "object_id",
    "object",
    "address",
    "details",
)


def is_audit_admin(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINS).exists())


def _refused(request):
    """A 403 for everyone but Admins (raising PermissionDenied would become Wagtail's redirect
    to the dashboard)."""
    if is_audit_admin(request.user):
        return None
    return HttpResponseForbidden(_("Only Admins may read the audit trail."))


def _filtered(request):
    filters = AuditEventFilter(request.GET or None, queryset=AuditEvent.objects.all())
    if not filters.is_bound:
        return filters, AuditEvent.objects.all()
    # A filter that does not make sense shows (and exports) nothing rather than everything.
    return filters, filters.qs if filters.is_valid() else AuditEvent.objects.none()


def _cursor(request, name):
    """A position in the log: the id of an entry, looked up (never trusted) for its time."""
    try:
        pk = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return AuditEvent.objects.filter(pk=pk).values_list("at", "id").first()


def audit_trail(request):
    if refused := _refused(request):
        return refused
    filters, events = _filtered(request)
    # Keyset paging (no OFFSET, no COUNT): a page of millions of rows is one index range scan.
    before, after = _cursor(request, "before"), _cursor(request, "after")
    if after:
        at, pk = after
        page = list(
            events.filter(Q(at__gt=at) | Q(at=at, id__gt=pk))
            .filter(at__gte=at)
            .order_by("at", "id")[: PAGE_SIZE + 1]
        )
        has_newer, has_older = len(page) > PAGE_SIZE, True
        page = page[:PAGE_SIZE][::-1]
    else:
        if before:
            at, pk = before
            events = events.filter(Q(at__lt=at) | Q(at=at, id__lt=pk)).filter(at__lte=at)
        page = list(events.order_by("-at", "-id")[: PAGE_SIZE + 1])
        has_newer, has_older = bool(before), len(page) > PAGE_SIZE
        page = page[:PAGE_SIZE]
    for event in page:
        event.action_label = action_label(event.action)
        event.details = json.dumps(event.data, ensure_ascii=False, sort_keys=True) if event.data else ""
    query = request.GET.copy()
    for key in ("before", "after", "export"):
        query.pop(key, None)
    return render(
        request,
        "audit/audit_trail.html",
        {
            "page_title": pgettext("audit", "Audit trail"),
            "header_icon": "list-ul",
            "filters": filters,
            "action_choices": action_choices(),
            "people": _people(),
            "events": page,
            "query": query.urlencode(),
            "newer_url": f"?{_with(query, after=page[0].pk)}" if has_newer and page else "",
            "older_url": f"?{_with(query, before=page[-1].pk)}" if has_older and page else "",
            "first_url": f"?{query.urlencode()}" if (before or after) else "",
        },
    )


def _people():
    """Suggestions for the person filter: the accounts' names (a deleted one can still be typed)."""
    User = get_user_model()
    names = User._default_manager.order_by(User.USERNAME_FIELD).values_list(User.USERNAME_FIELD, flat=True)
    return names[:PEOPLE_SUGGESTED]


def _with(query, **extra):
    query = query.copy()
    for key, value in extra.items():
        query[key] = str(value)
    return query.urlencode()


def export(request, fmt):
    if refused := _refused(request):
        return refused
    filters, events = _filtered(request)
    record("audit.exported", request=request, data={"format": fmt, "filter": _filter_values(filters)})
    rows = (_export_row(event) for event in events.order_by("-at", "-id").iterator(chunk_size=EXPORT_CHUNK))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_chunks(rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.{fmt}"'
    return response


def _filter_values(filters):
    if not (filters.is_bound and filters.is_valid()):
        return {}
    return {key: str(value) for key, value in filters.form.cleaned_data.items() if value not in (None, "")}


def _export_row(event):
    return {
        "time": timezone.localtime(event.at).isoformat(),
        "person": event.actor_name,
        "action": event.action,
        "action_label": str(action_label(event.action)),
        "edition": event.edition,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object": event.object_repr,
        "address": event.ip_address or "",
        "details": event.data,
    }


class _Line:
    def write(self, value):
        return value


def _spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula ('=HYPERLINK(...)' as a user name) is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_lines(rows):
    writer = csv.writer(_Line())
    yield "\ufeff"  # byte-order mark: spreadsheets then read the file as UTF-8
    yield writer.writerow(EXPORT_FIELDS)
    for row in rows:
        row = {**row, "details": json.dumps(row["details"], ensure_ascii=False, sort_keys=True)}
        yield writer.writerow([_spreadsheet_safe(row[field]) for field in EXPORT_FIELDS])


def _json_chunks(rows):
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"

"""The audit trail's filters: person, action, edition, object (type, id, text) and time range."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import pgettext_lazy

from vistka.audit.models import AuditEvent
from vistka.editions.languages import EDITIONS


def _(text):
    return pgettext_lazy("audit", text)


def object_type_choices():
    return sorted(
        (
            (f"{ct.app_label}.{ct.model}", f"{ct.name} ({ct.app_label}.{ct.model})")
            for ct in ContentType.objects.all()
        ),
        key=lambda choice: choice[1].lower(),
    )


def edition_choices():
    return [(edition.code, edition.name) for edition in EDITIONS]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AuditEventFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        field_name="actor_name",
        label=_("Person"),
        widget=forms.TextInput(attrs={"list": "audit-people", "autocomplete": "off"}),
    )
    # Free text with suggestions (any code can be looked for); "auth.*" matches a whole kind.
    action = django_filters.CharFilter(
        label=_("Action"),
        method="filter_action",
        widget=forms.TextInput(attrs={"list": "audit-actions", "autocomplete": "off"}),
    )
    edition = django_filters.ChoiceFilter(label=_("Edition"), choices=edition_choices)
    object_type = django_filters.ChoiceFilter(label=_("Object type"), choices=object_type_choices)
    object_id = django_filters.CharFilter(label=_("Object id"))
    object = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label=_("Object"))
    since = django_filters.DateTimeFilter(
        field_name="at", lookup_expr="gte", label=_("From"), widget=DateTimeInput()
    )
    until = django_filters.DateTimeFilter(
        field_name="at", lookup_expr="lte", label=_("To"), widget=DateTimeInput()
    )

    class Meta:
        model = AuditEvent
        fields = []

    def filter_action(self, queryset, name, value):
        if value.endswith("*"):  # a kind: every action with that prefix
            return queryset.filter(action__startswith=value[:-1])
        return queryset.filter(action=value)

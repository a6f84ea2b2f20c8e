"""Helpers for the per-edition record tests: the five kinds of record, their admin addresses and
form data, and the actions staff take on them through the real admin views."""

import re

from django.forms.models import model_to_dict

from vistka.concurrency.record_edit import VERSION_FIELD, record_version
from vistka.editions.models import EditionSettings
from vistka.people.models import Author
from vistka.stories.factories import AuthorFactory, SectionFactory, SourceFactory, TagFactory, locale
from vistka.taxonomy.models import Section, Source, Tag

MODELS = {
    "tag": Tag,
    "section": Section,
    "source": Source,
    "author": Author,
    "settings": EditionSettings,
}
FACTORIES = {"tag": TagFactory, "section": SectionFactory, "source": SourceFactory, "author": AuthorFactory}


def admin_path(kind):
    opts = MODELS[kind]._meta
    return f"/admin/snippets/{opts.app_label}/{opts.model_name}/"


def chooser_path(kind):
    opts = MODELS[kind]._meta
    return f"/admin/snippets/choose/{opts.app_label}/{opts.model_name}/"


def bulk_delete_path(kind, pk):
    opts = MODELS[kind]._meta
    return f"/admin/bulk/{opts.app_label}/{opts.model_name}/delete/?id={pk}"


def make_record(kind, edition, **values):
    if kind == "settings":
        EditionSettings.objects.filter(locale=locale(edition)).delete()
        return EditionSettings.objects.create(
            locale=locale(edition), support_heading=values.get("support_heading", f"Support {edition}")
        )
    return FACTORIES[kind](edition=edition, **values)


def form_data(kind, instance=None, **changes):
    """POST data for the record's add/edit form (current values, then `changes`); an edit form
    carries the stored record's version, as the admin's form does (a save without it is refused)."""
    if kind == "settings":
        fields = ["support_heading", "support_text", "support_url", "support_button", "ads_enabled"]
    else:
        fields = [
            name
            for name in ("name", "slug", "sort_order", "description", "qualifier", "url", "role", "bio")
            if any(f.name == name for f in MODELS[kind]._meta.fields)
        ]
    values = model_to_dict(instance, fields=fields) if instance is not None else {}
    if instance is None and "sort_order" in fields:
        values["sort_order"] = 100
    values.update(changes)
    data = {key: ("" if value is None else value) for key, value in values.items()}
    if kind == "settings":
        if data.pop("ads_enabled", True):
            data["ads_enabled"] = "on"
    if instance is not None:
        data[VERSION_FIELD] = record_version(type(instance)._default_manager.get(pk=instance.pk))
    return data


def listed(client, kind, instance):
    response = client.get(admin_path(kind))
    return response.status_code == 200 and f'id="snippet_{instance.pk}_title"' in response.content.decode()


def offered_by_chooser(client, kind, instance, edition=None):
    """Whether the chooser lists the record and lets it be chosen."""
    query = f"?locale={edition}" if edition else ""
    listing = client.get(chooser_path(kind) + query)
    shown = listing.status_code == 200 and re.search(
        rf"chosen/{instance.pk}/", listing.json().get("html", "") if _is_json(listing) else ""
    )
    if edition is None:  # choosing by id is allowed exactly for what "all editions" lists
        chosen = client.get(f"{chooser_path(kind)}chosen/{instance.pk}/")
        assert bool(shown) == (chosen.status_code == 200), (listing.status_code, chosen.status_code)
    return bool(shown)


def denied(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message
    (403 for requests that want JSON)."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def _is_json(response):
    return response.get("Content-Type", "").startswith("application/json")


def exists(instance):
    return type(instance).objects.filter(pk=instance.pk).exists()

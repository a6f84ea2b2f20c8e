"""Tags, sections, sources, authors and edition settings: a save based on an outdated version of
the record is refused with the user's values kept, and who saved what is shown."""

import re

import pytest

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.taxonomy.tests.records_helpers import MODELS, admin_path, form_data, make_record

pytestmark = pytest.mark.django_db

CHANGED_FIELD = {
    "tag": "name",
    "section": "name",
    "source": "name",
    "author": "name",
    "settings": "support_heading",
}


def loaded_version(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = re.search(r'name="record_version" value="([0-9a-f]+)"', response.text)
    return found.group(1) if found else ""


@pytest.mark.parametrize("kind", list(CHANGED_FIELD))
def test_stale_record_save_is_refused_with_values_kept(kind):
    first = client_for(make_staff("editor-uk-a", (roles.EDITORS, "uk")))
    second = client_for(make_staff("editor-uk-b", (roles.EDITORS, "uk")))
    instance = make_record(kind, "uk")
    url = f"{admin_path(kind)}edit/{instance.pk}/"
    field = CHANGED_FIELD[kind]
    first_version, second_version = loaded_version(first, url), loaded_version(second, url)

    saved = first.post(
        url, {**form_data(kind, instance, **{field: "Перша правка"}), "record_version": first_version}
    )
    assert saved.status_code == 302
    refused = second.post(
        url, {**form_data(kind, instance, **{field: "Друга правка"}), "record_version": second_version}
    )

    assert refused.status_code == 200
    assert "Друга правка" in refused.text  # the user's value, kept in the form
    assert "editor-uk-a" in refused.text and "Перша правка" in refused.text  # who saved what
    assert getattr(MODELS[kind].objects.get(pk=instance.pk), field) == "Перша правка"
    assert AuditEvent.objects.filter(action="concurrency.record_save_refused").exists()

    # The form shown again carries the current version: saving it is a choice made in view of theirs.
    current = re.search(r'name="record_version" value="([0-9a-f]+)"', refused.text).group(1)
    again = second.post(
        url, {**form_data(kind, instance, **{field: "Друга правка"}), "record_version": current}
    )
    assert again.status_code == 302
    assert getattr(MODELS[kind].objects.get(pk=instance.pk), field) == "Друга правка"


@pytest.mark.parametrize("kind", list(CHANGED_FIELD))
@pytest.mark.parametrize("sent", [None, "", "  "])
def test_a_save_without_a_version_is_refused_with_values_kept(kind, sent):
    """Before: a post without `record_version` silently overwrote whatever a colleague had saved."""
    client = client_for(make_staff("editor-uk-a", (roles.EDITORS, "uk")))
    instance = make_record(kind, "uk")
    url = f"{admin_path(kind)}edit/{instance.pk}/"
    field = CHANGED_FIELD[kind]
    before = getattr(instance, field)
    data = form_data(kind, instance, **{field: "Без версії"})
    data.pop("record_version", None)
    if sent is not None:
        data["record_version"] = sent

    refused = client.post(url, data)

    assert refused.status_code == 200
    assert "Без версії" in refused.text  # the user's value, kept in the form
    assert getattr(MODELS[kind].objects.get(pk=instance.pk), field) == before
    event = AuditEvent.objects.get(action="concurrency.record_save_refused")
    assert event.data["unversioned"] is True
    current = re.search(r'name="record_version" value="([0-9a-f]+)"', refused.text).group(1)
    again = client.post(url, {**data, "record_version": current})
    assert again.status_code == 302
    assert getattr(MODELS[kind].objects.get(pk=instance.pk), field) == "Без версії"

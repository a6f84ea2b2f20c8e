"""Editions are sealed for records too (issue 13, finding 2): tags, sections, sources, authors and
edition settings are listed, added, edited, deleted, chosen and bulk-deleted only by staff of their
edition (Admins everywhere), each within what the staff member's role allows there.

The matrix runs every role x own/other edition x action x kind of record through the real admin
views: 4 x 2 x 6 x 5 = 240 cases. The staff member works in the Ukrainian edition; "other" is a
Russian record, as in the finding (reporter-uk renamed Russian tags and relinked a Russian source).
"""

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import locale
from vistka.taxonomy.tests.records_helpers import (
    MODELS,
    admin_path,
    bulk_delete_path,
    exists,
    form_data,
    listed,
    make_record,
    offered_by_chooser,
)

RECORDS = ("tag", "section", "source", "author")
ALL = {"view", "add", "change", "delete"}
# What each role may do with its own edition's records (vistka.newsroom.roles, plus editors
# looking after their edition's settings).
OWN_EDITION = {
    "reporter": {"tag": {"view", "add", "change"}, "source": {"view", "add", "change"}, "section": {"view"}}
    | {"author": {"view"}, "settings": set()},
    "editor": dict.fromkeys(RECORDS, ALL) | {"settings": {"view", "add", "change"}},
    "translator": {kind: {"view", "add", "change"} for kind in RECORDS} | {"settings": set()},
    "admin": dict.fromkeys((*RECORDS, "settings"), ALL),
}
NEEDS = {
    "listing": "view",
    "add": "add",
    "edit": "change",
    "delete": "delete",
    "choose": "view",
    "bulk-delete": "delete",
}
GROUPS = {"reporter": roles.REPORTERS, "editor": roles.EDITORS, "translator": roles.TRANSLATORS}


def expected(role, where, action, kind):
    if where == "other" and role != "admin":
        return False
    return NEEDS[action] in OWN_EDITION[role][kind]


def staff(role):
    if role == "admin":
        return make_staff("admin-staff", roles.ADMINS)
    return make_staff(f"{role}-uk", (GROUPS[role], "uk"))


def act(client, action, kind, edition):
    """Takes the action on a record of `edition`; returns whether it took effect."""
    if action == "add":
        if kind == "settings":
            MODELS[kind].objects.filter(locale=locale(edition)).delete()
            data = form_data(kind, support_heading="Підтримайте нас")
        else:
            data = form_data(kind, name="Новий запис", slug="novyi-zapys")
        client.post(f"{admin_path(kind)}add/?locale={edition}", data)
        field = "support_heading" if kind == "settings" else "name"
        value = data[field]
        return MODELS[kind].objects.filter(locale=locale(edition), **{field: value}).exists()

    instance = make_record(kind, edition)
    if action == "listing":
        return listed(client, kind, instance)
    if action == "choose":
        return offered_by_chooser(client, kind, instance)
    if action == "edit":
        field = "support_heading" if kind == "settings" else "name"
        client.post(f"{admin_path(kind)}edit/{instance.pk}/", form_data(kind, instance, **{field: "Змінено"}))
        instance.refresh_from_db()
        return getattr(instance, field) == "Змінено"
    if action == "delete":
        client.post(f"{admin_path(kind)}delete/{instance.pk}/")
        return not exists(instance)
    if action == "bulk-delete":
        client.post(bulk_delete_path(kind, instance.pk))
        return not exists(instance)
    raise AssertionError(action)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(MODELS))
@pytest.mark.parametrize("action", list(NEEDS))
@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("role", list(OWN_EDITION))
def test_records_are_sealed_per_edition(role, where, action, kind):
    client = client_for(staff(role))
    edition = "uk" if where == "own" else "ru"
    assert act(client, action, kind, edition) is expected(role, where, action, kind)


# --- a POST to a record's copy address never touches the original (found by a security review) --


@pytest.mark.django_db
def test_posting_to_a_records_copy_address_leaves_the_original_untouched():
    from vistka.newsroom.tests.helpers import client_for, make_staff
    from vistka.people.models import Author
    from vistka.stories.factories import AuthorFactory, SectionFactory
    from vistka.taxonomy.models import Section

    # view only on the uk records, add and change on the en ones
    client = client_for(make_staff("two-hats", (roles.REPORTERS, "uk"), (roles.TRANSLATORS, "en")))
    section = SectionFactory(edition="uk", name="Політика", slug="politics")
    author = AuthorFactory(edition="uk", name="Олена Коваленко", slug="olena")
    copied = client.post(
        f"/admin/snippets/taxonomy/section/copy/{section.pk}/",
        {"name": "Hijacked section", "slug": "politics", "sort_order": "1", "description": "x"},
    )
    client.post(f"/admin/snippets/people/author/copy/{author.pk}/", {"name": "Fake byline", "slug": "olena"})
    assert copied.status_code == 405
    assert Section.objects.get(pk=section.pk).name == "Політика"
    assert Author.objects.get(pk=author.pk).name == "Олена Коваленко"
    assert client.get(f"/admin/snippets/taxonomy/section/copy/{section.pk}/").status_code in (200, 302)

"""Wagtail's bulk actions on the users list leave audit entries (some bypass the model signals)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from vistka.audit.tests.helpers import events, last
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff

pytestmark = pytest.mark.django_db

User = get_user_model()


def bulk_url(action, users):
    url = reverse("wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, action))
    return url + "?next=/admin/users/&" + "&".join(f"id={user.pk}" for user in users)


@pytest.fixture
def chief():
    user = User.objects.create_superuser("chief", "chief@vistka.test", "pw")
    return client_for(user), user


def test_bulk_deactivation_records_each_account_with_its_state_before_and_after(chief):
    client, admin = chief
    olena = make_staff("olena", (roles.EDITORS, "uk"))
    taras = make_staff("taras", (roles.REPORTERS, "ru"))
    already_off = make_staff("already-off", (roles.REPORTERS, "uk"))
    User.objects.filter(pk=already_off.pk).update(is_active=False)

    url = bulk_url("set_active_state", [olena, taras, already_off])
    response = client.post(url, {"mark_as_active": "False"})

    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[olena.pk, taras.pk], is_active=True).exists()
    changed = {event.object_repr: event for event in events("users.changed")}
    assert set(changed) == {"olena", "taras"}  # the account that was off already did not change
    for event in changed.values():
        assert event.data["before"] == {"is_active": True}
        assert event.data["after"] == {"is_active": False}
        assert event.data["bulk_action"] == "set_active_state"
        assert event.actor == admin and event.object_type == "auth.user"


def test_bulk_reactivation_is_recorded_too(chief):
    client, _ = chief
    olena = make_staff("olena", (roles.EDITORS, "uk"))
    User.objects.filter(pk=olena.pk).update(is_active=False)

    client.post(bulk_url("set_active_state", [olena]), {"mark_as_active": "True"})

    event = last("users.changed", object_id=str(olena.pk))
    assert (event.data["before"], event.data["after"]) == ({"is_active": False}, {"is_active": True})
    assert len(events("users.changed")) == 1


def test_bulk_role_assignment_records_the_group_for_each_account(chief):
    client, admin = chief
    olena = make_staff("olena")
    taras = make_staff("taras")
    admins = Group.objects.get(name=roles.ADMINS)

    response = client.post(bulk_url("assign_role", [olena, taras]), {"role": admins.pk})

    assert response.status_code == 302
    recorded = events("users.groups_changed")
    assert sorted(event.object_repr for event in recorded) == ["olena", "taras"]
    assert all(event.data == {"added": [roles.ADMINS]} and event.actor == admin for event in recorded)
    assert not events("users.changed")  # no double entry from the bulk hook


def test_bulk_deletion_records_each_account(chief):
    client, admin = chief
    olena = make_staff("olena", (roles.EDITORS, "uk"))
    taras = make_staff("taras")

    response = client.post(bulk_url("delete", [olena, taras]))

    assert response.status_code == 302
    assert not User.objects.filter(username__in=["olena", "taras"]).exists()
    deleted = events("users.deleted")
    assert sorted(event.object_repr for event in deleted) == ["olena", "taras"]
    assert all(event.actor == admin for event in deleted)
    assert not events("users.changed")

"""Each kind of event lands in the audit trail, written by the real views that perform it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import querydict_from_html

from vistka.audit.models import AuditEvent
from vistka.audit.tests.helpers import admin_client, events, last
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import add_url, client_for, make_staff, story_form_data
from vistka.stories.factories import TagFactory, archive_for
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


# --- sign-in ----------------------------------------------------------------------------------------


def test_sign_in_failure_and_sign_out_through_the_admin_login():
    make_staff("olena", (roles.EDITORS, "uk"))
    client = Client(REMOTE_ADDR="203.0.113.7")

    response = sign_in(client, "olena", "wrong password")
    assert response.status_code == 200  # the form again
    failed = last("auth.login_failed")
    assert failed.actor is None and failed.actor_name == "olena"
    assert failed.data == {"username": "olena"}
    assert "wrong password" not in str(failed.data) and "wrong password" not in failed.object_repr
    assert failed.ip_address == "203.0.113.7"

    response = sign_in(client, "olena", "pw")
    assert response.status_code == 302
    login = last("auth.login")
    assert login.actor.username == "olena" and login.ip_address == "203.0.113.7"
    assert (login.object_type, login.object_repr) == ("auth.user", "olena")

    client.post("/admin/logout/")
    assert last("auth.logout").actor_name == "olena"


def test_a_failed_sign_in_for_an_unknown_name_keeps_the_name_tried():
    sign_in(Client(), "nobody-here", "guess")
    assert last("auth.login_failed").actor_name == "nobody-here"


# --- accounts, groups, permissions -----------------------------------------------------------------


def test_changing_a_users_groups_and_status_through_wagtails_user_edit_view():
    admin = admin_client()
    user = make_staff("taras", (roles.REPORTERS, "uk"))
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    response = admin.get(url)
    assert response.status_code == 200
    data = querydict_from_html(
        response.text, form_id="user-form" if 'id="user-form"' in response.text else None
    )
    editors = Group.objects.get(name=roles.group_name(roles.EDITORS, "uk"))
    reporters = Group.objects.get(name=roles.group_name(roles.REPORTERS, "uk"))
    data.setlist("groups", [str(editors.pk)])
    data.update({"first_name": "Taras", "last_name": "Shevchuk"})  # required by Wagtail's form
    data.pop("is_active", None)  # unchecked: the account is deactivated
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    changes = events("users.groups_changed", object_id=str(user.pk), actor_name="audit-admin")
    assert {"added": [editors.name]} in [e.data for e in changes]
    assert {"removed": [reporters.name]} in [e.data for e in changes]
    changed = last("users.changed", object_id=str(user.pk))
    assert changed.data == {"before": {"is_active": True}, "after": {"is_active": False}}
    assert changed.actor_name == "audit-admin"
    assert "password" not in str(changed.data)


def test_superuser_flag_and_deletion():
    user = make_staff("mykola")
    user.is_superuser = True
    user.save()
    assert last("users.changed").data == {"before": {"is_superuser": False}, "after": {"is_superuser": True}}
    user_id = user.pk
    user.delete()
    deleted = last("users.deleted")
    assert deleted.object_id == str(user_id) and deleted.object_repr == "mykola"


def test_signing_in_does_not_log_an_account_change():
    make_staff("ivan")
    before = AuditEvent.objects.filter(action="users.changed").count()
    assert sign_in(Client(), "ivan", "pw").status_code == 302  # saves last_login
    assert AuditEvent.objects.filter(action="users.changed").count() == before


def test_group_permission_changes():
    group = Group.objects.create(name="Night desk")
    assert last("groups.created").object_repr == "Night desk"
    permission = Permission.objects.get(content_type__app_label="taxonomy", codename="change_tag")
    group.permissions.add(permission)
    assert last("groups.permissions_changed").data == {"added": ["taxonomy.change_tag"]}
    group.permissions.clear()
    assert last("groups.permissions_changed").data == {"removed": ["taxonomy.change_tag"]}

    archive = archive_for("ru")
    grant = GroupPagePermission.objects.create(
        group=group, page=archive, permission=Permission.objects.get(codename="publish_page")
    )
    entry = last("groups.page_permissions_changed")
    assert entry.object_repr == "Night desk" and entry.edition == "ru"
    assert entry.data["added"][0]["permission"] == "wagtailcore.publish_page"
    grant.delete()
    assert "removed" in last("groups.page_permissions_changed").data


# --- Wagtail's page and record actions, mirrored ------------------------------------------------------


def test_publishing_a_story_through_the_admin_is_mirrored_with_its_edition(editor_client):
    data = story_form_data(title="Audit: a bridge opens", **{"action-publish": "1"})
    response = editor_client.post(add_url("uk"), data)
    assert response.status_code == 302
    page = ArticlePage.objects.get(title="Audit: a bridge opens", locale__language_code="uk")
    assert page.live
    published = last("wagtail.publish", object_id=str(page.pk))
    assert published.actor_name == "editor-uk"
    assert published.edition == "uk"
    assert published.object_type == "stories.articlepage"
    assert published.object_repr == "Audit: a bridge opens"
    assert published.data["wagtail_log_id"]
    assert events("wagtail.create", object_id=str(page.pk))


def test_deleting_a_record_through_the_admin_is_mirrored_with_its_edition(editor_client):
    tag = TagFactory(name="Short-lived", edition="uk")
    url = reverse("wagtailsnippets_taxonomy_tag:delete", args=[tag.pk])
    response = editor_client.post(url)
    assert response.status_code == 302, response.content.decode()[:2000]
    deleted = last("wagtail.delete", object_id=str(tag.pk))
    assert deleted.object_type == "taxonomy.tag" and deleted.edition == "uk"
    assert deleted.actor_name == "editor-uk" and deleted.object_repr == "Short-lived"


# --- uploads ------------------------------------------------------------------------------------------


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_uploading_and_deleting_an_image_through_the_admin(editor_client):
    response = editor_client.post(
        "/admin/images/add/",
        {
            "title": "Audit upload",
            "file": SimpleUploadedFile("audit.png", png()),
            "description": "",
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Audit upload")
    uploaded = last("uploads.image", object_id=str(image.pk))
    assert uploaded.actor_name == "editor-uk" and uploaded.data["file"].endswith(".png")

    response = editor_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert last("uploads.image_deleted", object_id=str(image.pk)).actor_name == "editor-uk"


def test_uploading_a_document_through_the_admin():
    user = make_staff("docs-admin")
    user.is_superuser = True
    user.save()
    response = client_for(user).post(
        "/admin/documents/add/", {"title": "Audit paper", "file": SimpleUploadedFile("paper.txt", b"text")}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Audit paper")
    uploaded = last("uploads.document", object_id=str(document.pk))
    assert uploaded.actor_name == "docs-admin" and uploaded.object_repr == "Audit paper"


def test_record_keeps_working_for_other_areas():
    """The signature other helpers call; the edition comes from the target's locale."""
    from vistka.audit.log import record

    tag = TagFactory(name="Kept", edition="ru")
    user = get_user_model().objects.create_user("caller")
    event = record("records.changed", actor=user, target=tag, data={"before": {"name": "Old"}})
    assert (event.edition, event.object_type, event.actor_name) == ("ru", "taxonomy.tag", "caller")
    event = record("twofactor.reset", actor_name="system", edition="en")
    assert (event.actor, event.actor_name, event.edition) == (None, "system", "en")

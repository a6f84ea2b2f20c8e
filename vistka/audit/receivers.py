"""Signal receivers that write the audit trail for Django's and Wagtail's own actions.

Sign-in events come from django.contrib.auth's signals; account, group and permission changes
from model signals; every Wagtail log entry (page actions, workflow steps, snippets, images) is
mirrored so the newsroom has one log. Other areas call record() for their own actions.
"""

from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
)

from vistka.audit.log import edition_of_locale, record

# Account fields whose changes are logged with their values before and after (never the password).
TRACKED_USER_FIELDS = ("username", "email", "is_active", "is_staff", "is_superuser")

UID = "vistka.audit"


# --- sign-in --------------------------------------------------------------------------------------


def on_logged_in(sender, request, user, **kwargs):
    record("auth.login", request=request, actor=user, target=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django already replaces the password with '********' in `credentials`; keep only the name.
    username = str(credentials.get("username") or credentials.get(get_user_model().USERNAME_FIELD) or "")
    record("auth.login_failed", request=request, actor_name=username[:150], data={"username": username[:150]})


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", request=request, actor=user, target=user)


# --- accounts -------------------------------------------------------------------------------------


def remember_user_before(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(TRACKED_USER_FIELDS):
        return  # e.g. last_login on every sign-in
    instance._audit_before = (
        sender._default_manager.filter(pk=instance.pk).values(*TRACKED_USER_FIELDS).first()
    )


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record("users.created", target=instance, data=_user_fields(instance))
        return
    # Password changes are recorded by vistka.accounts (with the notice it sends).
    before = getattr(instance, "_audit_before", None)
    if before:
        after = _user_fields(instance)
        changed = [name for name in TRACKED_USER_FIELDS if before[name] != after[name]]
        if changed:
            record(
                "users.changed",
                target=instance,
                data={
                    "before": {name: before[name] for name in changed},
                    "after": {name: after[name] for name in changed},
                },
            )
    instance._audit_before = None


def on_user_deleted(sender, instance, **kwargs):
    record("users.deleted", target=instance, data=_user_fields(instance))


def _user_fields(user):
    return {name: getattr(user, name) for name in TRACKED_USER_FIELDS}


def on_user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """user.groups.add/remove/set/clear, from either side (group.user_set too)."""
    if action == "pre_clear":
        instance._audit_cleared = list(
            (instance.user_set if reverse else instance.groups).values_list("pk", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pks = set(pk_set or ()) if action != "post_clear" else set(getattr(instance, "_audit_cleared", ()))
    if not pks:
        return
    key = "added" if action == "post_add" else "removed"
    if not reverse:  # instance is a user, the pks are groups
        names = sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
        record("users.groups_changed", target=instance, data={key: names})
    else:  # instance is a group, the pks are users
        for user in get_user_model()._default_manager.filter(pk__in=pks):
            record("users.groups_changed", target=user, data={key: [instance.name]})


# --- groups and permissions -------------------------------------------------------------------------


def on_group_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        record("groups.created" if created else "groups.changed", target=instance)


def on_group_deleted(sender, instance, **kwargs):
    record("groups.deleted", target=instance)


def on_group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        related = instance.group_set if reverse else instance.permissions
        instance._audit_cleared = list(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pks = set(pk_set or ()) if action != "post_clear" else set(getattr(instance, "_audit_cleared", ()))
    if not pks:
        return
    key = "added" if action == "post_add" else "removed"
    if not reverse:  # instance is a group, the pks are permissions
        codes = _permission_codes(Permission.objects.filter(pk__in=pks))
        record("groups.permissions_changed", target=instance, data={key: codes})
    else:  # instance is a permission, the pks are groups
        codes = _permission_codes([instance])
        for group in Group.objects.filter(pk__in=pks):
            record("groups.permissions_changed", target=group, data={key: codes})


def _permission_codes(permissions):
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)


def _group_ref(group_id):
    name = Group.objects.filter(pk=group_id).values_list("name", flat=True).first()
    return ("auth.group", group_id, name or "")


def on_page_permission_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        _page_permission_event(instance, "added")


def on_page_permission_deleted(sender, instance, **kwargs):
    _page_permission_event(instance, "removed")


def _page_permission_event(grant, key):
    # Looked up rather than followed: on a cascade the page may be on its way out.
    title, locale_id = Page.objects.filter(pk=grant.page_id).values_list("title", "locale_id").first() or (
        "",
        None,
    )
    record(
        "groups.page_permissions_changed",
        target_ref=_group_ref(grant.group_id),
        edition=edition_of_locale(locale_id),
        data={key: [{"page": grant.page_id, "title": title, "permission": _codename(grant)}]},
    )


def on_collection_permission_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        _collection_permission_event(instance, "added")


def on_collection_permission_deleted(sender, instance, **kwargs):
    _collection_permission_event(instance, "removed")


def _collection_permission_event(grant, key):
    record(
        "groups.collection_permissions_changed",
        target_ref=_group_ref(grant.group_id),
        data={
            key: [
                {
                    "collection": grant.collection_id,
                    "title": Collection.objects.filter(pk=grant.collection_id)
                    .values_list("name", flat=True)
                    .first(),
                    "permission": _codename(grant),
                }
            ]
        },
    )


def _codename(grant):
    permission = Permission.objects.filter(pk=grant.permission_id).select_related("content_type").first()
    return f"{permission.content_type.app_label}.{permission.codename}" if permission else ""


# --- Wagtail's own log: mirrored ------------------------------------------------------------------


def on_wagtail_page_log(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    entry = instance
    pages = Page.objects.filter(pk=entry.page_id)
    locale_id = pages.values_list("locale_id", flat=True).first() if entry.page_id else None
    _mirror(entry, entry.page_id, locale_id)


def on_wagtail_model_log(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    entry = instance
    locale_id = None
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is not None and any(field.name == "locale" for field in model._meta.concrete_fields):
        # Wagtail logs a deletion before deleting, so the object is still there.
        objects = model._default_manager.filter(pk=entry.object_id)
        locale_id = objects.values_list("locale_id", flat=True).first()
    _mirror(entry, entry.object_id, locale_id)


def _mirror(entry, object_id, locale_id):
    content_type = entry.content_type
    object_type = f"{content_type.app_label}.{content_type.model}" if content_type else ""
    data = {"wagtail_log_id": entry.pk}
    if entry.data:
        data["details"] = entry.data
    if entry.revision_id:
        data["revision"] = entry.revision_id
    if entry.uuid:
        data["uuid"] = str(entry.uuid)
    record(
        (entry.action if entry.action.startswith("wagtail.") else f"wagtail.{entry.action}")[:64],
        actor=_log_user(entry),
        target_ref=(object_type, object_id, entry.label),
        edition=edition_of_locale(locale_id),
        data=data,
    )


def _log_user(entry):
    if not entry.user_id:
        return None
    from vistka.audit.context import current_request

    request = current_request()
    user = getattr(request, "user", None)
    if user is not None and user.pk == entry.user_id:
        return user
    return get_user_model()._default_manager.filter(pk=entry.user_id).first()


# --- uploads ----------------------------------------------------------------------------------------


def on_upload_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        kind = "image" if sender is get_image_model() else "document"
        record(f"uploads.{kind}", target=instance, data={"file": instance.file.name})


def on_upload_deleted(sender, instance, **kwargs):
    kind = "image" if sender is get_image_model() else "document"
    record(f"uploads.{kind}_deleted", target=instance, data={"file": instance.file.name})


def connect():
    User = get_user_model()
    user_logged_in.connect(on_logged_in, dispatch_uid=UID)
    user_login_failed.connect(on_login_failed, dispatch_uid=UID)
    user_logged_out.connect(on_logged_out, dispatch_uid=UID)

    pre_save.connect(remember_user_before, sender=User, dispatch_uid=UID)
    post_save.connect(on_user_saved, sender=User, dispatch_uid=UID)
    post_delete.connect(on_user_deleted, sender=User, dispatch_uid=UID)
    m2m_changed.connect(on_user_groups_changed, sender=User.groups.through, dispatch_uid=UID)

    post_save.connect(on_group_saved, sender=Group, dispatch_uid=UID)
    post_delete.connect(on_group_deleted, sender=Group, dispatch_uid=UID)
    m2m_changed.connect(on_group_permissions_changed, sender=Group.permissions.through, dispatch_uid=UID)
    post_save.connect(on_page_permission_saved, sender=GroupPagePermission, dispatch_uid=UID)
    post_delete.connect(on_page_permission_deleted, sender=GroupPagePermission, dispatch_uid=UID)
    post_save.connect(on_collection_permission_saved, sender=GroupCollectionPermission, dispatch_uid=UID)
    post_delete.connect(on_collection_permission_deleted, sender=GroupCollectionPermission, dispatch_uid=UID)

    post_save.connect(on_wagtail_page_log, sender=PageLogEntry, dispatch_uid=UID)
    post_save.connect(on_wagtail_model_log, sender=ModelLogEntry, dispatch_uid=UID)

    for model in (get_image_model(), get_document_model()):
        post_save.connect(on_upload_saved, sender=model, dispatch_uid=UID)
        post_delete.connect(on_upload_deleted, sender=model, dispatch_uid=UID)

"""Creates the newsroom's groups, their per-edition permissions and the review workflows.

Idempotent; runs after every `migrate` so a fresh database is a working newsroom.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from vistka.editions.languages import EDITIONS
from vistka.editions.setup import ensure_editions
from vistka.newsroom import roles

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def _model_permissions(spec):
    perms = []
    for label in roles.RECORDS:
        app_label, model = label.split(".")
        for item in spec:
            codename = f"{item}_{model}" if "_" not in item else item
            if codename.endswith(f"_{model}"):
                perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return perms


def _remove_wagtail_defaults():
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
    WorkflowPage.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


@transaction.atomic
def ensure_newsroom():
    from vistka.editions.models import EditionHomePage

    ensure_editions()
    _remove_wagtail_defaults()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_collection = Collection.get_first_root_node()

    for edition in EDITIONS:
        home = EditionHomePage.objects.get(locale__language_code=edition.code)
        for role in roles.EDITION_ROLES:
            group, _ = Group.objects.get_or_create(name=roles.group_name(role, edition.code))
            group.permissions.add(access_admin, *_model_permissions(roles.MODEL_PERMISSIONS[role]))
            for permission_type in roles.PAGE_PERMISSIONS[role]:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
                )
                GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
            for app_label, spec in roles.COLLECTION_PERMISSIONS.items():
                for codename in spec[role]:
                    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
        _ensure_review_workflow(edition, home)

    admins, _ = Group.objects.get_or_create(name=roles.ADMINS)
    admins.permissions.set(Permission.objects.all())
    root = Page.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__endswith="_page"
    ):
        GroupPagePermission.objects.get_or_create(group=admins, page=root, permission=permission)
    for permission in Permission.objects.filter(content_type__app_label__in=roles.COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=admins, collection=root_collection, permission=permission
        )


# The review workflow's and its task's names, in the edition's own language: Wagtail shows them
# as they are ("Надіслати на етап «Редакторська перевірка»"), they are data, not catalogue strings.
REVIEW_NAMES = {
    "uk": ("Редакторська перевірка", "Схвалення редактором"),
    "ru": ("Редакторская проверка", "Одобрение редактором"),
    "en": ("Editorial review", "Editor approval"),
}


def _named(model, name, former_name):
    """The object called `name`, or the one still called `former_name` renamed, or a new one."""
    found = model.objects.filter(name=name).first() or model.objects.filter(name=former_name).first()
    if found is None:
        return model.objects.create(name=name)
    if found.name != name:
        found.name = name
        found.save(update_fields=["name"])
    return found


def _ensure_review_workflow(edition, home):
    """Reporters submit, the edition's editors approve and publish."""
    workflow_name, task_name = REVIEW_NAMES[edition.code]
    workflow = _named(Workflow, workflow_name, f"Editorial review · {edition.name}")
    task = _named(GroupApprovalTask, task_name, f"Editor approval · {edition.name}")
    task.groups.set([Group.objects.get(name=roles.group_name(roles.EDITORS, edition.code))])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def ensure_newsroom_on_migrate(sender, **kwargs):
    ensure_newsroom()

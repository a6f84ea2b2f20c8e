"""Who may act on which newsroom records (tags, sections, sources, authors, edition settings).

Editions are sealed: a staff member acts on a record only through a group of the record's
edition ("Reporters · Русский" gives a reporter's permissions on Russian records, none on
Ukrainian ones). Django's own permissions are the union over all of a user's groups, so they
cannot say this; the policy here reads each group's permissions per edition. Admins (the
"Admins" group, superusers) act everywhere.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.permission_policies import ModelPermissionPolicy

from vistka.editions.languages import EDITIONS, language_code_for_locale_id, locale_id_for
from vistka.newsroom import roles

ALL_EDITIONS = frozenset(edition.code for edition in EDITIONS)

# Permissions a role has on its edition's records beyond its group's model permissions:
# editors look after their edition's settings (the "Support us" call, advertising).
ROLE_GRANTS = {
    roles.EDITORS: {
        "editions.view_editionsettings",
        "editions.add_editionsettings",
        "editions.change_editionsettings",
    },
}

_CACHE_ATTR = "_vistka_edition_access"


def _edition_groups():
    """Group name -> (role, edition code) for every per-edition group."""
    return {
        roles.group_name(role, edition.code): (role, edition.code)
        for role in roles.EDITION_ROLES
        for edition in EDITIONS
    }


class EditionAccess:
    """One user's editions and, per edition, the permissions ("app_label.codename") held there."""

    def __init__(self, user):
        self.is_admin = False
        self.permissions = {}  # edition code -> set of "app_label.codename"
        if not (user.is_authenticated and user.is_active):
            return
        if user.is_superuser:
            self.is_admin = True
            return
        names = set(Group.objects.filter(user=user).values_list("name", flat=True))
        if roles.ADMINS in names:
            self.is_admin = True
            return
        by_name = _edition_groups()
        mine = {name: by_name[name] for name in names if name in by_name}
        for role, code in mine.values():
            self.permissions.setdefault(code, set()).update(ROLE_GRANTS.get(role, ()))
        granted = Permission.objects.filter(group__name__in=list(mine)).values_list(
            "group__name", "content_type__app_label", "codename"
        )
        for group_name, app_label, codename in granted:
            self.permissions[mine[group_name][1]].add(f"{app_label}.{codename}")

    @property
    def editions(self):
        return ALL_EDITIONS if self.is_admin else frozenset(self.permissions)

    def editions_with(self, permission):
        """The editions where this user holds `permission` ("app_label.codename")."""
        if self.is_admin:
            return ALL_EDITIONS
        return frozenset(code for code, held in self.permissions.items() if permission in held)


def edition_access(user):
    """The user's EditionAccess, computed once per user object (so once per request)."""
    access = getattr(user, _CACHE_ATTR, None)
    if access is None:
        access = EditionAccess(user)
        try:
            setattr(user, _CACHE_ATTR, access)
        except AttributeError:  # AnonymousUser and the like
            pass
    return access


def user_editions(user):
    """The edition codes a staff member works in: those of their groups; every edition for Admins."""
    return edition_access(user).editions


def is_admin(user):
    return edition_access(user).is_admin


def edition_of(instance):
    return language_code_for_locale_id(instance.locale_id) if instance.locale_id else None


def locale_ids(codes):
    return [locale_id_for(code) for code in sorted(codes)]


class EditionRecordPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permission policy, answered per edition: for an instance, the permission
    must come from a group of the instance's edition; listings hold the user's editions only."""

    def _permission(self, action):
        return f"{self.app_label}.{self._get_permission_codename(action)}"

    def editions_for(self, user, actions):
        access = edition_access(user)
        editions = set()
        for action in actions:
            editions |= access.editions_with(self._permission(action))
        return frozenset(editions)

    def user_has_permission(self, user, action):
        return bool(self.editions_for(user, [action]))

    def user_has_any_permission(self, user, actions):
        return bool(self.editions_for(user, actions))

    def user_has_permission_for_instance(self, user, action, instance):
        return edition_of(instance) in self.editions_for(user, [action])

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return edition_of(instance) in self.editions_for(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        editions = self.editions_for(user, actions)
        objects = self.model._default_manager.all()
        if editions == ALL_EDITIONS:
            return objects
        # locale_id (not locale__language_code): a filter field the search backends know
        return objects.filter(locale_id__in=locale_ids(editions))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


def register_record_policies():
    """Registers the policy for every newsroom record model; call from an AppConfig.ready(),
    before Wagtail creates its fallback policies."""
    from wagtail.permissions import policy_registry, register_permission_policy

    from vistka.editions.models import EditionSettings
    from vistka.people.models import Author
    from vistka.taxonomy.models import Section, Source, Tag

    for model in (Tag, Section, Source, Author, EditionSettings):
        if not isinstance(policy_registry.get_by_type(model, fallback=False), EditionRecordPermissionPolicy):
            register_permission_policy(model, EditionRecordPermissionPolicy(model))


def record_policy(model):
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(model)

"""Readable names of the logged actions; an unknown action is shown as its code."""

from django.utils.translation import pgettext_lazy


def _(text):
    return pgettext_lazy("audit action", text)


ACTION_LABELS = {
    "auth.login": _("Signed in"),
    "auth.login_failed": _("Failed sign-in"),
    "auth.logout": _("Signed out"),
    "auth.throttled": _("Sign-in throttled"),
    "auth.password_changed": _("Password changed"),
    "auth.password_reset_requested": _("Password reset requested"),
    "twofactor.enrolled": _("Second factor added"),
    "twofactor.removed": _("Second factor removed"),
    "twofactor.reset": _("Second factors reset"),
    "twofactor.verified": _("Second factor confirmed"),
    "twofactor.failed": _("Wrong second-factor code"),
    "twofactor.locked_out": _("Second-factor check locked"),
    "twofactor.recovery_codes_generated": _("Recovery codes generated"),
    "sessions.ended": _("Sessions ended"),
    "users.created": _("Account created"),
    "users.changed": _("Account changed"),
    "users.deleted": _("Account deleted"),
    "users.groups_changed": _("Groups of an account changed"),
    "groups.created": _("Group created"),
    "groups.changed": _("Group changed"),
    "groups.deleted": _("Group deleted"),
    "groups.permissions_changed": _("Group permissions changed"),
    "groups.page_permissions_changed": _("Group page permissions changed"),
    "groups.collection_permissions_changed": _("Group collection permissions changed"),
    "records.created": _("Record created"),
    "records.changed": _("Record changed"),
    "records.deleted": _("Record deleted"),
    "settings.changed": _("Settings changed"),
    "story.translated": _("Story translated"),
    "uploads.image": _("Image uploaded"),
    "uploads.image_deleted": _("Image deleted"),
    "uploads.document": _("Document uploaded"),
    "uploads.document_deleted": _("Document deleted"),
    "audit.exported": _("Audit trail exported"),
    "audit.purged": _("Old audit entries deleted"),
}

# Filter choices that match every action starting with the prefix.
ACTION_GROUPS = {
    "auth.": _("Sign-in (all)"),
    "twofactor.": _("Two-factor authentication (all)"),
    "users.": _("Accounts (all)"),
    "groups.": _("Groups and permissions (all)"),
    "uploads.": _("Uploads (all)"),
    "wagtail.": _("Pages and records in Wagtail (all)"),
}

# Wagtail's page and record actions most worth filtering on (its own labels are used).
WAGTAIL_ACTIONS = (
    "wagtail.create",
    "wagtail.edit",
    "wagtail.publish",
    "wagtail.publish.scheduled",
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.copy",
    "wagtail.revert",
    "wagtail.rename",
    "wagtail.lock",
    "wagtail.unlock",
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.cancel",
)


def action_label(action):
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("wagtail."):
        from wagtail.log_actions import registry

        if registry.action_exists(action):  # also loads Wagtail's registered actions
            return registry.get_action_label(action)
    return action


def action_choices():
    """Suggestions for the action filter: the 'all of a kind' entries, then each action."""
    return [(f"{prefix}*", label) for prefix, label in ACTION_GROUPS.items()] + [
        (code, action_label(code)) for code in [*ACTION_LABELS, *WAGTAIL_ACTIONS]
    ]

"""Wagtail's account page: its moderation mail switches (submitted / approved / rejected) do nothing
since vistka.notifications.events replaced Wagtail's moderation mail handlers, so its Notifications
panel keeps only the comment switch (Wagtail's edit view still mails comment updates by it), and
the account page links this app's own choices."""

from django import forms
from wagtail.admin.views.account import NotificationsSettingsPanel
from wagtail.admin.widgets import SwitchInput
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.users.models import UserProfile


class CommentNotificationsForm(forms.ModelForm):
    """Wagtail's NotificationPreferencesForm without the switches nothing reads any more."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not policy_registry.get_by_type(Page).user_has_permission(self.instance.user, "change"):
            del self.fields["updated_comments_notifications"]

    class Meta:
        model = UserProfile
        fields = ["updated_comments_notifications"]
        widgets = {"updated_comments_notifications": SwitchInput()}


def keep_only_live_switches():
    """Wagtail builds the panel itself in AccountView.get_panels (no hook removes it); it asks
    the panel's form_class for its fields and hides the panel when none is left."""
    NotificationsSettingsPanel.form_class = CommentNotificationsForm

"""The user admin with one rule Wagtail leaves out: only superusers make, change or switch off
superusers.

Wagtail lets anyone with the change-user permission (the Admins group) tick "Administrator" on
another account or a new one, and edit or deactivate a superuser's account (its password and
e-mail included): an Admin could make themselves a superuser through a second account or take a
superuser's over. Deleting a superuser Wagtail already keeps to superusers.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.models import UserProfile
from wagtail.users.views import users
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction


def may_manage_superusers(user):
    return user.is_active and user.is_superuser


class SuperuserFlagForSuperusersOnly:
    """The "Administrator" (is_superuser) box is shown disabled to everyone else, so a posted
    value is ignored and the account keeps what it had."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("is_superuser")
        if field is not None and not (for_user is not None and may_manage_superusers(for_user)):
            field.disabled = True


class AdminLanguageField:
    """The language the admin speaks to the account (Wagtail's UserProfile.preferred_language),
    set by whoever creates or edits staff; empty: their edition's (vistka.newsroom.admin_language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"] = forms.ChoiceField(
            label=_("Admin language"),
            required=False,
            choices=[("", _("The language of their edition"))]
            + list(settings.WAGTAILADMIN_PERMITTED_LANGUAGES),
        )
        if self.instance.pk:
            profile = UserProfile.objects.filter(user_id=self.instance.pk).first()
            self.initial["preferred_language"] = profile.preferred_language if profile else ""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = self.cleaned_data.get("preferred_language") or ""
            profile.save(update_fields=["preferred_language"])
        return user


class NewsroomUserCreationForm(SuperuserFlagForSuperusersOnly, AdminLanguageField, UserCreationForm):
    pass


class NewsroomUserEditForm(SuperuserFlagForSuperusersOnly, AdminLanguageField, UserEditForm):
    pass


class CreateView(users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class EditView(users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not may_manage_superusers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    # Wagtail's forms plus the account's admin language.
    create_template_name = "newsroom/users/create.html"
    edit_template_name = "newsroom/users/edit.html"

    def get_form_class(self, for_update=False):
        return NewsroomUserEditForm if for_update else NewsroomUserCreationForm


def refuse_bulk_changes_to_superusers(request, action_type, objects, action_class_instance):
    """Bulk "set active state", "assign role" and "delete" on the users list: not on superusers,
    except by one."""
    if not isinstance(action_class_instance, UserBulkAction) or may_manage_superusers(request.user):
        return None
    if any(user.is_superuser for user in objects):
        raise PermissionDenied
    return None

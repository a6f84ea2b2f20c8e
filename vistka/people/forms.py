"""The author record's form: its staff account is chosen among the record's own edition's staff."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


def edition_staff(locale):
    """Active accounts in a role of the edition in `locale` (vistka.newsroom.roles' groups)."""
    from vistka.newsroom.roles import EDITION_ROLES, group_name

    names = [group_name(role, locale.language_code) for role in EDITION_ROLES]
    staff = get_user_model().objects.filter(is_active=True, groups__name__in=names)
    return staff.distinct().order_by("username")


class AuthorForm(WagtailAdminModelForm):
    """Lists only the edition's staff (the form showed every account of every edition, and let an
    editor link another edition's reporter or an administrator to a byline), and checks it again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("user")
        if field is None:
            return
        locale = self.instance.locale if self.instance.locale_id else None
        staff = edition_staff(locale) if locale else get_user_model().objects.none()
        if self.instance.user_id:  # the current link stays visible, to be kept or removed
            staff = get_user_model().objects.filter(pk=self.instance.user_id) | staff
        field.queryset = staff.distinct()

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if user is None or user.pk == self.instance.user_id:
            return user
        if not self.instance.locale_id or not edition_staff(self.instance.locale).filter(pk=user.pk).exists():
            raise ValidationError(_("Choose a member of this edition's staff."))
        return user

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from vistka.twofactor.factors import kind_of

register = template.Library()


@register.filter
def factor_kind(device):
    return kind_of(device)


@register.simple_tag
def factor_label(device):
    kind = kind_of(device)
    if kind == "totp":
        return _("Authenticator app")
    if kind == "passkey":
        return pgettext("two-factor", "Passkey")
    if kind == "recovery":
        return _("Recovery codes")
    return str(device)

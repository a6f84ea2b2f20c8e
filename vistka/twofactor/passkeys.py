"""django-otp-webauthn's ceremony views, with the project's session, audit and notice steps, and
its browser strings in the staff member's admin language."""

import json

from django.urls import path, reverse
from django.utils.translation import get_language
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.admin.auth import require_admin_access

from vistka.twofactor import steps
from vistka.twofactor.jsi18n import CATALOGUES


class CompleteRegistration(webauthn.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        device = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"], user=self.request.user)
        steps.enrolled(self.request, device)
        steps.offer_recovery_codes(self.request)  # the page goes on to show them
        return response


class CompleteAuthentication(webauthn.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        if device.user_id != self.request.user.pk:
            raise exceptions.CredentialUserMismatch()
        steps.passed(self.request, device)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")


class Catalogue(JavaScriptCatalog):
    """The library's interface strings (it ships no Ukrainian or Russian) for the active language."""

    def get_catalog(self):
        return dict(CATALOGUES.get((get_language() or "").split("-")[0], {}))


urlpatterns = [
    path(
        "registration/begin/",
        webauthn.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path(
        "authentication/begin/",
        webauthn.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        require_admin_access(Catalogue.as_view(packages=["vistka.twofactor"])),
        name="js-i18n-catalog",
    ),
]

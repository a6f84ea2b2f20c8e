"""Mounted at /admin/2fa/ (before Wagtail's admin URLs)."""

from django.urls import include, path

from vistka.twofactor import passkeys, views

urlpatterns = [
    path("", views.factors_page, name="twofactor_factors"),
    path("verify/", views.verify, name="twofactor_verify"),
    path("enrol/", views.enrol, name="twofactor_enrol"),
    path("recovery-codes/", views.recovery_codes, name="twofactor_recovery_codes"),
    path("remove/<str:kind>/<int:pk>/", views.remove_factor, name="twofactor_remove"),
    path("staff/", views.staff, name="twofactor_staff"),
    path("staff/<int:user_id>/reset/", views.reset, name="twofactor_reset"),
    # django-otp-webauthn's template tags reverse these names in the "otp_webauthn" namespace.
    path("webauthn/", include((passkeys.urlpatterns, "otp_webauthn"))),
]

"""Wagtail's password-reset form address, answered by the throttled view (mounted before Wagtail's)."""

from django.urls import path

from vistka.accounts.views import ThrottledPasswordResetView

urlpatterns = [path("", ThrottledPasswordResetView.as_view(), name="accounts_password_reset")]

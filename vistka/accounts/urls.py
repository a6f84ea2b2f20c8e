"""Mounted by the Wagtail admin (register_admin_urls): /admin/sessions/…"""

from django.urls import path

from vistka.accounts import views

urlpatterns = [
    path("", views.my_sessions, name="accounts_my_sessions"),
    path("user/<int:user_id>/", views.user_sessions, name="accounts_user_sessions"),
]

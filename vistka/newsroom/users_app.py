"""wagtail.users with the newsroom's user views (listed in INSTALLED_APPS instead of "wagtail.users",
Wagtail's documented way to customise its user admin)."""

from wagtail.users.apps import WagtailUsersAppConfig


class NewsroomUsersConfig(WagtailUsersAppConfig):
    user_viewset = "vistka.newsroom.user_admin.UserViewSet"

    def ready(self):
        super().ready()
        from wagtail import hooks

        from vistka.newsroom.user_admin import refuse_bulk_changes_to_superusers

        hooks.register("before_bulk_action", refuse_bulk_changes_to_superusers)

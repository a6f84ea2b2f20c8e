"""Wagtail's editing-sessions module (presence, and the dialog shown before saving over a newer
version) with a conflict dialog that shows what differs before anything is sent."""

from django.urls import reverse
from wagtail.admin.ui.editing_sessions import EditingSessionsModule


class ConflictDialogSessionsModule(EditingSessionsModule):
    template_name = "concurrency/editing_sessions_module.html"

    def __init__(self, module, page):
        super().__init__(
            module.current_session,
            module.ping_url,
            module.release_url,
            module.sessions_list.sessions,
            module.revision_id,
            module.revision_created_at,
        )
        self.conflict_url = reverse("concurrency:conflict", args=(page.pk,))

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), "conflict_url": self.conflict_url}

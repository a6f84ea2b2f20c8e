"""The newsroom's one table: which revisions only Wagtail's autosave wrote (vistka.newsroom.drafts).
The app also receives post_migrate (see apps.py)."""

from django.db import models


class AutosavedRevision(models.Model):
    """A revision written by the autosave, not by a person's Save, Submit or Publish. Only a story
    whose every revision is one of these may be deleted as an abandoned draft: positive evidence
    that nobody ever chose to keep it."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

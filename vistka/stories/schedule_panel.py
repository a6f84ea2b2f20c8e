"""The publishing schedule dialog with the browser's own date and time control.

Wagtail's picker (jQuery datetimepicker) opens over the dialog's "Save schedule" button and lists
whole hours only. A native `datetime-local` input takes any minute, is typed with the keyboard
(and the browser's or phone's own picker), and draws nothing over the page.
"""

from django import forms
from wagtail.admin.panels import FieldPanel, PublishingPanel

# What Wagtail gives its schedule fields: the dialog resets them when it closes unsaved.
DIALOG_FIELD_ATTRS = {
    "data-controller": "w-action",
    "data-action": "w-dialog:hidden->w-action#reset",
    "data-w-dialog-target": "notify",
}


class MinuteDateTimeInput(forms.DateTimeInput):
    """<input type="datetime-local"> to the minute; Django's DateTimeField reads its ISO value."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": "60", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class SchedulePublishingPanel(PublishingPanel):
    """Wagtail's schedule dialog (go live / expire) with MinuteDateTimeInput fields."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "children",
            [
                FieldPanel(name, widget=MinuteDateTimeInput(attrs=DIALOG_FIELD_ATTRS))
                for name in ("go_live_at", "expire_at")
            ],
        )
        super().__init__(**kwargs)

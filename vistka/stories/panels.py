"""Panels of the story form that depend on the story (see vistka.stories.forms)."""

from wagtail.admin.panels import InlinePanel, Panel


class FormsetIfInFormPanel(InlinePanel):
    """An InlinePanel shown only when the form keeps its formset: the story form leaves out the
    live entries of a story that is not live, so a news item has no live panel."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            self.left_out = form is not None and kwargs["panel"].relation_name not in form.formsets
            if self.left_out:
                Panel.BoundPanel.__init__(self, **kwargs)
                self.label = self.panel.label
            else:
                super().__init__(**kwargs)

        def is_shown(self):
            return not self.left_out and super().is_shown()

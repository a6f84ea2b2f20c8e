"""Choosing a newsroom record (section, tag) by typing: a text box that offers the edition's
records sorted in its alphabet, and, where the user may add records, creates a new one in place.
The chosen record's id travels in a hidden input under the field's own name, so the form posts
what Wagtail's choosers post."""

import json

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vistka.taxonomy.collation import sorted_by_name


class RecordTypeahead(forms.Select):
    template_name = "taxonomy/widgets/record_typeahead.html"

    def __init__(self, attrs=None, language_code="uk", create_url=None, create_label=None):
        super().__init__(attrs)
        self.language_code = language_code
        self.create_url = create_url
        self.create_label = create_label

    class Media:
        js = ["taxonomy/js/record-typeahead.js"]
        css = {"all": ["taxonomy/css/record-typeahead.css"]}

    def options_list(self):
        """[[id, name], ...] of the field's records, in the edition's alphabet."""
        pairs = [(str(value), str(label)) for value, label in self.choices if value not in ("", None)]
        return [list(pair) for pair in sorted_by_name(pairs, self.language_code, name=lambda p: p[1])]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = self.options_list()
        chosen = "" if value in (None, "") else str(getattr(value, "value", value))
        context["widget"].update(
            {
                "chosen_id": chosen,
                "chosen_name": next((label for pk, label in options if pk == chosen), ""),
                "options_json": json.dumps(options, ensure_ascii=False),
                "create_url": self.create_url or "",
                "create_label": str(self.create_label or ""),
                "placeholder": str(_("Start typing…")),
                "no_match": str(_("Nothing found")),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)


def record_typeahead(model, locale, user):
    """The typeahead for `model` records of the edition `locale`, with in-place creation when
    `user` may add such records there."""
    from vistka.newsroom.record_permissions import record_policy
    from vistka.taxonomy.in_place import create_label as label_for

    code = locale.language_code
    create_url = create_label = None
    label = label_for(model)
    if label and code in record_policy(model).editions_for(user, ["add"]):
        create_url = reverse("taxonomy_create_in_place", args=(model._meta.model_name, code))
        create_label = label
    return RecordTypeahead(language_code=code, create_url=create_url, create_label=create_label)

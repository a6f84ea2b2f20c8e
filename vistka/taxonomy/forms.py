"""Forms for records created in place from a story (vistka.taxonomy.record_views)."""

from django import forms

from vistka.taxonomy.in_place import unique_slug
from vistka.taxonomy.models import Source


class SourceInPlaceForm(forms.ModelForm):
    """A source typed in from the story's source chooser: its slug is made free in the edition."""

    class Meta:
        model = Source
        fields = ["name", "qualifier", "url"]

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name and self.instance.locale_id:
            self.instance.slug = unique_slug(Source, self.instance.locale, name)
        return cleaned

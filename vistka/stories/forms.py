"""The story form: one screen for filing.

- A new story starts with its reporter as the byline (the author record linked to the account in
  the story's edition, see vistka.people).
- Section and tags are chosen by typing, from the story's edition only, in its alphabet; a tag can
  be created in place by those who may add tags in that edition (vistka.taxonomy.widgets).
- Live entries are part of the form only for live stories (and for stories that have entries).
- The lead image's alt text, caption and credit left empty are those kept with the image.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from vistka.people.models import Author
from vistka.stories.kinds import Kind
from vistka.taxonomy.models import Section, Tag
from vistka.taxonomy.widgets import record_typeahead

LIVE_ONLY_FORMSETS = ("live_entries",)
FROM_THE_IMAGE = _("Leave empty to use the one kept with the image.")
LEAD_IMAGE_WORDS = ("lead_image_alt", "lead_image_caption", "lead_image_credit")


def has_live_form(page):
    return page.kind == Kind.LIVE or bool(page.pk and page.live_entries.exists())


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if not has_live_form(page):
            for name in LIVE_ONLY_FORMSETS:
                self.formsets.pop(name, None)
        for name in LEAD_IMAGE_WORDS:
            if name in self.fields:
                field = self.fields[name]
                field.help_text = " ".join(str(text) for text in (field.help_text, FROM_THE_IMAGE) if text)
        if page.locale_id is None:
            return
        self.type_records(page)
        if not self.is_bound:
            self.start_unbound(page)

    def type_records(self, page):
        """Section and tags typed, offering the story's edition's records (and what it has)."""
        locale, user = page.locale, self.for_user
        field = self.fields.get("section")
        if field is not None:
            field.queryset = Section.objects.filter(Q(locale_id=page.locale_id) | Q(pk=page.section_id))
            field.widget = record_typeahead(Section, locale, user)
            field.widget.choices = field.choices
        formset = self.formsets.get("story_tags")
        if formset is not None:
            had = [link.tag_id for link in page.story_tags.all()]
            queryset = Tag.objects.filter(Q(locale_id=page.locale_id) | Q(pk__in=had))
            formset.form = typed_child_form(
                formset.form, "tag", queryset, lambda: record_typeahead(Tag, locale, user)
            )

    def start_unbound(self, page):
        """A new story: the reporter's byline; a tag box ready to type into."""
        tags = self.formsets.get("story_tags")
        if tags is not None and not page.story_tags.all():
            tags.extra = 1
        authors = self.formsets.get("story_authors")
        if authors is not None and page.pk is None and not page.story_authors.all():
            byline = Author.byline_for(self.for_user, page.locale_id)
            if byline is not None:
                authors.extra = 1
                authors.initial_extra = [{"author": byline.pk}]


def typed_child_form(form_class, field_name, queryset, make_widget):
    """The child form class of a formset with `field_name` limited to `queryset` and typed."""

    class TypedChildForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields[field_name]
            field.queryset = queryset
            field.widget = make_widget()
            field.widget.choices = field.choices
            field.required = False  # a row left empty is dropped (clean), not refused

        def clean(self):
            cleaned = super().clean()
            if not cleaned.get(field_name):
                cleaned["DELETE"] = True  # the formset leaves out (or deletes) a row without a record
            return cleaned

    TypedChildForm.__name__ = form_class.__name__
    return TypedChildForm

"""Wagtail 8.0 translates its chooser viewsets' labels with `gettext`, not `gettext_lazy`
(wagtail/admin/viewsets/chooser.py), so they are frozen in the language active when the module is
imported (the site's default, Ukrainian): an English or Russian admin got "Пошук", "Вибрати" and
"Створити" in every chooser modal (images, records). Made lazy again here, at start-up, before any
viewset is built, they follow each staff member's language. Remove once Wagtail fixes it."""

from django.utils.translation import gettext_lazy

LAZY_LABELS = {
    "choose_one_text": "Choose",
    "choose_another_text": "Choose another",
    "edit_item_text": "Edit",
    "search_tab_label": "Search",
    "create_action_label": "Create",
}


def make_chooser_labels_lazy():
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    for name, text in LAZY_LABELS.items():
        if isinstance(ChooserViewSet.__dict__.get(name), str):
            setattr(ChooserViewSet, name, gettext_lazy(text))

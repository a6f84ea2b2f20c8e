from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from vistka.editions.models import EditionSettings
from vistka.people.models import Author
from vistka.taxonomy.models import Section, Source, Tag

EDITION_COLUMN = Column("locale", label=capfirst(_("edition")), sort_key="locale")


class RecordIndexView(IndexView):
    """The add button's label written whole for the model: Wagtail's "Add %(model_name)s" puts
    the name in the nominative ("Додати рубрика"), where Ukrainian and Russian need another case."""

    add_label = None

    @cached_property
    def add_item_label(self):
        return self.add_label or super().add_item_label


class RecordViewSet(SnippetViewSet):
    index_view_class = RecordIndexView
    add_label = None
    list_display = ["name", "slug", EDITION_COLUMN]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_label=self.add_label, **kwargs)


class SectionViewSet(RecordViewSet):
    model = Section
    icon = "folder-open-inverse"
    add_label = _("Add section")
    ordering = ["sort_order", "name"]


class TagViewSet(RecordViewSet):
    model = Tag
    icon = "tag"


class SourceViewSet(RecordViewSet):
    model = Source
    icon = "site"
    list_display = ["name", "qualifier", EDITION_COLUMN]


class AuthorViewSet(RecordViewSet):
    model = Author
    icon = "user"
    add_label = _("Add author")
    list_display = ["name", "role", EDITION_COLUMN]


class EditionSettingsViewSet(SnippetViewSet):
    model = EditionSettings
    icon = "cog"
    list_display = ["__str__", "support_url", "ads_enabled"]
    menu_label = _("Edition settings")


class NewsroomRecords(SnippetViewSetGroup):
    menu_label = _("Records")
    menu_icon = "folder-inverse"
    menu_order = 150
    items = (AuthorViewSet, SourceViewSet, TagViewSet, SectionViewSet, EditionSettingsViewSet)


register_snippet(NewsroomRecords)

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from vistka.editions.models import EditionSettings
from vistka.people.models import Author
from vistka.taxonomy.models import Section, Source, Tag


class RecordViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]


class SectionViewSet(RecordViewSet):
    model = Section
    icon = "folder-open-inverse"
    ordering = ["sort_order", "name"]


class TagViewSet(RecordViewSet):
    model = Tag
    icon = "tag"


class SourceViewSet(RecordViewSet):
    model = Source
    icon = "site"
    list_display = ["name", "qualifier", "locale"]


class AuthorViewSet(RecordViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "locale"]


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

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from vistka.newsroom.record_permissions import register_record_policies

register_record_policies()  # before the viewsets below: Wagtail would otherwise make fallbacks

from vistka.editions.models import EditionSettings  # noqa: E402
from vistka.people.models import Author  # noqa: E402
from vistka.stories.models import ArticlePage  # noqa: E402
from vistka.taxonomy import record_audit  # noqa: E402
from vistka.taxonomy.forms import SourceInPlaceForm  # noqa: E402
from vistka.taxonomy.in_place import create_in_place  # noqa: E402
from vistka.taxonomy.models import Section, Source, Tag  # noqa: E402
from vistka.taxonomy.record_usage import records_in_use, refusal_text  # noqa: E402
from vistka.taxonomy.record_views import (  # noqa: E402
    CreatingRecordChooserViewSet,
    EditionIndexView,
    EditionSealedViewSet,
)
from vistka.taxonomy.story_records import chooses_other_editions_records  # noqa: E402

RECORD_MODELS = (Tag, Section, Source, Author, EditionSettings)
STORY_RECORD_MODELS = (Tag, Section, Source, Author)

EDITION_COLUMN = Column("locale", label=capfirst(_("edition")), sort_key="locale")


class RecordIndexView(EditionIndexView):
    """The add button's label written whole for the model: Wagtail's "Add %(model_name)s" puts
    the name in the nominative ("Додати рубрика"), where Ukrainian and Russian need another case."""

    add_label = None

    @cached_property
    def add_item_label(self):
        return self.add_label or super().add_item_label


class RecordViewSet(EditionSealedViewSet):
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


class SourceChooserViewSet(CreatingRecordChooserViewSet):
    creation_form_class = SourceInPlaceForm


class SourceViewSet(RecordViewSet):
    model = Source
    icon = "site"
    list_display = ["name", "qualifier", EDITION_COLUMN]
    chooser_viewset_class = SourceChooserViewSet  # a new source can be added from the story


class AuthorViewSet(RecordViewSet):
    model = Author
    icon = "user"
    add_label = _("Add author")
    list_display = ["name", "role", EDITION_COLUMN]


class EditionSettingsViewSet(EditionSealedViewSet):
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


# --- deleting records in use, and the audit trail ------------------------------------------

_BEFORE_EDIT = "_vistka_record_before_edit"
_BEING_DELETED = "_vistka_records_being_deleted"


@hooks.register("after_create_snippet")
def audit_record_created(request, instance):
    if isinstance(instance, RECORD_MODELS):
        record_audit.record_created(request, instance)


@hooks.register("before_edit_snippet")
def remember_record_before_edit(request, instance):
    if isinstance(instance, RECORD_MODELS):
        setattr(request, _BEFORE_EDIT, record_audit.snapshot(instance))


@hooks.register("after_edit_snippet")
def audit_record_changed(request, instance):
    if isinstance(instance, RECORD_MODELS):
        record_audit.record_changed(request, getattr(request, _BEFORE_EDIT, {}), instance)


@hooks.register("before_delete_snippet")
def refuse_deleting_records_in_use(request, instances):
    """Single and bulk deletion alike: a record stories use is not deleted; the message names
    the stories (on the confirmation screen already, and again if the deletion is posted)."""
    records = [instance for instance in instances if isinstance(instance, RECORD_MODELS)]
    if not records:
        return None
    in_use = records_in_use([r for r in records if isinstance(r, STORY_RECORD_MODELS)])
    if in_use:
        messages.error(request, refusal_text(in_use))
        return redirect(reverse(records[0].snippet_viewset.get_url_name("list")))
    setattr(request, _BEING_DELETED, {id(r): (r.pk, record_audit.snapshot(r)) for r in records})
    return None


@hooks.register("after_delete_snippet")
def audit_records_deleted(request, instances):
    being_deleted = getattr(request, _BEING_DELETED, {})
    for instance in instances:
        if id(instance) in being_deleted:
            pk, before = being_deleted[id(instance)]
            record_audit.record_deleted(request, instance, pk, before)


# --- records chosen in a story ---------------------------------------------------------------


@hooks.register("before_create_page")
def refuse_other_editions_records_on_create(request, parent_page, page_class):
    if request.method != "POST" or not issubclass(page_class, ArticlePage):
        return
    if chooses_other_editions_records(request.POST, parent_page.locale_id):
        raise PermissionDenied


@hooks.register("before_edit_page")
def refuse_other_editions_records_on_edit(request, page):
    story = page.specific_deferred
    if request.method != "POST" or not isinstance(story, ArticlePage):
        return
    if chooses_other_editions_records(request.POST, page.locale_id, story):
        raise PermissionDenied


# --- records created from the story ---------------------------------------------------------


@hooks.register("register_admin_urls")
def create_in_place_urls():
    return [
        path(
            "records/<str:model_name>/<str:language_code>/create-in-place/",
            create_in_place,
            name="taxonomy_create_in_place",
        )
    ]

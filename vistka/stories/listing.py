"""The newsroom's story listings: the explorer of each edition's story archive and a flat
"Stories" listing of every edition the user works in.

Each row shows the story's kind, section, authors, edition and where it stands in the workflow
(draft, in review at which task, changes requested, scheduled, published, published with a
newer draft); each of these is also a filter. Rows are what the user may see (their editions'
drafts, others' published stories: page_permissions.shown_to) and cost no query per row:
section and locale are joined, authors and workflow states prefetched, the schedule annotated.
"""

import django_filters
from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Cast
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet, PageViewSet, page_viewset_registry
from wagtail.models import Page, Revision, Task, WorkflowState

from vistka.editions.languages import EDITIONS, get_edition
from vistka.newsroom.page_permissions import member_locale_ids, sees_all_editions, shown_to
from vistka.people.models import Author
from vistka.stories.kinds import KIND_LABELS, Kind
from vistka.stories.models import ArticleAuthor, ArticlePage
from vistka.taxonomy.models import Section

# --- where a story stands ------------------------------------------------------------------


class State:
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    SCHEDULED = "scheduled"
    LIVE = "live"
    LIVE_WITH_CHANGES = "live_with_changes"

    choices = [
        (DRAFT, _("Draft")),
        (IN_REVIEW, _("In review")),
        (CHANGES_REQUESTED, _("Changes requested")),
        (SCHEDULED, _("Scheduled")),
        (LIVE, _("Published")),
        (LIVE_WITH_CHANGES, _("Published, with a newer draft")),
    ]


def _workflow_state(status):
    from django.contrib.contenttypes.models import ContentType

    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status=status,
        )
    )


def _approved_schedule():
    """A revision approved to go live later: what the scheduler will actually publish (a go-live
    date on a draft alone is not a schedule)."""
    return Exists(
        Revision.page_revisions.filter(
            approved_go_live_at__isnull=False, object_id=Cast(OuterRef("pk"), output_field=CharField())
        )
    )


def state_condition(state):
    in_review = _workflow_state(WorkflowState.STATUS_IN_PROGRESS)
    changes = _workflow_state(WorkflowState.STATUS_NEEDS_CHANGES)
    scheduled = _approved_schedule()
    return {
        State.DRAFT: Q(live=False) & ~in_review & ~changes & ~scheduled,
        State.IN_REVIEW: in_review,
        State.CHANGES_REQUESTED: changes,
        State.SCHEDULED: scheduled,
        State.LIVE: Q(live=True, has_unpublished_changes=False),
        State.LIVE_WITH_CHANGES: Q(live=True, has_unpublished_changes=True) & ~in_review & ~scheduled,
    }[state]


def state_label(page):
    """The row's workflow state, from what annotate_for_listing loaded (no query)."""
    workflow = next(iter(getattr(page, "_current_workflow_states", None) or []), None)
    if workflow is not None and workflow.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = workflow.current_task_state
        task = task_state.task if task_state is not None else None
        if task is not None:
            return gettext("In review: %(task)s") % {"task": gettext(task.name)}
        return gettext("In review")
    if workflow is not None and workflow.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return gettext("Changes requested")
    if getattr(page, "_approved_schedule", False):
        if page.go_live_at and page.go_live_at > timezone.now():
            moment = date_format(timezone.localtime(page.go_live_at), "SHORT_DATETIME_FORMAT")
            return gettext("Scheduled: %(time)s") % {"time": moment}
        return gettext("Scheduled")
    if page.live:
        if page.has_unpublished_changes:
            return gettext("Published, with a newer draft")
        return gettext("Published")
    return gettext("Draft")


# --- columns -------------------------------------------------------------------------------


def authors_of(page):
    return ", ".join(link.author.name for link in page.story_authors.all())


def edition_of(page):
    return get_edition(page.locale.language_code).name


COLUMNS = [
    BulkActionsColumn("bulk_actions"),
    PageTitleColumn("title", label=_("Headline"), sort_key="title", classname="title"),
    Column(
        "kind",
        label=_("Kind"),
        accessor=lambda page: str(KIND_LABELS.get(page.kind, page.kind)),
        sort_key="kind",
    ),
    Column(
        "section",
        label=_("Section"),
        accessor=lambda page: page.section.name if page.section_id else "",
        sort_key="section__name",
    ),
    Column("authors", label=_("Authors"), accessor=authors_of),
    Column("edition", label=_("Edition"), accessor=edition_of, sort_key="locale__language_code"),
    Column("state", label=_("Status"), accessor=state_label),
    DateColumn("latest_revision_created_at", label=_("Updated"), sort_key="latest_revision_created_at"),
]


# --- filters -------------------------------------------------------------------------------


def _member_locales(request):
    return None if sees_all_editions(request.user) else member_locale_ids(request.user)


def sections_for(request):
    locales = _member_locales(request)
    sections = Section.objects.select_related("locale").order_by("locale_id", "name")
    return sections if locales is None else sections.filter(locale_id__in=locales)


def authors_for(request):
    locales = _member_locales(request)
    authors = Author.objects.order_by("name")
    return authors if locales is None else authors.filter(locale_id__in=locales)


class SectionChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({get_edition(obj.locale.language_code).short})"


class SectionFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SectionChoiceField


class AuthorFilter(django_filters.ModelMultipleChoiceFilter):
    """Stories with any of the chosen authors; a subquery, so a story with two of them is one row."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=ArticleAuthor.objects.filter(author__in=value).values("page_id"))


class StoryFilterSet(WagtailFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Kind.choices, widget=CheckboxSelectMultiple
    )
    state = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=State.choices, widget=CheckboxSelectMultiple, method="filter_state"
    )
    locale = django_filters.MultipleChoiceFilter(
        label=_("Edition"),
        field_name="locale__language_code",
        choices=[(edition.code, edition.name) for edition in EDITIONS],
        widget=CheckboxSelectMultiple,
    )
    section = SectionFilter(label=_("Section"), queryset=sections_for, widget=CheckboxSelectMultiple)
    author = AuthorFilter(label=_("Authors"), queryset=authors_for, widget=CheckboxSelectMultiple)
    latest_revision_created_at = django_filters.DateFromToRangeFilter(
        label=_("Updated"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_state(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for state in value:
            condition |= state_condition(state)
        return queryset.filter(condition)


# --- views ---------------------------------------------------------------------------------


class StoryListingMixin:
    """Rows the user may see, loaded for the columns above in a fixed number of queries."""

    show_locale_labels = False  # the edition has its own column; the title keeps the room
    table_classname = "listing full-width story-listing"

    def annotate_queryset(self, pages):
        # Every row is an ArticlePage already: no specific() pass (it would re-fetch each row
        # type and drop the joins below).
        authors = ArticleAuthor.objects.select_related("author").order_by("sort_order")
        pages = (
            pages.select_related("section", "locale", "content_type")
            .prefetch_related("sites_rooted_here", Prefetch("story_authors", queryset=authors))
            .defer_streamfields()
        )
        if getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            # As PageQuerySet.prefetch_workflow_states() for a specific queryset: rows of a
            # subclass match workflow states by their own content type, not Page's.
            states = WorkflowState.objects.active().select_related("current_task_state__task")
            pages = pages.prefetch_related(
                Prefetch("_specific_workflow_states", queryset=states, to_attr="_current_workflow_states")
            )
        if self.i18n_enabled:
            pages = pages.annotate_has_untranslated_locale()
        return pages.annotate_site_root_state().annotate_approved_schedule()

    def get_base_queryset(self):
        return super().get_base_queryset().filter(shown_to(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        share_specific_tasks(context["object_list"])
        return context


def share_specific_tasks(pages):
    """One specific task object per task for all rows: each row's buttons ask whether the page is
    locked by its workflow task (Task.specific), a query per row in review otherwise."""
    task_states = [
        workflow.current_task_state
        for page in pages
        for workflow in getattr(page, "_current_workflow_states", ())
        if workflow.current_task_state is not None and workflow.current_task_state.task is not None
    ]
    ids = {state.task_id for state in task_states}
    if not ids:
        return
    specific = {task.pk: task for task in Task.objects.filter(pk__in=ids).specific()}
    for state in task_states:
        if state.task_id in specific:
            state.task.__dict__["specific"] = specific[state.task_id]


class StoryIndexView(StoryListingMixin, IndexView):
    page_title = _("Stories")
    default_ordering = "-latest_revision_created_at"


class StoryExplorableIndexView(StoryListingMixin, ExplorableIndexView):
    default_ordering = "-latest_revision_created_at"  # not the tree's order: newest work first


class StoryListingViewSet(PageListingViewSet):
    """The flat listing in the menu: every story the user may see, all editions."""

    model = ArticlePage
    name = "story_listing"
    url_prefix = "stories"
    icon = "doc-full"
    menu_label = _("Stories")
    menu_order = 2
    add_to_admin_menu = True
    index_view_class = StoryIndexView
    columns = COLUMNS
    filterset_class = StoryFilterSet


class StoryExplorerViewSet(PageViewSet):
    """The story columns and filters in the explorer of each story archive (the archive takes
    only stories, so Wagtail asks the viewset registered for that parent). Registered for the
    parent only: a story's own views (edit, and the concurrency app's edit view for every page)
    stay those of the viewset registered for Page."""

    model = ArticlePage
    name = "story_explorer"
    index_view_class = StoryExplorableIndexView
    columns = COLUMNS
    filterset_class = StoryFilterSet

    def on_register(self):
        super(PageViewSet, self).on_register()
        for parent_model in self.parent_models:
            page_viewset_registry.values_by_parent_model[parent_model] = self

"""Dashboard panels for the newsroom, per role (see dashboard_panels_for).

Each list is paged (DASHBOARD_ROWS_PER_PANEL rows, its own ?<name>=N parameter) so that the
dashboard of any role stays within one screen: an editor's review queue comes first, a reporter's
returned and unfinished stories, a translator's missing stories and corrections to carry over.
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from vistka.newsroom.editions import archives_user_can_add_to
from vistka.newsroom.scheduled import scheduled_stories
from vistka.stories.models import ArticlePage

MISSING_WINDOW = timedelta(hours=48)
MISSING_LOOKED_AT = 300  # most recent stories considered for the missing list


def stories_missing_in(locale_id, since=None):
    """Visible stories of the last 48 hours that exist in another edition but not in this one."""
    since = since or timezone.now() - MISSING_WINDOW
    present = ArticlePage.objects.filter(locale_id=locale_id, translation_key=OuterRef("translation_key"))
    return (
        ArticlePage.objects.visible()
        .filter(first_published_at__gte=since)
        .exclude(locale_id=locale_id)
        .exclude(Exists(present))
        .select_related("locale")
        .order_by("-first_published_at")
    )


class PagedPanel(Component):
    """A dashboard panel showing one page of its rows; `param` names its page in the query."""

    param = "page"
    heading = ""

    def rows(self, request):
        raise NotImplementedError

    def page_of(self, request, rows):
        paginator = Paginator(rows, settings.DASHBOARD_ROWS_PER_PANEL)
        return paginator.get_page(request.GET.get(self.param))

    def url_of(self, request, number):
        """The dashboard with this panel at page `number`, the other panels where they were."""
        query = request.GET.copy()
        query[self.param] = number
        return f"?{query.urlencode()}#{self.name}"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        page_obj = self.page_of(request, self.rows(request))
        return {
            "panel": self,
            "previous_url": self.url_of(request, page_obj.previous_page_number())
            if page_obj.has_previous()
            else None,
            "next_url": self.url_of(request, page_obj.next_page_number()) if page_obj.has_next() else None,
            "page_obj": page_obj,
            "rows": list(page_obj),
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
        }


class MissingTranslationsPanel(PagedPanel):
    name = "missing_translations"
    order = 30
    param = "missing"
    template_name = "newsroom/panels/missing_translations.html"

    def __init__(self, archives):
        self.archives = archives

    def rows(self, request):
        rows = []
        for archive in self.archives:
            stories = list(stories_missing_in(archive.locale_id)[:MISSING_LOOKED_AT])
            # One story per translation group: prefer the earliest original.
            seen, unique = set(), []
            for story in reversed(stories):
                if story.translation_key not in seen:
                    seen.add(story.translation_key)
                    unique.append(story)
            rows += [{"story": story, "locale": archive.locale} for story in reversed(unique)]
        return rows


class ScheduledStoriesPanel(Component):
    name = "scheduled_stories"
    order = 95
    template_name = "newsroom/panels/scheduled_stories.html"
    heading = _("Scheduled")

    def __init__(self, archives):
        self.archives = archives

    def get_context_data(self, parent_context):
        locale_ids = [a.locale_id for a in self.archives]
        # Only what will go live: an approved, scheduled revision (not a draft's go-live field).
        stories = scheduled_stories(locale_ids).select_related("locale")[:30]
        return {"stories": stories}


# --- per role ---------------------------------------------------------------------------------


def in_editions(object_ids, locale_ids):
    """Of these page ids (WorkflowState.object_id: text), those of stories of these editions, as
    text. Asked with the few ids of open workflow states, never as a subquery over every story of
    the editions (a million at scale)."""
    ids = {int(i) for i in object_ids if str(i).isdigit()}
    stories = ArticlePage.objects.filter(pk__in=ids, locale_id__in=locale_ids)
    return [str(pk) for pk in stories.values_list("pk", flat=True)]


def with_stories(states, object_id_of):
    """Each workflow or task state with its story ({"state", "story"}), in one query; a state whose
    story is gone is left out."""
    stories = stories_by_text_id(object_id_of(state) for state in states)
    return [
        {"state": state, "story": stories[object_id_of(state)]}
        for state in states
        if object_id_of(state) in stories
    ]


def stories_by_text_id(ids):
    stories = ArticlePage.objects.filter(pk__in=[int(i) for i in ids]).select_related("locale")
    return {str(story.pk): story for story in stories}


class ReviewQueuePanel(PagedPanel):
    """What awaits this editor's review, oldest submission first (it has waited longest), in the
    editions they belong to only."""

    name = "review_queue"
    order = 10
    param = "review"
    template_name = "newsroom/panels/review_queue.html"

    def __init__(self, locale_ids):
        self.locale_ids = locale_ids

    def rows(self, request):
        from wagtail.models import TaskState

        reviewable = TaskState.objects.reviewable_by(request.user)
        ids = in_editions(reviewable.values_list("workflow_state__object_id", flat=True), self.locale_ids)
        return (
            reviewable.filter(workflow_state__object_id__in=ids)
            .select_related("workflow_state__requested_by")
            .order_by("started_at", "pk")
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = with_stories(context["rows"], lambda state: state.workflow_state.object_id)
        return context


class ReturnedStoriesPanel(PagedPanel):
    """Stories an editor sent back to this reporter with changes requested."""

    name = "returned_stories"
    order = 10
    param = "returned"
    template_name = "newsroom/panels/returned_stories.html"

    def __init__(self, locale_ids):
        self.locale_ids = locale_ids

    def rows(self, request):
        from wagtail.models import WorkflowState

        returned = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES, requested_by=request.user
        )
        ids = in_editions(returned.values_list("object_id", flat=True), self.locale_ids)
        return (
            returned.filter(object_id__in=ids)
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at", "-pk")
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = with_stories(context["rows"], lambda state: state.object_id)
        return context


class MyDraftsPanel(PagedPanel):
    """This reporter's unpublished stories, newest first, each marked draft or in review."""

    name = "my_drafts"
    order = 20
    param = "drafts"
    template_name = "newsroom/panels/my_drafts.html"

    def __init__(self, locale_ids):
        self.locale_ids = locale_ids

    def rows(self, request):
        from wagtail.models import WorkflowState

        in_review = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, object_id=Cast(OuterRef("pk"), output_field=CharField())
        )
        return (
            ArticlePage.objects.filter(owner=request.user, live=False, locale_id__in=self.locale_ids)
            .annotate(in_review=Exists(in_review))
            .select_related("locale")
            .order_by("-latest_revision_created_at", "-pk")
        )


class CorrectionsToCarryPanel(PagedPanel):
    """Corrections made in another edition that this translator has not yet dealt with (their
    unread "correction needs translating" notifications)."""

    name = "corrections_to_carry"
    order = 40
    param = "corrections"
    template_name = "newsroom/panels/corrections_to_carry.html"

    def rows(self, request):
        from vistka.notifications.kinds import CORRECTION_TO_TRANSLATE
        from vistka.notifications.models import Notification

        return Notification.objects.filter(
            recipient=request.user, kind=CORRECTION_TO_TRANSLATE, read_at__isnull=True
        ).select_related("page", "page__locale")


def roles_of(user):
    """The newsroom roles (roles.REPORTERS, ...) this user holds in any edition."""
    from vistka.newsroom import roles

    names = set(user.groups.values_list("name", flat=True))
    return {role for role in roles.EDITION_ROLES if any(name.startswith(f"{role} · ") for name in names)}


def newsroom_panels_for(user):
    """The newsroom's panels for this user's roles (an Admin or superuser gets every one)."""
    from vistka.newsroom import roles
    from vistka.newsroom.page_permissions import member_locale_ids

    archives = archives_user_can_add_to(user)
    if not archives:
        return []
    everything = user.is_superuser or user.groups.filter(name=roles.ADMINS).exists()
    held = set(roles.EDITION_ROLES) if everything else roles_of(user)
    locale_ids = {archive.locale_id for archive in archives} | member_locale_ids(user)
    panels = []
    if roles.EDITORS in held:
        panels += [ReviewQueuePanel(locale_ids), ScheduledStoriesPanel(archives)]
    if roles.REPORTERS in held:
        panels += [ReturnedStoriesPanel(locale_ids), MyDraftsPanel(locale_ids)]
    if roles.TRANSLATORS in held:
        panels += [MissingTranslationsPanel(archives), CorrectionsToCarryPanel()]
    return panels


def is_newsroom_staff_only(user):
    """Staff with an edition role and no Admin powers: their dashboard is the newsroom's alone."""
    from vistka.newsroom import roles

    if user.is_superuser or user.groups.filter(name=roles.ADMINS).exists():
        return False
    return bool(roles_of(user))

"""Who is told what when a story moves through review and publication (Wagtail's signals).

Wagtail's own moderation mails (wagtail.admin.signal_handlers) are disconnected: they went to
every superuser and to the approval groups of all editions alike, were sent inside the editor's
request and logged a traceback per notifier when the mail server was unreachable. These handlers
replace them, in-app and by e-mail, for the story's edition only.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    Page,
    PageLogEntry,
    TaskState,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from vistka.editions.languages import EDITIONS
from vistka.newsroom import roles
from vistka.notifications import kinds
from vistka.notifications.delivery import send

WAGTAIL_MAIL_HANDLERS = (
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
)
OUR_HANDLERS = (
    (task_submitted, TaskState, "on_task_submitted"),
    (workflow_approved, WorkflowState, "on_workflow_approved"),
    (workflow_rejected, WorkflowState, "on_workflow_rejected"),
)
# A publish this soon after the workflow's approval is that approval's (one notice, not two).
APPROVAL_PUBLISH_WINDOW = timedelta(seconds=60)


def story_of(workflow_state):
    page = workflow_state.content_object
    return page if isinstance(page, Page) else None


def on_task_submitted(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    page = story_of(instance.workflow_state)
    if page is None or not isinstance(task, GroupApprovalTask):
        return
    reviewers = get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True).distinct()
    send(kinds.SUBMITTED, reviewers, page, actor=user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    page = story_of(instance)
    if page is not None:
        send(kinds.APPROVED, [instance.requested_by], page, actor=user)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = story_of(instance)
    if page is not None:
        send(kinds.CHANGES_REQUESTED, [instance.requested_by], page, actor=user)


def publisher_of(page):
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by("-timestamp").first()
    return entry.user if entry is not None else None


def workflow_states_of(page):
    return WorkflowState.objects.filter(
        base_content_type_id=get_default_page_content_type().id, object_id=str(page.pk)
    )


def just_approved(page):
    """Whether this publish ends a workflow approved a moment ago (its approval notice says it)."""
    return (
        workflow_states_of(page)
        .filter(
            status=WorkflowState.STATUS_APPROVED,
            current_task_state__finished_at__gte=timezone.now() - APPROVAL_PUBLISH_WINDOW,
        )
        .exists()
    )


def on_page_published(sender, instance, revision=None, **kwargs):
    from vistka.stories.models import ArticlePage

    if not isinstance(instance, ArticlePage):
        return
    actor = publisher_of(instance)
    if not just_approved(instance):
        requesters = workflow_states_of(instance).values_list("requested_by", flat=True)
        people = get_user_model().objects.filter(pk__in=[instance.owner_id, *requesters])
        send(kinds.PUBLISHED, people, instance, actor=actor)
    if instance.first_published_at and instance.first_published_at == instance.last_published_at:
        translation_missing(instance, actor)


def translators_of(language_code):
    return get_user_model().objects.filter(
        groups__name=roles.group_name(roles.TRANSLATORS, language_code), is_active=True
    )


def translation_missing(story, actor=None):
    """Tell the translators of every edition that has no version of this newly published story."""
    from vistka.stories.models import ArticlePage

    present = set(
        ArticlePage.objects.filter(translation_key=story.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    for edition in EDITIONS:
        if edition.code not in present:
            send(kinds.TRANSLATION_MISSING, translators_of(edition.code), story, actor=actor)


def correction_needs_translating(story, actor=None):
    """A correction was made to `story`: the translators of each edition that has a version of it
    are told, about their own edition's version (the one they will correct)."""
    from vistka.stories.models import ArticlePage

    created = []
    versions = ArticlePage.objects.filter(translation_key=story.translation_key).exclude(pk=story.pk)
    for version in versions.select_related("locale"):
        translators = translators_of(version.locale.language_code)
        created += send(kinds.CORRECTION_TO_TRANSLATE, translators, version, actor=actor)
    return created


def connect():
    for signal, sender, dispatch_uid in WAGTAIL_MAIL_HANDLERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    for signal, sender, name in OUR_HANDLERS:
        signal.connect(globals()[name], sender=sender, dispatch_uid=f"vistka_notifications_{name}")
    page_published.connect(on_page_published, dispatch_uid="vistka_notifications_on_page_published")

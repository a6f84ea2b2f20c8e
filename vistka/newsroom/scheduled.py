"""What is scheduled: stories with an approved revision waiting for its time.

A story is scheduled only when someone allowed to publish chose "Schedule to publish" (or an
editor approved it in review) with a go-live time ahead: Wagtail then marks that revision with
`approved_go_live_at`, and the scheduler publishes exactly those (vistka.newsroom.scheduling).
A draft whose form merely carries a go-live time, or a story still awaiting review, is not.
"""

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from wagtail.models import Revision

from vistka.stories.models import ArticlePage


def approved_go_live_at():
    """The time of the page's approved scheduled revision (None when there is none), as a subquery."""
    return Subquery(
        Revision.page_revisions.filter(
            object_id=Cast(OuterRef("pk"), output_field=CharField()), approved_go_live_at__isnull=False
        )
        .order_by("-created_at")
        .values("approved_go_live_at")[:1]
    )


def scheduled_stories(locale_ids=None):
    """Stories that will go live (or publish new changes) by schedule, soonest first; each with
    `scheduled_at`. Starts from the few approved scheduled revisions (an index on
    approved_go_live_at), not from every story of the edition."""
    page_ids = Revision.page_revisions.filter(approved_go_live_at__isnull=False).values_list(
        "object_id", flat=True
    )
    stories = (
        ArticlePage.objects.filter(pk__in=[int(pk) for pk in page_ids])
        .annotate(scheduled_at=approved_go_live_at())
        .filter(scheduled_at__isnull=False)
    )
    if locale_ids is not None:
        stories = stories.filter(locale_id__in=locale_ids)
    return stories.order_by("scheduled_at", "pk")

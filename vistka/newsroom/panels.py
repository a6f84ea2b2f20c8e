"""Dashboard panels for the newsroom."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from vistka.newsroom.editions import archives_user_can_add_to
from vistka.stories.models import ArticlePage

MISSING_WINDOW = timedelta(hours=48)


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


class MissingTranslationsPanel(Component):
    name = "missing_translations"
    order = 90
    template_name = "newsroom/panels/missing_translations.html"

    def __init__(self, archives):
        self.archives = archives

    def get_context_data(self, parent_context):
        editions = []
        for archive in self.archives:
            stories = list(stories_missing_in(archive.locale_id)[:30])
            # One story per translation group: prefer the earliest original.
            seen, unique = set(), []
            for story in reversed(stories):
                if story.translation_key not in seen:
                    seen.add(story.translation_key)
                    unique.append(story)
            editions.append({"locale": archive.locale, "stories": list(reversed(unique))})
        return {
            "editions": editions,
            "request": parent_context.get("request"),
            "csrf_token": parent_context.get("csrf_token"),
        }


class ScheduledStoriesPanel(Component):
    name = "scheduled_stories"
    order = 95
    template_name = "newsroom/panels/scheduled_stories.html"
    heading = _("Scheduled")

    def __init__(self, archives):
        self.archives = archives

    def get_context_data(self, parent_context):
        locale_ids = [a.locale_id for a in self.archives]
        stories = (
            ArticlePage.objects.filter(locale_id__in=locale_ids, go_live_at__gt=timezone.now())
            .select_related("locale")
            .order_by("go_live_at")[:30]
        )
        return {"stories": stories}


def newsroom_panels_for(user):
    archives = archives_user_can_add_to(user)
    if not archives:
        return []
    return [ScheduledStoriesPanel(archives), MissingTranslationsPanel(archives)]

"""One WordPress post → a StoryPlan (plain values) → a story written through Wagtail.

``plan_story`` reads the post; ``PageWriter`` creates or updates the page from a plan, so a bulk
writer (vistka.archive.writer) can take the same plans later for very large archives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from vistka.stories.kinds import Kind
from vistka.stories.models import ArticleAuthor, ArticlePage, ArticleTag, StoryArchivePage, StoryNumber
from vistka.wordpress.text import first_sentence, fit, plain_text_of

STATUSES = {
    "publish": "live",
    "draft": "draft",
    "pending": "draft",
    "future": "scheduled",
    "private": "private",
}
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description")
SEO_VARIABLE = re.compile(r"%%?[a-z_]+%%?")
POST_FORMAT_KINDS = {
    "post-format-video": Kind.VIDEO,
    "post-format-gallery": Kind.PHOTO,
    "post-format-image": Kind.PHOTO,
}
SEO_TITLE_MAX, SEO_DESCRIPTION_MAX, TITLE_MAX, LEAD_MAX = 255, 600, 255, 600


@dataclass
class StoryPlan:
    edition: str
    title: str
    slug: str
    kind: str
    state: str  # live, draft, scheduled, private
    lead: str
    body: list
    published_at: datetime | None
    modified_at: datetime | None
    is_important: bool
    seo_title: str
    search_description: str
    section: object = None
    tags: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    lead_image: object = None
    translation_key: object = None
    story_number: int | None = None


def plan_story(item, edition, *, body, authors, section, tags, lead_image):
    state = STATUSES[item.status]
    if item.password and state == "live":
        state = "private"  # a password-protected post is not shown to everyone
    published = item.post_date_gmt or item.pub_date or _assume_kyiv(item.post_date_local)
    if state == "scheduled" and published and published <= timezone.now():
        state = "live"  # WordPress missed the schedule; it was due
    lead = fit(plain_text_of(item.excerpt), LEAD_MAX) or first_sentence(body, LEAD_MAX)
    return StoryPlan(
        edition=edition,
        title=fit(plain_text_of(item.title), TITLE_MAX) or fit(lead, 120) or f"WordPress {item.post_id}",
        slug=item.slug,
        kind=kind_of(item),
        state=state,
        lead=lead,
        body=body,
        published_at=published,
        modified_at=item.modified_gmt or published,
        is_important=item.sticky,
        seo_title=fit(plain_text_of(_seo(item, SEO_TITLE_KEYS, plain_text_of(item.title))), SEO_TITLE_MAX),
        search_description=fit(
            plain_text_of(_seo(item, SEO_DESCRIPTION_KEYS, plain_text_of(item.title))), SEO_DESCRIPTION_MAX
        ),
        section=section,
        tags=tags,
        authors=authors,
        lead_image=lead_image,
    )


def wanted_slug(text):
    """The page slug a WordPress slug asks for."""
    return slugify(text or "", allow_unicode=True)[:200]


def kind_of(item):
    """A page is an article; a post's format (video, gallery, image) gives its kind, else news."""
    if item.post_type == "page":
        return Kind.ARTICLE
    formats = [entry.nicename for entry in item.terms("post_format")]
    return POST_FORMAT_KINDS.get(formats[0], Kind.NEWS) if formats else Kind.NEWS


def _seo(item, keys, title):
    for key in keys:
        value = (item.meta(key) or "").strip()
        if value:
            value = value.replace("%%title%%", title).replace("%title%", title)
            return SEO_VARIABLE.sub("", value).strip(" -|–—·")
    return ""


def _assume_kyiv(moment):
    """A post without its GMT date: its site's wall clock, taken as the newsroom's (Kyiv) time."""
    if moment is None:
        return None
    return timezone.make_aware(moment, ZoneInfo(settings.TIME_ZONE)).astimezone(UTC)


class PageWriter:
    """Writes stories one at a time through Wagtail (revisions, publishing, search index)."""

    def __init__(self, editions):
        self.editions = editions
        self.archives = {}

    def archive(self, edition):
        if edition not in self.archives:
            self.archives[edition] = StoryArchivePage.objects.get(locale=self.editions.locale(edition))
        return self.archives[edition]

    def create(self, plan: StoryPlan) -> ArticlePage:
        archive = self.archive(plan.edition)
        page = ArticlePage(locale=self.editions.locale(plan.edition), live=False)
        if plan.translation_key is not None:
            page.translation_key = plan.translation_key
        if plan.story_number:
            page.story_number = plan.story_number
        self._fill(page, plan)
        page.slug = self.free_slug(archive, plan.slug, page)
        archive.add_child(instance=page)
        self._publish(page, plan)
        return page

    def update(self, page: ArticlePage, plan: StoryPlan) -> ArticlePage:
        page = page.get_latest_revision_as_object()
        self._fill(page, plan)
        self._publish(page, plan)
        return page

    def _fill(self, page, plan):
        page.title = plan.title
        page.draft_title = plan.title
        page.kind = plan.kind
        page.lead = plan.lead
        page.body = plan.body
        page.section = plan.section
        page.is_important = plan.is_important
        page.seo_title = plan.seo_title
        page.search_description = plan.search_description
        page.lead_image = plan.lead_image
        if plan.state == "live" and plan.published_at and not page.first_published_at:
            page.first_published_at = plan.published_at
        page.go_live_at = plan.published_at if plan.state == "scheduled" else None
        page.story_authors.set(
            [ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(plan.authors)]
        )
        page.story_tags.set([ArticleTag(tag=tag, sort_order=i) for i, tag in enumerate(plan.tags)])

    def _publish(self, page, plan):
        revision = page.save_revision(clean=False)
        if plan.state in ("live", "scheduled"):
            revision.publish()
        elif page.live:
            page.unpublish()
        if plan.state == "live" and plan.published_at:
            ArticlePage.objects.filter(pk=page.pk).update(
                last_published_at=plan.modified_at or plan.published_at
            )
        page.refresh_from_db()

    @staticmethod
    def free_slug(archive, wanted, page):
        """The post's own slug where no other story of the edition has it."""
        base = wanted_slug(wanted)
        if not base:
            return ""  # the story number, given on save
        siblings = ArticlePage.objects.child_of(archive)
        if not siblings.filter(slug=base).exists():
            return base
        if not page.story_number:
            page.story_number = StoryNumber.next()  # taken now to tell the two apart
        return f"{base}-{page.story_number}"
